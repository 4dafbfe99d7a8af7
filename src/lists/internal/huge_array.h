// HugeArray<T>: a fixed-size array of trivially copyable T that asks the kernel for
// transparent huge pages (madvise MADV_HUGEPAGE) once it spans 2 MiB or more. Random
// probes into a 32 MiB hash table otherwise miss the TLB on almost every lookup. Falls
// back silently to normal pages. Move-only; not thread safe while being filled.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <type_traits>

namespace wuzha::lists::internal {

template <typename T>
class HugeArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  HugeArray() = default;
  HugeArray(size_t n, const T& fill) { Assign(n, fill); }

  void Assign(size_t n, const T& fill) {
    constexpr size_t kHuge = size_t{2} << 20;
    const size_t bytes = n * sizeof(T);
    void* p = nullptr;
    if (bytes >= kHuge) {
      p = std::aligned_alloc(kHuge, (bytes + kHuge - 1) / kHuge * kHuge);
      if (p != nullptr) madvise(p, bytes, MADV_HUGEPAGE);  // advice only: ignore failure
    } else {
      p = std::malloc(bytes == 0 ? 1 : bytes);
    }
    if (p == nullptr) throw std::bad_alloc();
    data_.reset(static_cast<T*>(p));
    size_ = n;
    for (size_t i = 0; i < n; ++i) new (data_.get() + i) T(fill);
  }

  T& operator[](size_t i) { return data_.get()[i]; }
  const T& operator[](size_t i) const { return data_.get()[i]; }
  size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> data_;
  size_t size_ = 0;
};

}  // namespace wuzha::lists::internal
