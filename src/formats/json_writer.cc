// The canonical JSON writer: the inverse of JsonlParser for every documented field.
#include <cstdio>

#include "core/event_schema.h"
#include "formats/jsonl.h"

namespace wuzha::formats {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not valid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  size_t n;
  uint32_t cp;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are invalid.
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    return 0;
  }
  return n;
}

}  // namespace

void AppendJsonString(std::string_view s, std::string& out) {
  out.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; ++i; continue;
      case '\\': out += "\\\\"; ++i; continue;
      case '\n': out += "\\n"; ++i; continue;
      case '\r': out += "\\r"; ++i; continue;
      case '\t': out += "\\t"; ++i; continue;
      default: break;
    }
    if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
      ++i;
      continue;
    }
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  out.push_back('"');
}

void AppendEventJson(const Event& event, std::string& out) {
  out += "{\"type\":\"";
  out += EventTypeName(event.type);
  out += '"';
  std::string value;
  auto append_field = [&](const FieldSpec& spec, std::string_view key) {
    if (spec.ref == nullptr) return;
    // Money has two spellings; write only the canonical integer fen one.
    if (spec.kind == FieldKind::kMoney && !spec.alternative.empty()) return;
    value.clear();
    bool empty;
    FieldToText(spec, event, value, empty);
    // FieldToText never calls a required field empty. A label always says whether the
    // event is fraud: "label":{} would read back as no label at all.
    if (empty && spec.name != "label.fraud") return;
    if (out.back() != '{') out += ',';  // the first key of the label object has none
    out += '"';
    out += key;
    out += "\":";
    switch (spec.kind) {
      case FieldKind::kFen:
      case FieldKind::kInt:
      case FieldKind::kBool:
      case FieldKind::kTimestamp:
        out += value;
        break;
      default:
        AppendJsonString(value, out);
    }
  };
  for (const FieldSpec& spec : EventFields(event.type)) append_field(spec, spec.name);
  if (event.has_label) {
    out += ",\"label\":{";
    for (const FieldSpec& spec : LabelFields()) {
      append_field(spec, spec.name.substr(6));  // drop "label."
    }
    out += '}';
  }
  out += '}';
}

}  // namespace wuzha::formats
