// TransactionIds: the transaction-id column of the ledger and the set that refuses a
// repeated id, in about 8 bytes a row for the ids banks and the sim write.
//
// Storage. An id that is a prefix and a decimal number ("E000000012345", "E42",
// "T20240501-0001") is stored as one 64-bit cell: the top byte names its format (the
// prefix and the digit count, or "no leading zeros") in a table of up to 254 formats,
// the low 56 bits hold the number (up to 16 digits; longer digit runs keep their head in
// the prefix). Any other id, or one past the 254th format, goes length-prefixed into an
// arena, and its cell holds the arena offset. The cell of a row without an id is 0.
// Every id is reconstructed byte for byte.
//
// Duplicates. Ids of a format whose numbers come close together (a bank's or the sim's
// running sequence) are checked against a bitmap of 4096-number pages: one bit per number,
// no hashing, and the page in cache while the sequence runs. A format whose pages turn
// out to be sparse (fewer than 64 ids a page on average once it has 64 pages) moves to
// the hash set, as arena ids are from the start: open addressing over (7-bit tag, row)
// slots, load at most 0.8, where a tag hit is confirmed against the stored cell or
// arena bytes, so no two different ids are ever taken for one.
//
// Not thread safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ledger/internal/chunked_array.h"

namespace wuzha::ledger::internal {

class TransactionIds {
 public:
  static constexpr size_t kMaxIdBytes = 255;

  TransactionIds();

  // The id parsed once, for Prefetch and Add.
  struct Key {
    uint64_t cell = 0;  // the compact cell, 0 when the id is empty or goes to the arena
    uint64_t hash = 0;  // of the cell or of the bytes, for the hash set
    bool arena = false;
    std::string_view id;
  };
  // REQUIRES: id.size() <= kMaxIdBytes. May register a new format.
  Key Parse(std::string_view id);
  // Brings into cache what Add(key) will read.
  void Prefetch(const Key& key) const;
  // Records the id as the next row and returns true, or returns false (recording
  // nothing) when the id is already there. An empty id is always new.
  bool Add(const Key& key);

  // The id of `row` as it arrived. REQUIRES: row < size().
  std::string Get(uint32_t row) const;
  size_t size() const { return cells_.size(); }
  size_t memory_bytes() const;

  // How ids are held, for the docs and tests: formats in use, of which dense; rows whose
  // id is in the arena; ids in the hash set.
  struct Stats {
    size_t formats = 0, dense_formats = 0, arena_ids = 0, hashed_ids = 0, pages = 0;
  };
  Stats stats() const;

 private:
  static constexpr int kPageShift = 12;  // 4096 numbers a page
  static constexpr size_t kPageWords = (size_t{1} << kPageShift) / 64;
  static constexpr uint64_t kArenaTag = 0xFF;

  struct Format {
    std::string prefix;
    uint8_t width = 0;  // digit count with leading zeros; 0 = printed without them
    bool dense = true;
    uint64_t ids = 0;
    std::unordered_map<uint64_t, std::unique_ptr<uint64_t[]>> pages;
    uint64_t last_page = UINT64_MAX;  // the page used last, cached
    uint64_t* last_bits = nullptr;
  };

  uint8_t FormatOf(std::string_view prefix, uint8_t width);  // 0 when the table is full
  bool AddDense(Format& f, uint64_t cell);
  void MakeSparse(uint8_t fmt);
  // The set of rows hashed by id. Find returns the row, or UINT32_MAX; the slot where the
  // id would go is left in `slot`.
  uint32_t FindHashed(const Key& key, size_t& slot) const;
  void InsertHashed(uint64_t hash, uint32_t row, size_t slot);
  void GrowHashed();
  uint64_t HashOfRow(uint32_t row) const;
  std::string_view ArenaId(uint64_t cell) const;
  uint64_t StoreInArena(std::string_view id);

  ChunkedArray<uint64_t, 16> cells_;
  std::vector<Format> formats_;  // index 0 unused: format numbers are 1..254
  std::unordered_map<std::string, uint8_t> format_index_;  // prefix + '\0' + width
  uint8_t last_format_ = 0;
  // The hash set: tag 0 = empty, else 0x80 | top 7 bits of the hash.
  std::vector<uint8_t> tags_;
  std::vector<uint32_t> rows_;
  size_t hashed_ = 0;
  // Arena of length-prefixed ids in 1 MiB blocks; an id never straddles two.
  std::vector<std::unique_ptr<char[]>> arena_;
  uint64_t arena_next_ = 0;
  size_t arena_ids_ = 0;
};

}  // namespace wuzha::ledger::internal
