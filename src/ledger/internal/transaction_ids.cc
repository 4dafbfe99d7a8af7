#include "ledger/internal/transaction_ids.h"

#include <xxhash.h>

#include <charconv>
#include <cstring>

#include "core/status.h"

namespace wuzha::ledger::internal {
namespace {

constexpr uint64_t kNumberMask = (uint64_t{1} << 56) - 1;
constexpr size_t kMaxDigits = 16;  // 10^16 < 2^56
constexpr size_t kMaxPrefix = 24;
constexpr size_t kMaxFormats = 254;
constexpr int kArenaShift = 20;
constexpr size_t kArenaBlock = size_t{1} << kArenaShift;
constexpr size_t kInitialSlots = 1024;
// A dense format goes to the hash set when, having this many pages, they average fewer
// ids than this: a bitmap page (512 bytes) would then cost more than 8 bytes an id.
constexpr size_t kSparsePages = 64;
constexpr uint64_t kMinIdsPerPage = 64;
// Bytes of an unordered_map node and its bucket, for memory_bytes.
constexpr size_t kMapEntryBytes = 48;

uint64_t MixCell(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}
uint8_t TagOf(uint64_t hash) { return static_cast<uint8_t>(0x80 | (hash >> 57)); }

}  // namespace

TransactionIds::TransactionIds() { formats_.emplace_back(); }

TransactionIds::Key TransactionIds::Parse(std::string_view id) {
  Key k;
  k.id = id;
  if (id.empty()) return k;
  size_t d = id.size();
  while (d > 0 && id[d - 1] >= '0' && id[d - 1] <= '9') --d;
  size_t digits = id.size() - d;
  if (digits > kMaxDigits) {
    d = id.size() - kMaxDigits;
    digits = kMaxDigits;
  }
  uint8_t fmt = 0;
  if (digits > 0 && d <= kMaxPrefix) {
    const bool padded = digits > 1 && id[d] == '0';
    fmt = FormatOf(id.substr(0, d), padded ? static_cast<uint8_t>(digits) : 0);
  }
  if (fmt == 0) {
    k.arena = true;
    k.hash = XXH3_64bits(id.data(), id.size());
    return k;
  }
  uint64_t n = 0;
  for (size_t i = d; i < id.size(); ++i) n = n * 10 + static_cast<uint64_t>(id[i] - '0');
  k.cell = uint64_t{fmt} << 56 | n;
  k.hash = MixCell(k.cell);
  return k;
}

uint8_t TransactionIds::FormatOf(std::string_view prefix, uint8_t width) {
  // Ids of one source share a format: check the last one before the map.
  const Format& last = formats_[last_format_];
  if (last_format_ != 0 && last.width == width && last.prefix == prefix) return last_format_;
  std::string key(prefix);
  key.push_back('\0');
  key.push_back(static_cast<char>(width));
  auto it = format_index_.find(key);
  if (it != format_index_.end()) return last_format_ = it->second;
  if (formats_.size() > kMaxFormats) return 0;
  const uint8_t fmt = static_cast<uint8_t>(formats_.size());
  formats_.emplace_back();
  formats_.back().prefix.assign(prefix);
  formats_.back().width = width;
  format_index_.emplace(std::move(key), fmt);
  return last_format_ = fmt;
}

void TransactionIds::Prefetch(const Key& key) const {
  if (key.id.empty()) return;
  if (!key.arena && formats_[key.cell >> 56].dense) return;  // the page is mostly cached
  if (!tags_.empty()) __builtin_prefetch(&tags_[key.hash & (tags_.size() - 1)]);
}

bool TransactionIds::Add(const Key& key) {
  if (key.id.empty()) {
    cells_.push_back(0);
    return true;
  }
  if (!key.arena) {
    const uint8_t fmt = static_cast<uint8_t>(key.cell >> 56);
    Format& f = formats_[fmt];
    if (f.dense) {
      const uint64_t n = key.cell & kNumberMask;
      const uint64_t page = n >> kPageShift;
      uint64_t* bits = f.last_bits;
      if (page != f.last_page) {
        auto it = f.pages.find(page);
        if (it != f.pages.end()) {
          bits = it->second.get();
        } else if (f.pages.size() >= kSparsePages && f.ids < kMinIdsPerPage * f.pages.size()) {
          MakeSparse(fmt);
          bits = nullptr;
        } else {
          bits = new uint64_t[kPageWords]();
          f.pages.emplace(page, std::unique_ptr<uint64_t[]>(bits));
        }
        if (bits != nullptr) {
          f.last_page = page;
          f.last_bits = bits;
        }
      }
      if (bits != nullptr) {
        const uint64_t word = (n >> 6) & (kPageWords - 1), bit = uint64_t{1} << (n & 63);
        if (bits[word] & bit) return false;
        bits[word] |= bit;
        cells_.push_back(key.cell);
        ++f.ids;
        return true;
      }
    }
  }
  size_t slot;
  if (FindHashed(key, slot) != UINT32_MAX) return false;
  const uint32_t row = static_cast<uint32_t>(size());
  if (key.arena) {
    cells_.push_back(kArenaTag << 56 | StoreInArena(key.id));
    ++arena_ids_;
  } else {
    cells_.push_back(key.cell);
    ++formats_[key.cell >> 56].ids;
  }
  InsertHashed(key.hash, row, slot);
  return true;
}

void TransactionIds::MakeSparse(uint8_t fmt) {
  Format& f = formats_[fmt];
  f.dense = false;
  f.pages.clear();
  f.last_page = UINT64_MAX;
  f.last_bits = nullptr;
  // Its ids so far move to the hash set: one pass over the column, once per format.
  for (uint32_t row = 0; row < size(); ++row) {
    const uint64_t cell = cells_[row];
    if ((cell >> 56) != fmt) continue;
    InsertHashed(MixCell(cell), row, SIZE_MAX);
  }
}

uint32_t TransactionIds::FindHashed(const Key& key, size_t& slot) const {
  slot = SIZE_MAX;
  if (tags_.empty()) return UINT32_MAX;
  const uint8_t tag = TagOf(key.hash);
  const size_t mask = tags_.size() - 1;
  for (size_t i = key.hash & mask;; i = (i + 1) & mask) {
    const uint8_t t = tags_[i];
    if (t == 0) {
      slot = i;
      return UINT32_MAX;
    }
    if (t != tag) continue;
    const uint32_t row = rows_[i];
    const uint64_t cell = cells_[row];
    if (key.arena ? (cell >> 56) == kArenaTag && ArenaId(cell) == key.id : cell == key.cell) {
      return row;
    }
  }
}

void TransactionIds::InsertHashed(uint64_t hash, uint32_t row, size_t slot) {
  if (tags_.empty() || (hashed_ + 1) * 5 > tags_.size() * 4) {
    GrowHashed();
    slot = SIZE_MAX;
  }
  const size_t mask = tags_.size() - 1;
  if (slot == SIZE_MAX) {
    slot = hash & mask;
    while (tags_[slot] != 0) slot = (slot + 1) & mask;
  }
  tags_[slot] = TagOf(hash);
  rows_[slot] = row;
  ++hashed_;
}

void TransactionIds::GrowHashed() {
  std::vector<uint8_t> old_tags = std::move(tags_);
  std::vector<uint32_t> old_rows = std::move(rows_);
  const size_t n = old_tags.empty() ? kInitialSlots : old_tags.size() * 2;
  tags_.assign(n, 0);
  rows_.assign(n, 0);
  const size_t mask = n - 1;
  for (size_t i = 0; i < old_tags.size(); ++i) {
    if (old_tags[i] == 0) continue;
    const uint32_t row = old_rows[i];
    size_t s = HashOfRow(row) & mask;
    while (tags_[s] != 0) s = (s + 1) & mask;
    tags_[s] = old_tags[i];
    rows_[s] = row;
  }
}

uint64_t TransactionIds::HashOfRow(uint32_t row) const {
  const uint64_t cell = cells_[row];
  if ((cell >> 56) != kArenaTag) return MixCell(cell);
  const std::string_view id = ArenaId(cell);
  return XXH3_64bits(id.data(), id.size());
}

std::string_view TransactionIds::ArenaId(uint64_t cell) const {
  const uint64_t off = cell & kNumberMask;
  const char* p = &arena_[off >> kArenaShift][off & (kArenaBlock - 1)];
  return {p + 1, static_cast<uint8_t>(*p)};
}

uint64_t TransactionIds::StoreInArena(std::string_view id) {
  WUZHA_CHECK(id.size() <= kMaxIdBytes);
  const size_t need = id.size() + 1;
  if ((arena_next_ >> kArenaShift) >= arena_.size() ||
      (arena_next_ & (kArenaBlock - 1)) + need > kArenaBlock) {
    arena_next_ = uint64_t{arena_.size()} << kArenaShift;
    arena_.push_back(std::unique_ptr<char[]>(new char[kArenaBlock]));
  }
  char* p = &arena_[arena_next_ >> kArenaShift][arena_next_ & (kArenaBlock - 1)];
  p[0] = static_cast<char>(static_cast<uint8_t>(id.size()));
  std::memcpy(p + 1, id.data(), id.size());
  const uint64_t off = arena_next_;
  arena_next_ += need;
  WUZHA_CHECK(arena_next_ <= kNumberMask);
  return off;
}

std::string TransactionIds::Get(uint32_t row) const {
  const uint64_t cell = cells_[row];
  if (cell == 0) return {};
  if ((cell >> 56) == kArenaTag) return std::string(ArenaId(cell));
  const Format& f = formats_[cell >> 56];
  char digits[24];
  const char* end = std::to_chars(digits, digits + sizeof digits, cell & kNumberMask).ptr;
  const size_t len = static_cast<size_t>(end - digits);
  std::string out = f.prefix;
  if (f.width > len) out.append(f.width - len, '0');
  out.append(digits, len);
  return out;
}

size_t TransactionIds::memory_bytes() const {
  size_t b = cells_.memory_bytes() + tags_.capacity() + rows_.capacity() * sizeof(uint32_t) +
             arena_.size() * kArenaBlock + arena_.capacity() * sizeof(arena_[0]) +
             formats_.capacity() * sizeof(Format) + format_index_.size() * kMapEntryBytes;
  for (const Format& f : formats_) {
    b += f.prefix.capacity() + f.pages.size() * (kPageWords * 8 + kMapEntryBytes) +
         f.pages.bucket_count() * sizeof(void*);
  }
  return b;
}

TransactionIds::Stats TransactionIds::stats() const {
  Stats s;
  s.formats = formats_.size() - 1;
  for (size_t i = 1; i < formats_.size(); ++i) {
    if (formats_[i].dense) ++s.dense_formats;
    s.pages += formats_[i].pages.size();
  }
  s.arena_ids = arena_ids_;
  s.hashed_ids = hashed_;
  return s;
}

}  // namespace wuzha::ledger::internal
