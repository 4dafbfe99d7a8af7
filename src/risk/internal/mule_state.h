// The state MuleScorer (risk/mules.h) keeps per account, number, device, person and
// outlet, shared by mules.cc (which updates it event by event) and mule_scoring.cc (which
// turns it into features and scores). Nothing outside src/risk includes it.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/interner.h"

namespace wuzha::risk::internal {

inline constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
inline constexpr int64_t kNever = -1;
inline constexpr int64_t kDayMs = 86400000;
inline constexpr int64_t kHourMs = 3600000;
inline constexpr int64_t kShanghaiMs = 8 * kHourMs;

// The Asia/Shanghai calendar day of an epoch-ms time.
inline int64_t ShanghaiDay(int64_t ms) {
  const int64_t local = ms + kShanghaiMs;
  return local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
}

// FNV-1a: a stable 32-bit hash of a name, the same on every machine.
inline uint32_t StableHash32(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

// A mobile number (not a service number, landline or foreign one): "861" then 3-9, 13
// digits. Only these are SIMs in the ranking.
inline bool IsMobileE164(std::string_view n) {
  return n.size() == 13 && n.substr(0, 3) == "861" && n[3] >= '3' && n[3] <= '9';
}

// At most `cap` distinct ids in insertion order; further ids are dropped, so size()
// saturates at the cap ("at least cap"). Memory grows with what is inserted, up to cap.
class IdSet {
 public:
  void Insert(uint32_t id, size_t cap) {
    if (ids_.size() >= cap) return;
    if (std::find(ids_.begin(), ids_.end(), id) != ids_.end()) return;
    ids_.push_back(id);
  }
  size_t size() const { return ids_.size(); }
  const std::vector<uint32_t>& ids() const { return ids_; }

 private:
  std::vector<uint32_t> ids_;
};

// A count per period (day, hour) and the largest count of any period so far.
struct PeriodCounter {
  int64_t period = std::numeric_limits<int64_t>::min();
  uint32_t count = 0;
  uint32_t max = 0;
  void Add(int64_t p) {
    if (p != period) {
      period = p;
      count = 0;
    }
    max = std::max(max, ++count);
  }
};

// The last N entries, oldest overwritten first.
template <typename T, size_t N>
class Ring {
 public:
  void Push(const T& v) {
    if (items_.size() < N) {
      items_.push_back(v);
    } else {
      items_[next_] = v;
    }
    next_ = (next_ + 1) % N;
  }
  const std::vector<T>& items() const { return items_; }

 private:
  std::vector<T> items_;
  size_t next_ = 0;
};

struct Payment {
  uint32_t payee;
  int64_t ts;
  int64_t fen;
};

struct Contact {
  uint32_t from;
  int64_t ts;
};

struct AccountState {
  int64_t opened_ms = kNever;
  uint32_t outlet = kNone, person = kNone, opener_phone = kNone;
  int64_t first_use_ms = kNever, last_activity_ms = kNever, last_in_ms = kNever;
  int64_t idle_before_last_in_ms = 0;  // quiet time before the latest money in
  int64_t dormant_ms = kNever;         // quiet time before the first pass-through
  int64_t in_fen = 0, out_fen = 0;
  // Money in within quick_out_ms of the latest money in, not yet matched by money out;
  // what money out matches of it is quick_out_fen.
  int64_t unmatched_in_fen = 0, quick_out_fen = 0;
  uint32_t in_count = 0, out_count = 0;
  uint32_t out_not_by_opener = 0;  // payments whose payer phone is not the opening phone
  int64_t day = std::numeric_limits<int64_t>::min();
  int64_t day_in_fen = 0, day_out_fen = 0, max_day_through_fen = 0;
  IdSet payers, payees;         // account ids
  IdSet devices;                // device and IP ids of its payments
  IdSet reported_victims;       // reporting victims' accounts that paid it after their loss
  Ring<Payment, 8> recent_out;  // for reports to point into
  bool flagged = false;
};

struct SimState {
  int64_t opened_ms = kNever;
  uint32_t outlet = kNone, person = kNone;
  int64_t first_use_ms = kNever;   // first call or SMS it made
  int64_t first_seen_ms = kNever;  // first call or SMS it made or received
  uint32_t calls_out = 0, calls_in = 0, sms_out = 0, sms_in = 0;
  PeriodCounter calls_day, sms_day;
  IdSet contacts;             // numbers it called or texted
  IdSet imeis;                // device ids it called or texted from
  IdSet reported_victims;     // reporting victims' numbers it contacted before the loss
  Ring<Contact, 16> inbound;  // mobiles that called or texted it, for reports
  bool mobile = false;
  bool flagged = false;
};

struct DeviceState {
  IdSet holders;  // hashed names of the account holders who paid from it
  IdSet sims;     // numbers that called or texted from it
};

struct PersonState {
  uint32_t cards = 0, sims = 0;  // opened in their name in the window
};

struct MuleState {
  Interner account_ids, number_ids, device_ids, outlet_ids, person_ids;
  std::vector<AccountState> accounts;
  std::vector<SimState> sims;
  std::vector<DeviceState> devices;
  std::vector<PersonState> persons;
  size_t outlets = 0;
  int64_t first_ts = kNever, last_ts = kNever;
  std::string key;  // scratch for prefixed device keys, reused so events do not allocate
};

}  // namespace wuzha::risk::internal
