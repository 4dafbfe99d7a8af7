#include "lists/snapshot.h"

#include <xxhash.h>

#include <algorithm>
#include <bit>
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

inline uint64_t Mum(uint64_t a, uint64_t b) {
  const __uint128_t r = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline uint64_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// Hash of one label chained onto `h`, in the manner of wyhash: the label's bytes are read
// as two words with overlapping loads that never leave [p, p + n), so a label of up to 16
// bytes (nearly all of them) costs one 64x64->128-bit multiply on the dependency chain.
inline uint64_t LabelHash(const char* p, size_t n, uint64_t h) {
  constexpr uint64_t kA = 0xa0761d6478bd642full, kB = 0xe7037ed1a0b428dbull;
  uint64_t a = 0, b = 0;
  if (n <= 16) {
    if (n >= 4) {
      const size_t q = (n >> 3) << 2;  // 0 for 4..7 bytes, 4 for 8..16
      a = Load32(p) << 32 | Load32(p + q);
      b = Load32(p + n - 4) << 32 | Load32(p + n - 4 - q);
    } else if (n > 0) {
      a = static_cast<uint64_t>(static_cast<uint8_t>(p[0])) << 16 |
          static_cast<uint64_t>(static_cast<uint8_t>(p[n >> 1])) << 8 |
          static_cast<uint8_t>(p[n - 1]);
    }
  } else {
    size_t i = n;
    for (; i > 16; i -= 16, p += 16) h = Mum(Load64(p) ^ kA, Load64(p + 8) ^ h);
    a = Load64(p + i - 16);
    b = Load64(p + i - 8);
  }
  return Mum(a ^ kA ^ n, b ^ kB ^ h);
}

// The index just after the last '.' in p[0, end), or 0: eight bytes at a time (an exact
// zero-byte test on the word XOR '.', no carries between bytes), so a label costs one
// mispredicted branch at most rather than one per byte.
inline size_t LabelBegin(const char* p, size_t end) {
  constexpr uint64_t kDots = 0x2E2E2E2E2E2E2E2Eull, kLow7 = 0x7F7F7F7F7F7F7F7Full;
  for (; end >= 8; end -= 8) {
    const uint64_t x = Load64(p + end - 8) ^ kDots;
    const uint64_t dots = ~(((x & kLow7) + kLow7) | x | kLow7);  // 0x80 in each '.' byte
    if (dots != 0) return end - 8 + static_cast<size_t>(63 - std::countl_zero(dots)) / 8 + 1;
  }
  while (end > 0 && p[end - 1] != '.') --end;
  return end;
}

// A rule has at most 127 labels (253 bytes); longer suffixes can never match.
constexpr int kMaxLabels = 128;

// Reversed-label hashing: walks `host` from the right, hashing each label seeded with
// the hash of the labels to its right. keys[i] is the key of the suffix starting at
// starts[i]; i = 0 is the top-level label, the last one the whole host. Returns the count.
int SuffixKeys(std::string_view host, uint64_t seed, uint64_t* keys, uint32_t* starts) {
  const char* p = host.data();
  size_t end = host.size();
  uint64_t h = seed;
  int count = 0;
  while (count < kMaxLabels) {
    const size_t begin = LabelBegin(p, end);
    h = LabelHash(p + begin, end - begin, h);
    keys[count] = NotEmpty(h);
    starts[count] = static_cast<uint32_t>(begin);
    ++count;
    if (begin == 0) break;
    end = begin - 1;
  }
  return count;
}

uint64_t DomainKey(ListKind kind, std::string_view domain) {
  uint64_t keys[kMaxLabels];
  uint32_t starts[kMaxLabels];
  const int n = SuffixKeys(domain, Seed(kind, IndicatorType::kDomain), keys, starts);
  return keys[n - 1];
}

// Equality of n bytes with overlapping word loads that stay inside both ranges; the
// values compared are short (a domain, a hash, a URL), where a memcmp call costs more.
inline bool SameBytes(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      if (Load64(a + i) != Load64(b + i)) return false;
    }
    return Load64(a + n - 8) == Load64(b + n - 8);
  }
  if (n >= 4) return Load32(a) == Load32(b) && Load32(a + n - 4) == Load32(b + n - 4);
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// A string entry's record in Snapshot::records_: u32 entry ref (index | kNeverExpires),
// u32 value size, kind byte, type byte, then the value's bytes.
constexpr size_t kRecordHeader = 10;

