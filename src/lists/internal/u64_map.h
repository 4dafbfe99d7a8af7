// U64Map: an immutable open-addressing map from uint64 keys to a uint32 value plus a
// uint32 `hint` the owner may use (Snapshot keeps a coarse expiry there), built once from
// a list of slots and then only read. Key, value and hint share a 16-byte slot, so a
// probe costs one cache miss whether it hits or not, and a hit needs no second array.
// Linear probing over a power-of-two table with at least 2^spread slots per key (the
// owner trades memory for fewer collisions: a collision costs a mispredicted branch,
// which at these sizes costs more than a cache miss). The key ~0 is reserved for empty
// slots. Safe for concurrent readers once built; move-only.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "lists/internal/huge_array.h"

namespace wuzha::lists::internal {

class U64Map {
 public:
  static constexpr uint64_t kEmptyKey = ~uint64_t{0};

  struct Slot {
    uint64_t key = kEmptyKey;
    uint32_t value = 0;
    uint32_t hint = 0;
  };

  U64Map() = default;

  // Builds from `slots` with at least 2^spread slots per key; a later slot with the same
  // key overwrites an earlier one. REQUIRES: no key equals kEmptyKey; spread in [1, 4].
  void Build(const std::vector<Slot>& slots, int spread = 1) {
    size_t cap = 16;
    while (cap < slots.size() << spread) cap <<= 1;
    shift_ = 64 - std::countr_zero(cap);
    mask_ = cap - 1;
    slots_.Assign(cap, Slot{});
    for (const Slot& s : slots) {
      size_t i = Home(s.key);
      while (slots_[i].key != kEmptyKey && slots_[i].key != s.key) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  // The slot holding `key`, or nullptr. The home slot decides most lookups (the key, or
  // empty) without entering the probe loop. Branches, not selects: a predicted branch
  // lets the core run ahead to the next lookups while this slot's load is in flight; a
  // branch-free version (cmov, masks) measured 2x slower in lists_bench.
  const Slot* Find(uint64_t key) const {
    const size_t i = Home(key);
    const Slot* s = &slots_[i];
    if (s->key == key) return s;
    if (s->key == kEmptyKey) return nullptr;
    return Probe(key, i);
  }

  size_t memory_bytes() const { return slots_.size() * sizeof(Slot); }

 private:
  // Fibonacci hashing: the high bits of a multiply spread sequential numbers well.
  size_t Home(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }

  const Slot* Probe(uint64_t key, size_t i) const {
    for (;;) {
      i = (i + 1) & mask_;
      const Slot* s = &slots_[i];
      if (s->key == key) return s;
      if (s->key == kEmptyKey) return nullptr;
    }
  }

  HugeArray<Slot> slots_{16, Slot{}};
  size_t mask_ = 15;
  int shift_ = 60;
};

}  // namespace wuzha::lists::internal
