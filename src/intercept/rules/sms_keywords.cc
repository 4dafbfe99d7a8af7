// sms.keywords: the vectorscan keyword database (SmsRules) over the normalized text. Two
// distinct keywords of one fraud type are needed; more make the finding surer.
#include <algorithm>
#include <string>

#include "intercept/rules/factories.h"
#include "intercept/sms_rules.h"

namespace wuzha::intercept {
namespace {

class SmsKeywordRule final : public SmsRule {
 public:
  SmsKeywordRule(const SmsRules& rules, bool corroborating)
      : rules_(rules), corroborating_(corroborating) {}
  std::string_view name() const override { return "sms.keywords"; }
  std::string_view description() const override {
    return "keywords of one fraud type's scripts (at least two distinct) in the normalized text";
  }
  void Evaluate(const SmsInput& in, const CheckContext&, Findings& out) const override {
    const RuleHit hit = rules_.Scan(in.normalized);
    if (hit.fraud_type.empty()) return;
    Finding f;
    f.rule = name();
    // Legitimate notices share keywords with fraud: the police's own 反诈 reminders and
    // couriers' warnings name four or more of them. Alone (no classifier) keywords
    // warn from three on (2: 0.35, 3: 0.5, 4+: 0.65) and never block; next to the
    // classifier, which has learnt those notices, they only corroborate (at most 0.45).
    const double alone = hit.hits >= 4 ? 0.65 : hit.hits == 3 ? 0.5 : 0.35;
    f.score = corroborating_ ? std::min(alone, 0.3 + 0.05 * (hit.hits - 2)) : alone;
    f.score = std::min(f.score, corroborating_ ? 0.45 : 0.65);
    f.fraud_type = hit.fraud_type;
    f.detail = std::to_string(hit.hits) + " keywords:";
    for (std::string_view k : hit.keywords) {
      f.detail += ' ';
      f.detail += k;
    }
    out.push_back(std::move(f));
  }

 private:
  const SmsRules& rules_;
  const bool corroborating_;  // a classifier runs too
};

}  // namespace

std::unique_ptr<SmsRule> NewSmsKeywordRule(const Resources& resources) {
  if (resources.keywords == nullptr) return nullptr;
  return std::make_unique<SmsKeywordRule>(*resources.keywords, resources.classifier != nullptr);
}

}  // namespace wuzha::intercept
