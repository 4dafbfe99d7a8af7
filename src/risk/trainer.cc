#include "risk/trainer.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <limits>

namespace wuzha::risk {
namespace {

// XGBoost's last error, without the stack trace it may append.
Status XgbError(std::string_view call) {
  std::string message = XGBGetLastError();
  if (size_t cut = message.find("\nStack trace"); cut != std::string::npos) {
    message.resize(cut);
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return InvalidArgumentError("xgboost: " + std::string(call) + ": " + message);
}

// Calls an XGBoost C function; a failure returns its error from the enclosing function.
#define WUZHA_XGB_CALL(function, ...)                           \
  do {                                                          \
    if (function(__VA_ARGS__) != 0) return XgbError(#function); \
  } while (0)

struct DMatrixOwner {
  DMatrixHandle handle = nullptr;
  ~DMatrixOwner() {
    if (handle != nullptr) XGDMatrixFree(handle);
  }
};

struct BoosterOwner {
  BoosterHandle handle = nullptr;
  ~BoosterOwner() {
    if (handle != nullptr) XGBoosterFree(handle);
  }
};

// Shortest text that reads back to the same double ("0.3", not "0.300000").
std::string Number(double value) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, end);
}

bool AllFinite(const std::vector<float>& values) {
  for (float v : values) {
    if (!std::isfinite(v)) return false;
  }
  return true;
}

Status CheckDataset(const Dataset& data) {
  if (data.num_features == 0) return InvalidArgumentError("dataset: num_features is 0");
  if (data.num_rows() == 0) return InvalidArgumentError("dataset: no rows (labels empty)");
  if (data.features.size() != data.num_rows() * data.num_features) {
    return InvalidArgumentError("dataset: features has " + std::to_string(data.features.size()) +
                                " values, expected rows * num_features = " +
                                std::to_string(data.num_rows() * data.num_features));
  }
  if (!AllFinite(data.labels)) return InvalidArgumentError("dataset: labels: not finite");
  if (!data.weights.empty()) {
    if (data.weights.size() != data.num_rows()) {
      return InvalidArgumentError("dataset: weights: one per row or none");
    }
    for (float w : data.weights) {
      if (!std::isfinite(w) || w < 0)
        return InvalidArgumentError("dataset: weights: negative or not finite");
    }
  }
  return Status::Ok();
}

std::vector<std::pair<std::string, std::string>> BoosterParams(const TrainParams& p) {
  std::vector<std::pair<std::string, std::string>> params = {
      {"objective", p.objective},
      {"tree_method", "hist"},
      {"max_depth", std::to_string(p.max_depth)},
      {"eta", Number(p.eta)},
      {"scale_pos_weight", Number(p.scale_pos_weight)},
      {"min_child_weight", Number(p.min_child_weight)},
      {"lambda", Number(p.lambda)},
      {"subsample", Number(p.subsample)},
      {"colsample_bytree", Number(p.colsample_bytree)},
      {"max_bin", std::to_string(p.max_bin)},
      {"seed", std::to_string(p.seed)},
      {"nthread", std::to_string(p.nthread)},
      {"verbosity", "0"},
  };
  if (p.base_score) params.emplace_back("base_score", Number(*p.base_score));
  params.insert(params.end(), p.extra.begin(), p.extra.end());
  return params;
}

// XGBoosterPredictFromDense's configuration. "cache_id": 0 is required by 1.7 (without
// it: "Invalid cast, from Null to Integer"); NaN is the missing value.
constexpr const char* kPredictConfig =
    R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
    R"("strict_shape": false, "missing": NaN, "cache_id": 0})";
constexpr const char* kPredictMarginConfig =
    R"({"type": 1, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
    R"("strict_shape": false, "missing": NaN, "cache_id": 0})";

}  // namespace

Result<std::string> TrainGbt(const Dataset& data, const TrainParams& params) {
  WUZHA_RETURN_IF_ERROR(CheckDataset(data));
  if (params.num_rounds < 1) return InvalidArgumentError("train: num_rounds must be >= 1");
  if (params.nthread < 0) return InvalidArgumentError("train: nthread must be >= 0");

  DMatrixOwner matrix;
  WUZHA_XGB_CALL(XGDMatrixCreateFromMat, data.features.data(), data.num_rows(), data.num_features,
                 std::numeric_limits<float>::quiet_NaN(), &matrix.handle);
  WUZHA_XGB_CALL(XGDMatrixSetFloatInfo, matrix.handle, "label", data.labels.data(),
                 data.num_rows());
  if (!data.weights.empty()) {
    WUZHA_XGB_CALL(XGDMatrixSetFloatInfo, matrix.handle, "weight", data.weights.data(),
                   data.num_rows());
  }
  BoosterOwner booster;
  WUZHA_XGB_CALL(XGBoosterCreate, &matrix.handle, 1, &booster.handle);
  for (const auto& [name, value] : BoosterParams(params)) {
    if (XGBoosterSetParam(booster.handle, name.c_str(), value.c_str()) != 0) {
      return XgbError("XGBoosterSetParam(" + name + ", " + value + ")");
    }
  }
  for (int round = 0; round < params.num_rounds; ++round) {
    WUZHA_XGB_CALL(XGBoosterUpdateOneIter, booster.handle, round, matrix.handle);
  }
  for (const auto& [name, value] : params.attributes) {
    if (XGBoosterSetAttr(booster.handle, name.c_str(), value.c_str()) != 0) {
      return XgbError("XGBoosterSetAttr(" + name + ")");
    }
  }
  bst_ulong length = 0;
  const char* text = nullptr;
  WUZHA_XGB_CALL(XGBoosterSaveModelToBuffer, booster.handle, R"({"format": "json"})", &length,
                 &text);
  return std::string(text, length);
}

Result<std::string> WithAttributes(
    std::string_view model_json,
    const std::vector<std::pair<std::string, std::string>>& attributes) {
  BoosterOwner booster;
  WUZHA_XGB_CALL(XGBoosterCreate, nullptr, 0, &booster.handle);
  WUZHA_XGB_CALL(XGBoosterLoadModelFromBuffer, booster.handle, model_json.data(),
                 model_json.size());
  for (const auto& [name, value] : attributes) {
    if (XGBoosterSetAttr(booster.handle, name.c_str(), value.c_str()) != 0) {
      return XgbError("XGBoosterSetAttr(" + name + ")");
    }
  }
  bst_ulong length = 0;
  const char* text = nullptr;
  WUZHA_XGB_CALL(XGBoosterSaveModelToBuffer, booster.handle, R"({"format": "json"})", &length,
                 &text);
  return std::string(text, length);
}

Status WriteModelFile(const std::string& path, std::string_view model_json) {
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError(temp + ": cannot create");
    out.write(model_json.data(), static_cast<std::streamsize>(model_json.size()));
    out.flush();
    if (!out) return IoError(temp + ": write failed");
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return IoError(path + ": cannot rename " + temp + " into place");
  }
  return Status::Ok();
}

