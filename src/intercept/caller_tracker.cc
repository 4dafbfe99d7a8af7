#include "intercept/caller_tracker.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <vector>

namespace wuzha::intercept {
namespace {

constexpr int64_t kMinuteMs = 60000;
constexpr uint32_t kHourBucketMin = 10;  // 6 buckets = the last hour
constexpr uint32_t kDayBucketMin = 120;  // 12 buckets = the last day
constexpr uint32_t kHalfDayMin = 720;    // distinct-set bitmaps rotate twice a day
constexpr int kHourBuckets = 6;
constexpr int kDayBuckets = 12;

uint64_t Mix(uint64_t x) {  // splitmix64 finalizer
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A number or IMEI as a table key: up to 17 digits are the value with the length in
// bits 57-61 (so "0123" and "123" differ); anything else an FNV-1a hash with bit 63 set.
// 0 (the empty slot) only for the empty string.
uint64_t KeyOf(std::string_view s) {
  if (s.empty()) return 0;
  if (s.size() <= 17) {
    uint64_t v = 0;
    bool digits = true;
    for (char c : s) {
      if (c < '0' || c > '9') {
        digits = false;
        break;
      }
      v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    if (digits) return v | (static_cast<uint64_t>(s.size()) << 57);
  }
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h | (1ULL << 63);
}

uint32_t MinuteOf(int64_t ms) { return ms <= 0 ? 1 : static_cast<uint32_t>(ms / kMinuteMs); }

// Linear counting (Whang et al. 1990): n ≈ -m ln(zeros / m). A full bitmap reads as
// m ln m, the point past which the estimate means "at least this many". Tabulated once
// per bitmap size: the check path takes no logarithm.
template <int M>
int LinearCount(int set_bits) {
  static const auto table = [] {
    std::array<int, M + 1> t{};
    for (int bits = 0; bits <= M; ++bits) {
      const int zeros = M - bits;
      t[bits] = zeros == 0 ? static_cast<int>(M * std::log(double(M)))
                           : static_cast<int>(std::lround(-M * std::log(double(zeros) / M)));
    }
    return t;
  }();
  return table[std::clamp(set_bits, 0, M)];
}

void Bump(uint8_t& c) {
  if (c < 255) ++c;
}

// Clears the ring buckets between `head` (exclusive) and `now` (inclusive).
template <size_t N>
void Advance(uint8_t (&ring)[N], uint32_t head, uint32_t now) {
  if (now <= head) return;
  const uint32_t steps = std::min<uint32_t>(now - head, N);
  for (uint32_t k = 1; k <= steps; ++k) ring[(head + k) % N] = 0;
}

// Sum of the buckets of the last N bucket periods as seen at bucket `at`.
template <size_t N>
int Window(const uint8_t (&ring)[N], uint32_t head, uint32_t at) {
  int sum = 0;
  for (uint32_t k = 0; k < N; ++k) {
    if (head < k) break;
    const uint32_t b = head - k;
    if (at >= N && b + N <= at) break;  // older than the window
    sum += ring[b % N];
  }
  return sum;
}

// One tracked number: two cache lines, no pointers.
struct alignas(64) NumberRecord {
  uint64_t key = 0;
  uint64_t imei = 0;          // device key of its last call, 0 = none seen
  uint32_t last_min = 0;      // last activity (minute since the epoch)
  uint32_t sim_open_min = 0;  // 0 = unknown
  uint32_t head10 = 0;        // latest ten-minute bucket written
  uint32_t head120 = 0;       // latest two-hour bucket written
  uint32_t half = 0;          // latest half-day of the bitmaps
  uint8_t out10[kHourBuckets] = {};
  uint8_t out120[kDayBuckets] = {};
  uint8_t short120[kDayBuckets] = {};
  uint8_t in120[kDayBuckets] = {};
  uint64_t callees[2][2] = {};  // [half % 2]: 128-bit linear counter
  uint32_t cells[2][1] = {};    // [half % 2]: 32-bit linear counter
};
static_assert(sizeof(NumberRecord) == 128);

struct DeviceRecord {
  uint64_t key = 0;
  uint32_t last_min = 0;
  uint32_t unused = 0;
  uint64_t numbers[4] = {};  // 256-bit linear counter of the numbers seen on it
};
static_assert(sizeof(DeviceRecord) == 48);

// Open addressing with linear probing, at most 3/4 full, backward-shift deletion (no
// tombstones, so probes stay short after evictions). Key 0 marks an empty slot.
template <typename Record>
class FlatTable {
 public:
  explicit FlatTable(size_t max_size) : max_size_(max_size) { Rehash(1024); }

  const Record* Find(uint64_t key) const {
    if (key == 0) return nullptr;
    for (size_t i = Mix(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return &slots_[i];
      if (slots_[i].key == 0) return nullptr;
    }
  }
  Record* Find(uint64_t key) {
    return const_cast<Record*>(static_cast<const FlatTable*>(this)->Find(key));
  }

  // The record of `key`, inserted empty if absent; null when the table is at its cap.
  Record* FindOrInsert(uint64_t key) {
    if (key == 0) return nullptr;
    if (Record* r = Find(key)) return r;
    if (size_ >= max_size_) {
      ++refused_;
      return nullptr;
    }
    if ((size_ + 1) * 4 > slots_.size() * 3) Rehash(slots_.size() * 2);
    size_t i = Mix(key) & mask_;
    while (slots_[i].key != 0) i = (i + 1) & mask_;
    slots_[i] = Record{};
    slots_[i].key = key;
    ++size_;
    return &slots_[i];
  }

  // Examines `n` slots from the sweep cursor, erasing those `stale` says to drop.
  template <typename Stale>
  void Sweep(int n, Stale stale) {
    for (int k = 0; k < n && size_ > 0; ++k) {
      if (slots_[cursor_].key != 0 && stale(slots_[cursor_])) {
        EraseAt(cursor_);  // a record may shift into the cursor: look again next step
        ++evicted_;
      } else {
        cursor_ = (cursor_ + 1) & mask_;
      }
    }
  }

  size_t size() const { return size_; }
  size_t evicted() const { return evicted_; }
  size_t refused() const { return refused_; }
  size_t bytes() const { return slots_.capacity() * sizeof(Record); }

 private:
  void EraseAt(size_t hole) {
    for (size_t j = (hole + 1) & mask_; slots_[j].key != 0; j = (j + 1) & mask_) {
      const size_t home = Mix(slots_[j].key) & mask_;
      // The record at j may fill the hole unless its home lies cyclically in (hole, j].
      const bool stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
      if (!stays) {
        slots_[hole] = slots_[j];
        hole = j;
      }
    }
    slots_[hole] = Record{};
    --size_;
  }

  void Rehash(size_t capacity) {
    std::vector<Record> old;
    old.swap(slots_);
    slots_.assign(capacity, Record{});
    mask_ = capacity - 1;
    cursor_ = 0;
    for (const Record& r : old) {
      if (r.key == 0) continue;
      size_t i = Mix(r.key) & mask_;
      while (slots_[i].key != 0) i = (i + 1) & mask_;
      slots_[i] = r;
    }
  }

  std::vector<Record> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
  size_t cursor_ = 0;
  size_t max_size_;
  size_t evicted_ = 0;
  size_t refused_ = 0;
};

// Keeps the half-day bitmaps current: the one of `half` cleared when it is reused.
template <typename Word, size_t W>
void RotateHalves(Word (&bits)[2][W], uint32_t last, uint32_t now) {
  if (now <= last) return;
  if (now - last == 1) {
    std::fill(std::begin(bits[now % 2]), std::end(bits[now % 2]), Word{0});
  } else {
    for (auto& half : bits) std::fill(std::begin(half), std::end(half), Word{0});
  }
}

void RotateRecord(NumberRecord& r, uint32_t minute) {
  const uint32_t b10 = minute / kHourBucketMin, b120 = minute / kDayBucketMin;
  const uint32_t half = minute / kHalfDayMin;
  if (b10 > r.head10) {
    Advance(r.out10, r.head10, b10);
    r.head10 = b10;
  }
  if (b120 > r.head120) {
    Advance(r.out120, r.head120, b120);
    Advance(r.short120, r.head120, b120);
    Advance(r.in120, r.head120, b120);
    r.head120 = b120;
  }
  if (half > r.half) {
    RotateHalves(r.callees, r.half, half);
    RotateHalves(r.cells, r.half, half);
    r.half = half;
  }
  r.last_min = std::max(r.last_min, minute);
}

// Whether the bitmap of half-day `h` lies in the window seen from half-day `at`.
bool HalfInWindow(uint32_t h, uint32_t at) { return h + 1 >= at; }

}  // namespace

struct CallerTracker::Impl {
  explicit Impl(const CallerTrackerOptions& o)
      : options(o), numbers(o.max_numbers), devices(o.max_devices) {}

  void Touch(uint32_t minute) {
    now_min = std::max(now_min, minute);
    const uint32_t idle = static_cast<uint32_t>(options.idle_ms / kMinuteMs);
    const uint32_t keep = static_cast<uint32_t>(options.sim_keep_ms / kMinuteMs);
    const uint32_t now = now_min;
    numbers.Sweep(options.sweep_per_event, [&](const NumberRecord& r) {
      if (r.last_min + idle >= now) return false;
      return r.sim_open_min == 0 || r.sim_open_min + keep < now;
    });
    devices.Sweep(options.sweep_per_event,
                  [&](const DeviceRecord& d) { return d.last_min + idle < now; });
  }

  void SeeDevice(uint64_t number_key, uint64_t imei_key, uint32_t minute) {
    DeviceRecord* d = devices.FindOrInsert(imei_key);
    if (d == nullptr) return;
    d->last_min = std::max(d->last_min, minute);
    const uint64_t h = Mix(number_key ^ 0x5bd1e995ULL);
    d->numbers[(h >> 6) & 3] |= 1ULL << (h & 63);
  }

  CallerTrackerOptions options;
  FlatTable<NumberRecord> numbers;
  FlatTable<DeviceRecord> devices;
  uint32_t now_min = 0;
};

CallerTracker::CallerTracker(const CallerTrackerOptions& options)
    : impl_(std::make_unique<Impl>(options)) {}

CallerTracker::~CallerTracker() = default;

void CallerTracker::Observe(const Event& event) {
  const int64_t ms = event.ts.millis();
  switch (event.type) {
    case EventType::kCall: ObserveCall(event.as<CallEvent>(), ms); break;
    case EventType::kSms: {
      const auto& sms = event.as<SmsEvent>();
      if (!sms.sender_imei.empty()) ObserveDevice(sms.sender, sms.sender_imei, ms);
      break;
    }
    case EventType::kSimOpen: ObserveSimOpen(event.as<SimOpenEvent>().phone, ms); break;
    default: break;
  }
}

void CallerTracker::ObserveCall(const CallEvent& call, int64_t time_ms) {
  const uint32_t minute = MinuteOf(time_ms);
  impl_->Touch(minute);
  const uint64_t caller_key = KeyOf(call.caller), callee_key = KeyOf(call.callee);
  if (NumberRecord* r = impl_->numbers.FindOrInsert(caller_key)) {
    RotateRecord(*r, minute);
    Bump(r->out10[r->head10 % kHourBuckets]);
    const size_t b = r->head120 % kDayBuckets;
    Bump(r->out120[b]);
    if (!call.answered || call.duration_s < impl_->options.short_call_s) Bump(r->short120[b]);
    if (callee_key != 0) {
      const uint64_t h = Mix(callee_key);
      r->callees[r->half % 2][(h >> 6) & 1] |= 1ULL << (h & 63);
    }
    if (!call.caller_cell.empty()) {
      r->cells[r->half % 2][0] |= 1u << (Mix(KeyOf(call.caller_cell)) & 31);
    }
    const uint64_t imei = KeyOf(call.caller_imei);
    if (imei != 0) {
      r->imei = imei;
      impl_->SeeDevice(caller_key, imei, minute);
    }
  }
  // The callee's record may move the caller's (a rehash): the caller's is done by now.
  if (NumberRecord* r = impl_->numbers.FindOrInsert(callee_key)) {
    RotateRecord(*r, minute);
    Bump(r->in120[r->head120 % kDayBuckets]);
  }
}

void CallerTracker::ObserveSimOpen(std::string_view phone, int64_t time_ms) {
  const uint32_t minute = MinuteOf(time_ms);
  impl_->Touch(minute);
  if (NumberRecord* r = impl_->numbers.FindOrInsert(KeyOf(phone))) {
    RotateRecord(*r, minute);
    r->sim_open_min = minute;
  }
}

void CallerTracker::ObserveDevice(std::string_view phone, std::string_view imei, int64_t time_ms) {
  const uint32_t minute = MinuteOf(time_ms);
  impl_->Touch(minute);
  const uint64_t number_key = KeyOf(phone), imei_key = KeyOf(imei);
  if (number_key == 0 || imei_key == 0) return;
  impl_->SeeDevice(number_key, imei_key, minute);
  if (NumberRecord* r = impl_->numbers.Find(number_key)) r->imei = imei_key;
}

CallerFeatures CallerTracker::Features(std::string_view number, std::string_view imei,
                                       int64_t now_ms) const {
  CallerFeatures f;
  const uint32_t now = MinuteOf(now_ms);
  uint64_t device = KeyOf(imei);
  if (const NumberRecord* r = impl_->numbers.Find(KeyOf(number))) {
    f.known = true;
    const uint32_t b10 = now / kHourBucketMin, b120 = now / kDayBucketMin;
    f.calls_hour = Window(r->out10, r->head10, b10);
    f.calls_day = Window(r->out120, r->head120, b120);
    f.short_day = Window(r->short120, r->head120, b120);
    f.inbound_day = Window(r->in120, r->head120, b120);
    // The union of the halves in the window, not their sum: a callee of both counts once.
    const uint32_t at = now / kHalfDayMin;
    uint64_t u0 = 0, u1 = 0;
    uint32_t uc = 0;
    for (uint32_t k = 0; k < 2 && k <= r->half; ++k) {
      const uint32_t h = r->half - k;
      if (!HalfInWindow(h, at)) continue;
      u0 |= r->callees[h % 2][0];
      u1 |= r->callees[h % 2][1];
      uc |= r->cells[h % 2][0];
    }
    f.distinct_callees = LinearCount<128>(std::popcount(u0) + std::popcount(u1));
    f.distinct_cells = LinearCount<32>(std::popcount(uc));
    if (r->sim_open_min != 0) {
      f.sim_age_ms = std::max<int64_t>(0, now_ms - int64_t{r->sim_open_min} * kMinuteMs);
    }
    if (device == 0) device = r->imei;
  }
  if (const DeviceRecord* d = impl_->devices.Find(device)) {
    int bits = 0;
    for (uint64_t w : d->numbers) bits += std::popcount(w);
    f.imei_numbers = LinearCount<256>(bits);
  }
  return f;
}

CallerTrackerStats CallerTracker::stats() const {
  CallerTrackerStats s;
  s.numbers = impl_->numbers.size();
  s.devices = impl_->devices.size();
  s.evicted_numbers = impl_->numbers.evicted();
  s.evicted_devices = impl_->devices.evicted();
  s.untracked = impl_->numbers.refused() + impl_->devices.refused();
  s.bytes = impl_->numbers.bytes() + impl_->devices.bytes();
  return s;
}

size_t CallerTracker::BytesPerNumber() { return sizeof(NumberRecord) * 4 / 3; }
size_t CallerTracker::BytesPerDevice() { return sizeof(DeviceRecord) * 4 / 3; }

}  // namespace wuzha::intercept
