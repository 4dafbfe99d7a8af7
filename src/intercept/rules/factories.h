// Factories of every rule, one per file in this folder. Each returns nullptr when a
// resource it needs is missing from `resources`. Only registry.cc calls these.
#pragma once

#include <memory>

#include "intercept/rule.h"

namespace wuzha::intercept {

// Calls.
std::unique_ptr<CallRule> NewCallListRule(const Resources& resources);
std::unique_ptr<CallRule> NewCallBehaviourRule(const Resources& resources);
std::unique_ptr<CallRule> NewCallSpoofRule(const Resources& resources);
std::unique_ptr<CallRule> NewCallRangeRule(const Resources& resources);

// SMS.
std::unique_ptr<SmsRule> NewSmsKeywordRule(const Resources& resources);
std::unique_ptr<SmsRule> NewSmsClassifierRule(const Resources& resources);
std::unique_ptr<SmsRule> NewSmsSenderListRule(const Resources& resources);
std::unique_ptr<SmsRule> NewSmsLinkListRule(const Resources& resources);

// URLs and DNS.
std::unique_ptr<UrlRule> NewUrlListRule(const Resources& resources);
std::unique_ptr<UrlRule> NewUrlLookalikeRule(const Resources& resources);
std::unique_ptr<UrlRule> NewUrlNewDomainRule(const Resources& resources);

// Apps.
std::unique_ptr<AppRule> NewAppListRule(const Resources& resources);
std::unique_ptr<AppRule> NewAppBrandLabelRule(const Resources& resources);
std::unique_ptr<AppRule> NewAppPermissionsRule(const Resources& resources);
std::unique_ptr<AppRule> NewAppPackageShapeRule(const Resources& resources);

}  // namespace wuzha::intercept
