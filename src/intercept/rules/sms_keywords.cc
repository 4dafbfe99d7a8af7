// sms.keywords: the vectorscan keyword database (SmsRules) over the normalized text. Two
// distinct keywords of one fraud type are needed; more make the finding surer.
#include <string>

#include "intercept/rules/factories.h"
#include "intercept/sms_rules.h"

namespace wuzha::intercept {
namespace {

class SmsKeywordRule final : public SmsRule {
 public:
  explicit SmsKeywordRule(const SmsRules& rules) : rules_(rules) {}
  std::string_view name() const override { return "sms.keywords"; }
  std::string_view description() const override {
    return "keywords of one fraud type's scripts (at least two distinct) in the normalized text";
  }
  void Evaluate(const SmsInput& in, const CheckContext&, Findings& out) const override {
    const RuleHit hit = rules_.Scan(in.normalized);
    if (hit.fraud_type.empty()) return;
    Finding f;
    f.rule = name();
    // 2 keywords 0.55, 3 0.7, 4+ 0.8: keywords alone warn, they block only with a second
    // signal (classifier, list).
    f.score = hit.hits >= 4 ? 0.8 : hit.hits == 3 ? 0.7 : 0.55;
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
};

}  // namespace

std::unique_ptr<SmsRule> NewSmsKeywordRule(const Resources& resources) {
  if (resources.keywords == nullptr) return nullptr;
  return std::make_unique<SmsKeywordRule>(*resources.keywords);
}

}  // namespace wuzha::intercept
