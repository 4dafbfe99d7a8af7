// DomainHistory: when each registrable domain was first seen in the city's web and DNS
// traffic (rule url.new_domain). Fed by Checker::Observe with web events; a domain not
// seen before, or first seen less than `new_window_ms` ago, is new.
//
// Memory is bounded: at most `max_domains` domains (default 1M, ~100 bytes each with the
// hash node: ~100 MB at the cap). When full, the half least recently seen are forgotten
// (one O(n) pass, amortized over n/2 inserts): a forgotten domain seen again counts as
// new again, which only lowers a score threshold for rarely visited domains.
//
// Thread safe: Observe takes the writer lock (held for one insert, or one eviction pass
// when full), lookups a shared lock.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace wuzha::intercept {

class DomainHistory {
 public:
  static constexpr int64_t kDayMs = 24LL * 3600 * 1000;

  explicit DomainHistory(int64_t new_window_ms = 7 * kDayMs, size_t max_domains = 1'000'000);

  // Records a visit to `url_or_host` (a URL or a bare host, any case) at `time_ms`: its
  // registrable domain's first-seen time is the earliest time observed. Hosts without a
  // registrable domain (IP addresses, public suffixes) are ignored.
  void Observe(std::string_view url_or_host, int64_t time_ms);
  // Same with the registrable domain already known (lower-case ASCII).
  void ObserveRegistrable(std::string_view registrable, int64_t time_ms);

  // First-seen time of `registrable`, or nullopt when never seen (or forgotten).
  std::optional<int64_t> FirstSeen(std::string_view registrable) const;
  // True when never seen, or first seen less than new_window_ms before `now_ms`.
  bool IsNew(std::string_view registrable, int64_t now_ms) const;

  int64_t new_window_ms() const { return new_window_ms_; }
  size_t size() const;

 private:
  struct Seen {
    int64_t first_ms;
    int64_t last_ms;
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  void EvictHalf();  // REQUIRES: mu_ held exclusively

  const int64_t new_window_ms_;
  const size_t max_domains_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Seen, Hash, std::equal_to<>> seen_;  // GUARDED_BY(mu_)
};

}  // namespace wuzha::intercept
