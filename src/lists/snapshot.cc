#include "lists/snapshot.h"

#include <xxhash.h>

#include <cstring>

namespace wuzha::lists {
namespace {

constexpr std::array<uint64_t, 16> kPow10 = {1ull,
                                             10ull,
                                             100ull,
                                             1000ull,
                                             10000ull,
                                             100000ull,
                                             1000000ull,
                                             10000000ull,
                                             100000000ull,
                                             1000000000ull,
                                             10000000000ull,
                                             100000000000ull,
                                             1000000000000ull,
                                             10000000000000ull,
                                             100000000000000ull,
                                             1000000000000000ull};

uint64_t KindBits(ListKind kind) { return static_cast<uint64_t>(kind) << 62; }

uint64_t RangeKey(ListKind kind, uint64_t prefix, int digits) {
  return prefix | (static_cast<uint64_t>(digits) << 50) | KindBits(kind);
}

uint64_t Seed(ListKind kind, IndicatorType type) {
  return static_cast<uint64_t>(kind) * 16 + static_cast<uint64_t>(type) + 1;
}

uint64_t NotEmpty(uint64_t h) {
  return h == internal::U64Map::kEmptyKey ? h - 1 : h;  // ~0 marks empty slots
}

uint64_t StringKey(ListKind kind, IndicatorType type, std::string_view value) {
  return NotEmpty(XXH3_64bits_withSeed(value.data(), value.size(), Seed(kind, type)));
}

// Hash of one label chained onto `seed`: 8 bytes at a time, each folded in with a
// 64x64->128-bit multiply (the "mum" step of wyhash). Inlined; labels are short.
inline uint64_t Mum(uint64_t a, uint64_t b) {
  const __uint128_t r = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline uint64_t LabelHash(const char* p, size_t n, uint64_t seed) {
  constexpr uint64_t kA = 0xa0761d6478bd642full, kB = 0xe7037ed1a0b428dbull;
  uint64_t h = Mum(seed ^ kA, n ^ kB);
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = Mum(h ^ v, kB);
  }
  uint64_t tail = 0;
  for (size_t i = 0; i < n; ++i) tail |= static_cast<uint64_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return Mum(h ^ tail ^ kA, kB);
}

// A rule has at most 127 labels (253 bytes); longer suffixes can never match.
constexpr int kMaxLabels = 128;

// Reversed-label hashing: walks `host` from the right, hashing each label seeded with
// the hash of the labels to its right. keys[i] is the key of the suffix starting at
// starts[i]; i = 0 is the top-level label, the last one the whole host. Returns the count.
int SuffixKeys(std::string_view host, uint64_t seed, uint64_t* keys, uint32_t* starts) {
  int count = 0;
  size_t end = host.size();
  uint64_t h = seed;
  while (count < kMaxLabels) {
    const size_t dot = end == 0 ? std::string_view::npos : host.rfind('.', end - 1);
    const size_t begin = dot == std::string_view::npos ? 0 : dot + 1;
    h = LabelHash(host.data() + begin, end - begin, h);
    keys[count] = NotEmpty(h);
    starts[count] = static_cast<uint32_t>(begin);
    ++count;
    if (dot == std::string_view::npos) break;
    end = dot;
  }
  return count;
}

uint64_t DomainKey(ListKind kind, std::string_view domain) {
  uint64_t keys[kMaxLabels];
  uint32_t starts[kMaxLabels];
  const int n = SuffixKeys(domain, Seed(kind, IndicatorType::kDomain), keys, starts);
  return keys[n - 1];
}

}  // namespace

bool ParseE164(std::string_view digits, uint64_t& value) {
  if (digits.empty() || digits.size() > 15) return false;
  value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return true;
}

std::shared_ptr<const Snapshot> Snapshot::Build(std::vector<Entry> entries, uint64_t version) {
  std::shared_ptr<Snapshot> s(new Snapshot());
  WUZHA_CHECK(entries.size() < kNeverExpires);
  s->entries_ = std::move(entries);
  s->version_ = version;
  std::vector<std::pair<uint64_t, uint32_t>> numbers, ranges, strings;
  s->expires_ms_.reserve(s->entries_.size());
  s->check_at_.reserve(s->entries_.size() + 1);
  for (uint32_t i = 0; i < s->entries_.size(); ++i) {
    const Entry& e = s->entries_[i];
    s->expires_ms_.push_back(e.expires_ms);
    s->check_at_.push_back(static_cast<uint32_t>(s->check_arena_.size()));
    if (e.type != IndicatorType::kNumber && e.type != IndicatorType::kRange) {
      s->check_arena_.push_back(static_cast<char>(e.kind));
      s->check_arena_.push_back(static_cast<char>(e.type));
      s->check_arena_.append(e.value);
    }
    const uint32_t ref = e.expires_ms == 0 ? (i | kNeverExpires) : i;
    uint64_t value = 0;
    switch (e.type) {
      case IndicatorType::kNumber:
        if (ParseE164(e.value, value)) numbers.emplace_back(value | KindBits(e.kind), ref);
        break;
      case IndicatorType::kRange:
        if (ParseE164(e.value, value)) {
          const int n = static_cast<int>(e.value.size());
          ranges.emplace_back(RangeKey(e.kind, value, n), ref);
          s->range_lengths_[static_cast<int>(e.kind)] |= static_cast<uint16_t>(1u << n);
        }
        break;
      case IndicatorType::kDomain:
        if (!e.value.empty()) strings.emplace_back(DomainKey(e.kind, e.value), ref);
        break;
      default: strings.emplace_back(StringKey(e.kind, e.type, e.value), ref); break;
    }
  }
  s->check_at_.push_back(static_cast<uint32_t>(s->check_arena_.size()));
  s->numbers_.Build(numbers);
  s->ranges_.Build(ranges);
  s->strings_.Build(strings);
  return s;
}

size_t Snapshot::memory_bytes() const {
  size_t bytes = numbers_.memory_bytes() + ranges_.memory_bytes() + strings_.memory_bytes() +
                 expires_ms_.size() * sizeof(int64_t) + check_arena_.capacity() +
                 check_at_.size() * sizeof(uint32_t);
  for (const Entry& e : entries_) bytes += sizeof(Entry) + e.value.capacity() + e.source.capacity();
  return bytes;
}

const Entry* Snapshot::FindRange(ListKind kind, uint64_t e164, int digits,
                                 int64_t now_ms) const {
  if (digits < 1 || digits > 15) return nullptr;
  // Only lengths some range has: usually two or three probes.
  uint32_t lengths = range_lengths_[static_cast<int>(kind)] & ((2u << digits) - 1);
  while (lengths != 0) {
    const int n = 31 - __builtin_clz(lengths);
    lengths &= ~(1u << n);
    const uint64_t prefix = e164 / kPow10[digits - n];
    if (const Entry* e = Live(ranges_.Find(RangeKey(kind, prefix, n)), now_ms)) return e;
  }
  return nullptr;
}

const Entry* Snapshot::FindString(ListKind kind, IndicatorType type, std::string_view value,
                                  int64_t now_ms) const {
  const uint32_t ref = strings_.Find(StringKey(kind, type, value),
                                     [&](uint32_t r) { return Is(r, kind, type, value); });
  return ref == internal::TagMap::kNone ? nullptr : Live(ref, now_ms);
}

bool Snapshot::Is(uint32_t ref, ListKind kind, IndicatorType type, std::string_view value) const {
  const uint32_t i = ref & ~kNeverExpires;
  const std::string_view check(check_arena_.data() + check_at_[i], check_at_[i + 1] - check_at_[i]);
  return check.size() == value.size() + 2 && check[0] == static_cast<char>(kind) &&
         check[1] == static_cast<char>(type) && check.substr(2) == value;
}

const Entry* Snapshot::FindDomain(ListKind kind, std::string_view host, int64_t now_ms) const {
  uint64_t keys[kMaxLabels];
  uint32_t starts[kMaxLabels];
  const int n = SuffixKeys(host, Seed(kind, IndicatorType::kDomain), keys, starts);
  // Most specific first; the top-level label alone (i = 0) is never a rule.
  for (int i = n - 1; i >= 1; --i) {
    const std::string_view suffix = host.substr(starts[i]);
    const uint32_t ref = strings_.Find(keys[i], [&](uint32_t r) {
      return Is(r, kind, IndicatorType::kDomain, suffix);
    });
    if (ref == internal::TagMap::kNone) continue;
    if (const Entry* e = Live(ref, now_ms)) return e;
  }
  return nullptr;
}

const Entry* Snapshot::FindPhone(ListKind kind, std::string_view e164_digits,
                                 int64_t now_ms) const {
  uint64_t value = 0;
  if (!ParseE164(e164_digits, value)) return nullptr;
  if (const Entry* e = FindNumber(kind, value, now_ms)) return e;
  return FindRange(kind, value, static_cast<int>(e164_digits.size()), now_ms);
}

const Entry* Snapshot::Find(ListKind kind, IndicatorType type, std::string_view value,
                            int64_t now_ms) const {
  uint64_t number = 0;
  switch (type) {
    case IndicatorType::kNumber:
      return ParseE164(value, number) ? FindNumber(kind, number, now_ms) : nullptr;
    case IndicatorType::kRange:
      return ParseE164(value, number)
                 ? FindRange(kind, number, static_cast<int>(value.size()), now_ms)
                 : nullptr;
    case IndicatorType::kDomain: return FindDomain(kind, value, now_ms);
    default: return FindString(kind, type, value, now_ms);
  }
}

}  // namespace wuzha::lists
