// ChunkedArray<T, kShift>: an append-only array in fixed chunks of 2^kShift elements.
// Growing never copies or moves an element (pointers into it stay valid) and never holds
// more than one partly used chunk, so the memory it reports is within one chunk of what
// it holds — a std::vector doubles and reports up to twice. Elements are not initialised
// until written. Movable, not copyable; not thread safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <vector>

namespace wuzha::ledger::internal {

template <typename T, int kShift>
class ChunkedArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  static constexpr size_t kChunk = size_t{1} << kShift;
  static constexpr size_t kMask = kChunk - 1;

  size_t size() const { return size_; }
  T& operator[](size_t i) { return chunks_[i >> kShift][i & kMask]; }
  const T& operator[](size_t i) const { return chunks_[i >> kShift][i & kMask]; }

  void push_back(const T& v) {
    if ((size_ & kMask) == 0 && (size_ >> kShift) == chunks_.size()) AddChunk();
    chunks_[size_ >> kShift][size_ & kMask] = v;
    ++size_;
  }
  // Makes room for `n` more elements without writing them (they read as garbage until
  // written); used by the bulk loader.
  void grow_uninitialised(size_t n) {
    while (chunks_.size() * kChunk < size_ + n) AddChunk();
    size_ += n;
  }
  size_t memory_bytes() const {
    return chunks_.size() * kChunk * sizeof(T) + chunks_.capacity() * sizeof(chunks_[0]);
  }

 private:
  void AddChunk() { chunks_.push_back(std::unique_ptr<T[]>(new T[kChunk])); }

  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

}  // namespace wuzha::ledger::internal
