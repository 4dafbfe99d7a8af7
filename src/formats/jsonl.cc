#include "formats/jsonl.h"

#include <simdjson.h>

#include <charconv>
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

// Reads a scalar value as text from its raw token, in one look at the first byte:
// strings without escapes are taken in place (most values: ids, digits), strings with
// escapes are unescaped by simdjson into the parser's buffer (valid until the next
// document), numbers are their text (checked against the JSON grammar; the field's own
// parser then reads it exactly), literals are checked. Objects and arrays: kWrongType.
bool ScalarText(od::value& v, std::string_view& out, bool& is_null, RecordError& error,
                std::string_view key) {
  is_null = false;
  std::string_view token = TrimRight(v.raw_json_token());
  if (token.empty()) {
    error.Set(Reason::kMalformed, key, "not JSON: missing value");
    return false;
  }
  switch (token[0]) {
    case '"': {
      if (token.size() >= 2 && token.back() == '"') {
        const char* begin = token.data() + 1;
        const char* end = token.data() + token.size() - 1;
        const char* p = begin;
        while (p < end && *p != '\\') ++p;  // short strings: cheaper than a memchr call
        if (p == end) {
          out = std::string_view(begin, static_cast<size_t>(end - begin));
          return true;
        }
      }
      if (v.get_string().get(out) != simdjson::SUCCESS) {
        error.Set(Reason::kMalformed, key, "bad string escape");
        return false;
      }
      return true;
    }
    case 't':
    case 'f':
      if (token == "true" || token == "false") {
        out = token;
        return true;
      }
      break;
    case 'n':
      if (token == "null") {
        is_null = true;
        return true;
      }
      break;
    case '{':
    case '[':
      error.Set(Reason::kWrongType, key, "an object or array where a single value belongs");
      return false;
    default:
      if (IsJsonNumber(token)) {
        out = token;
        return true;
      }
      error.Set(Reason::kMalformed, key, "not JSON: bad number '" + std::string(token.substr(0, 40)) + "'");
      return false;
  }
  error.Set(Reason::kMalformed, key, "not JSON: bad literal '" + std::string(token.substr(0, 40)) + "'");
  return false;
}

}  // namespace

bool IsValidUtf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

struct JsonlParser::Impl {
  simdjson::dom::parser dom;
  std::vector<std::string_view> compound_keys;
  od::parser parser;
  std::vector<PendingField> pending;
  std::string label_key;
  std::string unknown_type_name;
};

JsonlParser::JsonlParser() : impl_(std::make_unique<Impl>()) {}
JsonlParser::~JsonlParser() = default;

bool JsonlParser::ParseCopy(std::string_view line, Event& event, RecordError& error) {
  copy_.assign(line);
  copy_.append(simdjson::SIMDJSON_PADDING, ' ');
  return Parse(std::string_view(copy_.data(), line.size()), copy_.size(), event, error);
}

enum class JsonlParser::Fast { kAccepted, kRefused, kFallback };

namespace {

// Text of a DOM scalar: strings as they are, integers printed back (the same digits
// the exact path would pass on), booleans. False for anything the exact path must see.
bool DomScalarText(simdjson::dom::element v, std::string_view& out, char (&buf)[24]) {
  switch (v.type()) {
    case simdjson::dom::element_type::STRING:
      out = v.get_string().value_unsafe();
      return true;
    case simdjson::dom::element_type::INT64: {
      auto r = std::to_chars(buf, buf + sizeof buf, v.get_int64().value_unsafe());
      out = std::string_view(buf, static_cast<size_t>(r.ptr - buf));
      return true;
    }
    case simdjson::dom::element_type::UINT64: {
      auto r = std::to_chars(buf, buf + sizeof buf, v.get_uint64().value_unsafe());
      out = std::string_view(buf, static_cast<size_t>(r.ptr - buf));
      return true;
    }
    case simdjson::dom::element_type::BOOL:
      out = v.get_bool().value_unsafe() ? "true" : "false";
      return true;
    default:
      return false;  // double, null, object, array: decided by the caller
  }
}

// True for values the fast path reads exactly as the exact path does. JSON integers have
// one spelling each, except zero ("0" and "-0" are one DOM value but different text to
// the field parsers), so zero is left to the exact path, like fractions and compounds.
bool IsDomScalar(simdjson::dom::element v) {
  switch (v.type()) {
    case simdjson::dom::element_type::DOUBLE:
    case simdjson::dom::element_type::ARRAY:
    case simdjson::dom::element_type::OBJECT:
      return false;
    case simdjson::dom::element_type::INT64:
      return v.get_int64().value_unsafe() != 0;
    case simdjson::dom::element_type::UINT64:
      return v.get_uint64().value_unsafe() != 0;
    default:
      return true;
  }
}

}  // namespace

