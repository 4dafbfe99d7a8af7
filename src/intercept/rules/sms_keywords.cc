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
    // Legitimate texts share keywords with fraud: the police's own 反诈 reminders,
    // couriers' warnings and banks' wealth-product ads name three or four of them (in
    // the demo city, keywords alone at 0.5 for three warned 5% of legitimate SMS). So
    // keywords never warn alone (2: 0.3, 3: 0.4, 4+: 0.45): they add to a link, a list
    // hit or the classifier; next to the classifier, which has learnt those texts, they
    // add less (0.3 to 0.4).
    const double alone = hit.hits >= 4 ? 0.45 : hit.hits == 3 ? 0.4 : 0.3;
    f.score = corroborating_ ? std::min(alone, 0.3 + 0.05 * (hit.hits - 2)) : alone;
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
