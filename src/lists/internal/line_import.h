// Shared plumbing of the list importers: line splitting and error counting.
#pragma once

#include <string>
#include <string_view>

#include "lists/io.h"

namespace wuzha::lists::internal {

// Calls `fn(line, line_number)` for each line of `text` (LF or CRLF; CR stripped).
template <typename Fn>
void ForEachLine(std::string_view text, Fn&& fn) {
  size_t number = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    fn(line, ++number);
  }
}

inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Counts a bad line and keeps its message while there is room.
inline void Skip(ImportResult& result, const ImportOptions& options, size_t line,
                 std::string_view message) {
  ++result.skipped;
  if (result.errors.size() < options.max_errors) {
    result.errors.push_back(options.file_name + ":" + std::to_string(line) + ": " +
                            std::string(message));
  }
}

// Normalizes `value` as `type` and appends an entry with the options' metadata, or
// counts the line as skipped.
void AddEntry(ImportResult& result, const ImportOptions& options, size_t line,
              IndicatorType type, std::string_view value);

}  // namespace wuzha::lists::internal
