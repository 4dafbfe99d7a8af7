// Interner: maps strings (phone numbers, accounts, device ids) to dense uint32 ids
// 0, 1, 2 ... in first-seen order, so that graphs and per-entity arrays index by id.
//
// Open addressing with linear probing over a power-of-two table of (hash tag, id)
// slots; the strings live once in an append-only arena. Ids and the string_views that
// Lookup returns stay valid for the interner's lifetime. Not thread safe: one interner
// per partition or per build, or guard it externally.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wuzha {

class Interner {
 public:
  using Id = uint32_t;

  Interner();

  // Returns the id of `key`, adding it when new.
  Id Intern(std::string_view key);
  // Returns the id of `key` if present.
  std::optional<Id> Find(std::string_view key) const;
  // The string of `id`. REQUIRES: id < size().
  std::string_view Lookup(Id id) const;

  size_t size() const { return offsets_.size() - 1; }
  // Bytes held by the table, the arena and the offsets.
  size_t memory_bytes() const;

 private:
  struct Slot {
    uint32_t tag;  // upper 32 bits of the hash; 0 marks an empty slot (real tags are |1).
    Id id;
  };
  size_t Probe(std::string_view key, uint64_t hash, bool& found) const;
  void Grow();

  std::vector<Slot> slots_;
  std::vector<char> arena_;        // all keys back to back
  std::vector<uint64_t> offsets_;  // key i spans arena_[offsets_[i], offsets_[i+1])
  size_t mask_;
};

}  // namespace wuzha
