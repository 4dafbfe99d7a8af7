// Snapshot: an immutable, compiled view of every list entry at one publish, answering
// lookups without locks or allocation. Held by std::shared_ptr<const Snapshot>; a reader
// that keeps its pointer keeps its view, whatever is published after. Entry pointers
// returned by lookups stay valid while the snapshot lives. Safe for any number of
// concurrent readers.
//
// Layout: one U64Map for exact numbers (key = E.164 value | kind << 62), one for ranges
// (key = prefix value | digit count << 50 | kind << 62) probed from the longest present
// prefix length down, and a TagMap for every string indicator (XXH3 of the value seeded
// by kind and type; each candidate confirmed against "kind type value" in a dense arena,
// so a probe never touches the Entry objects). A domain's key is built
// label by label from the right (reversed-label hash), so one right-to-left pass over a
// host gives the keys of all its parents; they are probed most specific first. A map
// value is the entry index with the top bit set when the entry never expires, so a hit
// on such an entry reads nothing more.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lists/indicator.h"
#include "lists/internal/tag_map.h"
#include "lists/internal/u64_map.h"

namespace wuzha::lists {

class Snapshot {
 public:
  // Compiles `entries` (canonical values; one per kind, type and value). Publish() calls
  // this; tests and tools may too.
  static std::shared_ptr<const Snapshot> Build(std::vector<Entry> entries, uint64_t version = 0);

  // The entry matching `value` (canonical text for `type`) on list `kind`, or nullptr.
  // Numbers match exact numbers only; ranges match the longest range that is a prefix;
  // domains match the domain itself or any parent domain on the list; other types match
  // exactly. Entries expired at `now_ms` never match (a domain then falls back to a
  // still-valid parent).
  const Entry* Find(ListKind kind, IndicatorType type, std::string_view value,
                    int64_t now_ms) const;

  // Fast paths for the hot loops. `e164` is the number as an integer (at most 15 digits)
  // and `digits` its digit count.
  const Entry* FindNumber(ListKind kind, uint64_t e164, int64_t now_ms) const {
    return Live(numbers_.Find(e164 | static_cast<uint64_t>(kind) << 62), now_ms);
  }
  const Entry* FindRange(ListKind kind, uint64_t e164, int digits, int64_t now_ms) const;
  // REQUIRES: `host` lower-case without a trailing dot (as NormalizeDomain gives).
  const Entry* FindDomain(ListKind kind, std::string_view host, int64_t now_ms) const;
  // A phone number against both exact numbers and ranges: the exact entry wins.
  const Entry* FindPhone(ListKind kind, std::string_view e164_digits, int64_t now_ms) const;

  const std::vector<Entry>& entries() const { return entries_; }
  size_t size() const { return entries_.size(); }
  uint64_t version() const { return version_; }
  size_t memory_bytes() const;

 private:
  static constexpr uint32_t kNeverExpires = 0x80000000u;

  Snapshot() = default;
  // The entry of a map value if it is live at `now_ms`.
  const Entry* Live(uint32_t value, int64_t now_ms) const {
    if (value == internal::U64Map::kNone) return nullptr;
    const uint32_t index = value & ~kNeverExpires;
    if ((value & kNeverExpires) == 0 && expires_ms_[index] <= now_ms) return nullptr;
    return &entries_[index];
  }
  const Entry* FindString(ListKind kind, IndicatorType type, std::string_view value,
                          int64_t now_ms) const;
  // True when entry `ref` (a map value) is `value` of `kind` and `type`.
  bool Is(uint32_t ref, ListKind kind, IndicatorType type, std::string_view value) const;

  std::vector<Entry> entries_;
  std::vector<int64_t> expires_ms_;  // entries_[i].expires_ms, dense for the hot check
  internal::U64Map numbers_;
  internal::U64Map ranges_;
  internal::TagMap strings_;
  std::string check_arena_;           // per entry: kind byte, type byte, value
  std::vector<uint32_t> check_at_;    // entry i's bytes: [check_at_[i], check_at_[i + 1])
  std::array<uint16_t, kListKindCount> range_lengths_{};  // bit n: a range of n digits exists
  uint64_t version_ = 0;
};

// Parses E.164 digits ("8613800138000") into an integer; false when empty, longer than
// 15 digits or not all digits.
bool ParseE164(std::string_view digits, uint64_t& value);

}  // namespace wuzha::lists
