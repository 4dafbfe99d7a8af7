// Our compiled evaluator against XGBoost's own predictor on models XGBoost trained:
// the same scores on thousands of rows with missing values, rows that land exactly on
// split thresholds and rows never seen in training, one at a time and in batches, for
// every supported objective and for deep (loss-guided) and parallel trees.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "risk/trainer.h"
#include "risk/tree_model.h"
#include "synthetic_data.h"

namespace wuzha::risk {
namespace {

constexpr size_t kFeatures = 20;

struct Trained {
  std::string json;
  std::vector<float> rows;  // rows to score, row-major
  size_t num_rows = 0;
};

// Rows from the training set (their integer and repeated values sit exactly on
// thresholds), fresh rows from another seed, and fully missing rows.
std::vector<float> EvaluationRows(const Dataset& train, size_t from_train, size_t fresh) {
  std::vector<float> rows(train.features.begin(),
                          train.features.begin() + static_cast<ptrdiff_t>(from_train * kFeatures));
  const Dataset other = testing::SyntheticTransfers(fresh, kFeatures, 991, 0.3);
  rows.insert(rows.end(), other.features.begin(), other.features.end());
  rows.insert(rows.end(), 3 * kFeatures, std::numeric_limits<float>::quiet_NaN());
  return rows;
}

// The model of the task: 200 trees of depth 6, trained once for all tests here.
const Trained& Model200x6() {
  static const Trained* trained = [] {
    auto* t = new Trained;
    const Dataset train = testing::SyntheticTransfers(8000, kFeatures, 7);
    TrainParams params;
    params.num_rounds = 200;
    params.max_depth = 6;
    params.eta = 0.1;
    auto json = TrainGbt(train, params);
    EXPECT_TRUE(json.ok()) << json.status().ToString();
    if (json.ok()) t->json = std::move(*json);
    t->rows = EvaluationRows(train, 3000, 3000);
    t->num_rows = t->rows.size() / kFeatures;
    return t;
  }();
  return *trained;
}

std::span<const float> Row(const std::vector<float>& rows, size_t i, size_t features) {
  return std::span<const float>(rows).subspan(i * features, features);
}

TEST(TreeModelMatchesXgboost, TwoHundredTreesOfDepthSixRowByRow) {
  const Trained& t = Model200x6();
  ASSERT_FALSE(t.json.empty());
  auto ours = TreeModel::FromJson(t.json);
  ASSERT_TRUE(ours.ok()) << ours.status().ToString();
  auto xgb = XgbPredictor::FromJson(t.json);
  ASSERT_TRUE(xgb.ok()) << xgb.status().ToString();
  EXPECT_EQ(ours->num_trees(), 200u);
  EXPECT_EQ(ours->max_depth(), 6);
  ASSERT_GE(t.num_rows, 6000u);

  size_t same_bits = 0, with_missing = 0;
  double worst = 0;
  for (size_t i = 0; i < t.num_rows; ++i) {
    const auto row = Row(t.rows, i, kFeatures);
    for (float v : row) {
      if (std::isnan(v)) {
        ++with_missing;
        break;
      }
    }
    auto expected = xgb->Predict(row);
    auto expected_margin = xgb->Predict(row, /*output_margin=*/true);
    ASSERT_TRUE(expected.ok() && expected_margin.ok()) << expected.status().ToString();
    const float probability = ours->Predict(row);
    const float margin = ours->PredictMargin(row);
    ASSERT_LE(std::abs(probability - *expected), 1e-6) << "row " << i;
    worst = std::max(worst, double(std::abs(probability - *expected)));
    same_bits += margin == *expected_margin && probability == *expected;
  }
  EXPECT_GT(with_missing, t.num_rows / 2);
  // Same comparisons, same float32 additions in the same order, same sigmoid: XGBoost's
  // numbers to the bit, not merely within the tolerance.
  EXPECT_EQ(same_bits, t.num_rows) << "worst difference " << worst;
}

TEST(TreeModelMatchesXgboost, TwoHundredTreesOfDepthSixInBatches) {
  const Trained& t = Model200x6();
  ASSERT_FALSE(t.json.empty());
  auto ours = TreeModel::FromJson(t.json);
  auto xgb = XgbPredictor::FromJson(t.json);
  ASSERT_TRUE(ours.ok() && xgb.ok());
  std::vector<float> expected(t.num_rows), got(t.num_rows), margins(t.num_rows);
  ASSERT_TRUE(xgb->PredictBatch(t.rows, expected).ok());
  ours->PredictBatch(t.rows, got);
  ours->PredictMarginBatch(t.rows, margins);
  for (size_t i = 0; i < t.num_rows; ++i) {
    ASSERT_LE(std::abs(got[i] - expected[i]), 1e-6) << "row " << i;
    EXPECT_EQ(got[i], expected[i]) << "row " << i;
    EXPECT_EQ(margins[i], ours->PredictMargin(Row(t.rows, i, kFeatures))) << "row " << i;
  }
  // Odd batch sizes: the tail after the last full block of rows.
  for (size_t n : {1u, 7u, 9u, 17u}) {
    std::vector<float> part(n);
    ours->PredictBatch(std::span<const float>(t.rows).first(n * kFeatures), part);
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(part[i], expected[i]) << n << " rows, row " << i;
  }
}

struct Variant {
  const char* name;
  TrainParams params;
  bool continuous_label = false;
};

std::vector<Variant> Variants() {
  std::vector<Variant> v;
  auto base = [] {
    TrainParams p;
    p.num_rounds = 30;
    p.max_depth = 4;
    return p;
  };
  v.push_back({"reg:squarederror", base(), true});
  v.back().params.objective = "reg:squarederror";
  v.push_back({"reg:logistic", base()});
  v.back().params.objective = "reg:logistic";
  v.push_back({"binary:logitraw", base()});
  v.back().params.objective = "binary:logitraw";
  v.push_back({"binary:logitraw base_score 0.3", base()});
  v.back().params.objective = "binary:logitraw";
  v.back().params.base_score = 0.3;
  v.push_back({"base_score 0.3, scale_pos_weight 3", base()});
  v.back().params.base_score = 0.3;
  v.back().params.scale_pos_weight = 3;
  v.push_back({"squarederror base_score 2.5", base(), true});
  v.back().params.objective = "reg:squarederror";
  v.back().params.base_score = 2.5;
  v.push_back({"lossguide, deep unbalanced trees", base()});
  v.back().params.max_depth = 0;
  v.back().params.extra = {{"grow_policy", "lossguide"}, {"max_leaves", "48"}};
  v.push_back({"4 parallel trees per round, sampled", base()});
  v.back().params.subsample = 0.7;
  v.back().params.colsample_bytree = 0.6;
  v.back().params.extra = {{"num_parallel_tree", "4"}};
  return v;
}

TEST(TreeModelMatchesXgboost, EveryObjectiveAndTreeShape) {
  Dataset train = testing::SyntheticTransfers(3000, kFeatures, 11);
  train.weights.resize(train.num_rows());
  for (size_t i = 0; i < train.num_rows(); ++i) train.weights[i] = 0.5f + float(i % 3);
  Dataset continuous = train;
  for (size_t i = 0; i < train.num_rows(); ++i) {
    const float x0 = train.features[i * kFeatures];
    continuous.labels[i] = 3.0f * train.labels[i] + (std::isnan(x0) ? 0.0f : x0);
  }
  const std::vector<float> rows = EvaluationRows(train, 1000, 1000);
  const size_t n = rows.size() / kFeatures;
  for (const Variant& variant : Variants()) {
    SCOPED_TRACE(variant.name);
    auto json = TrainGbt(variant.continuous_label ? continuous : train, variant.params);
    ASSERT_TRUE(json.ok()) << json.status().ToString();
    auto ours = TreeModel::FromJson(*json);
    ASSERT_TRUE(ours.ok()) << ours.status().ToString();
    auto xgb = XgbPredictor::FromJson(*json);
    ASSERT_TRUE(xgb.ok()) << xgb.status().ToString();
    std::vector<float> expected(n), expected_margin(n), got(n);
    ASSERT_TRUE(xgb->PredictBatch(rows, expected).ok());
    ASSERT_TRUE(xgb->PredictBatch(rows, expected_margin, /*output_margin=*/true).ok());
    ours->PredictBatch(rows, got);
    size_t same_bits = 0;
    for (size_t i = 0; i < n; ++i) {
      const auto row = Row(rows, i, kFeatures);
      ASSERT_LE(std::abs(got[i] - expected[i]), 1e-6 * std::max(1.0f, std::abs(expected[i])))
          << "row " << i;
      same_bits += got[i] == expected[i] && ours->Predict(row) == expected[i] &&
                   ours->PredictMargin(row) == expected_margin[i];
    }
    EXPECT_EQ(same_bits, n);
    if (variant.params.max_depth == 0) {
      EXPECT_GT(ours->max_depth(), 8);
    }
  }
}

}  // namespace
}  // namespace wuzha::risk
