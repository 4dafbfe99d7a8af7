// RowLists: the storage of every account's outgoing and incoming row lists, each list
// contiguous (so an index accessor returns a span) and growing in place.
//
// A list lives in a block of one of 40 size classes (2, 4, 6, 8, then four per doubling:
// 10, 12, 14, 16, 20, ... 4096 rows), carved out of 64 Ki-row chunks; when a list
// outgrows its block it moves to a block of the next class and the old block goes on a
// free list that the next list growing into that class reuses. Lists hold on average
// ~90% of their block, against ~72% for a vector that doubles, and the header of a list
// is 8 bytes (begin, size: the capacity follows from the size). A list past 4096 rows
// (a merchant, a clearing account) moves to its own std::vector.
//
// Blocks left behind by lists that grew are reused by lists growing into their class, but
// once every list has outgrown a class its free blocks would stay unused: when free
// blocks pass 1/8 of the pool, the owner compacts it (WantsCompaction, Compact), copying
// every list into fresh chunks, so at least ~7/8 of the pool is lists.
//
// Handles are plain values (List) that the owner keeps per account; RowLists only keeps
// the blocks. Not thread safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "ledger/internal/large_array.h"

namespace wuzha::ledger::internal {

using RowNum = uint32_t;

class RowLists {
 public:
  struct List {
    uint32_t begin;  // pool offset, or kBig | index into big_ for a list in its own vector
    uint32_t size;
  };
  static constexpr List kEmptyList{0, 0};

  RowLists();

  // Appends `row` at the end of `list`.
  void PushBack(List& list, RowNum row) {
    if (list.size != 0 && (list.begin & kBig) == 0 && list.size < CapacityOf(list.size)) {
      PoolAt(list.begin + list.size) = row;
      ++list.size;
      return;
    }
    Insert(list, list.size, row);
  }
  // Inserts `row` before position `pos` (pos <= size), moving the rest up.
  void Insert(List& list, size_t pos, RowNum row);

  std::span<const RowNum> View(const List& list) const {
    if (list.size == 0) return {};
    if (list.begin & kBig) return {big_[list.begin & ~kBig].data(), list.size};
    return {&PoolAt(list.begin), list.size};
  }
  // Where PushBack would write next (or the last row when the block is full), for a
  // prefetch; nullptr for an empty list or one in its own vector.
  const void* TailAddress(const List& list) const {
    if (list.size == 0 || (list.begin & kBig)) return nullptr;
    const uint32_t at = list.size < CapacityOf(list.size) ? list.size : list.size - 1;
    return &PoolAt(list.begin + at);
  }

  // Replaces the whole list with `rows` (the bulk loader; `list` must be empty).
  void Assign(List& list, std::span<const RowNum> rows);

  size_t memory_bytes() const;

  bool WantsCompaction() const { return free_rows_ > kChunkRows && free_rows_ * 8 > next_; }
  // Copies every pooled list into fresh chunks, packed in the order `for_each_list` gives
  // them, and frees the old chunks. for_each_list(fn) must call fn(List&) once for every
  // list the owner holds (the handles are updated in place).
  template <typename ForEachList>
  void Compact(ForEachList&& for_each_list) {
    RowLists fresh;
    fresh.big_ = std::move(big_);
    for_each_list([&](List& list) {
      if (list.size == 0 || (list.begin & kBig)) return;
      List moved = kEmptyList;
      fresh.Assign(moved, View(list));
      list = moved;
    });
    *this = std::move(fresh);
  }

  // The capacity of the block that holds a list of `size` rows (size >= 1), for tests.
  static uint32_t CapacityOf(uint32_t size) { return kCapacity[ClassOf(size)]; }

 private:
  static constexpr uint32_t kBig = 0x80000000u;
  static constexpr int kChunkShift = 16;
  static constexpr uint32_t kChunkRows = 1u << kChunkShift;
  static constexpr int kClasses = 40;
  static constexpr uint32_t kMaxPooled = 4096;
  static constexpr uint32_t kNone = UINT32_MAX;
  static const uint32_t kCapacity[kClasses];

  static int ClassOf(uint32_t size);
  RowNum& PoolAt(uint32_t off) { return chunks_[off >> kChunkShift][off & (kChunkRows - 1)]; }
  const RowNum& PoolAt(uint32_t off) const {
    return chunks_[off >> kChunkShift][off & (kChunkRows - 1)];
  }
  uint32_t Allocate(int cls);
  void Free(uint32_t begin, int cls);
  void AddChunk();

  // Chunk pointers; the first kSlabChunks chunks are allocated one by one, the rest eight
  // at a time in 2 MiB slabs on huge pages (the pool is read at random).
  static constexpr size_t kSlabChunks = 8;
  std::vector<RowNum*> chunks_;
  std::vector<std::unique_ptr<RowNum[]>> small_;
  std::vector<LargeArray<RowNum>> slabs_;
  uint32_t next_ = 0;  // first unused pool offset (bump allocation)
  uint32_t free_[kClasses];
  uint64_t free_rows_ = 0;  // capacity of the blocks on the free lists
  std::vector<std::vector<RowNum>> big_;
};

}  // namespace wuzha::ledger::internal
