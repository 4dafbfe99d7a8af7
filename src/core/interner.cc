#include "core/interner.h"

#include <xxhash.h>

#include "core/status.h"

namespace wuzha {
namespace {
constexpr size_t kInitialSlots = 1024;
uint32_t TagOf(uint64_t hash) { return static_cast<uint32_t>(hash >> 32) | 1u; }
}  // namespace

Interner::Interner() : slots_(kInitialSlots, Slot{0, 0}), offsets_{0}, mask_(kInitialSlots - 1) {}

size_t Interner::Probe(std::string_view key, uint64_t hash, bool& found) const {
  const uint32_t tag = TagOf(hash);
  for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.tag == 0) {
      found = false;
      return i;
    }
    if (s.tag == tag && Lookup(s.id) == key) {
      found = true;
      return i;
    }
  }
}

Interner::Id Interner::Intern(std::string_view key) {
  const uint64_t hash = XXH3_64bits(key.data(), key.size());
  bool found;
  size_t i = Probe(key, hash, found);
  if (found) return slots_[i].id;
  WUZHA_CHECK(size() < UINT32_MAX);
  const Id id = static_cast<Id>(size());
  arena_.insert(arena_.end(), key.begin(), key.end());
  offsets_.push_back(arena_.size());
  slots_[i] = Slot{TagOf(hash), id};
  if (size() * 2 > slots_.size()) Grow();  // keep the load factor at most 1/2.
  return id;
}

std::optional<Interner::Id> Interner::Find(std::string_view key) const {
  bool found;
  size_t i = Probe(key, XXH3_64bits(key.data(), key.size()), found);
  if (!found) return std::nullopt;
  return slots_[i].id;
}

std::string_view Interner::Lookup(Id id) const {
  return std::string_view(arena_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]);
}

void Interner::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{0, 0});
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.tag == 0) continue;
    std::string_view key = Lookup(s.id);
    bool found;
    size_t i = Probe(key, XXH3_64bits(key.data(), key.size()), found);
    slots_[i] = s;
  }
}

size_t Interner::memory_bytes() const {
  return slots_.capacity() * sizeof(Slot) + arena_.capacity() + offsets_.capacity() * sizeof(uint64_t);
}

}  // namespace wuzha
