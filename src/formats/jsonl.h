// JSON Lines: one event per line, one JSON object per event (docs/formats.md).
//
// JsonlParser parses in place (the line must be followed by LineReader::kPadding
// readable bytes) into a reused Event, so steady-state parsing allocates nothing. Two
// paths give the same result: a fast one on simdjson's DOM parser (whole-line
// validation in one pass, CPU kernel chosen at run time) for the common record, and an
// exact one on the On-Demand API, which sees each number's text, for everything else: a
// fractional number (money must not go through a double), a compound value where a
// scalar belongs, any error (so that errors are reported one way only). JSON Lines must be UTF-8: a GBK line is refused as bad_encoding
// with a hint to convert the file (CSV files, which banks export in GBK, are converted).
// Numbers are taken from their JSON text, never through a double, so money stays exact.
// One parser per thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/event.h"
#include "formats/event_builder.h"
#include "formats/record_error.h"

namespace wuzha::formats {

class JsonlParser {
 public:
  JsonlParser();
  ~JsonlParser();
  JsonlParser(const JsonlParser&) = delete;
  JsonlParser& operator=(const JsonlParser&) = delete;

  // Parses `line` into `event`. REQUIRES: `capacity` >= line.size() + 64 readable bytes
  // from line.data(). Returns false with `error` filled when the record is refused.
  bool Parse(std::string_view line, size_t capacity, Event& event, RecordError& error);
  // Convenience for callers without padding (tests, HTTP bodies): copies the line.
  bool ParseCopy(std::string_view line, Event& event, RecordError& error);
  // The exact path alone (tests and the fuzzer compare it with Parse).
  bool ParseExact(std::string_view line, size_t capacity, Event& event, RecordError& error);

  const std::map<std::string, uint64_t, std::less<>>& unknown_fields() const {
    return builder_.unknown_fields();
  }

 private:
  enum class Fast;
  Fast ParseFast(std::string_view line, size_t capacity, Event& event, RecordError& error);

  struct Impl;
  std::unique_ptr<Impl> impl_;
  EventBuilder builder_;
  std::string copy_;
};

// Appends `event` as one canonical JSON object (no newline): fields in schema order,
// defaults omitted, money as integer fen, time as epoch ms, label as a nested object.
void AppendEventJson(const Event& event, std::string& out);

// Appends `s` as a JSON string literal (quotes included), escaping as RFC 8259 requires.
// Bytes that are not valid UTF-8 are replaced by U+FFFD.
void AppendJsonString(std::string_view s, std::string& out);

// True when `s` is valid UTF-8.
bool IsValidUtf8(std::string_view s);

}  // namespace wuzha::formats
