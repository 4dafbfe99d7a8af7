// TreeModel: the transfer-risk gradient-boosted tree ensemble, loaded from the JSON file
// XGBoost writes (XGBoosterSaveModel to a ".json" name, or trainer.h's TrainGbt) and
// compiled into a flat node array that our own evaluator walks. It gives XGBoost's
// scores to the bit on the supported models (same float comparisons, same float32
// accumulation order, same sigmoid), about 11x faster on one row than XGBoost's own
// predict, and needs no XGBoost at serving time. docs/risk.md ("Model") has the layout
// and the measured figures.
//
// Supported: booster "gbtree" with one output (num_class 0 or 1, one target, scalar
// leaves, numerical splits), any depth, any num_parallel_tree; objectives
// binary:logistic and reg:logistic (probability out), binary:logitraw and
// reg:squarederror (margin out). Features are float32, NaN = missing (XGBoost's
// `missing=NaN`); a missing value follows the node's default direction.
//
// Immutable after loading: every const method is safe from any number of threads at
// once and allocates nothing per call (rows too wide for its stack buffer use a
// thread_local buffer that grows once per thread). Copyable and movable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace wuzha::risk {

// How a margin becomes the model's output; named after the XGBoost objective.
enum class TreeObjective : uint8_t {
  kBinaryLogistic,  // "binary:logistic": sigmoid(margin), base_score is a probability
  kRegLogistic,     // "reg:logistic": as binary:logistic
  kBinaryLogitRaw,  // "binary:logitraw": the margin, base_score as is (XGBoost 1.7)
  kSquaredError,    // "reg:squarederror": the margin, base_score as is
};

// The XGBoost objective name ("binary:logistic").
std::string_view TreeObjectiveName(TreeObjective objective);

class TreeModel {
 public:
  // Parses and compiles an XGBoost JSON model (the text, not a path).
  // kInvalidArgument when it is not JSON, a required field is missing or has the wrong
  // type, arrays disagree in length, or the trees are not trees (a child out of range,
  // a node reached twice, a split on a feature >= num_feature); kUnimplemented for a
  // well-formed model this evaluator does not support (another objective or booster,
  // multi-class, categorical splits, vector leaves). The message names the JSON path,
  // e.g. "learner.gradient_booster.model.trees[3].split_indices[5]: ...".
  static Result<TreeModel> FromJson(std::string_view json);

  // Reads a model file and parses it as FromJson. kNotFound / kIoError when the file
  // cannot be read; the message starts with the path.
  static Result<TreeModel> LoadFile(const std::string& path);

  // The raw score: base margin plus every tree's leaf, summed in float32 in tree order
  // as XGBoost does. REQUIRES: row.size() >= num_features() (checked: aborts).
  float PredictMargin(std::span<const float> row) const;

  // The model's output for one row: the probability for the logistic objectives, the
  // margin otherwise. Same REQUIRES as PredictMargin.
  float Predict(std::span<const float> row) const;

  // Batch forms over row-major rows (num_features() floats each): out[i] is the score
  // of row i. Several rows walk each tree together, so a batch is faster per row than
  // as many single calls. REQUIRES: rows.size() == out.size() * num_features().
  void PredictMarginBatch(std::span<const float> rows, std::span<float> out) const;
  void PredictBatch(std::span<const float> rows, std::span<float> out) const;

  size_t num_features() const { return num_features_; }
  size_t num_trees() const { return num_trees_; }
  // Edges from the root to the deepest leaf of any tree (0 for stumps that are leaves).
  int max_depth() const { return max_depth_; }
  size_t num_nodes() const { return nodes_.size(); }
  TreeObjective objective() const { return objective_; }
  // base_score in margin space: logit(base_score) for binary:logistic and reg:logistic,
  // base_score itself otherwise.
  float base_margin() const { return base_margin_; }

  // Compiled node: 16 bytes, the two children of a split side by side. Missing values
  // cost nothing per node: each row is first written out twice, NaN read as -inf in the
  // first copy and as +inf in the second, and a node reads its feature from the copy
  // that sends NaN its default way (-inf < t goes left, +inf < t does not; thresholds
  // are finite). A leaf is a node whose walk always goes "right" to itself (threshold
  // NaN), so a tree is walked a fixed number of steps with no branch at all.
  // A node's position is its index times 2: it counts 8-byte halves, which x86 scales
  // in the address for free where a 16-byte stride costs a shift and an add per step.
  // Public only so that the layout can be asserted; not part of the API.
  struct Node {
    float threshold;   // split: go left iff x < threshold; leaf: NaN
    uint32_t feature;  // f when a missing value goes left, num_features + f otherwise
    uint32_t left;     // position of the left child, the right one at left + 2; for a
                       // leaf its own position - 2 (mod 2^32)
    float leaf;        // leaf value (0 for a split)
  };

 private:
  friend class TreeModelCompiler;

  // Trees walked together on one row: their walks are independent chains of loads,
  // which the core overlaps. 16 measured fastest (docs/risk.md).
  static constexpr size_t kTreesPerBlock = 16;
  // Rows walked together through one tree in the batch forms.
  static constexpr size_t kRowsPerBlock = 16;
  // Expanded rows up to this many floats live on the stack; wider ones in a
  // thread_local buffer that grows once.
  static constexpr size_t kStackFloats = 2048;

  void WalkRowBlock(const float* expanded, size_t count, float* margins) const;
  float WalkTrees(const float* expanded) const;
  void ExpandRows(const float* rows, size_t count, float* expanded) const;
  float Transform(float margin) const;

  std::vector<Node> nodes_;
  // Root positions, padded to a multiple of kTreesPerBlock with a zero leaf; walks of
  // the padding are not added to the sum.
  std::vector<uint32_t> roots_;
  std::vector<int32_t> depths_;        // per tree (not padded)
  std::vector<int32_t> block_depths_;  // per block of kTreesPerBlock trees: max depth
  size_t num_features_ = 0;
  size_t num_trees_ = 0;
  int max_depth_ = 0;
  TreeObjective objective_ = TreeObjective::kBinaryLogistic;
  float base_margin_ = 0.0f;
};

}  // namespace wuzha::risk
