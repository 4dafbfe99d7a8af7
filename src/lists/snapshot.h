// Snapshot: an immutable, compiled view of every list entry at one publish, answering
// lookups without locks or allocation. Held by std::shared_ptr<const Snapshot>; a reader
// that keeps its pointer keeps its view, whatever is published after. Entry pointers
// returned by lookups stay valid while the snapshot lives. Safe for any number of
// concurrent readers.
//
// Layout: one U64Map for exact numbers (key = E.164 value | kind << 62), one for ranges
// (key = prefix value | digit count << 50 | kind << 62) probed from the longest present
// prefix length down; each slot carries the entry index and a coarse expiry (see
// ExpiryHint), so a hit on an entry that is not about to expire reads nothing more.
// Every string indicator is in a TagMap (a 64-bit hash seeded by kind and type; domains
// in their own) whose
// value is the offset of a record "entry ref, size, kind, type, value" in a dense arena:
// a candidate is confirmed there, so a probe never touches the Entry objects. A domain's
// key is built label by label from the right (reversed-label hash), so one right-to-left
// pass over a host gives the keys of all its parents; a KeyFilter of the domain keys and
// a mask of the label counts present reject most parents before any TagMap probe, and
// the rest are probed most specific first.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lists/indicator.h"
#include "lists/internal/key_filter.h"
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
  // Appends entry `index`'s record to records_; returns its offset.
  uint32_t AddRecord(const Entry& e, uint32_t index);

  // A U64Map slot's hint: expires_ms >> 16 (units of ~65 s) clamped to [0, 2^32 - 2],
  // or 2^32 - 1 for an entry that never expires. NowHint(now) < hint proves the entry is
  // live at `now`; otherwise (expired, or within the same ~65 s) the exact time decides.
  static uint32_t ExpiryHint(int64_t expires_ms);
  static uint32_t NowHint(int64_t now_ms) {
    const uint64_t units = now_ms < 0 ? 0 : static_cast<uint64_t>(now_ms) >> 16;
    return units < 0xFFFFFFFEu ? static_cast<uint32_t>(units) : 0xFFFFFFFEu;
  }
  // The entry of a map slot if it is live at `now_ms`.
  const Entry* Live(const internal::U64Map::Slot* slot, int64_t now_ms) const {
    if (slot == nullptr) return nullptr;
    if (NowHint(now_ms) < slot->hint) return &entries_[slot->value];
    return LiveExact(slot->value, now_ms);
  }
  // The entry at `index` if it is live at `now_ms`, from its exact expiry. Inline, like
  // the rest of FindNumber: a call here would make a caller's lookup loop reload the
  // table's fields after every lookup.
  const Entry* LiveExact(uint32_t index, int64_t now_ms) const {
    const int64_t expires = expires_ms_[index];
    return expires != 0 && expires <= now_ms ? nullptr : &entries_[index];
  }
  // The entry of the string record at `offset` if it is live at `now_ms`.
  const Entry* LiveRecord(uint32_t offset, int64_t now_ms) const;
  const Entry* FindString(ListKind kind, IndicatorType type, std::string_view value,
                          int64_t now_ms) const;

  std::vector<Entry> entries_;
  std::vector<int64_t> expires_ms_;  // entries_[i].expires_ms, for the exact check
  internal::U64Map numbers_;
  internal::U64Map ranges_;
  internal::TagMap strings_;         // value: offset of the entry's record in records_
  internal::TagMap domains_;         // the same for domain rules, fuller: see Build
  std::string records_;              // per string entry: ref, size, kind, type, value
  internal::KeyFilter domain_keys_;  // every domain rule's key
  std::array<uint64_t, kListKindCount> domain_labels_{};  // bit n: a rule of n labels (63: >= 63)
  std::array<uint16_t, kListKindCount> range_lengths_{};  // bit n: a range of n digits exists
  uint64_t version_ = 0;
};

// Parses E.164 digits ("8613800138000") into an integer; false when empty, longer than
// 15 digits or not all digits.
bool ParseE164(std::string_view digits, uint64_t& value);

}  // namespace wuzha::lists
