// Training the transfer model on labelled events (`wuzha train risk`), with the same
// feature code as serving, and the figures an evaluation reports.
//
// DatasetBuilder turns an event stream into rows: for each transfer it calls
// FeatureStore::Extract then Observe — exactly what Scorer::Decide and Scorer::Observe
// do — so a training row equals the serving row of the same transfer in the same stream
// (tested bit for bit). Labels come from the caller (the simulator's ground truth);
// nothing here reads Event::label.
//
// TrainRiskModel splits the rows by payer account (a payer's transfers are all on one
// side), trains XGBoost on one part and chooses the model's thresholds on the other: the
// hold threshold is the lowest that keeps the legitimate rows held — by the model or by
// the rules — within the target false-hold rate. The model file carries its card
// (risk_model.h).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/status.h"
#include "risk/features.h"
#include "risk/risk_model.h"
#include "risk/rules.h"
#include "risk/trainer.h"

namespace wuzha::risk {

class DatasetBuilder {
 public:
  explicit DatasetBuilder(FeatureOptions options = {}) : store_(std::move(options)) {
    data_.num_features = kFeatureCount;
  }

  // A transfer: its row is added with `label`, then the event is observed. Any other
  // event is only observed. REQUIRES: event-time order.
  void Add(const Event& event, const ContactVerdict* verdict, float label);

  const Dataset& data() const { return data_; }
  Dataset& data() { return data_; }
  // Per row: a hash of the payer's account, the unit of the train/calibration split.
  const std::vector<uint64_t>& groups() const { return groups_; }
  FeatureStore& store() { return store_; }

 private:
  FeatureStore store_;
  Dataset data_;
  std::vector<uint64_t> groups_;
};

struct RiskTrainOptions {
  TrainParams params = DefaultParams();
  double calibration_share = 0.3;         // payers whose rows choose the thresholds
  double target_false_hold_rate = 0.001;  // legit rows held or blocked, rules included
  double margin = 0.7;                    // aim at margin × target on the held-out rows
  double block_share = 0.1;               // the block threshold: block_share × target
  double warn_rate = 0.01;                // the warn threshold: this share of legit rows
  std::vector<Feature> masked;            // features set missing (training and serving)
  const RuleSet* rules = nullptr;         // rules' holds count against the budget
  std::string trained_on;                 // for the model card
  static TrainParams DefaultParams();
};

struct RiskTrainResult {
  std::string model_json;  // the XGBoost JSON with the model card
  RiskModelCard card;
  uint64_t train_rows = 0, calibration_rows = 0;
  uint64_t train_positives = 0, calibration_positives = 0;
  // On the calibration rows, with the chosen thresholds and the rules:
  double calibration_recall = 0;           // positives held or blocked
  double calibration_false_hold_rate = 0;  // legit rows held or blocked
  double calibration_pr_auc = 0;           // the model's probability
};

// kInvalidArgument for too few rows or positives on either side, or as TrainGbt.
Result<RiskTrainResult> TrainRiskModel(const Dataset& data, std::span<const uint64_t> groups,
                                       const RiskTrainOptions& options);

// Average precision (the area under the precision-recall curve, step-wise, as
// scikit-learn's average_precision_score): positives are labels > 0.5. Tied scores are
// one step. 0 when there is no positive.
double AveragePrecision(std::span<const float> scores, std::span<const float> labels);

// The lowest threshold t such that at most `budget` of `scores` are >= t: just above
// the (budget+1)-th highest score (1.0 when budget < 0, the lowest score when the
// budget covers them all).
float ThresholdForBudget(std::vector<float> scores, int64_t budget);

}  // namespace wuzha::risk