bool JsonlParser::Parse(std::string_view line, size_t capacity, Event& event, RecordError& error) {
  switch (ParseFast(line, capacity, event, error)) {
    case Fast::kAccepted: return true;
    case Fast::kRefused: return false;
    case Fast::kFallback: break;
  }
  return ParseExact(line, capacity, event, error);
}

// The fast path. It changes nothing (no field set, no unknown field counted) before it
// has checked that the line is one it handles exactly like the exact path: valid JSON,
// one string "type" naming an event type, no fractional numbers, compound values only
// under unknown keys, a label that is an object of scalars or null. Then it applies the
// fields in document order through the same builder, so values, errors and counts match.
JsonlParser::Fast JsonlParser::ParseFast(std::string_view line, size_t capacity, Event& event,
                                         RecordError& error) {
  if (capacity < line.size() + simdjson::SIMDJSON_PADDING) return Fast::kFallback;
  simdjson::dom::element root;
  if (impl_->dom.parse(line.data(), line.size(), false).get(root) != simdjson::SUCCESS) {
    return Fast::kFallback;
  }
  simdjson::dom::object obj;
  if (root.get_object().get(obj) != simdjson::SUCCESS) return Fast::kFallback;
  // One look at every value: the type, and whether the exact path is needed. Compound
  // values are fine only under keys the type does not have; that is checked after the
  // loop, once the type is known (they are rare).
  std::string_view type_name;
  int types = 0;
  auto& compound_keys = impl_->compound_keys;
  compound_keys.clear();
  for (auto [key, value] : obj) {
    if (key.size() == 4 && key == "type") {
      if (value.get_string().get(type_name) != simdjson::SUCCESS) return Fast::kFallback;
      ++types;
      continue;
    }
    if (key.size() == 5 && key == "label") {  // an object of scalars, or null
      if (value.is_null()) continue;
      if (value.type() != simdjson::dom::element_type::OBJECT) return Fast::kFallback;
      simdjson::dom::object label = value.get_object().value_unsafe();
      for (auto [lkey, lvalue] : label) {
        if (!IsDomScalar(lvalue)) return Fast::kFallback;
      }
      continue;
    }
    if (IsDomScalar(value)) continue;
    if (value.type() != simdjson::dom::element_type::ARRAY &&
        value.type() != simdjson::dom::element_type::OBJECT) {
      return Fast::kFallback;  // a zero or a fraction: the exact path reads its text
    }
    compound_keys.push_back(key);
  }
  EventType type;
  if (types != 1 || !ParseEventType(type_name, type)) return Fast::kFallback;
  for (std::string_view key : compound_keys) {
    if (builder_.FieldIndex(type, key) >= 0) return Fast::kFallback;  // wrong type: exact path
  }
  builder_.Begin(type, event);
  char buf[24];
  std::string& label_key = impl_->label_key;
  std::string_view text;
  for (auto [key, value] : obj) {
    if (key == "type") continue;
    if (key == "label") {
      if (value.is_null()) continue;
      simdjson::dom::object label = value.get_object().value_unsafe();
      for (auto [lkey, lvalue] : label) {
        if (lvalue.is_null()) continue;
        DomScalarText(lvalue, text, buf);
        label_key.assign("label.");
        label_key.append(lkey);
        if (!builder_.SetByName(label_key, text, error)) return Fast::kRefused;
      }
      continue;
    }
    if (value.is_null()) continue;
    if (!DomScalarText(value, text, buf)) text = {};  // a compound value of an unknown key
    if (!builder_.SetByName(key, text, error)) return Fast::kRefused;
  }
  return builder_.Finish(error) ? Fast::kAccepted : Fast::kRefused;
}

