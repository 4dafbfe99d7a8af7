#include "ledger/internal/row_lists.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "core/status.h"

namespace wuzha::ledger::internal {

// 2, 4, 6, 8, then 2^k + j * 2^(k-2) for k = 3..11, j = 1..4: four classes per doubling.
// Small lists start with room for two rows and grow by two: a list that moved at every
// row would pay a cache miss for each.
const uint32_t RowLists::kCapacity[kClasses] = {
    2,   4,   6,   8,    10,   12,   14,   16,   20,   24,   28,   32,  40,  48,
    56,  64,  80,  96,   112,  128,  160,  192,  224,  256,  320,  384, 448, 512,
    640, 768, 896, 1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096};

RowLists::RowLists() { std::fill(std::begin(free_), std::end(free_), kNone); }

int RowLists::ClassOf(uint32_t size) {
  if (size <= 8) return static_cast<int>(size - 1) / 2;
  const int k = 31 - std::countl_zero(size - 1);  // 2^k < size <= 2^(k+1)
  const uint32_t step_shift = static_cast<uint32_t>(k - 2);
  const uint32_t j = (size - (1u << k) + (1u << step_shift) - 1) >> step_shift;
  return 4 + (k - 3) * 4 + static_cast<int>(j) - 1;
}

uint32_t RowLists::Allocate(int cls) {
  if (free_[cls] != kNone) {
    const uint32_t block = free_[cls];
    free_[cls] = PoolAt(block);
    free_rows_ -= kCapacity[cls];
    return block;
  }
  const uint32_t cap = kCapacity[cls];
  const uint32_t in_chunk = next_ & (kChunkRows - 1);
  if (in_chunk != 0 && in_chunk + cap > kChunkRows) {
    // The chunk's tail is too short: hand it out as free blocks of smaller classes, so
    // nothing is stranded, and start the next chunk.
    uint32_t left = kChunkRows - in_chunk;
    while (left > 0) {
      int c = kClasses - 1;
      while (kCapacity[c] > left) --c;
      Free(next_, c);
      next_ += kCapacity[c];
      left -= kCapacity[c];
    }
  }
  WUZHA_CHECK(static_cast<uint64_t>(next_) + cap < kBig);  // 2^31 pooled rows
  if ((next_ >> kChunkShift) == chunks_.size()) AddChunk();
  const uint32_t block = next_;
  next_ += cap;
  return block;
}

void RowLists::AddChunk() {
  if (chunks_.size() < kSlabChunks) {
    small_.push_back(std::unique_ptr<RowNum[]>(new RowNum[kChunkRows]));
    chunks_.push_back(small_.back().get());
    return;
  }
  if ((chunks_.size() - kSlabChunks) % kSlabChunks == 0) {
    slabs_.emplace_back(kSlabChunks * kChunkRows);
  }
  chunks_.push_back(slabs_.back().begin() +
                    (chunks_.size() - kSlabChunks) % kSlabChunks * kChunkRows);
}

void RowLists::Free(uint32_t begin, int cls) {
  PoolAt(begin) = free_[cls];
  free_[cls] = begin;
  free_rows_ += kCapacity[cls];
}

void RowLists::Insert(List& list, size_t pos, RowNum row) {
  const uint32_t size = list.size;
  if (size != 0 && (list.begin & kBig)) {
    std::vector<RowNum>& v = big_[list.begin & ~kBig];
    v.insert(v.begin() + static_cast<ptrdiff_t>(pos), row);
    ++list.size;
    return;
  }
  if (size == 0) {
    list.begin = Allocate(0);
    PoolAt(list.begin) = row;
    list.size = 1;
    return;
  }
  RowNum* old = &PoolAt(list.begin);
  if (size < CapacityOf(size)) {
    std::memmove(old + pos + 1, old + pos, (size - pos) * sizeof(RowNum));
    old[pos] = row;
    ++list.size;
    return;
  }
  const int old_class = ClassOf(size);
  if (size + 1 > kMaxPooled) {
    // Its own vector from here on, doubling like any vector: few lists get this long.
    std::vector<RowNum> v;
    v.reserve(size_t{size} * 2);
    v.insert(v.end(), old, old + pos);
    v.push_back(row);
    v.insert(v.end(), old + pos, old + size);
    Free(list.begin, old_class);
    WUZHA_CHECK(big_.size() < kBig);
    big_.push_back(std::move(v));
    list.begin = kBig | static_cast<uint32_t>(big_.size() - 1);
    ++list.size;
    return;
  }
  const uint32_t block = Allocate(ClassOf(size + 1));
  old = &PoolAt(list.begin);  // Allocate may have added a chunk; chunks never move
  RowNum* dst = &PoolAt(block);
  std::memcpy(dst, old, pos * sizeof(RowNum));
  dst[pos] = row;
  std::memcpy(dst + pos + 1, old + pos, (size - pos) * sizeof(RowNum));
  Free(list.begin, old_class);
  list.begin = block;
  ++list.size;
}

void RowLists::Assign(List& list, std::span<const RowNum> rows) {
  WUZHA_CHECK(list.size == 0);
  if (rows.empty()) return;
  if (rows.size() > kMaxPooled) {
    WUZHA_CHECK(big_.size() < kBig);
    big_.emplace_back(rows.begin(), rows.end());
    list.begin = kBig | static_cast<uint32_t>(big_.size() - 1);
  } else {
    list.begin = Allocate(ClassOf(static_cast<uint32_t>(rows.size())));
    std::memcpy(&PoolAt(list.begin), rows.data(), rows.size() * sizeof(RowNum));
  }
  list.size = static_cast<uint32_t>(rows.size());
}

size_t RowLists::memory_bytes() const {
  size_t b = small_.size() * size_t{kChunkRows} * sizeof(RowNum) +
             chunks_.capacity() * sizeof(chunks_[0]) + small_.capacity() * sizeof(small_[0]) +
             slabs_.capacity() * sizeof(slabs_[0]) + big_.capacity() * sizeof(big_[0]);
  for (const auto& slab : slabs_) b += slab.memory_bytes();
  for (const auto& v : big_) b += v.capacity() * sizeof(RowNum);
  return b;
}

}  // namespace wuzha::ledger::internal
