// TreeModel on a hand-written model with known answers: the split rule, missing values,
// base_score, the objectives, the batch form, and the loader's errors, each naming the
// JSON path of what is wrong.
#include "risk/tree_model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace wuzha::risk {
namespace {

using ::testing::HasSubstr;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// Two trees over 3 features, laid out as XGBoost 1.7 writes them:
//   tree 0: f0 < 0.5 (missing: left)  ? 1.0
//                                     : f1 < 2.0 (missing: right) ? -0.5 : 0.25
//   tree 1: the leaf 0.125
// Node 5 of tree 0 is a deleted node nobody reaches, as XGBoost leaves after pruning.
constexpr const char* kTinyModel = R"({
  "learner": {
    "attributes": {},
    "feature_names": [],
    "feature_types": [],
    "gradient_booster": {
      "model": {
        "gbtree_model_param": {"num_parallel_tree": "1", "num_trees": "2", "size_leaf_vector": "0"},
        "tree_info": [0, 0],
        "trees": [
          {
            "base_weights": [0, 0, 0, 0, 0, 0],
            "categories": [], "categories_nodes": [], "categories_segments": [], "categories_sizes": [],
            "default_left": [1, 0, 0, 0, 0, 0],
            "id": 0,
            "left_children": [1, -1, 3, -1, -1, -1],
            "loss_changes": [0, 0, 0, 0, 0, 0],
            "parents": [2147483647, 0, 0, 2, 2, 2147483647],
            "right_children": [2, -1, 4, -1, -1, -1],
            "split_conditions": [5E-1, 1E0, 2E0, -5E-1, 2.5E-1, 9E0],
            "split_indices": [0, 0, 1, 0, 0, 0],
            "split_type": [0, 0, 0, 0, 0, 0],
            "sum_hessian": [1, 1, 1, 1, 1, 1],
            "tree_param": {"num_deleted": "1", "num_feature": "3", "num_nodes": "6", "size_leaf_vector": "0"}
          },
          {
            "base_weights": [0],
            "categories": [], "categories_nodes": [], "categories_segments": [], "categories_sizes": [],
            "default_left": [0],
            "id": 1,
            "left_children": [-1],
            "loss_changes": [0],
            "parents": [2147483647],
            "right_children": [-1],
            "split_conditions": [1.25E-1],
            "split_indices": [0],
            "split_type": [0],
            "sum_hessian": [1],
            "tree_param": {"num_deleted": "0", "num_feature": "3", "num_nodes": "1", "size_leaf_vector": "0"}
          }
        ]
      },
      "name": "gbtree"
    },
    "learner_model_param": {"base_score": "5E-1", "boost_from_average": "1", "num_class": "0", "num_feature": "3", "num_target": "1"},
    "objective": {"name": "binary:logistic", "reg_loss_param": {"scale_pos_weight": "1"}}
  },
  "version": [1, 7, 4]
})";

// `json` with the first occurrence of `from` replaced by `to`.
std::string Replace(std::string json, const std::string& from, const std::string& to) {
  const size_t at = json.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) json.replace(at, from.size(), to);
  return json;
}

std::string Tiny(const std::string& from, const std::string& to) {
  return Replace(kTinyModel, from, to);
}

TreeModel Load(const std::string& json) {
  auto model = TreeModel::FromJson(json);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return model.ok() ? std::move(*model) : TreeModel();
}

float Sigmoid(float margin) { return 1.0f / (1.0f + std::exp(-margin)); }

TEST(TreeModel, ReadsTheShapeOfTheModel) {
  const TreeModel model = Load(kTinyModel);
  EXPECT_EQ(model.num_trees(), 2u);
  EXPECT_EQ(model.num_features(), 3u);
  EXPECT_EQ(model.max_depth(), 2);
  EXPECT_EQ(model.objective(), TreeObjective::kBinaryLogistic);
  EXPECT_EQ(model.base_margin(), 0.0f);  // logit(0.5)
  EXPECT_EQ(sizeof(TreeModel::Node), 16u);
}

