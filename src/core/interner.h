// Interner: maps strings (phone numbers, accounts, device ids) to dense uint32 ids
// 0, 1, 2 ... in first-seen order, so that graphs and per-entity arrays index by id.
//
// Open addressing with linear probing over a power-of-two table of (hash tag, id)
// slots; the strings live once in an append-only arena of blocks that never move. Ids
// and the string_views that Lookup returns stay valid for the interner's lifetime (also
// across a move). Movable, not copyable. Not thread safe: one interner per partition or
// per build, or guard it externally.
#pragma once

#include <cstdint>
#include <memory>
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

  size_t size() const { return keys_.size(); }
  // Bytes held by the table, the arena and the key index.
  size_t memory_bytes() const;

 private:
  struct Slot {
    uint32_t tag;  // upper 32 bits of the hash; 0 marks an empty slot (real tags are |1).
    Id id;
  };
  size_t Probe(std::string_view key, uint64_t hash, bool& found) const;
  void Grow();
  // Copies `key` into the arena and returns the copy, which never moves.
  std::string_view Store(std::string_view key);

  std::vector<Slot> slots_;
  // Keys back to back in fixed-size blocks (a key larger than a block gets its own): a
  // single growing vector would reallocate and leave earlier views dangling.
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* block_next_ = nullptr;  // first free byte of blocks_.back()
  size_t block_left_ = 0;       // free bytes from block_next_
  size_t arena_bytes_ = 0;      // bytes allocated in blocks_
  std::vector<std::string_view> keys_;  // key of id i, pointing into blocks_
  size_t mask_;
};

}  // namespace wuzha
