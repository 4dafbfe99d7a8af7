// Ownership audit and refunds (权属审计 / 返还): who gets the money frozen in which account.
//
// The rule (docs/trace.md has a worked example), account by account in account order:
//  1. Taint share. The victims whose traced money is in the account claim what the trace
//     attributes to them. If the claims fit in the frozen balance, each gets its claim; if
//     not, the balance is split in proportion to the claims.
//  2. Pro-rata fallback (按比例发还). An account frozen on other evidence, which the trace
//     never reached, is split among all the case's victims in proportion to what each has
//     still not been given back. An account the victims' money went through and left holds
//     its owner's money: nothing of it is allocated.
//  Disputed money (trace.h: paid out of the gang's paybacks) claims nothing here; it stays
//  frozen for review.
//  3. Nobody gets more than their loss: a share above what a victim still lacks goes to
//     the other claimants of the same account, in proportion to what they still lack.
// Every split is by largest remainder, so the fen allocated plus the fen left to the
// account holder equal the frozen balances exactly.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "trace/trace.h"

namespace wuzha::trace {

struct FrozenBalance {
  ledger::AccountId account = 0;
  int64_t fen = 0;  // what the bank holds under the freeze
};

enum class RefundBasis : uint8_t { kTaintShare, kProRataFallback };
std::string_view RefundBasisName(RefundBasis basis);  // "taint_share", "pro_rata_fallback"

struct RefundLine {
  uint32_t victim = 0;  // index into TraceReport::victims
  ledger::AccountId account = 0;
  int64_t fen = 0;
  int64_t claim_fen = 0;  // what the trace attributes to the victim there (0 for fallback)
  RefundBasis basis = RefundBasis::kTaintShare;
  std::vector<ledger::Row> path;  // the hops from the victim's transfer to the account
};

struct RefundPlan {
  std::vector<RefundLine> lines;      // by account, then victim
  std::vector<int64_t> per_victim;    // fen, by victim
  int64_t frozen_fen = 0;             // sum of the frozen balances
  int64_t allocated_fen = 0;          // sum of the lines
  int64_t unallocated_fen = 0;        // left to the account holders (their own money)
  bool conserved = false;             // allocated + unallocated == frozen
  bool within_losses = false;         // no victim gets more than their loss
};

// `losses` holds each victim's loss (by TraceReport::victims index; what they reported,
// or the trace's stolen_fen).
RefundPlan AllocateRefunds(const Tracer& tracer, const TraceReport& report,
                           std::span<const FrozenBalance> frozen,
                           std::span<const int64_t> losses);

// The plan as CSV (victim,account,fen,claim_fen,basis,path — the path as the transaction
// ids joined by '>') and as JSON, for the accountant.
std::string RefundPlanCsv(const ledger::Ledger& ledger, const TraceReport& report,
                          const RefundPlan& plan);
std::string RefundPlanJson(const ledger::Ledger& ledger, const TraceReport& report,
                           const RefundPlan& plan);

}  // namespace wuzha::trace
