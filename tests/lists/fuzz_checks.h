// Checks shared by the lists fuzz targets (tests/fuzz/lists_*_fuzz.cc): the counts of an
// import add up, and every entry it accepted is canonical (normalizing it again changes nothing).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "lists/io.h"

namespace wuzha::lists::fuzz {

[[noreturn]] inline void Fail(const char* target, const char* what, std::string_view detail) {
  std::fprintf(stderr, "%s: %s\n  %.*s\n", target, what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

// `per_line`: one item per line (every format but hosts).
inline void CheckImport(const char* target, const ImportResult& r, bool per_line = true) {
  const size_t counted = r.loaded + r.skipped + r.ignored;
  if (per_line ? counted != r.lines : counted < r.lines) Fail(target, "counts do not add up", "");
  if (r.entries.size() != r.loaded) Fail(target, "entries != loaded", "");
  if (r.errors.size() > r.skipped) Fail(target, "more errors than skipped lines", "");
  for (const Entry& e : r.entries) {
    auto again = NormalizeIndicator(e.type, IndicatorToText(e.type, e.value));
    if (!again.ok() || *again != e.value) Fail(target, "accepted value is not canonical", e.value);
  }
}

}  // namespace wuzha::lists::fuzz
