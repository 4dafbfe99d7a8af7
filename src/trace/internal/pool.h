// Pool: what one account holds, split into lots by victim, under one taint policy. The
// Tracer keeps one per account that victims' money has reached. Pure arithmetic on fen:
// Take and Add never create or lose a fen.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include "trace/trace.h"

namespace wuzha::trace::internal {

// A lot's owner when it is nobody's stolen money.
inline constexpr uint32_t kClean = UINT32_MAX;
// The gang's money paid to a victim (刷单's paid tasks), before the victim pays it back:
// stolen from someone the case may not know of, so it is nobody's yet. It sorts just
// before kClean.
inline constexpr uint32_t kUnattributed = UINT32_MAX - 1;
// Owner bit of a victim's disputed money: what the victim paid the gang out of such
// paybacks. Traced and frozen as the victim's, never refunded without review.
inline constexpr uint32_t kDisputedBit = 0x40000000u;
inline constexpr bool IsVictim(uint32_t owner) { return owner < kUnattributed; }
inline constexpr uint32_t VictimOf(uint32_t owner) { return owner & ~kDisputedBit; }
inline constexpr bool IsDisputed(uint32_t owner) { return (owner & kDisputedBit) != 0; }

struct Portion {
  uint32_t victim;  // or kClean
  int64_t fen;
};

// Splits `total` in proportion to `weights` (each >= 0, sum > 0) by largest remainder:
// the shares sum to `total` exactly; ties go to the lower index.
void SplitByLargestRemainder(int64_t total, std::span<const int64_t> weights,
                             std::vector<int64_t>& shares);

class Pool {
 public:
  // A pool holding `clean_fen` of the account's own money, at `ts`.
  Pool(Policy policy, int64_t clean_fen, int64_t ts);

  // Credits `portions` (already split by victim) at `ts`. Under poison, clean money is
  // absorbed by the victims present; `absorbed` receives (victim, fen) for each.
  void Add(std::span<const Portion> portions, int64_t ts, std::vector<Portion>& absorbed);
  // Debits `fen`; `out` receives the portions taken. When the pool holds less (the data
  // misses a credit), the rest is clean.
  void Take(int64_t fen, std::vector<Portion>& out);

  int64_t total() const { return total_; }
  // Victims' money in it now, by victim (clean excluded), in victim order.
  void Tainted(std::vector<Portion>& out) const;
  int64_t last_tainted_ts() const { return last_tainted_ts_; }

 private:
  struct Lot {
    uint32_t victim;
    int64_t fen;
  };
  void Absorb(std::vector<Portion>& absorbed);

  Policy policy_;
  int64_t total_ = 0;
  int64_t last_tainted_ts_ = 0;
  // FIFO and LIFO: lots in arrival order. Pro-rata and poison: one lot per holder.
  std::deque<Lot> lots_;
  // Poison: cumulative tainted credits per victim, the weights clean money is absorbed by
  // when the pool holds no victim money at that moment.
  std::vector<Lot> inflow_;
};

}  // namespace wuzha::trace::internal
