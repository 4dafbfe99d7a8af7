// libFuzzer target for the XGBoost JSON model loader (TreeModel::FromJson): it must
// never crash, hang or read out of bounds on any input; a refusal is kInvalidArgument or
// kUnimplemented with a message; an accepted model scores rows made from the input's
// bytes (NaNs included) the same one at a time and in a batch, and a logistic model's
// probabilities stay in [0, 1].
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "risk/tree_model.h"

namespace {

bool SameScore(float a, float b) { return a == b || (std::isnan(a) && std::isnan(b)); }

bool IsLogistic(wuzha::risk::TreeObjective objective) {
  return objective == wuzha::risk::TreeObjective::kBinaryLogistic ||
         objective == wuzha::risk::TreeObjective::kRegLogistic;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using wuzha::StatusCode;
  using wuzha::risk::TreeModel;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  wuzha::Result<TreeModel> model = TreeModel::FromJson(text);
  if (!model.ok()) {
    const StatusCode code = model.status().code();
    if (code != StatusCode::kInvalidArgument && code != StatusCode::kUnimplemented) std::abort();
    if (model.status().message().empty()) std::abort();
    return 0;
  }
  const size_t features = model->num_features();
  if (features > (1u << 14)) return 0;  // valid, but rows that wide only slow the fuzzer
  // 19 rows: one block of 16 and a tail. Values from the input bytes, some NaN, some
  // exactly 0 or small integers that land on thresholds.
  constexpr size_t kRows = 19;
  std::vector<float> rows(kRows * features);
  for (size_t i = 0; i < rows.size(); ++i) {
    const uint8_t b = size == 0 ? 0 : data[(i * 7919) % size];
    rows[i] = b % 11 == 0 ? std::numeric_limits<float>::quiet_NaN()
                          : static_cast<float>(static_cast<int>(b % 23) - 11) * 0.5f;
  }
  std::vector<float> margins(kRows), scores(kRows);
  model->PredictMarginBatch(rows, margins);
  model->PredictBatch(rows, scores);
  for (size_t i = 0; i < kRows; ++i) {
    const std::span<const float> row(rows.data() + i * features, features);
    if (!SameScore(margins[i], model->PredictMargin(row))) std::abort();
    if (!SameScore(scores[i], model->Predict(row))) std::abort();
    if (IsLogistic(model->objective()) && !(scores[i] >= 0.0f && scores[i] <= 1.0f) &&
        !std::isnan(scores[i])) {
      std::abort();
    }
  }
  return 0;
}
