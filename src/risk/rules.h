// Risk rules: the analyst's part of a transfer decision, kept in a versioned TOML file
// that can change without a rebuild (docs/risk.md, "Rules"; data/risk/rules.toml is the
// default, built in). A rule names features (features.h), compares each with a number,
// and when every condition holds gives a decision and a reason:
//
//   format = 1
//   version = "2024-05-01.1"
//   [[rule]]
//   name = "known_mule_payee"
//   decision = "block"
//   when = ["payee_mule_distance == 0", "amount_yuan >= 100"]
//   reason = "the payee is a known mule account"
//
// A file is validated completely before a RuleSet exists, so a rule change takes effect
// only when the whole file is right; the first problem is reported as
// "<source>:<line>: <message>".
//
// A RuleSet is immutable after parsing and safe to share between threads (the Scorer
// holds it by shared_ptr, so a new file is swapped in between two decisions).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "risk/features.h"

namespace wuzha::risk {

// What happens to a transfer, least to most severe.
enum class Decision : uint8_t { kAllow, kWarn, kHold, kBlock };
// "allow", "warn", "hold", "block".
std::string_view DecisionName(Decision d);
// Inverse of DecisionName; false when unknown.
bool ParseDecision(std::string_view name, Decision& out);

enum class CompareOp : uint8_t { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual };
// "<", "<=", ">", ">=", "==", "!=".
std::string_view CompareOpText(CompareOp op);

// `feature op value`. A missing feature (NaN) makes the condition false, whatever op.
struct Condition {
  Feature feature;
  CompareOp op;
  float value;
  bool Holds(std::span<const float> row) const;
};

struct Rule {
  std::string name;                     // unique in the file: [a-z0-9_]+
  Decision decision = Decision::kHold;  // warn, hold or block
  std::vector<Condition> when;          // all must hold
  std::string reason;                   // shown to the analyst and in the warning
  std::string fraud_type;               // optional Chinese name (core/fraud_type.h)
  int line = 0;                         // where the rule starts in its file
};

// The model's probability cut-offs: warn at >= warn, hold at >= hold, block at >= block.
// Unset ones come from the model file (its calibrated thresholds) or the defaults.
struct ModelThresholds {
  std::optional<float> warn, hold, block;
};

class RuleSet {
 public:
  // Parses and validates a rule file's text. kInvalidArgument "<source>:<line>: ..." for a
  // TOML syntax error, a missing or unknown key, a wrong type, an unknown feature,
  // operator or decision, a duplicate rule name, or thresholds out of order.
  static Result<RuleSet> Parse(std::string_view toml_text, std::string_view source_name);
  // Reads and parses a file: kNotFound / kIoError naming the path, else as Parse.
  static Result<RuleSet> LoadFile(const std::string& path);
  // The built-in default (data/risk/rules.toml at build time).
  static std::string_view DefaultText();
  static std::shared_ptr<const RuleSet> Default();

  // The most severe decision of the rules whose conditions all hold (kAllow when none);
  // the indexes of those rules are appended to `matched` when it is not null.
  Decision Evaluate(std::span<const float> row, std::vector<uint16_t>* matched) const;

  const std::vector<Rule>& rules() const { return rules_; }
  int format() const { return format_; }
  const std::string& version() const { return version_; }
  const std::string& source() const { return source_; }
  const ModelThresholds& model_thresholds() const { return thresholds_; }

 private:
  int format_ = 1;
  std::string version_;
  std::string source_;
  std::vector<Rule> rules_;
  ModelThresholds thresholds_;
};

// "payee_new == 1" → a Condition. kInvalidArgument naming what is wrong (an unknown
// feature with the closest name as a suggestion, an unknown operator, a bad number).
Result<Condition> ParseCondition(std::string_view text);

}  // namespace wuzha::risk
