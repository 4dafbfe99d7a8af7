// sms.classifier: the fastText model's fraud type for the normalized text, scored by
// its probability.
#include <cstdio>

#include "intercept/rules/factories.h"
#include "intercept/sms_classifier.h"

namespace wuzha::intercept {
namespace {

class SmsClassifierRule final : public SmsRule {
 public:
  explicit SmsClassifierRule(const SmsClassifier& model) : model_(model) {}
  std::string_view name() const override { return "sms.classifier"; }
  std::string_view description() const override {
    return "fastText text classifier names a fraud type (score = 1 - p(not fraud))";
  }
  void Evaluate(const SmsInput& in, const CheckContext&, Findings& out) const override {
    const Prediction p = model_.PredictNormalized(in.normalized);
    if (p.label.empty() || p.label == "0") return;
    Finding f;
    f.rule = name();
    // The chance of fraud of any type: a text the model finds fraud but cannot place
    // between two scripts is no less fraud for it.
    f.score = p.not_fraud > 0 ? 1 - p.not_fraud : p.probability;
    f.fraud_type = p.label;
    char detail[96];
    std::snprintf(detail, sizeof detail, "p=%.3f, p(fraud)=%.3f", p.probability, f.score);
    f.detail = p.label + " " + detail;
    out.push_back(std::move(f));
  }

 private:
  const SmsClassifier& model_;
};

}  // namespace

std::unique_ptr<SmsRule> NewSmsClassifierRule(const Resources& resources) {
  if (resources.classifier == nullptr) return nullptr;
  return std::make_unique<SmsClassifierRule>(*resources.classifier);
}

}  // namespace wuzha::intercept
