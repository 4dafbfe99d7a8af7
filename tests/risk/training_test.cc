// Training helpers: average precision, thresholds for a false-hold budget, and the
// calibration keeping the held-out legit rows within the target.
#include "risk/training.h"

#include <gtest/gtest.h>

#include <cmath>

#include "synthetic_stream.h"

namespace wuzha::risk {
namespace {

TEST(AveragePrecision, MatchesHandComputedValues) {
  // Perfect ranking.
  EXPECT_DOUBLE_EQ(
      AveragePrecision(std::vector<float>{0.9f, 0.8f, 0.1f}, std::vector<float>{1, 1, 0}), 1.0);
  // scikit-learn: average_precision_score([1,0,1,0], [0.9,0.8,0.7,0.1]) = (1 + 2/3) / 2.
  EXPECT_NEAR(
      AveragePrecision(std::vector<float>{0.9f, 0.8f, 0.7f, 0.1f}, std::vector<float>{1, 0, 1, 0}),
      (1.0 + 2.0 / 3.0) / 2.0, 1e-12);
  // Ties are one step: both at 0.5, one positive: precision 1/2 at recall 1.
  EXPECT_DOUBLE_EQ(AveragePrecision(std::vector<float>{0.5f, 0.5f}, std::vector<float>{0, 1}), 0.5);
  EXPECT_DOUBLE_EQ(AveragePrecision(std::vector<float>{0.5f}, std::vector<float>{0}), 0.0);
}

TEST(ThresholdForBudget, KeepsAtMostTheBudgetAbove) {
  const std::vector<float> s = {0.1f, 0.9f, 0.5f, 0.7f, 0.7f};
  auto above = [&](float t) {
    return std::count_if(s.begin(), s.end(), [&](float x) { return x >= t; });
  };
  EXPECT_EQ(above(ThresholdForBudget(s, 0)), 0);
  EXPECT_EQ(above(ThresholdForBudget(s, 1)), 1);
  EXPECT_EQ(above(ThresholdForBudget(s, 2)), 1);  // the two 0.7s go together or not at all
  EXPECT_EQ(above(ThresholdForBudget(s, 3)), 3);
  EXPECT_EQ(above(ThresholdForBudget(s, 10)), 5);
  EXPECT_GT(ThresholdForBudget(s, -1), 1.0f);  // nothing, not even a probability of 1
}

TEST(TrainRiskModel, CalibratesWithinTheTargetFalseHoldRate) {
  DatasetBuilder builder;
  for (const auto& s : testing::SyntheticStream(9, 500, 5))
    builder.Add(s.event, s.has_verdict ? &s.verdict : nullptr, s.fraud ? 1.0f : 0.0f);
  RiskTrainOptions o;
  o.params.num_rounds = 30;
  o.target_false_hold_rate = 0.01;
  auto r = TrainRiskModel(builder.data(), builder.groups(), o);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_GT(r->train_rows, r->calibration_rows);
  EXPECT_GT(r->calibration_positives, 5u);
  EXPECT_LE(r->calibration_false_hold_rate, o.target_false_hold_rate * o.margin + 1e-9);
  EXPECT_GT(r->calibration_recall, 0.8);
  EXPECT_GT(r->calibration_pr_auc, 0.8);
  // Too few rows is an error, not a model.
  Dataset tiny;
  tiny.num_features = kFeatureCount;
  tiny.features.assign(kFeatureCount * 3, 0.0f);
  tiny.labels = {0, 1, 0};
  std::vector<uint64_t> groups = {1, 2, 3};
  auto refused = TrainRiskModel(tiny, groups, o);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace wuzha::risk