Result<XgbPredictor> XgbPredictor::FromJson(std::string_view model_json, int nthread) {
  XgbPredictor predictor;
  WUZHA_XGB_CALL(XGBoosterCreate, nullptr, 0, &predictor.booster_);
  WUZHA_XGB_CALL(XGBoosterLoadModelFromBuffer, predictor.booster_, model_json.data(),
                 model_json.size());
  const std::string threads = std::to_string(nthread);
  WUZHA_XGB_CALL(XGBoosterSetParam, predictor.booster_, "nthread", threads.c_str());
  WUZHA_XGB_CALL(XGBoosterSetParam, predictor.booster_, "verbosity", "0");
  bst_ulong features = 0;
  WUZHA_XGB_CALL(XGBoosterGetNumFeature, predictor.booster_, &features);
  if (features == 0) return InvalidArgumentError("xgboost: the model has no features");
  predictor.num_features_ = features;
  WUZHA_XGB_CALL(XGProxyDMatrixCreate, &predictor.proxy_);
  // The first prediction configures the learner: do it now, so errors surface here and
  // the first timed call is not the slow one.
  std::vector<float> missing(predictor.num_features_, std::numeric_limits<float>::quiet_NaN());
  float out = 0;
  WUZHA_RETURN_IF_ERROR(predictor.PredictRows(missing.data(), 1, false, {&out, 1}));
  return predictor;
}

XgbPredictor::XgbPredictor(XgbPredictor&& other) noexcept { *this = std::move(other); }

XgbPredictor& XgbPredictor::operator=(XgbPredictor&& other) noexcept {
  std::swap(booster_, other.booster_);
  std::swap(proxy_, other.proxy_);
  std::swap(num_features_, other.num_features_);
  return *this;
}

XgbPredictor::~XgbPredictor() {
  if (proxy_ != nullptr) XGDMatrixFree(proxy_);
  if (booster_ != nullptr) XGBoosterFree(booster_);
}

Status XgbPredictor::PredictRows(const float* rows, size_t num_rows, bool output_margin,
                                 std::span<float> out) {
  // The array interface (numpy's __array_interface__, version 3) of the caller's rows:
  // XGBoost reads them in place.
  char interface[160];
  std::snprintf(interface, sizeof interface,
                R"({"data": [%ju, true], "shape": [%zu, %zu], "typestr": "<f4", "version": 3})",
                static_cast<uintmax_t>(reinterpret_cast<uintptr_t>(rows)), num_rows, num_features_);
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* result = nullptr;
  WUZHA_XGB_CALL(XGBoosterPredictFromDense, booster_, interface,
                 output_margin ? kPredictMarginConfig : kPredictConfig, proxy_, &shape, &dims,
                 &result);
  bst_ulong count = 1;
  for (bst_ulong d = 0; d < dims; ++d) count *= shape[d];
  if (count != num_rows) {
    return InternalError("xgboost: " + std::to_string(count) + " predictions for " +
                         std::to_string(num_rows) + " rows");
  }
  std::copy(result, result + num_rows, out.begin());
  return Status::Ok();
}

Result<float> XgbPredictor::Predict(std::span<const float> row, bool output_margin) {
  if (row.size() != num_features_) {
    return InvalidArgumentError("xgboost predict: row has " + std::to_string(row.size()) +
                                " features, the model " + std::to_string(num_features_));
  }
  float out = 0;
  WUZHA_RETURN_IF_ERROR(PredictRows(row.data(), 1, output_margin, {&out, 1}));
  return out;
}

Status XgbPredictor::PredictBatch(std::span<const float> rows, std::span<float> out,
                                  bool output_margin) {
  if (rows.size() != out.size() * num_features_) {
    return InvalidArgumentError("xgboost predict: rows.size() != out.size() * num_features");
  }
  if (out.empty()) return Status::Ok();
  return PredictRows(rows.data(), out.size(), output_margin, out);
}

}  // namespace wuzha::risk
