#include "ledger/internal/account_table.h"

#include <xxhash.h>

#include <cstring>

#include "core/status.h"

namespace wuzha::ledger::internal {
namespace {

constexpr size_t kInitialSlots = 1024;
constexpr size_t kMaxPackedDigits = 24;
constexpr uint32_t kLongMark = 0xF0000000u;

uint64_t Mix(uint64_t x) {
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  return x;
}

bool IsEmpty(const AccountTable::Entry& e) { return e.k0 == 0 && e.k1 == 0; }

uint64_t HashOf(uint64_t k0, uint32_t k1) {
  // A long key's entry holds its hash in k0.
  if ((k1 & kLongMark) == kLongMark) return k0;
  return Mix(k0 ^ (uint64_t{k1} * 0x9e3779b97f4a7c15ULL));
}

}  // namespace

AccountTable::AccountTable() : entries_(kInitialSlots), mask_(kInitialSlots - 1) {}

AccountTable::Packed AccountTable::Pack(std::string_view key) {
  Packed p;
  bool digits = !key.empty() && key.size() <= kMaxPackedDigits;
  // Digit d is stored as d + 1, so a shorter number never packs like a longer one.
  uint64_t lo = 0, hi = 0;
  for (size_t i = 0; digits && i < key.size(); ++i) {
    const unsigned d = static_cast<unsigned char>(key[i]) - '0';
    if (d > 9) digits = false;
    const uint64_t code = d + 1;
    if (i < 16)
      lo |= code << (4 * i);
    else
      hi |= code << (4 * (i - 16));
  }
  if (digits) {
    p.k0 = lo;
    p.k1 = static_cast<uint32_t>(hi);
  } else {
    p.is_long = true;
    const uint64_t h = XXH3_64bits(key.data(), key.size());
    p.k0 = h;
    p.k1 = kLongMark | static_cast<uint32_t>(h >> 36);
  }
  p.hash = HashOf(p.k0, p.k1);
  return p;
}

std::optional<uint32_t> AccountTable::Find(std::string_view key) const {
  if (key.size() > kMaxKeyBytes) return std::nullopt;
  const Packed p = Pack(key);
  for (size_t i = p.hash & mask_;; i = (i + 1) & mask_) {
    const Entry& e = entries_[i];
    if (e.k0 == p.k0 && e.k1 == p.k1) {
      if (!p.is_long || Key(e.id) == key) return e.id;
    } else if (IsEmpty(e)) {
      return std::nullopt;
    }
  }
}

AccountTable::Entry& AccountTable::Add(std::string_view key, const Packed& p, size_t slot) {
  WUZHA_CHECK(size() < UINT32_MAX - 1);  // UINT32_MAX is kNoAccount
  const uint32_t id = static_cast<uint32_t>(size());
  ids_.push_back(IdInfo{static_cast<uint32_t>(slot), StoreKey(key)});
  entries_[slot] = Entry{p.k0, p.k1, id, RowLists::kEmptyList, RowLists::kEmptyList};
  if (size() * 5 > entries_.size() * 4) Grow();  // load at most 0.8
  return entry(id);
}

uint32_t AccountTable::StoreKey(std::string_view key) {
  const size_t need = key.size() + 1;
  if ((arena_next_ >> kBlockShift) >= blocks_.size() ||
      (arena_next_ & (kBlockBytes - 1)) + need > kBlockBytes) {
    // A key never straddles two blocks: the rest of the current one stays unused.
    WUZHA_CHECK(blocks_.size() < (size_t{1} << (32 - kBlockShift)));
    arena_next_ = uint64_t{blocks_.size()} << kBlockShift;
    blocks_.push_back(std::unique_ptr<char[]>(new char[kBlockBytes]));
  }
  char* p = &blocks_[arena_next_ >> kBlockShift][arena_next_ & (kBlockBytes - 1)];
  p[0] = static_cast<char>(static_cast<uint8_t>(key.size()));
  std::memcpy(p + 1, key.data(), key.size());
  const uint32_t off = static_cast<uint32_t>(arena_next_);
  arena_next_ += need;
  return off;
}

void AccountTable::Grow() {
  LargeArray<Entry> old = std::move(entries_);
  entries_ = LargeArray<Entry>(old.size() * 2);
  mask_ = entries_.size() - 1;
  for (const Entry& e : old) {
    if (IsEmpty(e)) continue;
    size_t i = HashOf(e.k0, e.k1) & mask_;
    while (!IsEmpty(entries_[i])) i = (i + 1) & mask_;
    entries_[i] = e;
    ids_[e.id].slot = static_cast<uint32_t>(i);
  }
}

size_t AccountTable::memory_bytes() const {
  return entries_.memory_bytes() + ids_.memory_bytes() + blocks_.size() * kBlockBytes +
         blocks_.capacity() * sizeof(blocks_[0]);
}

}  // namespace wuzha::ledger::internal
