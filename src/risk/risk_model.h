// RiskModel: the transfer model as it is served — the compiled trees (tree_model.h) and
// the model card the training wrote into the same XGBoost JSON file, as XGBoost
// attributes (learner.attributes, kept by XGBoost when it loads and saves the file):
//
//   wuzha.features   the feature names of the columns, in order (features.h)
//   wuzha.masked     features that were missing in training (the "no linkage" model)
//   wuzha.warn / wuzha.hold / wuzha.block   probability thresholds calibrated on
//                    held-out rows for the target false-hold rate
//   wuzha.trained_on free text: what the model was trained on
//
// A model whose feature list differs from this build's Features() is refused, so a model
// and a feature builder can never be paired wrongly. Immutable; share it by shared_ptr.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "risk/features.h"
#include "risk/rules.h"
#include "risk/tree_model.h"

namespace wuzha::risk {

struct RiskModelCard {
  std::vector<Feature> masked;
  ModelThresholds thresholds;
  std::string trained_on;
};

// The attributes that carry `card` (and this build's feature list) in the model file.
std::vector<std::pair<std::string, std::string>> ModelCardAttributes(const RiskModelCard& card);

class RiskModel {
 public:
  // Loads the trees and the card. kInvalidArgument / kUnimplemented as TreeModel::FromJson;
  // kInvalidArgument "learner.attributes.wuzha.features: ..." when the card is missing or
  // names other features than this build's, in another order.
  static Result<RiskModel> FromJson(std::string_view json);
  // kNotFound / kIoError naming the path, else as FromJson.
  static Result<RiskModel> LoadFile(const std::string& path);

  const TreeModel& trees() const { return trees_; }
  const RiskModelCard& card() const { return card_; }
  bool masked(Feature f) const { return mask_[static_cast<size_t>(f)]; }

 private:
  TreeModel trees_;
  RiskModelCard card_;
  std::array<bool, kFeatureCount> mask_{};
};

}  // namespace wuzha::risk
