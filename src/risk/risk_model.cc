#include "risk/risk_model.h"

#include <simdjson.h>

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

namespace wuzha::risk {
namespace {

constexpr std::string_view kAttrPath = "learner.attributes";

std::string JoinNames(const std::vector<Feature>& features) {
  std::string out;
  for (Feature f : features) {
    if (!out.empty()) out += ',';
    out += FeatureName(f);
  }
  return out;
}

std::string AllFeatureNames() {
  std::string out;
  for (const FeatureInfo& info : Features()) {
    if (!out.empty()) out += ',';
    out += info.name;
  }
  return out;
}

std::string Number(float v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

Result<std::map<std::string, std::string>> ReadAttributes(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::padded_string text(json);
  simdjson::dom::element doc;
  if (parser.parse(text).get(doc) != simdjson::SUCCESS) return InvalidArgumentError("not JSON");
  std::map<std::string, std::string> out;
  simdjson::dom::object attributes;
  if (doc["learner"]["attributes"].get(attributes) != simdjson::SUCCESS) return out;
  for (auto field : attributes) {
    std::string_view value;
    if (field.value.get(value) == simdjson::SUCCESS)
      out.emplace(std::string(field.key), std::string(value));
  }
  return out;
}

Status ReadThreshold(const std::map<std::string, std::string>& attrs, const std::string& key,
                     std::optional<float>& out) {
  auto it = attrs.find(key);
  if (it == attrs.end()) return Status::Ok();
  float v = 0;
  const auto [ptr, ec] =
      std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || ptr != it->second.data() + it->second.size() ||
      !(v >= 0 && v <= 1.0001f))
    return InvalidArgumentError(std::string(kAttrPath) + "." + key +
                                ": not a probability: " + it->second);
  out = v;
  return Status::Ok();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ModelCardAttributes(const RiskModelCard& card) {
  std::vector<std::pair<std::string, std::string>> out = {
      {"wuzha.features", AllFeatureNames()},
      {"wuzha.masked", JoinNames(card.masked)},
      {"wuzha.trained_on", card.trained_on},
  };
  if (card.thresholds.warn) out.emplace_back("wuzha.warn", Number(*card.thresholds.warn));
  if (card.thresholds.hold) out.emplace_back("wuzha.hold", Number(*card.thresholds.hold));
  if (card.thresholds.block) out.emplace_back("wuzha.block", Number(*card.thresholds.block));
  return out;
}

Result<RiskModel> RiskModel::FromJson(std::string_view json) {
  RiskModel model;
  WUZHA_ASSIGN_OR_RETURN(model.trees_, TreeModel::FromJson(json));
  WUZHA_ASSIGN_OR_RETURN(auto attrs, ReadAttributes(json));
  auto it = attrs.find("wuzha.features");
  if (it == attrs.end()) {
    return InvalidArgumentError(std::string(kAttrPath) +
                                ".wuzha.features: missing: not a model `wuzha train risk` wrote");
  }
  if (it->second != AllFeatureNames()) {
    return InvalidArgumentError(
        std::string(kAttrPath) +
        ".wuzha.features: the model was trained on other features than this "
        "build computes; retrain it with `wuzha train risk`");
  }
  if (model.trees_.num_features() != kFeatureCount) {
    return InvalidArgumentError(
        "learner.learner_model_param.num_feature: " + std::to_string(model.trees_.num_features()) +
        ", expected " + std::to_string(kFeatureCount));
  }
  if (auto m = attrs.find("wuzha.masked"); m != attrs.end() && !m->second.empty()) {
    std::string_view list = m->second;
    while (!list.empty()) {
      const size_t comma = list.find(',');
      const std::string_view name = list.substr(0, comma);
      const auto f = FindFeature(name);
      if (!f)
        return InvalidArgumentError(std::string(kAttrPath) + ".wuzha.masked: unknown feature '" +
                                    std::string(name) + "'");
      model.card_.masked.push_back(*f);
      model.mask_[static_cast<size_t>(*f)] = true;
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
  }
  if (auto t = attrs.find("wuzha.trained_on"); t != attrs.end()) model.card_.trained_on = t->second;
  WUZHA_RETURN_IF_ERROR(ReadThreshold(attrs, "wuzha.warn", model.card_.thresholds.warn));
  WUZHA_RETURN_IF_ERROR(ReadThreshold(attrs, "wuzha.hold", model.card_.thresholds.hold));
  WUZHA_RETURN_IF_ERROR(ReadThreshold(attrs, "wuzha.block", model.card_.thresholds.block));
  return model;
}

Result<RiskModel> RiskModel::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open the model file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  auto model = FromJson(text.str());
  if (!model.ok()) return model.error().WithContext(path);
  return model;
}

}  // namespace wuzha::risk
