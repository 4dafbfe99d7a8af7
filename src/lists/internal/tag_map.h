// TagMap: an immutable open-addressing index from 64-bit hashes to uint32 values that
// stores only a 32-bit tag per slot (8-byte slots, so 100k strings index in ~1.6 MiB and
// stay in L2). The slot comes from the hash's high bits, the tag from its low bits. Tags
// can collide, so a lookup walks the candidates and lets the caller confirm each one
// against the real key. Built once, then only read: safe for concurrent readers.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "lists/internal/huge_array.h"

namespace wuzha::lists::internal {

class TagMap {
 public:
  static constexpr uint32_t kNone = ~uint32_t{0};

  // Builds with at most `max_load_percent` of the slots used (a power-of-two table, so
  // usually fewer). REQUIRES: hashes uniformly distributed (XXH3 or similar);
  // max_load_percent in [10, 90].
  void Build(const std::vector<std::pair<uint64_t, uint32_t>>& pairs, int max_load_percent = 50) {
    size_t cap = 16;
    while (cap * static_cast<size_t>(max_load_percent) < pairs.size() * 100) cap <<= 1;
    shift_ = 64 - std::countr_zero(cap);
    mask_ = cap - 1;
    slots_.Assign(cap, Slot{});
    for (const auto& [hash, value] : pairs) {
      size_t i = hash >> shift_;
      while (slots_[i].tag != 0) i = (i + 1) & mask_;
      slots_[i] = {Tag(hash), value};
    }
  }

  // The first value under `hash` that `confirm(value)` accepts, or kNone.
  template <typename Confirm>
  uint32_t Find(uint64_t hash, Confirm&& confirm) const {
    const uint32_t tag = Tag(hash);
    for (size_t i = hash >> shift_;; i = (i + 1) & mask_) {
      const Slot s = slots_[i];
      if (s.tag == 0) return kNone;
      if (s.tag == tag && confirm(s.value)) return s.value;
    }
  }

  size_t memory_bytes() const { return slots_.size() * sizeof(Slot); }

 private:
  struct Slot {
    uint32_t tag = 0;  // 0: empty
    uint32_t value = kNone;
  };
  static uint32_t Tag(uint64_t hash) { return static_cast<uint32_t>(hash) | 1u; }

  HugeArray<Slot> slots_{16, Slot{}};
  size_t mask_ = 15;
  int shift_ = 60;
};

}  // namespace wuzha::lists::internal