bool JsonlParser::ParseExact(std::string_view line, size_t capacity, Event& event,
                             RecordError& error) {
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
  // When "type" comes first, as every writer we know puts it, fields are applied as they
  // are read; otherwise they wait in `pending` until the type is known.
  auto& pending = impl_->pending;
  pending.clear();
  bool typed = false;
  std::string_view type_name;
  std::string& label_key = impl_->label_key;
  std::string& unknown_type_name = impl_->unknown_type_name;
  // A compound value (object or array) is refused where the type has a field of that
  // name, and otherwise counted as an unknown field like any other.
  auto apply = [&](std::string_view key, std::string_view text, bool label, bool compound) {
    std::string_view name = key;
    if (label) {
      label_key.assign("label.");
      label_key.append(key);
      name = label_key;
    }
    if (compound && builder_.FieldIndex(event.type, name) >= 0) {
      error.Set(Reason::kWrongType, name, "an object or array where a single value belongs");
      return false;
    }
    return builder_.SetByName(name, text, error);  // an unknown name is only counted
  };
  // An unknown type is reported only once the rest of the line has been read as JSON:
  // a broken line is malformed, whatever its type says.
  bool unknown_type = false;
  auto take = [&](std::string_view key, std::string_view text, bool label, bool compound) {
    if (unknown_type) return true;
    if (typed) return apply(key, text, label, compound);
    pending.push_back({key, text, label, compound});
    return true;
  };
  // Reads one value; a compound one is walked to its end, so that broken JSON inside an
  // unknown field is refused like anywhere else.
  auto read_value = [&](od::value& value, std::string_view key, bool label) {
    std::string_view text;
    bool is_null;
    if (ScalarText(value, text, is_null, error, key)) {
      return is_null || take(key, text, label, false);
    }
    if (error.reason != Reason::kWrongType) return false;
    if (!SkipCompound(value, 0)) {
      error.Set(Reason::kMalformed, key, "not JSON: broken object or array");
      return false;
    }
    return take(key, {}, label, true);
  };

  for (auto field_result : obj) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) != simdjson::SUCCESS ||
        field.unescaped_key().get(key) != simdjson::SUCCESS) {
      error.Set(Reason::kMalformed, "", "not JSON: broken object");
      return false;
    }
    od::value value = field.value();
    if (key == "type") {
      std::string_view text;
      bool is_null;
      if (!ScalarText(value, text, is_null, error, key)) return false;
      if (is_null) continue;
      if (typed) {
        if (text != type_name) {
          error.Set(Reason::kMalformed, "type", "two different types in one record");
          return false;
        }
        continue;
      }
      if (unknown_type) continue;
      type_name = text;
      EventType type;
      if (!ParseEventType(type_name, type)) {
        unknown_type = true;
        unknown_type_name.assign(type_name);
        continue;
      }
      builder_.Begin(type, event);
      typed = true;
      for (const PendingField& f : pending) {
        if (!apply(f.key, f.value, f.label, f.compound)) return false;
      }
      continue;
    }
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
        std::string_view lkey;
        if (std::move(lf_result).get(lf) != simdjson::SUCCESS ||
            lf.unescaped_key().get(lkey) != simdjson::SUCCESS) {
          error.Set(Reason::kMalformed, "label", "not JSON: broken object");
          return false;
        }
        od::value lv = lf.value();
        if (!read_value(lv, lkey, true)) {
          if (!error.field.starts_with("label.")) error.field = "label." + error.field;
          return false;
        }
      }
      continue;
    }
    if (!read_value(value, key, false)) return false;
  }
  const char* trailing;
  if (doc.current_location().get(trailing) == simdjson::SUCCESS) {  // in bounds: more text
    error.Set(Reason::kMalformed, "", "not JSON: text after the object");
    return false;
  }
  if (unknown_type) {
    error.Set(Reason::kUnknownType, "type", "unknown event type '" + unknown_type_name + "'");
    return false;
  }
  if (!typed) {
    error.Set(Reason::kMissingType, "type", "no \"type\" field");
    return false;
  }
  return builder_.Finish(error);
}

}  // namespace wuzha::formats
