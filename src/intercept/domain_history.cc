#include "intercept/domain_history.h"

#include <algorithm>
#include <mutex>
#include <vector>

#include "intercept/internal/idna.h"
#include "lists/indicator.h"

namespace wuzha::intercept {

DomainHistory::DomainHistory(int64_t new_window_ms, size_t max_domains)
    : new_window_ms_(new_window_ms), max_domains_(std::max<size_t>(max_domains, 2)) {}

void DomainHistory::Observe(std::string_view url_or_host, int64_t time_ms) {
  const std::string host = internal::HostToAscii(lists::UrlHost(url_or_host));
  if (host.empty()) return;
  if (const auto registrable = lists::RegistrableDomain(host)) {
    ObserveRegistrable(*registrable, time_ms);
  }
}

void DomainHistory::ObserveRegistrable(std::string_view registrable, int64_t time_ms) {
  std::unique_lock lock(mu_);
  if (auto it = seen_.find(registrable); it != seen_.end()) {
    it->second.first_ms = std::min(it->second.first_ms, time_ms);
    it->second.last_ms = std::max(it->second.last_ms, time_ms);
    return;
  }
  if (seen_.size() >= max_domains_) EvictHalf();
  seen_.emplace(std::string(registrable), Seen{time_ms, time_ms});
}

void DomainHistory::EvictHalf() {
  std::vector<int64_t> last;
  last.reserve(seen_.size());
  for (const auto& [domain, s] : seen_) last.push_back(s.last_ms);
  // The half least recently seen: last_ms up to the (n/2)-th smallest.
  auto middle = last.begin() + static_cast<ptrdiff_t>(last.size() / 2 - 1);
  std::nth_element(last.begin(), middle, last.end());
  const int64_t cutoff = *middle;
  size_t to_drop = seen_.size() / 2;
  for (auto it = seen_.begin(); it != seen_.end() && to_drop > 0;) {
    if (it->second.last_ms <= cutoff) {
      it = seen_.erase(it);
      --to_drop;
    } else {
      ++it;
    }
  }
}

std::optional<int64_t> DomainHistory::FirstSeen(std::string_view registrable) const {
  std::shared_lock lock(mu_);
  const auto it = seen_.find(registrable);
  if (it == seen_.end()) return std::nullopt;
  return it->second.first_ms;
}

bool DomainHistory::IsNew(std::string_view registrable, int64_t now_ms) const {
  const std::optional<int64_t> first = FirstSeen(registrable);
  return !first || now_ms - *first < new_window_ms_;
}

size_t DomainHistory::size() const {
  std::shared_lock lock(mu_);
  return seen_.size();
}

}  // namespace wuzha::intercept
