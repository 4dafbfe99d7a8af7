#include "risk/scorer.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace wuzha::risk {

Scorer::Scorer(std::shared_ptr<const RuleSet> rules, std::shared_ptr<const RiskModel> model,
               ScorerOptions options)
    : rules_(std::move(rules)), model_(std::move(model)), features_(std::move(options.features)) {
  WUZHA_CHECK(rules_ != nullptr);
  for (Feature f : options.masked) mask_[static_cast<size_t>(f)] = true;
  if (model_ != nullptr) {
    for (Feature f : model_->card().masked) mask_[static_cast<size_t>(f)] = true;
  }
  for (bool m : mask_) any_mask_ |= m;
  decision_.matched.reserve(16);
  ResolveThresholds();
}

void Scorer::SetRules(std::shared_ptr<const RuleSet> rules) {
  WUZHA_CHECK(rules != nullptr);
  rules_ = std::move(rules);
  ResolveThresholds();
}

void Scorer::ResolveThresholds() {
  Thresholds t;
  if (model_ != nullptr) {
    const ModelThresholds& card = model_->card().thresholds;
    t.warn = card.warn.value_or(t.warn);
    t.hold = card.hold.value_or(t.hold);
    t.block = card.block.value_or(t.block);
  }
  const ModelThresholds& file = rules_->model_thresholds();
  t.warn = file.warn.value_or(t.warn);
  t.hold = file.hold.value_or(t.hold);
  t.block = file.block.value_or(t.block);
  thresholds_ = t;
}

const RiskDecision& Scorer::Decide(const Event& transfer) {
  RiskDecision& d = decision_;
  features_.Extract(transfer, d.features);
  if (any_mask_) {
    for (size_t i = 0; i < kFeatureCount; ++i) {
      if (mask_[i]) d.features[i] = std::numeric_limits<float>::quiet_NaN();
    }
  }
  d.matched.clear();
  d.rule_decision = rules_->Evaluate(d.features, &d.matched);
  d.model_decision = Decision::kAllow;
  d.score = std::numeric_limits<float>::quiet_NaN();
  if (model_ != nullptr) {
    d.score = model_->trees().Predict(d.features);
    if (d.score >= thresholds_.block) {
      d.model_decision = Decision::kBlock;
    } else if (d.score >= thresholds_.hold) {
      d.model_decision = Decision::kHold;
    } else if (d.score >= thresholds_.warn) {
      d.model_decision = Decision::kWarn;
    }
  }
  d.decision = std::max(d.rule_decision, d.model_decision);
  const TransferEvent& t = transfer.as<TransferEvent>();
  d.fraud_type = {};
  for (uint16_t i : d.matched) {
    if (!rules_->rules()[i].fraud_type.empty()) {
      d.fraud_type = rules_->rules()[i].fraud_type;
      break;
    }
  }
  if (d.fraud_type.empty()) d.fraud_type = features_.LastFraudType(t.payer_phone);
  if (d.decision >= Decision::kHold && sink_) {
    WarningSignal s;
    s.account = t.from_account;
    s.phone = t.payer_phone;
    s.payee = t.to_account;
    s.transfer_id = transfer.id;
    s.time_ms = transfer.ts.millis();
    s.amount_fen = t.amount.fen();
    s.decision = d.decision;
    s.score = d.score;
    s.fraud_type = std::string(d.fraud_type);
    s.reason = Reasons(d);
    sink_(s);
  }
  return d;
}

std::string Scorer::Reasons(const RiskDecision& d) const {
  std::string out;
  for (uint16_t i : d.matched) {
    const Rule& r = rules_->rules()[i];
    if (!out.empty()) out += "; ";
    out += "rule ";
    out += r.name;
    out += ": ";
    out += r.reason;
  }
  if (d.model_decision != Decision::kAllow) {
    const float cut = d.model_decision == Decision::kBlock  ? thresholds_.block
                      : d.model_decision == Decision::kHold ? thresholds_.hold
                                                            : thresholds_.warn;
    char buf[96];
    std::snprintf(buf, sizeof buf, "model p=%.3f >= %s %.3f", static_cast<double>(d.score),
                  std::string(DecisionName(d.model_decision)).c_str(), static_cast<double>(cut));
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

}  // namespace wuzha::risk
