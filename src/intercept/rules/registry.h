// The one list of interception rules, per channel, in evaluation order. A rule whose
// resource is missing (no classifier, no 号段 table ...) is left out. Adding a rule:
// write rules/<channel>_<what>.cc defining its New...Rule factory, declare the factory
// in rules/factories.h, and add one line to the channel's list in registry.cc.
#pragma once

#include <memory>
#include <vector>

#include "intercept/rule.h"

namespace wuzha::intercept {

std::vector<std::unique_ptr<CallRule>> BuildCallRules(const Resources& resources);
std::vector<std::unique_ptr<SmsRule>> BuildSmsRules(const Resources& resources);
std::vector<std::unique_ptr<UrlRule>> BuildUrlRules(const Resources& resources);
std::vector<std::unique_ptr<AppRule>> BuildAppRules(const Resources& resources);

}  // namespace wuzha::intercept
