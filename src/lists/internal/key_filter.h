// KeyFilter: an immutable blocked Bloom filter over 64-bit hashes. Each key sets two bits
// of one 64-bit word (about 16 bits per key, so ~2% false positives), so a query is one
// load and two bit tests with no branch; all the parents of a host can be tested at once
// and their loads overlap. "No" is exact; "maybe" must be confirmed by the real index.
// Built once, then only read: safe for concurrent readers. Move-only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "lists/internal/huge_array.h"

namespace wuzha::lists::internal {

class KeyFilter {
 public:
  // REQUIRES: keys uniformly distributed (the output of a good hash).
  void Build(const std::vector<uint64_t>& keys) {
    size_t words = 1;
    while (words * 64 < keys.size() * 16) words <<= 1;
    mask_ = words - 1;
    words_.Assign(words, 0);
    for (uint64_t key : keys) words_[Word(key)] |= Bits(key);
  }

  bool MayContain(uint64_t key) const {
    const uint64_t bits = Bits(key);
    return (words_[Word(key)] & bits) == bits;
  }

  size_t memory_bytes() const { return words_.size() * sizeof(uint64_t); }

 private:
  // The word from the middle bits, the two bit positions from the low twelve: a
  // TagMap slot comes from the top bits, so the two indexes stay independent.
  size_t Word(uint64_t key) const { return static_cast<size_t>(key >> 24) & mask_; }
  static uint64_t Bits(uint64_t key) {
    return (uint64_t{1} << (key & 63)) | (uint64_t{1} << ((key >> 6) & 63));
  }

  HugeArray<uint64_t> words_{1, 0};
  size_t mask_ = 0;
};

}  // namespace wuzha::lists::internal
