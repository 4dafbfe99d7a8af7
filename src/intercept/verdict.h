// Verdict: what interception answers to "is this fraud?" for a call, an SMS, a URL or
// an app — allow, warn or block, with the fraud type, a score and the reasons that
// fired, so that an analyst (and the person warned) can see why.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wuzha::intercept {

enum class Decision : uint8_t { kAllow, kWarn, kBlock };
// "allow", "warn", "block".
std::string_view DecisionName(Decision d);

struct Reason {
  std::string rule;    // the rule's name, e.g. "sms.classifier", "sms.keywords"
  std::string detail;  // what it saw, e.g. "冒充客服服务 p=0.97"
};

struct Verdict {
  Decision decision = Decision::kAllow;
  std::string fraud_type;  // empty when not fraud; the label the rule or model names
  double score = 0;        // 0..1: confidence that it is fraud
  std::vector<Reason> reasons;
};

}  // namespace wuzha::intercept
