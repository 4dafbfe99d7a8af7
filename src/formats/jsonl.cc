#include "formats/jsonl.h"

#include <simdjson.h>

#include <vector>

namespace wuzha::formats {
namespace {

namespace od = simdjson::ondemand;

// A field value as text, taken before the type is known ("type" may come last).
struct PendingField {
  std::string_view key;
  std::string_view value;
  bool label;  // inside the "label" object
  // An object or array: refused if the type has a field of that name, else counted as
  // an unknown field and ignored like any other.
  bool compound = false;
};

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' ||
                        s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool LooksLikeGbk(std::string_view s) {
  // High bytes present, not UTF-8: Chinese text from a GBK system is the usual cause.
  for (unsigned char c : s) {
    if (c >= 0x81 && c <= 0xFE) return true;
  }
  return false;
}

// RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') ++i;
  else if (!digits()) return false;
  if (i < s.size() && s[i] == '.' && (++i, !digits())) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// Reads an object or array whose content is not used (an unknown field) to the end, so
// that broken JSON inside it is refused like anywhere else. False when it is not JSON.
bool SkipCompound(od::value& v, int depth) {
  od::json_type type;
  if (depth > 256 || v.type().get(type) != simdjson::SUCCESS) return false;
  switch (type) {
    case od::json_type::object: {
      od::object obj;
      if (v.get_object().get(obj) != simdjson::SUCCESS) return false;
      for (auto field_result : obj) {
        od::field field;
        std::string_view key;
        if (std::move(field_result).get(field) != simdjson::SUCCESS ||
            field.unescaped_key().get(key) != simdjson::SUCCESS) {
          return false;
        }
        od::value value = field.value();
        if (!SkipCompound(value, depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::array: {
      od::array arr;
      if (v.get_array().get(arr) != simdjson::SUCCESS) return false;
      for (auto element : arr) {
        od::value value;
        if (std::move(element).get(value) != simdjson::SUCCESS) return false;
        if (!SkipCompound(value, depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::string: {
      std::string_view s;
      return v.get_string().get(s) == simdjson::SUCCESS;
    }
    case od::json_type::number:
      return IsJsonNumber(TrimRight(v.raw_json_token()));
    case od::json_type::boolean: {
      bool b;
      return v.get_bool().get(b) == simdjson::SUCCESS;
    }
    case od::json_type::null: {
      bool is_null;
      return v.is_null().get(is_null) == simdjson::SUCCESS && is_null;
    }
  }
  return false;
}

// Reads a scalar value as text. Strings are unescaped into the parser's buffer, which
// lives until the next document. Returns false for objects and arrays.
bool ScalarText(od::value& v, std::string_view& out, bool& is_null, RecordError& error,
                std::string_view key) {
  is_null = false;
  od::json_type type;
  if (v.type().get(type) != simdjson::SUCCESS) {
    error.Set(Reason::kMalformed, key, "unreadable value");
    return false;
  }
  switch (type) {
    case od::json_type::string: {
      // Most values (numbers, ids, digits) have no escapes: take them in place.
      std::string_view token = TrimRight(v.raw_json_token());
      if (token.size() >= 2 && token.find('\\') == std::string_view::npos) {
        out = token.substr(1, token.size() - 2);
        return true;
      }
      if (v.get_string().get(out) != simdjson::SUCCESS) {
        error.Set(Reason::kMalformed, key, "bad string escape");
        return false;
      }
      return true;
    }
    case od::json_type::number:
      out = TrimRight(v.raw_json_token());
      if (!IsJsonNumber(out)) {  // the token is taken as text: check its grammar here
        error.Set(Reason::kMalformed, key, "not JSON: bad number '" + std::string(out) + "'");
        return false;
      }
      return true;
    case od::json_type::boolean: {
      bool b;
      if (v.get_bool().get(b) != simdjson::SUCCESS) {
        error.Set(Reason::kMalformed, key, "bad boolean");
        return false;
      }
      out = b ? "true" : "false";
      return true;
    }
    case od::json_type::null:
      if (v.is_null().get(is_null) != simdjson::SUCCESS || !is_null) {
        error.Set(Reason::kMalformed, key, "not JSON: bad null");
        return false;
      }
      return true;
    default:
      error.Set(Reason::kWrongType, key, "an object or array where a single value belongs");
      return false;
  }
}

}  // namespace

bool IsValidUtf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

struct JsonlParser::Impl {
  od::parser parser;
  std::vector<PendingField> pending;
};

JsonlParser::JsonlParser() : impl_(std::make_unique<Impl>()) {}
JsonlParser::~JsonlParser() = default;

bool JsonlParser::ParseCopy(std::string_view line, Event& event, RecordError& error) {
  copy_.assign(line);
  copy_.append(simdjson::SIMDJSON_PADDING, ' ');
  return Parse(std::string_view(copy_.data(), line.size()), copy_.size(), event, error);
}

bool JsonlParser::Parse(std::string_view line, size_t capacity, Event& event, RecordError& error) {
  auto& pending = impl_->pending;
  pending.clear();
  od::document doc;
  auto err = impl_->parser.iterate(line.data(), line.size(), capacity).get(doc);
  if (err == simdjson::UTF8_ERROR) {  // stage 1 validates the whole line
    error.Set(Reason::kBadEncoding, "",
              LooksLikeGbk(line) ? "not UTF-8 (looks like GBK): JSON Lines must be UTF-8; "
                                   "convert the file with iconv -f GBK -t UTF-8"
                                 : "not UTF-8");
    return false;
  }
  if (err != simdjson::SUCCESS) {
    error.Set(Reason::kMalformed, "", std::string("not JSON: ") + simdjson::error_message(err));
    return false;
  }
  od::object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) {
    error.Set(Reason::kMalformed, "", "not a JSON object");
    return false;
  }
  std::string_view type_name;
  bool has_type = false;
  for (auto field_result : obj) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) != simdjson::SUCCESS ||
        field.unescaped_key().get(key) != simdjson::SUCCESS) {
      error.Set(Reason::kMalformed, "", "not JSON: broken object");
      return false;
    }
    od::value value = field.value();
    if (key == "label") {
      od::json_type jt;
      if (value.type().get(jt) != simdjson::SUCCESS) {
        error.Set(Reason::kMalformed, "label", "unreadable value");
        return false;
      }
      if (jt == od::json_type::null) continue;
      od::object label;
      if (value.get_object().get(label) != simdjson::SUCCESS) {
        error.Set(Reason::kWrongType, "label", "label must be an object");
        return false;
      }
      for (auto lf_result : label) {
        od::field lf;
        std::string_view lkey, ltext;
        bool is_null;
        if (std::move(lf_result).get(lf) != simdjson::SUCCESS ||
            lf.unescaped_key().get(lkey) != simdjson::SUCCESS) {
          error.Set(Reason::kMalformed, "label", "not JSON: broken object");
          return false;
        }
        od::value lv = lf.value();
        if (!ScalarText(lv, ltext, is_null, error, lkey)) {
          if (error.reason == Reason::kWrongType && SkipCompound(lv, 0)) {
            pending.push_back({lkey, {}, true, true});
            continue;
          }
          if (error.reason == Reason::kWrongType) {
            error.Set(Reason::kMalformed, lkey, "not JSON: broken object or array");
          }
          error.field = "label." + error.field;
          return false;
        }
        if (!is_null) pending.push_back({lkey, ltext, true});
      }
      continue;
    }
    std::string_view text;
    bool is_null;
    if (!ScalarText(value, text, is_null, error, key)) {
      if (error.reason != Reason::kWrongType || key == "type") return false;
      if (!SkipCompound(value, 0)) {
        error.Set(Reason::kMalformed, key, "not JSON: broken object or array");
        return false;
      }
      pending.push_back({key, {}, false, true});
      continue;
    }
    if (is_null) continue;
    if (key == "type") {
      type_name = text;
      has_type = true;
    } else {
      pending.push_back({key, text, false});
    }
  }
  const char* trailing;
  if (doc.current_location().get(trailing) == simdjson::SUCCESS) {  // in bounds: more text
    error.Set(Reason::kMalformed, "", "not JSON: text after the object");
    return false;
  }
  if (!has_type) {
    error.Set(Reason::kMissingType, "type", "no \"type\" field");
    return false;
  }
  EventType type;
  if (!ParseEventType(type_name, type)) {
    error.Set(Reason::kUnknownType, "type", "unknown event type '" + std::string(type_name) + "'");
    return false;
  }
  builder_.Begin(type, event);
  std::string label_key;
  for (const PendingField& f : pending) {
    std::string_view name = f.key;
    if (f.label) {
      label_key.assign("label.");
      label_key.append(f.key);
      name = label_key;
    }
    if (f.compound && builder_.FieldIndex(type, name) >= 0) {
      error.Set(Reason::kWrongType, name, "an object or array where a single value belongs");
      return false;
    }
    if (!builder_.SetByName(name, f.value, error)) return false;  // unknown: counted only
  }
  return builder_.Finish(error);
}

}  // namespace wuzha::formats
