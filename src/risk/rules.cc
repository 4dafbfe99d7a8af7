// The rule file's reader: the only file of src/risk that includes toml++ (slow to
// compile), and the only place its exceptions are caught and turned into a Status.
#include "risk/rules.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "core/fraud_type.h"

namespace wuzha::risk {
namespace {

// The built-in rule file, embedded at build time from data/risk/rules.toml.
constexpr std::string_view kDefaultRules =
#include "risk/default_rules.inc"
    ;

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string Suggest(std::string_view name) {
  std::string_view best;
  size_t best_distance = 4;
  for (const FeatureInfo& info : Features()) {
    const size_t d = EditDistance(name, info.name);
    if (d < best_distance) {
      best_distance = d;
      best = info.name;
    }
  }
  return best.empty() ? std::string() : " (did you mean '" + std::string(best) + "'?)";
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ValidName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Collects problems with their lines; the earliest is reported.
class Problems {
 public:
  void Add(const toml::source_region& where, std::string message) {
    Add(static_cast<int>(where.begin.line), std::move(message));
  }
  void Add(int line, std::string message) {
    ++count_;
    if (first_line_ < 0 || line < first_line_) {
      first_line_ = line;
      first_ = std::move(message);
    }
  }
  size_t count() const { return count_; }
  Status ToStatus(std::string_view source) const {
    if (first_line_ < 0) return Status::Ok();
    return InvalidArgumentError(std::string(source) + ":" + std::to_string(first_line_) + ": " +
                                first_);
  }

 private:
  int first_line_ = -1;
  std::string first_;
  size_t count_ = 0;
};

std::optional<double> Number(const toml::node& node) {
  if (const auto* f = node.as_floating_point()) return f->get();
  if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
  return std::nullopt;
}

void ReadModel(const toml::table& table, ModelThresholds& out, Problems& problems) {
  for (auto&& [key, node] : table) {
    std::optional<float>* slot = key == "warn"    ? &out.warn
                                 : key == "hold"  ? &out.hold
                                 : key == "block" ? &out.block
                                                  : nullptr;
    if (slot == nullptr) {
      problems.Add(key.source(), "[model]: unknown key '" + std::string(key.str()) +
                                     "' (expected warn, hold, block)");
      continue;
    }
    const auto v = Number(node);
    if (!v || !(*v >= 0 && *v <= 1.0001)) {
      problems.Add(node.source(),
                   "[model]." + std::string(key.str()) + ": must be a number in [0, 1]");
      continue;
    }
    *slot = static_cast<float>(*v);
  }
  const float w = out.warn.value_or(0), h = out.hold.value_or(w), b = out.block.value_or(h);
  if ((out.warn && out.hold && w > h) || (out.hold && out.block && h > b) ||
      (out.warn && out.block && w > b)) {
    problems.Add(table.source(), "[model]: thresholds must be ordered warn <= hold <= block");
  }
}

void ReadRule(const toml::table& table, size_t index, std::set<std::string>& names,
              std::vector<Rule>& rules, Problems& problems) {
  Rule rule;
  rule.line = static_cast<int>(table.source().begin.line);
  const size_t problems_before = problems.count();
  const std::string label = "rule[" + std::to_string(index) + "]";
  bool enabled = true;
  bool has_name = false, has_decision = false, has_when = false, has_reason = false;
  for (auto&& [key, node] : table) {
    const std::string k(key.str());
    const std::string where = label + "." + k;
    if (k == "name") {
      has_name = true;  // present: a bad value is reported on its own line
      const auto* s = node.as_string();
      if (s == nullptr || !ValidName(s->get())) {
        problems.Add(node.source(), where + ": must be a string of a-z, 0-9 and _");
        continue;
      }
      rule.name = s->get();
      if (!names.insert(rule.name).second)
        problems.Add(node.source(), where + ": duplicate rule name '" + rule.name + "'");
    } else if (k == "decision") {
      has_decision = true;  // present: a bad value is reported on its own line
      const auto* s = node.as_string();
      Decision d;
      if (s == nullptr || !ParseDecision(s->get(), d) || d == Decision::kAllow) {
        problems.Add(node.source(), where + ": must be \"warn\", \"hold\" or \"block\"");
        continue;
      }
      rule.decision = d;
    } else if (k == "when") {
      has_when = true;  // present: a bad value is reported on its own line
      const auto* a = node.as_array();
      if (a == nullptr || a->empty()) {
        problems.Add(node.source(), where + ": must be a non-empty array of conditions");
        continue;
      }
      for (size_t i = 0; i < a->size(); ++i) {
        const toml::node& c = *a->get(i);
        const auto* s = c.as_string();
        const std::string cw = where + "[" + std::to_string(i) + "]";
        if (s == nullptr) {
          problems.Add(c.source(), cw + ": must be a string \"feature op number\"");
          continue;
        }
        auto cond = ParseCondition(s->get());
        if (!cond.ok()) {
          problems.Add(c.source(), cw + ": " + std::string(cond.error().message()));
          continue;
        }
        rule.when.push_back(*cond);
      }
    } else if (k == "reason") {
      has_reason = true;  // present: a bad value is reported on its own line
      const auto* s = node.as_string();
      if (s == nullptr || Trim(s->get()).empty()) {
        problems.Add(node.source(), where + ": must be a non-empty string");
        continue;
      }
      rule.reason = s->get();
    } else if (k == "fraud_type") {
      const auto* s = node.as_string();
      const auto type = s ? ParseFraudType(s->get()) : std::nullopt;
      if (!type) {
        problems.Add(node.source(), where + ": not a fraud type (core/fraud_type.h names them)");
        continue;
      }
      rule.fraud_type = std::string(FraudTypeName(*type));
    } else if (k == "enabled") {
      const auto* b = node.as_boolean();
      if (b == nullptr) {
        problems.Add(node.source(), where + ": must be true or false");
        continue;
      }
      enabled = b->get();
    } else {
      problems.Add(key.source(),
                   label + ": unknown key '" + k +
                       "' (expected name, decision, when, reason, fraud_type, enabled)");
    }
  }
  const char* missing = !has_name       ? "name"
                        : !has_decision ? "decision"
                        : !has_when     ? "when"
                        : !has_reason   ? "reason"
                                        : nullptr;
  if (missing != nullptr) {
    // A misspelt key is the likelier cause: report the missing one only when nothing else
    // in the rule was wrong.
    if (problems.count() == problems_before)
      problems.Add(rule.line, label + ": missing key '" + missing + "'");
    return;
  }
  if (enabled) rules.push_back(std::move(rule));
}

}  // namespace

std::string_view DecisionName(Decision d) {
  switch (d) {
    case Decision::kAllow: return "allow";
    case Decision::kWarn: return "warn";
    case Decision::kHold: return "hold";
    case Decision::kBlock: return "block";
  }
  return "?";
}

bool ParseDecision(std::string_view name, Decision& out) {
  for (Decision d : {Decision::kAllow, Decision::kWarn, Decision::kHold, Decision::kBlock}) {
    if (DecisionName(d) == name) {
      out = d;
      return true;
    }
  }
  return false;
}

std::string_view CompareOpText(CompareOp op) {
  switch (op) {
    case CompareOp::kLess: return "<";
    case CompareOp::kLessEqual: return "<=";
    case CompareOp::kGreater: return ">";
    case CompareOp::kGreaterEqual: return ">=";
    case CompareOp::kEqual: return "==";
    case CompareOp::kNotEqual: return "!=";
  }
  return "?";
}

bool Condition::Holds(std::span<const float> row) const {
  const float x = row[static_cast<size_t>(feature)];
  if (std::isnan(x)) return false;
  switch (op) {
    case CompareOp::kLess: return x < value;
    case CompareOp::kLessEqual: return x <= value;
    case CompareOp::kGreater: return x > value;
    case CompareOp::kGreaterEqual: return x >= value;
    case CompareOp::kEqual: return x == value;
    case CompareOp::kNotEqual: return x != value;
  }
  return false;
}

Result<Condition> ParseCondition(std::string_view text) {
  text = Trim(text);
  size_t end = 0;
  while (end < text.size() &&
         (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_'))
    ++end;
  const std::string_view name = text.substr(0, end);
  if (name.empty())
    return InvalidArgumentError("'" + std::string(text) + "': expected \"feature op number\"");
  const auto feature = FindFeature(name);
  if (!feature)
    return InvalidArgumentError("unknown feature '" + std::string(name) + "'" + Suggest(name));
  std::string_view rest = Trim(text.substr(end));
  static constexpr CompareOp kOps[] = {CompareOp::kLessEqual, CompareOp::kGreaterEqual,
                                       CompareOp::kEqual,     CompareOp::kNotEqual,
                                       CompareOp::kLess,      CompareOp::kGreater};
  std::optional<CompareOp> op;
  for (CompareOp candidate : kOps) {
    if (rest.starts_with(CompareOpText(candidate))) {
      op = candidate;
      rest = Trim(rest.substr(CompareOpText(candidate).size()));
      break;
    }
  }
  if (!op) {
    return InvalidArgumentError("'" + std::string(text) +
                                "': expected an operator (<, <=, >, >=, ==, !=) after the feature");
  }
  double value = 0;
  const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
  if (rest.empty() || ec != std::errc() || ptr != rest.data() + rest.size() ||
      !std::isfinite(value)) {
    return InvalidArgumentError("'" + std::string(text) + "': '" + std::string(rest) +
                                "' is not a finite number");
  }
  return Condition{*feature, *op, static_cast<float>(value)};
}

Result<RuleSet> RuleSet::Parse(std::string_view toml_text, std::string_view source_name) {
  RuleSet set;
  set.source_ = std::string(source_name);
  Problems problems;
  try {
    const toml::table root = toml::parse(toml_text, source_name);
    bool has_format = false, has_version = false;
    std::set<std::string> names;
    for (auto&& [key, node] : root) {
      const std::string k(key.str());
      if (k == "format") {
        has_format = true;
        const auto* i = node.as_integer();
        if (i == nullptr || i->get() != 1) {
          problems.Add(node.source(), "format: must be 1 (the only rule-file format so far)");
          continue;
        }
      } else if (k == "version") {
        has_version = true;
        const auto* s = node.as_string();
        if (s == nullptr || Trim(s->get()).empty()) {
          problems.Add(node.source(), "version: must be a non-empty string");
          continue;
        }
        set.version_ = s->get();
      } else if (k == "model") {
        const auto* t = node.as_table();
        if (t == nullptr) {
          problems.Add(node.source(), "model: must be a table ([model])");
          continue;
        }
        ReadModel(*t, set.thresholds_, problems);
      } else if (k == "rule") {
        const auto* a = node.as_array();
        if (a == nullptr || !a->is_array_of_tables()) {
          problems.Add(node.source(), "rule: must be an array of tables ([[rule]])");
          continue;
        }
        for (size_t i = 0; i < a->size(); ++i)
          ReadRule(*a->get(i)->as_table(), i, names, set.rules_, problems);
      } else {
        problems.Add(key.source(),
                     "unknown key '" + k + "' (expected format, version, [model], [[rule]])");
      }
    }
    if (!has_format) problems.Add(1, "missing key 'format' (format = 1)");
    if (!has_version) problems.Add(1, "missing key 'version' (a string naming this revision)");
    if (set.rules_.size() > UINT16_MAX) problems.Add(1, "too many rules");
  } catch (const toml::parse_error& e) {
    const toml::source_position where = e.source().begin;
    return InvalidArgumentError(std::string(source_name) + ":" + std::to_string(where.line) + ":" +
                                std::to_string(where.column) +
                                ": TOML syntax error: " + std::string(e.description()));
  } catch (const std::exception& e) {
    return InternalError(std::string(source_name) + ": " + e.what());
  }
  WUZHA_RETURN_IF_ERROR(problems.ToStatus(source_name));
  return set;
}

Result<RuleSet> RuleSet::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open the rule file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  return Parse(text.str(), path);
}

std::string_view RuleSet::DefaultText() { return kDefaultRules; }

std::shared_ptr<const RuleSet> RuleSet::Default() {
  static const std::shared_ptr<const RuleSet> rules = [] {
    auto parsed = Parse(kDefaultRules, "data/risk/rules.toml");
    WUZHA_CHECK(parsed.ok());  // tested: the shipped file parses
    return std::make_shared<const RuleSet>(std::move(parsed).value());
  }();
  return rules;
}

Decision RuleSet::Evaluate(std::span<const float> row, std::vector<uint16_t>* matched) const {
  Decision best = Decision::kAllow;
  for (size_t i = 0; i < rules_.size(); ++i) {
    const Rule& r = rules_[i];
    bool all = true;
    for (const Condition& c : r.when) {
      if (!c.Holds(row)) {
        all = false;
        break;
      }
    }
    if (!all) continue;
    if (r.decision > best) best = r.decision;
    if (matched != nullptr) matched->push_back(static_cast<uint16_t>(i));
  }
  return best;
}

}  // namespace wuzha::risk
