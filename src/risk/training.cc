#include "risk/training.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace wuzha::risk {
namespace {

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// Which side of the split a payer falls on: a hash mixed so that nearby account numbers
// spread.
bool IsCalibration(uint64_t group, double share) {
  uint64_t x = group ^ 0x9e3779b97f4a7c15ULL;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return static_cast<double>(x % 1000000) < share * 1e6;
}

}  // namespace

void DatasetBuilder::Add(const Event& event, const ContactVerdict* verdict, float label) {
  if (event.type == EventType::kTransfer) {
    const size_t at = data_.features.size();
    data_.features.resize(at + kFeatureCount);
    store_.Extract(event, std::span<float>(data_.features.data() + at, kFeatureCount));
    data_.labels.push_back(label);
    groups_.push_back(Fnv1a(event.as<TransferEvent>().from_account));
  }
  store_.Observe(event, verdict);
}

TrainParams RiskTrainOptions::DefaultParams() {
  TrainParams p;
  p.num_rounds = 150;
  p.max_depth = 6;
  p.eta = 0.1;
  p.subsample = 0.8;
  p.colsample_bytree = 0.8;
  p.min_child_weight = 2;
  p.seed = 7;
  return p;
}

double AveragePrecision(std::span<const float> scores, std::span<const float> labels) {
  std::vector<size_t> order(scores.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  // NaN scores rank last.
  auto key = [&](size_t i) {
    return std::isnan(scores[i]) ? -std::numeric_limits<float>::infinity() : scores[i];
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) > key(b); });
  double positives = 0;
  for (float l : labels) positives += l > 0.5f;
  if (positives == 0) return 0;
  double ap = 0, tp = 0, seen = 0, last_recall = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    // One step per distinct score.
    while (j < order.size() && key(order[j]) == key(order[i])) {
      tp += labels[order[j]] > 0.5f;
      ++seen;
      ++j;
    }
    const double recall = tp / positives;
    ap += (recall - last_recall) * (tp / seen);
    last_recall = recall;
    i = j;
  }
  return ap;
}

float ThresholdForBudget(std::vector<float> scores, int64_t budget) {
  const float never = std::nextafter(1.0f, 2.0f);
  if (budget < 0) return never;
  if (scores.empty()) return 0.0f;
  if (static_cast<size_t>(budget) >= scores.size())
    return *std::min_element(scores.begin(), scores.end());
  std::sort(scores.begin(), scores.end(), std::greater<float>());
  // Everything strictly above the (budget+1)-th highest score: at most `budget` rows.
  return std::nextafter(scores[static_cast<size_t>(budget)],
                        std::numeric_limits<float>::infinity());
}

Result<RiskTrainResult> TrainRiskModel(const Dataset& data, std::span<const uint64_t> groups,
                                       const RiskTrainOptions& options) {
  if (groups.size() != data.num_rows())
    return InvalidArgumentError("train risk: one group per row");
  if (data.num_features != kFeatureCount)
    return InvalidArgumentError("train risk: rows must have " + std::to_string(kFeatureCount) +
                                " features");
  std::array<bool, kFeatureCount> mask{};
  for (Feature f : options.masked) mask[static_cast<size_t>(f)] = true;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  Dataset train, calib;
  train.num_features = calib.num_features = kFeatureCount;
  RiskTrainResult result;
  for (size_t r = 0; r < data.num_rows(); ++r) {
    Dataset& side = IsCalibration(groups[r], options.calibration_share) ? calib : train;
    const float* row = data.features.data() + r * kFeatureCount;
    for (size_t i = 0; i < kFeatureCount; ++i) side.features.push_back(mask[i] ? nan : row[i]);
    side.labels.push_back(data.labels[r]);
  }
  for (float l : train.labels) result.train_positives += l > 0.5f;
  for (float l : calib.labels) result.calibration_positives += l > 0.5f;
  result.train_rows = train.num_rows();
  result.calibration_rows = calib.num_rows();
  if (result.train_positives < 10 || result.calibration_positives < 5 ||
      result.train_rows - result.train_positives < 100 ||
      result.calibration_rows - result.calibration_positives < 100) {
    return InvalidArgumentError("train risk: too few rows or positives (train " +
                                std::to_string(result.train_rows) + " rows, " +
                                std::to_string(result.train_positives) + " positive; calibration " +
                                std::to_string(result.calibration_rows) + ", " +
                                std::to_string(result.calibration_positives) + ")");
  }
  WUZHA_ASSIGN_OR_RETURN(const std::string first, TrainGbt(train, options.params));
  WUZHA_ASSIGN_OR_RETURN(const TreeModel trees, TreeModel::FromJson(first));
  std::vector<float> scores(calib.num_rows());
  trees.PredictBatch(calib.features, scores);

  // The rules' share of the budget, and the legit scores the model may still hold.
  std::vector<float> legit_free, legit_free_of_block, legit_all;
  int64_t legit = 0, rule_holds = 0, rule_blocks = 0;
  std::vector<Decision> rule(calib.num_rows(), Decision::kAllow);
  for (size_t r = 0; r < calib.num_rows(); ++r) {
    if (options.rules != nullptr)
      rule[r] = options.rules->Evaluate({calib.features.data() + r * kFeatureCount, kFeatureCount},
                                        nullptr);
    if (calib.labels[r] > 0.5f) continue;
    ++legit;
    legit_all.push_back(scores[r]);
    if (rule[r] >= Decision::kHold) {
      ++rule_holds;
    } else {
      legit_free.push_back(scores[r]);
    }
    if (rule[r] >= Decision::kBlock) {
      ++rule_blocks;
    } else {
      legit_free_of_block.push_back(scores[r]);
    }
  }
  const double hold_budget =
      options.target_false_hold_rate * options.margin * static_cast<double>(legit);
  const double block_budget = hold_budget * options.block_share;
  RiskModelCard card;
  card.masked = options.masked;
  card.trained_on = options.trained_on;
  const float hold =
      ThresholdForBudget(legit_free, static_cast<int64_t>(std::floor(hold_budget)) - rule_holds);
  float block = ThresholdForBudget(legit_free_of_block,
                                   static_cast<int64_t>(std::floor(block_budget)) - rule_blocks);
  float warn =
      ThresholdForBudget(legit_all, static_cast<int64_t>(std::floor(options.warn_rate * legit)));
  block = std::max(block, hold);
  warn = std::min(warn, hold);
  card.thresholds.warn = warn;
  card.thresholds.hold = hold;
  card.thresholds.block = block;

  uint64_t caught = 0, false_holds = 0;
  for (size_t r = 0; r < calib.num_rows(); ++r) {
    const bool held = rule[r] >= Decision::kHold || scores[r] >= hold;
    if (calib.labels[r] > 0.5f) {
      caught += held;
    } else {
      false_holds += held;
    }
  }
  result.calibration_recall =
      static_cast<double>(caught) / static_cast<double>(result.calibration_positives);
  result.calibration_false_hold_rate =
      static_cast<double>(false_holds) / static_cast<double>(legit);
  result.calibration_pr_auc = AveragePrecision(scores, calib.labels);

  WUZHA_ASSIGN_OR_RETURN(result.model_json, WithAttributes(first, ModelCardAttributes(card)));
  result.card = std::move(card);
  return result;
}

}  // namespace wuzha::risk
