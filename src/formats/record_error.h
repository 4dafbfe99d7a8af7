// RecordError: why one input record was refused. The reason is a short stable code
// (counted in ingest summaries and used as the quarantine "reason"); the field names
// the offending field or column; the message says what was wrong in words.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wuzha::formats {

enum class Reason : uint8_t {
  kMalformed,     // not a JSON object / a broken CSV row
  kBadEncoding,   // not UTF-8 (and not convertible)
  kMissingType,   // no "type" field or column
  kUnknownType,   // "type" is not an event type
  kMissingField,  // a required field is absent or empty
  kInvalidValue,  // a field's value does not parse (phone, money, timestamp ...)
  kWrongType,     // an object or array where a scalar belongs
  kLineTooLong,   // longer than ingest.max_line_bytes
  kLateEvent,     // older than the pipeline's watermark
};
inline constexpr int kReasonCount = 9;

// "malformed", "bad_encoding", "missing_type", "unknown_type", "missing_field",
// "invalid_value", "wrong_type", "line_too_long", "late_event".
std::string_view ReasonName(Reason reason);

struct RecordError {
  Reason reason = Reason::kMalformed;
  std::string field;    // empty when the record as a whole is wrong
  std::string message;

  void Set(Reason r, std::string_view f, std::string m) {
    reason = r;
    field.assign(f);
    message = std::move(m);
  }
};

}  // namespace wuzha::formats
