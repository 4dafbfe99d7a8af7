// The key table behind Config: one KeySpec per section and per key, and the functions
// that read, check and render a Config from it. Private to src/config (and its tests).
//
// A row is built by Section("name", "doc") or Key<&Config::a, &A::b>("a.b", "doc", ...):
// the member pointers give the field, the field's type gives the key's type (int64_t,
// std::string or bool), and an optional Range (integers) or OneOf (strings) constrains
// the value. Defaults are read from Config{}, so the table cannot disagree with the
// struct's member initializers. The functions below take the table as a span so tests
// can exercise them on a table of their own.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "config/config.h"
#include "core/status.h"

namespace wuzha::config::internal {

enum class KeyType { kSection, kInt, kString, kBool };

// Reads and writes one field of a Config. Plain function pointers: rows are cheap values.
template <typename T>
struct Accessor {
  const T& (*get)(const Config&) = nullptr;
  T& (*mut)(Config&) = nullptr;
};

// Inclusive bounds of an integer key.
struct Range {
  int64_t min = std::numeric_limits<int64_t>::min();
  int64_t max = std::numeric_limits<int64_t>::max();
};

// The values a string key may take, exactly (case matters).
struct OneOf {
  OneOf(std::initializer_list<std::string_view> v) : values(v) {}
  std::vector<std::string_view> values;
};

// One row of the table: a section ("pipeline") or a key ("pipeline.threads").
struct KeySpec {
  std::string_view name;  // dotted; a key's section is everything before the last dot
  std::string_view doc;   // one or two sentences, plain text with `code` spans
  KeyType type = KeyType::kSection;
  Range range;                           // kInt only
  std::vector<std::string_view> one_of;  // kString only; empty = any string
  Accessor<int64_t> int_field;           // set when type == kInt
  Accessor<std::string> string_field;    // set when type == kString
  Accessor<bool> bool_field;             // set when type == kBool

  std::string_view section() const { return name.substr(0, name.rfind('.')); }
};

// Walks `kPath` from a Config: (config.*p1).*p2 ...
// (clang-format would write the folds as "c.*....*kPath".)
// clang-format off
template <auto... kPath>
struct FieldPath {
  static const auto& Get(const Config& c) { return (c .* ... .* kPath); }
  static auto& Mut(Config& c) { return (c .* ... .* kPath); }
};
// clang-format on

template <auto... kPath>
using FieldType =
    std::remove_cvref_t<decltype(FieldPath<kPath...>::Get(std::declval<const Config&>()))>;

inline KeySpec Section(std::string_view name, std::string_view doc) {
  KeySpec k;
  k.name = name;
  k.doc = doc;
  return k;
}

template <auto... kPath>
KeySpec Key(std::string_view name, std::string_view doc) {
  using Path = FieldPath<kPath...>;
  using T = FieldType<kPath...>;
  static_assert(
      std::is_same_v<T, int64_t> || std::is_same_v<T, std::string> || std::is_same_v<T, bool>,
      "a config field is int64_t, std::string or bool");
  KeySpec k = Section(name, doc);
  if constexpr (std::is_same_v<T, int64_t>) {
    k.type = KeyType::kInt;
    k.int_field = {&Path::Get, &Path::Mut};
  } else if constexpr (std::is_same_v<T, std::string>) {
    k.type = KeyType::kString;
    k.string_field = {&Path::Get, &Path::Mut};
  } else {
    k.type = KeyType::kBool;
    k.bool_field = {&Path::Get, &Path::Mut};
  }
  return k;
}

template <auto... kPath>
KeySpec Key(std::string_view name, std::string_view doc, Range range) {
  static_assert(std::is_same_v<FieldType<kPath...>, int64_t>, "Range applies to integers");
  KeySpec k = Key<kPath...>(name, doc);
  k.range = range;
  return k;
}

template <auto... kPath>
KeySpec Key(std::string_view name, std::string_view doc, OneOf allowed) {
  static_assert(std::is_same_v<FieldType<kPath...>, std::string>, "OneOf applies to strings");
  KeySpec k = Key<kPath...>(name, doc);
  k.one_of = std::move(allowed.values);
  return k;
}

// The table itself (keys.cc): sections in file order, each followed by its keys.
std::span<const KeySpec> ConfigKeys();

// OK when the table is well formed: unique names, every key directly under the section
// row before it, constraints that fit the type, defaults that pass their own checks.
// kInternal naming the row otherwise. Run by the tests.
Status CheckTable(std::span<const KeySpec> keys);

// Checks a value against a key's constraint. kInvalidArgument "key 'a.b' must be ...".
Status CheckInt(const KeySpec& key, int64_t value);
Status CheckString(const KeySpec& key, std::string_view value);

// "1 to 4096", "trace, debug, info" ...: the constraint as words, "" when unconstrained.
std::string DescribeAllowed(const KeySpec& key);

// The closest section (if `is_section`) or key name to a misspelt `name`, or "".
std::string_view SuggestName(std::span<const KeySpec> keys, std::string_view name, bool is_section);

// Parses `toml_text` and applies it to `*config` (the one place that includes toml++).
// Errors as ParseConfig; the earliest problem in the text is reported.
Status ApplyToml(std::span<const KeySpec> keys, std::string_view toml_text,
                 std::string_view source_name, Config* config);

// A complete TOML file for `config`: `heading` comment lines, then every section and key
// with its documentation, constraint and default as comments.
std::string RenderToml(std::span<const KeySpec> keys, const Config& config,
                       std::string_view heading);

// The reference part of docs/configuration.md: one heading and table per section.
std::string RenderMarkdownReference(std::span<const KeySpec> keys);

// A TOML literal for a value: 42, "text" (escaped), true.
std::string TomlString(std::string_view value);

}  // namespace wuzha::config::internal
