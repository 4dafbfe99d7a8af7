// Tracer: follows victims' money forward through the ledger (资金溯源), in time order,
// under a taint policy, and says where it is now, where it left and how, and which
// accounts to stop-pay first. docs/trace.md explains the policies with a worked example.
//
// Model. Every account the victims' money reaches becomes a pool of lots: its balance
// before the first tainted credit is one clean lot, each credit after it adds a lot
// (tainted with a victim, or clean), and each debit takes from the pool as the policy
// says:
//   FIFO      oldest lots first (the banks' and the courts' usual reading);
//   LIFO      newest lots first;
//   pro-rata  every holder in proportion to what it holds (haircut), clean included;
//   poison    once tainted, the whole account is tainted: its clean balance and any clean
//             credit are absorbed by the victims already in it, pro rata; every debit is
//             victims' money.
// Shares are split by largest remainder, so no fen is created or lost: per victim,
// stolen + absorbed = held + exited, and every pool sums to its account's balance.
//
// A victim's own transfers inject the taint: the part of such a transfer not already
// tainted becomes newly stolen from that victim. Money the gang pays a victim back (刷单's
// paid tasks: from an account the victim pays, one already traced, or a stranger during
// the scam) may have been stolen from someone else first: it is unattributed while the
// victim holds it, and what the victim pays out of it is the victim's *disputed* money —
// traced and stopped as theirs, but never refunded without review.
//
// Incremental: Update() processes the ledger rows added since the last call. Rows later
// than everything traced so far extend the trace in place; a late row (a statement with
// older transfers) that touches a traced account, a new victim transfer earlier than the
// trace's frontier, or a balance anchor that changes a traced account's
// opening balance rewinds and replays the case — the result
// always equals a batch trace over the same ledger.
//
// The Tracer borrows the Ledger, which must outlive it. Not thread safe.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/timestamp.h"
#include "ledger/ledger.h"

namespace wuzha::trace {

enum class Policy : uint8_t { kFifo, kLifo, kProRata, kPoison };
inline constexpr int kPolicyCount = 4;
// "fifo", "lifo", "pro_rata", "poison".
std::string_view PolicyName(Policy policy);
bool ParsePolicy(std::string_view name, Policy& out);

// Where some of a victim's money is now.
struct Holding {
  uint32_t victim = 0;  // index into TraceReport::victims
  ledger::AccountId account = 0;
  int64_t fen = 0;
  Timestamp since;  // when the last of it arrived
  int layer = 1;    // hops from the victim: 1 = received from the victim
  // The ledger holds no outgoing row of this account: it may be outside the data (a bank
  // that has not answered), so the money may already have moved on.
  bool no_outgoing_data = false;
  // Paid by the victim out of money the gang had paid them (see VictimSummary): frozen as
  // theirs, refunded only after review.
  bool disputed = false;
};

// Some of a victim's money leaving the traceable accounts.
struct Exit {
  uint32_t victim = 0;
  ledger::Row row = 0;
  ledger::AccountId from = 0;
  ledger::FlowKind kind = ledger::FlowKind::kCash;
  int64_t fen = 0;
  Timestamp ts;
  int layer = 1;  // layer of the account it left from
  bool disputed = false;
};

// One move of a victim's money: the edges of the graph and of every evidence path.
struct Hop {
  uint32_t victim = 0;
  ledger::Row row = 0;
  ledger::AccountId from = 0;
  ledger::AccountId to = 0;  // ledger::kNoAccount for an exit
  int64_t fen = 0;
  bool disputed = false;
};

struct VictimSummary {
  std::string id;             // as given to AddVictim (a person id)
  int64_t stolen_fen = 0;     // newly stolen by the victim's transfers
  // Also paid to the gang, but out of money the gang had paid the victim before (刷单's
  // task payments, or a stranger's credit during the scam): it may have been stolen from
  // someone else first. Traced and stopped like the rest; refunded only after review.
  int64_t disputed_fen = 0;
  int64_t absorbed_fen = 0;   // clean money attributed to the victim (poison only)
  int64_t held_fen = 0;       // in accounts now
  int64_t exited_fen = 0;     // left through an exit
};

// An account to stop-pay, ranked by priority (highest first).
struct StopPayCandidate {
  ledger::AccountId account = 0;
  int64_t recoverable_fen = 0;  // victims' money in it now
  Timestamp since;              // when the newest of it arrived
  int layer = 1;
  // How long this account usually keeps money before moving it on (the median of its own
  // observed dwell times; a default when it has none), and what of that is left now.
  int64_t expected_dwell_ms = 0;
  int64_t expected_left_ms = 0;
  double priority = 0;  // recoverable yuan, discounted by the time left
  std::vector<std::pair<uint32_t, int64_t>> by_victim;  // (victim, fen)
};

struct TraceReport {
  Policy policy = Policy::kFifo;
  Timestamp as_of;  // the latest ledger row traced
  std::vector<VictimSummary> victims;
  std::vector<Holding> holdings;  // by account, then victim
  std::vector<Exit> exits;        // in time order
  std::vector<StopPayCandidate> stop_pay;
  // The gang's own money it paid victims back with (刷单), still in accounts: stolen from
  // people outside the case, so it is nobody's here and never refunded to the case.
  int64_t unattributed_fen = 0;
  // Per victim stolen + disputed + absorbed == held + exited (disputed holdings and exits
  // included), and every pool equals its account's
  // balance in the ledger.
  bool conserved = true;
};

struct TracerOptions {
  Policy policy = Policy::kFifo;
  // The dwell assumed for an account with no history of its own (mules forward fast).
  int64_t default_dwell_ms = 30 * 60000;
};

class Tracer {
 public:
  Tracer(const ledger::Ledger& ledger, TracerOptions options = {});
  ~Tracer();
  Tracer(const Tracer&) = delete;
  Tracer& operator=(const Tracer&) = delete;

  // Adds a victim (or more stolen transfers of one already added): ledger rows paid from
  // the victim's account to the fraudsters. kInvalidArgument for a row out of range.
  // Takes effect at the next Update().
  Status AddVictim(std::string_view victim_id, std::span<const ledger::Row> rows);

  // Traces every ledger row not yet traced.
  void Update();

  // The trace as of the last Update().
  TraceReport Report() const;
  // Every account victims' money has reached, in id order (a center asks their banks for
  // the balances: Ledger::SetBalance).
  std::vector<ledger::AccountId> TracedAccounts() const;
  // Every move of victims' money, in time order.
  const std::vector<Hop>& hops() const;
  // The hops that bring `victim`'s money to `account` (the evidence of a holding): every
  // hop of that victim on a path ending there, in time order.
  std::vector<Hop> PathTo(uint32_t victim, ledger::AccountId account) const;
  // Times the case was replayed from the start because of a late row (0 when every
  // update extended the trace in place).
  uint64_t replays() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The trace as JSON for the console and `wuzha trace`: the summary, holdings, exits and
// stop-pay list, and a graph {"nodes":[...],"edges":[...]} of victims, accounts and exits
// with edges aggregated per (from, to, victim) and their transaction ids.
std::string ReportJson(const ledger::Ledger& ledger, const Tracer& tracer,
                       const TraceReport& report);

}  // namespace wuzha::trace