TEST(TreeModel, GoesLeftOnlyWhenStrictlyBelowTheThreshold) {
  const TreeModel model = Load(kTinyModel);
  const std::vector<float> left = {0.2f, 5.0f, 0.0f};
  const std::vector<float> right_left = {0.7f, 1.0f, 0.0f};
  const std::vector<float> right_right = {0.7f, 3.0f, 0.0f};
  const std::vector<float> on_both_thresholds = {0.5f, 2.0f, 0.0f};
  EXPECT_EQ(model.PredictMargin(left), 1.125f);
  EXPECT_EQ(model.PredictMargin(right_left), -0.375f);
  EXPECT_EQ(model.PredictMargin(right_right), 0.375f);
  EXPECT_EQ(model.PredictMargin(on_both_thresholds), 0.375f);
  EXPECT_EQ(model.Predict(left), Sigmoid(1.125f));
  EXPECT_EQ(model.Predict(right_left), Sigmoid(-0.375f));
}

TEST(TreeModel, MissingValuesFollowTheDefaultDirection) {
  const TreeModel model = Load(kTinyModel);
  const std::vector<float> missing_f0 = {kNaN, 3.0f, 0.0f};  // root: missing goes left
  const std::vector<float> missing_f1 = {0.7f, kNaN, 0.0f};  // node 2: missing goes right
  const std::vector<float> all_missing = {kNaN, kNaN, kNaN};
  EXPECT_EQ(model.PredictMargin(missing_f0), 1.125f);
  EXPECT_EQ(model.PredictMargin(missing_f1), 0.375f);
  EXPECT_EQ(model.PredictMargin(all_missing), 1.125f);
  // Flip the root's default: a missing f0 now takes the right branch, f1 = 3 → 0.25.
  const TreeModel flipped = Load(Tiny(R"("default_left": [1, 0)", R"("default_left": [0, 0)"));
  EXPECT_EQ(flipped.PredictMargin(missing_f0), 0.375f);
}

TEST(TreeModel, AcceptsBooleanDefaultLeftOfOlderVersions) {
  const TreeModel model =
      Load(Tiny(R"("default_left": [1, 0, 0, 0, 0, 0])",
                R"("default_left": [true, false, false, false, false, false])"));
  EXPECT_EQ(model.PredictMargin(std::vector<float>{kNaN, 3.0f, 0.0f}), 1.125f);
}

TEST(TreeModel, ReadsThresholdsExactlyAsFloat32) {
  // 1.00000012 is the float just above 1: 1.0f is below it, the float above is not.
  const TreeModel model = Load(Tiny("5E-1, 1E0, 2E0", "1.00000012E0, 1E0, 2E0"));
  const float above = std::nextafter(1.0f, 2.0f);
  EXPECT_EQ(model.PredictMargin(std::vector<float>{1.0f, 5.0f, 0.0f}), 1.125f);
  EXPECT_EQ(model.PredictMargin(std::vector<float>{above, 5.0f, 0.0f}), 0.375f);
  EXPECT_EQ(model.PredictMargin(std::vector<float>{std::nextafter(above, 2.0f), 5.0f, 0.0f}),
            0.375f);
}

TEST(TreeModel, BaseScoreIsAProbabilityForLogisticObjectives) {
  const TreeModel model = Load(Tiny(R"("base_score": "5E-1")", R"("base_score": "3E-1")"));
  const float base = -std::log(1.0f / 0.3f - 1.0f);
  EXPECT_EQ(model.base_margin(), base);
  EXPECT_EQ(model.PredictMargin(std::vector<float>{0.2f, 5.0f, 0.0f}), (base + 1.0f) + 0.125f);
}

TEST(TreeModel, SquaredErrorAddsBaseScoreAsIsAndReturnsTheMargin) {
  std::string json = Tiny("binary:logistic", "reg:squarederror");
  const TreeModel model = Load(json);
  EXPECT_EQ(model.objective(), TreeObjective::kSquaredError);
  const std::vector<float> row = {0.2f, 5.0f, 0.0f};
  EXPECT_EQ(model.PredictMargin(row), 1.625f);
  EXPECT_EQ(model.Predict(row), 1.625f);
}

TEST(TreeModel, LogitRawTakesBaseScoreAsAMarginAndReturnsTheMargin) {
  const TreeModel model = Load(Tiny("binary:logistic", "binary:logitraw"));
  EXPECT_EQ(model.base_margin(), 0.5f);
  EXPECT_EQ(model.Predict(std::vector<float>{0.2f, 5.0f, 0.0f}), 1.625f);
}

