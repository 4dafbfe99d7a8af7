// The field-by-field description of every event type: one table that drives the JSONL
// and CSV parsers, validation, the canonical writer and docs/formats.md, so the formats
// cannot drift apart. Immutable, built at static-initialization time; thread safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "core/event.h"
#include "core/status.h"

namespace wuzha {

enum class FieldKind : uint8_t {
  kText,       // any UTF-8 text
  kId,         // an identifier: no control characters, at most 128 bytes
  kPhone,      // normalized to E.164 digits
  kAccount,    // bank account or card: digits (spaces and dashes dropped), 6-32 long
  kMoney,      // yuan text "1,234.50" or, for *_fen fields, integer fen
  kFen,        // integer fen
  kInt,        // non-negative integer
  kBool,       // true / false (also 1 / 0)
  kTimestamp,  // epoch ms or ISO-8601
  kEnum,       // one of enum_values
  kPersonId,   // 18-digit resident ID number with a valid check digit
};

std::string_view FieldKindName(FieldKind kind);

// Where a field's value lives inside an Event.
using FieldPtr = std::variant<std::string*, Money*, Timestamp*, int64_t*, bool*, uint8_t*>;

struct FieldSpec {
  std::string_view name;  // JSON key and CSV column ("label.gang" for label fields)
  FieldKind kind;
  bool required;
  std::string_view doc;
  std::span<const std::string_view> enum_values;  // for kEnum: index = stored value
  FieldPtr (*ref)(Event&);
  // Name of the field whose presence satisfies this one's requirement ("amount" and
  // "amount_fen" are alternatives); empty when none.
  std::string_view alternative = {};
};

// Common fields (type, id, ts) first, then the type's own fields. The label fields are
// separate: LabelFields().
std::span<const FieldSpec> EventFields(EventType type);
std::span<const FieldSpec> CommonFields();
std::span<const FieldSpec> LabelFields();
std::string_view EventTypeDoc(EventType type);

// Parses `value` into the field as its kind says. kInvalidArgument names the problem
// without the field name (the caller adds file, line and field).
Status SetField(const FieldSpec& spec, Event& event, std::string_view value);

// Writes the field's value as text for output ("1234.50" for money, E.164 for phones,
// the enum name); `empty` is true when the field holds its default and may be omitted,
// never for a required field.
void FieldToText(const FieldSpec& spec, const Event& event, std::string& out, bool& empty);

// Validates an 18-digit resident ID number's format and ISO 7064 MOD 11-2 check digit.
bool IsValidPersonId(std::string_view id);
// The check character ('0'-'9' or 'X') for the first 17 digits.
char PersonIdCheckChar(std::string_view first17);

}  // namespace wuzha