// True when the record at `record` is `value` of `kind` and
// `type`. A free inline function: it is called from TagMap::Find's confirm callback.
inline bool RecordIs(const char* record, ListKind kind, IndicatorType type,
                     std::string_view value) {
  uint32_t size;
  std::memcpy(&size, record + 4, 4);
  return size == value.size() && record[8] == static_cast<char>(kind) &&
         record[9] == static_cast<char>(type) &&
         SameBytes(record + kRecordHeader, value.data(), value.size());
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
  std::vector<internal::U64Map::Slot> numbers, ranges;
  std::vector<std::pair<uint64_t, uint32_t>> strings, domains;
  std::vector<uint64_t> domain_keys;
  s->expires_ms_.reserve(s->entries_.size());
  for (uint32_t i = 0; i < s->entries_.size(); ++i) {
    const Entry& e = s->entries_[i];
    s->expires_ms_.push_back(e.expires_ms);
    const uint32_t hint = ExpiryHint(e.expires_ms);
    uint64_t value = 0;
    if (e.type == IndicatorType::kNumber) {
      if (ParseE164(e.value, value)) numbers.push_back({value | KindBits(e.kind), i, hint});
      continue;
    }
    if (e.type == IndicatorType::kRange) {
      if (ParseE164(e.value, value)) {
        const int n = static_cast<int>(e.value.size());
        ranges.push_back({RangeKey(e.kind, value, n), i, hint});
        s->range_lengths_[static_cast<int>(e.kind)] |= static_cast<uint16_t>(1u << n);
      }
      continue;
    }
    const uint32_t offset = s->AddRecord(e, i);
    if (e.type != IndicatorType::kDomain) {
      strings.emplace_back(StringKey(e.kind, e.type, e.value), offset);
    } else if (!e.value.empty()) {
      const uint64_t key = DomainKey(e.kind, e.value);
      domains.emplace_back(key, offset);
      domain_keys.push_back(key);
      const auto labels = std::count(e.value.begin(), e.value.end(), '.') + 1;
      s->domain_labels_[static_cast<int>(e.kind)] |= uint64_t{1} << std::min<int64_t>(labels, 63);
    }
  }
  // Exact numbers at a load of 1/8 to 1/4: at 100k numbers half the misses of a half-full
  // table would collide and mispredict; ranges are probed a few times per lookup anyway.
  s->numbers_.Build(numbers, 2);
  s->ranges_.Build(ranges);
  s->strings_.Build(strings);
  // Domains are probed only after the filter said "maybe" (nearly always a hit), so
  // their table can be fuller and smaller (half the cache footprint) at little cost.
  s->domains_.Build(domains, 80);
  s->domain_keys_.Build(domain_keys);
  return s;
}

uint32_t Snapshot::AddRecord(const Entry& e, uint32_t index) {
  WUZHA_CHECK(records_.size() + kRecordHeader + e.value.size() < internal::TagMap::kNone);
  const auto offset = static_cast<uint32_t>(records_.size());
  const uint32_t ref = e.expires_ms == 0 ? (index | kNeverExpires) : index;
  const auto size = static_cast<uint32_t>(e.value.size());
  char header[kRecordHeader];
  std::memcpy(header, &ref, 4);
  std::memcpy(header + 4, &size, 4);
  header[8] = static_cast<char>(e.kind);
  header[9] = static_cast<char>(e.type);
  records_.append(header, kRecordHeader).append(e.value);
  return offset;
}

uint32_t Snapshot::ExpiryHint(int64_t expires_ms) {
  if (expires_ms == 0) return 0xFFFFFFFFu;
  if (expires_ms < 0) return 0;
  const uint64_t units = static_cast<uint64_t>(expires_ms) >> 16;
  return units < 0xFFFFFFFEu ? static_cast<uint32_t>(units) : 0xFFFFFFFEu;
}

const Entry* Snapshot::LiveRecord(uint32_t offset, int64_t now_ms) const {
  uint32_t ref;
  std::memcpy(&ref, records_.data() + offset, 4);
  if (ref & kNeverExpires) return &entries_[ref & ~kNeverExpires];
  return LiveExact(ref, now_ms);
}

size_t Snapshot::memory_bytes() const {
  size_t bytes = numbers_.memory_bytes() + ranges_.memory_bytes() + strings_.memory_bytes() +
                 domains_.memory_bytes() + domain_keys_.memory_bytes() +
                 expires_ms_.size() * sizeof(int64_t) + records_.capacity();
  for (const Entry& e : entries_) bytes += sizeof(Entry) + e.value.capacity() + e.source.capacity();
  return bytes;
}

const Entry* Snapshot::FindRange(ListKind kind, uint64_t e164, int digits, int64_t now_ms) const {
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
  const uint32_t offset = strings_.Find(StringKey(kind, type, value), [&](uint32_t r) {
    return RecordIs(records_.data() + r, kind, type, value);
  });
  return offset == internal::TagMap::kNone ? nullptr : LiveRecord(offset, now_ms);
}

const Entry* Snapshot::FindDomain(ListKind kind, std::string_view host, int64_t now_ms) const {
  uint64_t keys[kMaxLabels];
  uint32_t starts[kMaxLabels];
  const int n = SuffixKeys(host, Seed(kind, IndicatorType::kDomain), keys, starts);
  // keys[i] is a suffix of i + 1 labels; the top-level label alone (i = 0) is never a
  // rule. The filter tests are independent loads, so they are all made before the first
  // (dependent, rarely needed) TagMap probe; most specific first.
  const uint64_t labels = domain_labels_[static_cast<int>(kind)];
  for (int i = n - 1; i >= 1;) {
    uint64_t maybe = 0;  // bit j: suffix i - j passed label count and filter
    const int low = i >= 64 ? i - 63 : 1;
    for (int j = i; j >= low; --j) {
      const bool ok =
          ((labels >> std::min(j + 1, 63)) & 1) != 0 && domain_keys_.MayContain(keys[j]);
      maybe |= static_cast<uint64_t>(ok) << (i - j);
    }
    for (; maybe != 0; maybe &= maybe - 1) {
      const int j = i - std::countr_zero(maybe);
      const std::string_view suffix = host.substr(starts[j]);
      const uint32_t offset = domains_.Find(keys[j], [&](uint32_t r) {
        return RecordIs(records_.data() + r, kind, IndicatorType::kDomain, suffix);
      });
      if (offset == internal::TagMap::kNone) continue;
      if (const Entry* e = LiveRecord(offset, now_ms)) return e;
    }
    i = low - 1;
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