TEST(TreeModel, BatchEqualsOneRowAtATime) {
  const TreeModel model = Load(kTinyModel);
  const std::vector<float> values = {0.2f, 0.5f, 0.7f, kNaN, 0.49f};
  std::vector<float> rows;
  for (int i = 0; i < 19; ++i) {  // two blocks of rows and a tail
    rows.push_back(values[i % 5]);
    rows.push_back(values[(i / 5) % 5] * 4);
    rows.push_back(0);
  }
  std::vector<float> margins(19), probabilities(19);
  model.PredictMarginBatch(rows, margins);
  model.PredictBatch(rows, probabilities);
  for (size_t i = 0; i < 19; ++i) {
    const std::span<const float> row(rows.data() + 3 * i, 3);
    EXPECT_EQ(margins[i], model.PredictMargin(row)) << i;
    EXPECT_EQ(probabilities[i], model.Predict(row)) << i;
  }
}

TEST(TreeModel, WideRowsScoreTheSameAsNarrowOnes) {
  // 3,000 features: the expanded row no longer fits the stack buffer.
  const TreeModel model = Load(
      Replace(Tiny(R"("split_indices": [0, 0, 1,)", R"("split_indices": [2500, 0, 1,)"),
              R"("num_feature": "3", "num_target")", R"("num_feature": "3000", "num_target")"));
  ASSERT_EQ(model.num_features(), 3000u);
  std::vector<float> rows(3 * 3000, 0.0f);
  rows[2500] = 0.2f;         // row 0: left → 1.125
  rows[3000 + 2500] = 0.7f;  // row 1: right, f1 = 0 → -0.375
  rows[6000 + 2500] = kNaN;  // row 2: missing, left → 1.125
  std::vector<float> margins(3);
  model.PredictMarginBatch(rows, margins);
  EXPECT_EQ(margins, (std::vector<float>{1.125f, -0.375f, 1.125f}));
  EXPECT_EQ(model.PredictMargin(std::span<const float>(rows).subspan(3000, 3000)), -0.375f);
}

TEST(TreeModel, ACopyScoresTheSame) {
  const TreeModel model = Load(kTinyModel);
  const TreeModel copy = model;
  EXPECT_EQ(copy.PredictMargin(std::vector<float>{0.7f, 1.0f, 0.0f}), -0.375f);
}

// --- errors: code and the path of what is wrong --------------------------------------

void ExpectError(const std::string& json, StatusCode code, const std::string& path) {
  auto model = TreeModel::FromJson(json);
  ASSERT_FALSE(model.ok()) << "accepted: " << path;
  EXPECT_EQ(model.status().code(), code) << model.status().ToString();
  EXPECT_THAT(std::string(model.status().message()), HasSubstr(path));
}

TEST(TreeModelErrors, RefusesMalformedJson) {
  ExpectError("", StatusCode::kInvalidArgument, "not JSON");
  ExpectError(std::string(kTinyModel).substr(0, 500), StatusCode::kInvalidArgument, "not JSON");
  ExpectError(std::string(kTinyModel) + "}", StatusCode::kInvalidArgument, "not JSON");
  ExpectError(Tiny(R"("id": 0,)", R"("id": tru,)"), StatusCode::kInvalidArgument, "not JSON");
  ExpectError("[1, 2]", StatusCode::kInvalidArgument, "(root)");
}

TEST(TreeModelErrors, NamesAMissingField) {
  ExpectError("{}", StatusCode::kInvalidArgument, "learner: missing");
  ExpectError(Tiny(R"("name": "binary:logistic")", R"("nom": "binary:logistic")"),
              StatusCode::kInvalidArgument, "learner.objective.name: missing");
  ExpectError(Tiny(R"("base_score": "5E-1",)", ""), StatusCode::kInvalidArgument,
              "learner.learner_model_param.base_score: missing");
  ExpectError(Tiny(R"("num_feature": "3", "num_target")", R"("num_target")"),
              StatusCode::kInvalidArgument, "learner.learner_model_param.num_feature: missing");
  ExpectError(Tiny(R"("split_conditions": [1.25E-1],)", ""), StatusCode::kInvalidArgument,
              "learner.gradient_booster.model.trees[1].split_conditions: missing");
  ExpectError(Tiny(R"("num_nodes": "1")", R"("nodes": "1")"), StatusCode::kInvalidArgument,
              "trees[1].tree_param.num_nodes: missing");
}

