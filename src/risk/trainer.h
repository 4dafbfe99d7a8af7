// Training the transfer-risk model with XGBoost, and XGBoost's own predictor.
//
// TrainGbt wraps the XGBoost C API (libxgboost 1.7): a dense float matrix with NaN for
// missing values, labels and optional weights in; the model as the JSON text XGBoost
// saves out, which tree_model.h's TreeModel loads and evaluates without XGBoost.
// XgbPredictor scores with XGBoost itself; it is the reference that TreeModel is tested
// against and the baseline it is benchmarked against. This file is the only adapter to
// XGBoost: its errors become a Status here, and no XGBoost type appears in this header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace wuzha::risk {

// A training set: row-major dense features, NaN = missing.
struct Dataset {
  size_t num_features = 0;
  std::vector<float> features;  // num_rows() * num_features values
  std::vector<float> labels;    // one per row; 0 or 1 for the logistic objectives
  std::vector<float> weights;   // empty (all 1) or one per row
  size_t num_rows() const { return labels.size(); }
};

// XGBoost parameters; the defaults are XGBoost's except tree_method (always "hist",
// much faster than the "exact" method XGBoost would otherwise pick) and nthread (1, so
// that the same data and seed give the same model byte for byte).
struct TrainParams {
  int num_rounds = 200;  // boosting rounds = trees for one output
  int max_depth = 6;
  double eta = 0.3;  // learning rate
  double scale_pos_weight = 1.0;
  double min_child_weight = 1.0;
  double lambda = 1.0;     // L2 on leaf weights
  double subsample = 1.0;  // row sampling per tree, uses the seed when < 1
  double colsample_bytree = 1.0;
  int max_bin = 256;
  uint64_t seed = 0;
  int nthread = 1;
  std::string objective = "binary:logistic";
  std::optional<double> base_score;  // XGBoost's default: 0.5
  // Passed to XGBoosterSetParam as they are, after the fields above.
  std::vector<std::pair<std::string, std::string>> extra;
  // Stored in the saved model as XGBoost attributes (learner.attributes, XGBoosterSetAttr):
  // risk_model.h's model card.
  std::vector<std::pair<std::string, std::string>> attributes;
};

// Trains `params.num_rounds` rounds and returns the model as XGBoost's JSON text (what
// XGBoosterSaveModel writes to a ".json" file). Deterministic for the same data, params
// and seed at nthread = 1.
// kInvalidArgument for an inconsistent data set (sizes, no rows, non-finite labels or
// weights) or parameters XGBoost refuses (its message follows "xgboost: ").
Result<std::string> TrainGbt(const Dataset& data, const TrainParams& params);

// The same model with `attributes` set (XGBoosterSetAttr): XGBoost loads the text, sets
// them and saves it again, so the trees are untouched. kInvalidArgument when XGBoost
// refuses the model.
Result<std::string> WithAttributes(
    std::string_view model_json,
    const std::vector<std::pair<std::string, std::string>>& attributes);

// Writes a model text to `path` through a temporary file and a rename, so a reader never
// sees half a model. kIoError names the path.
Status WriteModelFile(const std::string& path, std::string_view model_json);

// XGBoost's predictor on a model text: XGBoosterPredictFromDense (in-place prediction,
// nothing copied into a DMatrix) with one proxy DMatrix created once and reused, the
// fastest single-row path of XGBoost 1.7 (docs/risk.md). Owns the booster and the
// proxy. Not thread-safe: XGBoost keeps each prediction's output inside the booster, so
// use one XgbPredictor per thread. Movable, not copyable.
class XgbPredictor {
 public:
  // Loads a JSON model (as TrainGbt returns). `nthread` is XGBoost's predict threads.
  // kInvalidArgument when XGBoost refuses the model.
  static Result<XgbPredictor> FromJson(std::string_view model_json, int nthread = 1);

  XgbPredictor(XgbPredictor&& other) noexcept;
  XgbPredictor& operator=(XgbPredictor&& other) noexcept;
  XgbPredictor(const XgbPredictor&) = delete;
  XgbPredictor& operator=(const XgbPredictor&) = delete;
  ~XgbPredictor();

  size_t num_features() const { return num_features_; }

  // One row; the probability for the logistic objectives (or the margin when asked).
  // kInvalidArgument when row.size() != num_features() or XGBoost fails.
  Result<float> Predict(std::span<const float> row, bool output_margin = false);

  // Row-major rows, num_features() each; out[i] for row i.
  // REQUIRES: rows.size() == out.size() * num_features(), else kInvalidArgument.
  Status PredictBatch(std::span<const float> rows, std::span<float> out,
                      bool output_margin = false);

 private:
  XgbPredictor() = default;
  Status PredictRows(const float* rows, size_t num_rows, bool output_margin, std::span<float> out);

  void* booster_ = nullptr;  // BoosterHandle
  void* proxy_ = nullptr;    // DMatrixHandle of the reused proxy
  size_t num_features_ = 0;
};

}  // namespace wuzha::risk
