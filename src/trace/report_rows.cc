#include "trace/report_rows.h"

#include <algorithm>
#include <unordered_set>

namespace wuzha::trace {

std::vector<ledger::Row> StolenRowsForReport(const ledger::Ledger& ledger,
                                             std::string_view account, int64_t loss_fen,
                                             Timestamp loss_began, Timestamp reported) {
  std::vector<ledger::Row> out;
  const auto id = ledger.FindAccount(account);
  if (!id || loss_fen <= 0) return out;
  std::vector<ledger::Row> candidates;
  std::unordered_set<ledger::AccountId> known_payees;
  for (ledger::Row r : ledger.Outgoing(*id)) {
    const Timestamp ts = ledger.ts(r);
    if (ts < loss_began) {
      known_payees.insert(ledger.to(r));
    } else if (ts <= reported && ledger.to(r) != *id) {
      candidates.push_back(r);
    }
  }
  // An exact set: search subsets of the first 16 candidates, fewest rows first.
  const size_t n = std::min<size_t>(candidates.size(), 16);
  uint32_t best = 0;
  int best_count = 64;
  for (uint32_t mask = 1; mask < (1u << n); ++mask) {
    const int count = __builtin_popcount(mask);
    if (count >= best_count) continue;
    int64_t sum = 0;
    for (size_t i = 0; i < n && sum <= loss_fen; ++i) {
      if (mask >> i & 1) sum += ledger.fen(candidates[i]);
    }
    if (sum == loss_fen) {
      best = mask;
      best_count = count;
    }
  }
  if (best != 0) {
    for (size_t i = 0; i < n; ++i) {
      if (best >> i & 1) out.push_back(candidates[i]);
    }
    return out;
  }
  int64_t taken = 0;
  for (ledger::Row r : candidates) {
    if (taken >= loss_fen) break;
    if (known_payees.count(ledger.to(r))) continue;
    out.push_back(r);
    taken += ledger.fen(r);
  }
  return out;
}

}  // namespace wuzha::trace