TEST(TreeModelErrors, NamesAFieldOfTheWrongType) {
  ExpectError(Tiny("5E-1, 1E0, 2E0", R"("x", 1E0, 2E0)"), StatusCode::kInvalidArgument,
              "trees[0].split_conditions[0]: not a finite float32: 'x'");
  ExpectError(Tiny("2.5E-1, 9E0", "2.5E-1, 9E99"), StatusCode::kInvalidArgument,
              "trees[0].split_conditions[5]: not a finite float32");
  ExpectError(Tiny(R"("left_children": [1, -1, 3,)", R"("left_children": [1.5, -1, 3,)"),
              StatusCode::kInvalidArgument, "trees[0].left_children[0]: not an integer");
  ExpectError(
      Tiny(R"("num_feature": "3", "num_target")", R"("num_feature": "three", "num_target")"),
      StatusCode::kInvalidArgument, "learner_model_param.num_feature: not an integer");
  ExpectError(Tiny(R"("default_left": [1, 0,)", R"("default_left": [2, 0,)"),
              StatusCode::kInvalidArgument, "trees[0].default_left[0]: not 0 or 1");
  ExpectError(Tiny(R"("tree_info": [0, 0])", R"("tree_info": {})"), StatusCode::kInvalidArgument,
              "model.tree_info: not an array");
}

TEST(TreeModelErrors, RefusesTreesThatAreNotTrees) {
  ExpectError(Tiny(R"("left_children": [1, -1, 3,)", R"("left_children": [1, -1, 0,)"),
              StatusCode::kInvalidArgument, "trees[0].left_children[2]: node 0 is reached twice");
  ExpectError(Tiny(R"("right_children": [2, -1, 4,)", R"("right_children": [1, -1, 4,)"),
              StatusCode::kInvalidArgument, "trees[0].right_children[0]: node 1 is reached twice");
  ExpectError(Tiny(R"("right_children": [2, -1, 4,)", R"("right_children": [2, -1, 6,)"),
              StatusCode::kInvalidArgument, "trees[0].right_children[2]: child 6 out of range");
  ExpectError(Tiny(R"("right_children": [2, -1, 4,)", R"("right_children": [2, -1, -1,)"),
              StatusCode::kInvalidArgument, "trees[0].right_children[2]: child -1 out of range");
  ExpectError(Tiny(R"("split_indices": [0, 0, 1,)", R"("split_indices": [0, 0, 3,)"),
              StatusCode::kInvalidArgument,
              "trees[0].split_indices[2]: feature 3 outside num_feature 3");
  ExpectError(Tiny(R"("right_children": [2, -1, 4, -1, -1, -1])",
                   R"("right_children": [2, -1, 4, -1, -1])"),
              StatusCode::kInvalidArgument,
              "trees[0].right_children: has 5 elements, num_nodes is 6");
  ExpectError(Tiny(R"("num_trees": "2")", R"("num_trees": "3")"), StatusCode::kInvalidArgument,
              "gbtree_model_param.num_trees: says 3 but there are 2 trees");
  ExpectError(Tiny(R"("num_nodes": "1")", R"("num_nodes": "0")"), StatusCode::kInvalidArgument,
              "trees[1].tree_param.num_nodes: must be >= 1");
}

TEST(TreeModelErrors, RefusesWhatItDoesNotSupport) {
  ExpectError(Tiny("binary:logistic", "multi:softprob"), StatusCode::kUnimplemented,
              "learner.objective.name: objective 'multi:softprob' is not supported");
  ExpectError(Tiny(R"("name": "gbtree")", R"("name": "dart")"), StatusCode::kUnimplemented,
              "learner.gradient_booster.name: booster 'dart'");
  ExpectError(Tiny(R"("num_class": "0")", R"("num_class": "3")"), StatusCode::kUnimplemented,
              "learner_model_param.num_class");
  ExpectError(Tiny(R"("split_type": [0, 0, 0,)", R"("split_type": [1, 0, 0,)"),
              StatusCode::kUnimplemented, "trees[0].split_type[0]: categorical splits");
  ExpectError(Tiny(R"("tree_info": [0, 0])", R"("tree_info": [0, 1])"), StatusCode::kUnimplemented,
              "model.tree_info[1]");
}

TEST(TreeModelErrors, RefusesABaseScoreOutsideZeroOneForLogistic) {
  ExpectError(Tiny(R"("base_score": "5E-1")", R"("base_score": "1.5E0")"),
              StatusCode::kInvalidArgument, "learner_model_param.base_score: must be in (0, 1)");
  ExpectError(Tiny(R"("base_score": "5E-1")", R"("base_score": "0")"), StatusCode::kInvalidArgument,
              "learner_model_param.base_score");
}

TEST(TreeModelErrors, LoadFileNamesThePath) {
  auto model = TreeModel::LoadFile("/nonexistent/model.json");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(std::string(model.status().message()), HasSubstr("/nonexistent/model.json"));
}

}  // namespace
}  // namespace wuzha::risk
