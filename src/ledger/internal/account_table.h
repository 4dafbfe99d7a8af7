// AccountTable: account numbers interned to dense ids 0, 1, 2 ... in first-seen order,
// each with its entry: the heads of its outgoing and incoming row lists.
//
// The entries live in the hash table itself (open addressing, linear probing, 32-byte
// entries, load at most 0.8), and an account number of up to 24 digits — every bank card
// and nearly every account — is packed into the entry (4 bits a digit), so finding an
// account and the heads of its lists is one cache miss, not three (slot, record, key
// bytes). Other numbers (letters, longer) keep a 64-bit hash in the entry and are
// confirmed against their bytes. The bytes of every number also live once,
// length-prefixed, in an arena of 1 MiB blocks that never move, for AccountNumber; an
// id-indexed array gives each id its entry's slot and its bytes. Keys are at most 255
// bytes. Not thread safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "ledger/internal/chunked_array.h"
#include "ledger/internal/large_array.h"
#include "ledger/internal/row_lists.h"

namespace wuzha::ledger::internal {

class AccountTable {
 public:
  static constexpr size_t kMaxKeyBytes = 255;

  struct alignas(32) Entry {
    uint64_t k0;  // packed digits, or the hash of a long key; k0 == k1 == 0: empty slot
    uint32_t k1;  // more packed digits, or 0xF0000000 | hash bits for a long key
    uint32_t id;
    RowLists::List out;
    RowLists::List in;
  };

  // A key packed for lookup.
  struct Packed {
    uint64_t k0 = 0;
    uint32_t k1 = 0;
    bool is_long = false;
    uint64_t hash = 0;
  };

  AccountTable();

  static Packed Pack(std::string_view key);
  void Prefetch(const Packed& p) const { __builtin_prefetch(&entries_[p.hash & mask_]); }

  // The entry of `key`, added (with empty lists) when new. REQUIRES: key.size() <= 255,
  // p == Pack(key). The reference is valid until the next Intern.
  Entry& Intern(std::string_view key, const Packed& p) {
    for (size_t i = p.hash & mask_;; i = (i + 1) & mask_) {
      Entry& e = entries_[i];
      if (e.k0 == p.k0 && e.k1 == p.k1) {
        if (!p.is_long || Key(e.id) == key) return e;
      } else if (e.k0 == 0 && e.k1 == 0) {
        return Add(key, p, i);
      }
    }
  }
  // Where Intern would find the key (or nullptr), without confirming a long key's bytes:
  // for prefetching what the entry points to.
  const Entry* Peek(const Packed& p) const {
    for (size_t i = p.hash & mask_;; i = (i + 1) & mask_) {
      const Entry& e = entries_[i];
      if (e.k0 == p.k0 && e.k1 == p.k1) return &e;
      if (e.k0 == 0 && e.k1 == 0) return nullptr;
    }
  }
  std::optional<uint32_t> Find(std::string_view key) const;

  std::string_view Key(uint32_t id) const {
    const uint32_t off = ids_[id].key;
    const char* p = &blocks_[off >> kBlockShift][off & (kBlockBytes - 1)];
    return {p + 1, static_cast<uint8_t>(*p)};
  }
  Entry& entry(uint32_t id) { return entries_[ids_[id].slot]; }
  const Entry& entry(uint32_t id) const { return entries_[ids_[id].slot]; }
  size_t size() const { return ids_.size(); }
  size_t memory_bytes() const;

  // Calls fn(List&) for every account's outgoing and incoming list (RowLists::Compact).
  template <typename Fn>
  void ForEachList(Fn&& fn) {
    for (Entry& e : entries_) {
      if (e.k0 == 0 && e.k1 == 0) continue;
      fn(e.out);
      fn(e.in);
    }
  }

 private:
  struct IdInfo {
    uint32_t slot;  // of the entry in entries_
    uint32_t key;   // arena offset of the length byte
  };
  static constexpr int kBlockShift = 20;
  static constexpr size_t kBlockBytes = size_t{1} << kBlockShift;

  Entry& Add(std::string_view key, const Packed& p, size_t slot);
  uint32_t StoreKey(std::string_view key);
  void Grow();

  LargeArray<Entry> entries_;
  size_t mask_;
  ChunkedArray<IdInfo, 14> ids_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  uint64_t arena_next_ = 0;  // offset of the first free arena byte
};

}  // namespace wuzha::ledger::internal
