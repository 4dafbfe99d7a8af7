// LargeArray<T>: a fixed-size array of trivially copyable T, zero-filled, for the big
// tables read at random (the account table). From 2 MiB up it is 2 MiB-aligned and
// advised as transparent huge pages (madvise; the kernel's default on Debian is to
// honour it), so that a random read costs a cache miss but seldom a TLB miss as well.
// Movable, not copyable.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <type_traits>

namespace wuzha::ledger::internal {

template <typename T>
class LargeArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  static constexpr size_t kHugePage = size_t{2} << 20;

  LargeArray() = default;
  explicit LargeArray(size_t n) : size_(n) {
    const size_t bytes = n * sizeof(T);
    void* p;
    if (bytes >= kHugePage) {
      p = std::aligned_alloc(kHugePage, (bytes + kHugePage - 1) / kHugePage * kHugePage);
      if (p != nullptr) ::madvise(p, bytes, MADV_HUGEPAGE);
    } else {
      p = std::aligned_alloc(alignof(T) < 64 ? 64 : alignof(T), (bytes + 63) / 64 * 64);
    }
    if (p == nullptr) throw std::bad_alloc();
    std::memset(p, 0, bytes);
    data_.reset(static_cast<T*>(p));
  }

  size_t size() const { return size_; }
  T& operator[](size_t i) { return data_.get()[i]; }
  const T& operator[](size_t i) const { return data_.get()[i]; }
  T* begin() { return data_.get(); }
  T* end() { return data_.get() + size_; }
  // The bytes allocated, rounded as allocated.
  size_t memory_bytes() const {
    const size_t bytes = size_ * sizeof(T);
    return bytes >= kHugePage ? (bytes + kHugePage - 1) / kHugePage * kHugePage
                              : (bytes + 63) / 64 * 64;
  }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> data_;
  size_t size_ = 0;
};

}  // namespace wuzha::ledger::internal
