#include "core/interner.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>

#include "core/status.h"

namespace wuzha {
namespace {
constexpr size_t kInitialSlots = 1024;
constexpr size_t kBlockBytes = 64 * 1024;
uint32_t TagOf(uint64_t hash) { return static_cast<uint32_t>(hash >> 32) | 1u; }
}  // namespace

Interner::Interner() : slots_(kInitialSlots, Slot{0, 0}), mask_(kInitialSlots - 1) {}

size_t Interner::Probe(std::string_view key, uint64_t hash, bool& found) const {
  const uint32_t tag = TagOf(hash);
  for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.tag == 0) {
      found = false;
      return i;
    }
    if (s.tag == tag && Lookup(s.id) == key) {
      found = true;
      return i;
    }
  }
}

Interner::Id Interner::Intern(std::string_view key) {
  const uint64_t hash = XXH3_64bits(key.data(), key.size());
  bool found;
  size_t i = Probe(key, hash, found);
  if (found) return slots_[i].id;
  WUZHA_CHECK(size() < UINT32_MAX);
  const Id id = static_cast<Id>(size());
  keys_.push_back(Store(key));
  slots_[i] = Slot{TagOf(hash), id};
  if (size() * 2 > slots_.size()) Grow();  // keep the load factor at most 1/2.
  return id;
}

std::optional<Interner::Id> Interner::Find(std::string_view key) const {
  bool found;
  size_t i = Probe(key, XXH3_64bits(key.data(), key.size()), found);
  if (!found) return std::nullopt;
  return slots_[i].id;
}

std::string_view Interner::Lookup(Id id) const { return keys_[id]; }

std::string_view Interner::Store(std::string_view key) {
  if (key.empty()) return {};
  if (key.size() > block_left_) {
    // The rest of the current block is abandoned: at most one key's worth per block.
    const size_t bytes = std::max(kBlockBytes, key.size());
    blocks_.push_back(std::unique_ptr<char[]>(new char[bytes]));
    block_next_ = blocks_.back().get();
    block_left_ = bytes;
    arena_bytes_ += bytes;
  }
  std::memcpy(block_next_, key.data(), key.size());
  std::string_view stored(block_next_, key.size());
  block_next_ += key.size();
  block_left_ -= key.size();
  return stored;
}

void Interner::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{0, 0});
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.tag == 0) continue;
    std::string_view key = Lookup(s.id);
    bool found;
    size_t i = Probe(key, XXH3_64bits(key.data(), key.size()), found);
    slots_[i] = s;
  }
}

size_t Interner::memory_bytes() const {
  return slots_.capacity() * sizeof(Slot) + arena_bytes_ +
         blocks_.capacity() * sizeof(blocks_[0]) + keys_.capacity() * sizeof(std::string_view);
}

}  // namespace wuzha
