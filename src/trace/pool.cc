#include "trace/internal/pool.h"

#include <algorithm>
#include <numeric>

namespace wuzha::trace::internal {

void SplitByLargestRemainder(int64_t total, std::span<const int64_t> weights,
                             std::vector<int64_t>& shares) {
  shares.assign(weights.size(), 0);
  __int128 sum = 0;
  for (int64_t w : weights) sum += w;
  if (sum <= 0 || total == 0) return;
  std::vector<std::pair<__int128, size_t>> remainders;
  remainders.reserve(weights.size());
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const __int128 exact = static_cast<__int128>(total) * weights[i];
    shares[i] = static_cast<int64_t>(exact / sum);
    given += shares[i];
    remainders.emplace_back(exact % sum, i);
  }
  // Largest remainder first; ties to the lower index.
  std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (size_t k = 0; given < total; ++k, ++given) ++shares[remainders[k].second];
}

Pool::Pool(Policy policy, int64_t clean_fen, int64_t ts) : policy_(policy) {
  (void)ts;
  if (clean_fen > 0) {
    lots_.push_back(Lot{kClean, clean_fen});
    total_ = clean_fen;
  }
}

void Pool::Add(std::span<const Portion> portions, int64_t ts, std::vector<Portion>& absorbed) {
  for (const Portion& p : portions) {
    if (p.fen <= 0) continue;
    total_ += p.fen;
    if (p.victim != kClean) {
      last_tainted_ts_ = ts;
      if (policy_ == Policy::kPoison) {
        auto it = std::find_if(inflow_.begin(), inflow_.end(),
                               [&](const Lot& l) { return l.victim == p.victim; });
        if (it == inflow_.end()) {
          inflow_.push_back(Lot{p.victim, p.fen});
        } else {
          it->fen += p.fen;
        }
      }
    }
    if (policy_ == Policy::kFifo || policy_ == Policy::kLifo) {
      if (!lots_.empty() && lots_.back().victim == p.victim) {
        lots_.back().fen += p.fen;
      } else {
        lots_.push_back(Lot{p.victim, p.fen});
      }
      continue;
    }
    // Pro-rata and poison keep one lot per holder, sorted by victim (kClean last).
    auto it = std::lower_bound(lots_.begin(), lots_.end(), p.victim,
                               [](const Lot& l, uint32_t v) { return l.victim < v; });
    if (it != lots_.end() && it->victim == p.victim) {
      it->fen += p.fen;
    } else {
      lots_.insert(it, Lot{p.victim, p.fen});
    }
  }
  if (policy_ == Policy::kPoison) Absorb(absorbed);
}

// Poison: the clean lot (always last: kClean sorts last) goes to the victims, in
// proportion to what they hold now, or to what they ever put in when they hold nothing.
void Pool::Absorb(std::vector<Portion>& absorbed) {
  if (lots_.empty() || lots_.back().victim != kClean || inflow_.empty()) return;
  const int64_t clean = lots_.back().fen;
  lots_.pop_back();
  std::vector<Lot> holders(lots_.begin(), lots_.end());
  if (holders.empty()) holders = inflow_;
  std::sort(holders.begin(), holders.end(),
            [](const Lot& a, const Lot& b) { return a.victim < b.victim; });
  std::vector<int64_t> weights, shares;
  for (const Lot& h : holders) weights.push_back(h.fen);
  SplitByLargestRemainder(clean, weights, shares);
  for (size_t i = 0; i < holders.size(); ++i) {
    if (shares[i] == 0) continue;
    absorbed.push_back(Portion{holders[i].victim, shares[i]});
    auto it = std::lower_bound(lots_.begin(), lots_.end(), holders[i].victim,
                               [](const Lot& l, uint32_t v) { return l.victim < v; });
    if (it != lots_.end() && it->victim == holders[i].victim) {
      it->fen += shares[i];
    } else {
      lots_.insert(it, Lot{holders[i].victim, shares[i]});
    }
  }
}

void Pool::Take(int64_t fen, std::vector<Portion>& out) {
  out.clear();
  const int64_t from_pool = std::min(fen, total_);
  if (policy_ == Policy::kFifo || policy_ == Policy::kLifo) {
    int64_t left = from_pool;
    while (left > 0) {
      Lot& lot = policy_ == Policy::kFifo ? lots_.front() : lots_.back();
      const int64_t take = std::min(left, lot.fen);
      out.push_back(Portion{lot.victim, take});
      lot.fen -= take;
      left -= take;
      if (lot.fen == 0) {
        if (policy_ == Policy::kFifo) {
          lots_.pop_front();
        } else {
          lots_.pop_back();
        }
      }
    }
  } else if (from_pool > 0) {
    std::vector<int64_t> weights, shares;
    for (const Lot& l : lots_) weights.push_back(l.fen);
    SplitByLargestRemainder(from_pool, weights, shares);
    for (size_t i = 0; i < lots_.size(); ++i) {
      if (shares[i] > 0) out.push_back(Portion{lots_[i].victim, shares[i]});
      lots_[i].fen -= shares[i];
    }
    std::erase_if(lots_, [](const Lot& l) { return l.fen == 0; });
  }
  total_ -= from_pool;
  if (fen > from_pool) out.push_back(Portion{kClean, fen - from_pool});
}

void Pool::Tainted(std::vector<Portion>& out) const {
  out.clear();
  for (const Lot& l : lots_) {
    if (l.victim == kClean) continue;
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const Portion& p) { return p.victim == l.victim; });
    if (it == out.end()) {
      out.push_back(Portion{l.victim, l.fen});
    } else {
      it->fen += l.fen;
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Portion& a, const Portion& b) { return a.victim < b.victim; });
}

}  // namespace wuzha::trace::internal
