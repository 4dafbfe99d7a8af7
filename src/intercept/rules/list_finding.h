// How a list hit becomes a finding, shared by the list rules of every channel: a block
// entry blocks (a range only warns: a 号段 also holds honest subscribers), an allow entry
// allows, and the detail names the value, the list's source and the fraud type.
#pragma once

#include <string>
#include <string_view>

#include "intercept/rule.h"
#include "lists/indicator.h"

namespace wuzha::intercept {

inline Finding ListFinding(std::string_view rule, const lists::Entry& entry, std::string_view what) {
  Finding f;
  f.rule = rule;
  std::string detail(what);
  detail += ' ';
  detail += lists::IndicatorToText(entry.type, entry.value);
  detail += ' ';
  detail += lists::ListKindName(entry.kind);
  detail += "-listed";
  if (!entry.source.empty()) detail += " by " + entry.source;
  if (entry.kind == lists::ListKind::kAllow) {
    f.effect = Effect::kAllow;
    f.score = 0;
  } else if (entry.type == lists::IndicatorType::kRange) {
    f.effect = Effect::kWarn;
    f.score = 0.6;
  } else {
    f.effect = Effect::kBlock;
    f.score = 1.0;
  }
  if (entry.fraud_type && entry.kind != lists::ListKind::kAllow) {
    f.fraud_type = std::string(FraudTypeName(*entry.fraud_type));
  }
  f.detail = std::move(detail);
  return f;
}

}  // namespace wuzha::intercept
