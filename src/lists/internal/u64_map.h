// U64Map: an immutable open-addressing map from uint64 keys to uint32 values, built once
// from a list of pairs and then only read. A key and its value share a 16-byte slot, so
// a probe costs one cache miss whether it hits or not. Linear probing over a power-of-two
// table filled to at most one half. The key ~0 is reserved for empty slots. Safe for
// concurrent readers once built; not copyable by accident (it is moved into a Snapshot).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "lists/internal/huge_array.h"

namespace wuzha::lists::internal {

class U64Map {
 public:
  static constexpr uint64_t kEmptyKey = ~uint64_t{0};
  static constexpr uint32_t kNone = ~uint32_t{0};

  U64Map() = default;

  // Builds from `pairs`; a later pair with the same key overwrites an earlier one.
  // REQUIRES: no key equals kEmptyKey.
  void Build(const std::vector<std::pair<uint64_t, uint32_t>>& pairs) {
    size_t cap = 16;
    while (cap < pairs.size() * 2) cap <<= 1;
    shift_ = 64 - std::countr_zero(cap);
    mask_ = cap - 1;
    slots_.Assign(cap, Entry{});
    for (const auto& [key, value] : pairs) {
      size_t i = Slot(key);
      while (slots_[i].key != kEmptyKey && slots_[i].key != key) i = (i + 1) & mask_;
      slots_[i] = {key, value};
    }
  }

  // The value of `key`, or kNone.
  uint32_t Find(uint64_t key) const {
    size_t i = Slot(key);
    for (;;) {
      const uint64_t k = slots_[i].key;
      if (k == key) return slots_[i].value;
      if (k == kEmptyKey) return kNone;
      i = (i + 1) & mask_;
    }
  }

  size_t memory_bytes() const { return slots_.size() * sizeof(Entry); }

 private:
  struct Entry {
    uint64_t key = kEmptyKey;
    uint32_t value = kNone;
  };

  // Fibonacci hashing: the high bits of a multiply spread sequential numbers well.
  size_t Slot(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }

  HugeArray<Entry> slots_{16, Entry{}};
  size_t mask_ = 15;
  int shift_ = 60;
};

}  // namespace wuzha::lists::internal
