// The toml++ adapter: the only file that includes toml++ (it is slow to compile) and the
// only place its exceptions are caught and turned into a Status.
#include <toml++/toml.h>

#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include "config/internal/schema.h"

namespace wuzha::config::internal {
namespace {

std::string_view TypeName(toml::node_type type) {
  switch (type) {
    case toml::node_type::none: return "nothing";
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
  }
  return "unknown";
}

// A key as it would be written in TOML: bare when it can be, else quoted. Keeps a
// quoted key that contains a dot ("a.b" = 1) from passing for the dotted key a.b.
std::string KeyText(std::string_view key) {
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
  return bare ? std::string(key) : TomlString(key);
}

struct Problem {
  toml::source_position where;
  std::string message;
};

// Walks the parsed document against the key table, applying good values to *config and
// collecting every problem with its position, so the earliest one can be reported.
class Reader {
 public:
  Reader(std::span<const KeySpec> keys, Config* config) : keys_(keys), config_(config) {}

  void ReadTable(const toml::table& table, const std::string& path) {
    for (auto&& [key, node] : table) {
      const std::string name = path.empty() ? KeyText(key.str()) : path + "." + KeyText(key.str());
      const toml::source_position where =
          key.source().begin.line != 0 ? key.source().begin : node.source().begin;
      const KeySpec* spec = Find(name);
      if (spec != nullptr && spec->type != KeyType::kSection) {
        ReadValue(*spec, node);
      } else if (spec != nullptr || IsSectionPrefix(name)) {
        if (const toml::table* child = node.as_table()) {
          ReadTable(*child, name);
        } else {
          Add(where,
              "section '" + name + "' must be a table, got " + std::string(TypeName(node.type())));
        }
      } else {
        ReportUnknown(name, node.is_table(), where);
      }
    }
  }

  // OK, or the problem that comes first in the text, as "source:line: message".
  Status Earliest(std::string_view source_name) const {
    if (problems_.empty()) return Status::Ok();
    const Problem& first = *std::min_element(
        problems_.begin(), problems_.end(), [](const Problem& a, const Problem& b) {
          return a.where.line != b.where.line ? a.where.line < b.where.line
                                              : a.where.column < b.where.column;
        });
    return InvalidArgumentError(std::string(source_name) + ":" + std::to_string(first.where.line) +
                                ": " + first.message);
  }

 private:
  const KeySpec* Find(std::string_view name) const {
    for (const KeySpec& row : keys_) {
      if (row.name == name) return &row;
    }
    return nullptr;
  }

  // "store" is a section when only "store.sqlite" is declared.
  bool IsSectionPrefix(std::string_view name) const {
    return std::any_of(keys_.begin(), keys_.end(), [&](const KeySpec& row) {
      return row.type == KeyType::kSection && row.name.size() > name.size() &&
             row.name.starts_with(name) && row.name[name.size()] == '.';
    });
  }

  void ReportUnknown(const std::string& name, bool is_table, toml::source_position where) {
    std::string message =
        std::string("unknown ") + (is_table ? "section" : "key") + " '" + name + "'";
    const std::string_view suggestion = SuggestName(keys_, name, is_table);
    if (!suggestion.empty()) message += " (did you mean '" + std::string(suggestion) + "'?)";
    Add(where, std::move(message));
  }

  void ReadValue(const KeySpec& key, const toml::node& node) {
    const toml::source_position where = node.source().begin;
    switch (key.type) {
      case KeyType::kInt:
        if (const auto* v = node.as_integer()) {
          Apply(where, CheckInt(key, v->get()), key.int_field, v->get());
        } else {
          TypeMismatch(key, "an integer", node);
        }
        break;
      case KeyType::kString:
        if (const auto* v = node.as_string()) {
          Apply(where, CheckString(key, v->get()), key.string_field, v->get());
        } else {
          TypeMismatch(key, "a string", node);
        }
        break;
      case KeyType::kBool:
        if (const auto* v = node.as_boolean()) {
          Apply(where, Status::Ok(), key.bool_field, v->get());
        } else {
          TypeMismatch(key, "a boolean", node);
        }
        break;
      case KeyType::kSection: break;
    }
  }

  template <typename T, typename V>
  void Apply(toml::source_position where, const Status& check, const Accessor<T>& field,
             const V& value) {
    if (check.ok()) {
      field.mut(*config_) = value;
    } else {
      Add(where, std::string(check.message()));
    }
  }

  void TypeMismatch(const KeySpec& key, std::string_view expected, const toml::node& node) {
    Add(node.source().begin, "key '" + std::string(key.name) + "' must be " +
                                 std::string(expected) + ", got " +
                                 std::string(TypeName(node.type())));
  }

  void Add(toml::source_position where, std::string message) {
    problems_.push_back(Problem{where, std::move(message)});
  }

  std::span<const KeySpec> keys_;
  Config* config_;
  std::vector<Problem> problems_;
};

}  // namespace

Status ApplyToml(std::span<const KeySpec> keys, std::string_view toml_text,
                 std::string_view source_name, Config* config) {
  try {
    const toml::table root = toml::parse(toml_text, source_name);
    Reader reader(keys, config);
    reader.ReadTable(root, "");
    return reader.Earliest(source_name);
  } catch (const toml::parse_error& e) {
    const toml::source_position where = e.source().begin;
    return InvalidArgumentError(std::string(source_name) + ":" + std::to_string(where.line) + ":" +
                                std::to_string(where.column) +
                                ": TOML syntax error: " + std::string(e.description()));
  } catch (const std::exception& e) {
    // Only resource exhaustion is expected here; it must still not leave the module.
    return InternalError(std::string(source_name) + ": " + e.what());
  }
}

}  // namespace wuzha::config::internal
