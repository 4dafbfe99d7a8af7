// `wuzha eval risk` on a small held-out city (seed 7, 10,000 residents, 3 days; the model
// trained on seed 1007): the bar — at least 90% of the victims' payments held or
// blocked before the money leaves layer 2, false holds at most 0.1% of legitimate
// transfers — and telecom linkage raising the share stopped at the payment itself.
// Interception uses its keyword rules only (no classifier city) to stay fast.
#include "cli/risk_eval.h"

#include <gtest/gtest.h>

namespace wuzha::cli {
namespace {

const RiskEvalResult& Result() {
  static const RiskEvalResult r = [] {
    RiskEvalOptions o;
    o.seed = 7;
    o.population = 10000;
    o.days = 3;
    o.threads = 1;
    o.sms_classifier = false;
    auto result = RunRiskEval(o);
    EXPECT_TRUE(result.ok()) << result.error().message();
    return result.ok() ? *result : RiskEvalResult{};
  }();
  return r;
}

TEST(RiskEval, StopsFraudBeforeLayerTwoWithFewFalseHolds) {
  const RiskEvalResult& r = Result();
  std::printf("%s\n", r.ToJson().c_str());
  ASSERT_GE(r.full.fraud_transfers, 15u);
  ASSERT_GT(r.full.legit_transfers, 10000u);
  EXPECT_GE(r.full.recall(), 0.9);
  EXPECT_LE(r.full.false_hold_rate(), 0.001);
  EXPECT_GT(r.full.pr_auc, 0.9);
  EXPECT_GT(r.full.fen_saved, 0);
  EXPECT_GT(r.full.signals, 0u);  // holds raise warning signals
  EXPECT_LT(r.full.decide_us_p99, 50.0);
}

TEST(RiskEval, TelecomLinkageRaisesRecallAtTheSameFalseHoldRate) {
  const RiskEvalResult& r = Result();
  EXPECT_LE(r.no_linkage.false_hold_rate(), 0.001);
  // In the loop: at least as many payments stopped before any money left the victim (the
  // two loops differ after the first hold, so this figure is noisy on a small city).
  EXPECT_GE(r.full.recall_at_payment(), r.no_linkage.recall_at_payment());
  // On the same transfers (the city without a gate), both within the false-hold budget,
  // and at an equal false-hold rate (the target) linkage holds more victims' payments.
  const OpenLoopScore& with = r.full.open_loop;
  const OpenLoopScore& without = r.no_linkage.open_loop;
  ASSERT_GT(with.victim_payments, 15u);
  EXPECT_LE(with.false_hold_rate(), 0.001);
  EXPECT_LE(without.false_hold_rate(), 0.001);
  EXPECT_GT(with.victim_recall_at_target, without.victim_recall_at_target);
  EXPECT_GT(with.pr_auc, without.pr_auc);
}

TEST(RiskEval, RulesAloneStayWithinTheFalseHoldBudget) {
  const RiskEvalResult& r = Result();
  EXPECT_LE(r.rules_only.false_hold_rate(), 0.001);
  EXPECT_GT(r.rules_only.held_or_blocked_before_exit, 0u);
  EXPECT_LT(r.rules_only.pr_auc, r.full.pr_auc);  // the model ranks better than rule levels
}

TEST(RiskEval, TrainingNeverSawTheEvaluatedCity) {
  const RiskEvalResult& r = Result();
  EXPECT_NE(r.options.seed, r.options.train_seed ? r.options.train_seed : r.options.seed + 1000);
  EXPECT_GT(r.training.positives, 100u);
  EXPECT_LE(r.training.full.calibration_false_hold_rate, 0.001);
}

}  // namespace
}  // namespace wuzha::cli
