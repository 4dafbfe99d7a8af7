// Engine: the simulator's event engine (docs/design/sim.md). It generates the city's
// legitimate traffic — calls (including couriers' and call centres' bursts), SMS, web
// visits, app installs, transfers, ATM withdrawals and the monthly salary run — from
// rate sources with a daily and a weekly curve, and the fraud gangs' scripted work:
// SIM farms and mule cards opened at complicit outlets, typed campaigns (call → SMS →
// link → app → transfer), laundering through three layers of mule accounts to cash-out,
// victims' reports and the banks' statements. Every event carries its ground-truth label.
//
// Time advances in slices (EngineOptions::slice_ms). Within a slice, events are written
// in the total order (ts, source, seq); money moves as they are written, so no balance
// ever goes negative. Only cash in (salaries from outside) and cash out (ATM, exits to
// accounts outside the city) change the city's total balance.
//
// Closed loop: Act() queues an Action; it takes effect at its effective time, applied
// at the first slice boundary at or after it. A TransferGate, when set, decides every
// transfer synchronously before its money moves (the bank's real-time risk check).
//
// Memory is O(residents + accounts + fraud entities) plus one slice of events; no
// per-event state is kept (except the statement window, EngineOptions::statement_days).
// Same city, options and actions: same events in the same order, on any thread count.
// The Engine borrows the City, which must outlive it. Not thread safe.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/status.h"
#include "sim/action.h"
#include "sim/city.h"
#include "sim/truth.h"

namespace wuzha::sim {

// Mean events per eligible resident per day (averaged over a week). Eligible means
// holding a phone (calls, SMS, web, apps) or a bank account (transfers, ATM); children
// under 12 hold neither and never act. The figures are assumptions of the right order
// of magnitude for a Chinese city (no published per-capita series was used), except
// where noted.
struct LegitRates {
  double calls = 3.0;  // voice calls placed
  double sms = 4.0;    // SMS received: ~80% A2P (bank, codes, deliveries, ads), ~20% family
  double web = 10.0;   // web visits logged (sampled: one per browsing session)
  double app_installs = 0.05;
  double transfers = 0.8;  // shopping, family, rent (salaries come on top, on the 10th)
  double atm = 0.02;       // cash withdrawals
};

// The fraud side of the city. Volumes are calibrated so that, scaled to 13.7 million
// residents, a day has the Wuhan figures of docs/sim.md; `scale` multiplies them (tests use
// it to get enough victims from a small city).
struct FraudOptions {
  bool enabled = true;
  double scale = 1.0;
  int gangs = 0;  // 0 = one per 25,000 residents, at least 3
  // The day (0-based) a share of gangs moves to the "hot" fraud type (the hot-topic
  // shift); -1 = half way through the run.
  int hot_shift_day = -1;
};

// How long after its decision an action takes effect, and how long temporary ones last.
struct ActionDelays {
  int64_t block_number_ms = 10 * 60000;
  int64_t block_sms_sender_ms = 5 * 60000;
  int64_t block_domain_ms = 30 * 60000;
  int64_t block_app_ms = 60 * 60000;
  int64_t hold_transfer_ms = 0;
  int64_t block_transfer_ms = 0;
  int64_t stop_pay_ms = 15 * 60000;
  int64_t freeze_ms = 2 * 3600000LL;
  int64_t visit_ms = 0;
  int64_t suspend_outlet_ms = 24 * 3600000LL;
  int64_t statement_ms = 4 * 3600000LL;  // a bank answers a statement request
  int64_t hold_duration_ms = 24 * 3600000LL;
  int64_t stop_pay_duration_ms = 48 * 3600000LL;
  int64_t EffectDelay(ActionKind kind) const;
};

struct EngineOptions {
  uint64_t seed = 1;
  int days = 1;
  int64_t slice_ms = 60000;  // REQUIRES: > 0
  int threads = 1;           // threads generating legitimate traffic; output is the same
  LegitRates rates;
  FraudOptions fraud;
  ActionDelays delays;
  // Days of transfers kept to answer statement requests; 0 = statements are empty.
  int statement_days = 7;
};

enum class TransferDecision : uint8_t { kAllow, kHold, kBlock };

// The bank's real-time check: called for every transfer, in output order, before its
// money moves. A held or blocked transfer is still written (status held/blocked) but
// moves nothing.
class TransferGate {
 public:
  virtual ~TransferGate() = default;
  virtual TransferDecision Decide(const Event& transfer) = 0;
};

// A bank's answer to a statement request: the account's transfers (in and out) within
// the statement window before the request, in time order.
struct Statement {
  uint64_t action_id = 0;
  std::string account;
  Timestamp requested;
  Timestamp delivered;
  std::vector<Event> transfers;
};

// Where the engine writes its events. Implementations decide what to do with them
// (files, an in-process pipeline, a test's vector).
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual Status Write(const Event& e) = 0;
  // A statement the engine delivers (at statement.delivered, between events).
  virtual Status WriteStatement(const Statement& statement) {
    (void)statement;
    return Status::Ok();
  }
};

namespace internal {
class World;
}

class Engine {
 public:
  Engine(const City& city, EngineOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Generates every event from city.options().start for options.days days: Step until
  // done(). Stops on the first non-OK status and returns it.
  Status Run(EventSink& sink);

  // Generates one slice. kInvalidArgument for slice_ms <= 0 or days < 0; kFailedPrecondition
  // when done(). Money moves as events are written: after an error the balances and stats
  // include the refused event.
  Status Step(EventSink& sink);
  bool done() const;
  // The start of the next slice.
  Timestamp now() const;

  // Queues an action (closed loop). One that takes effect before now() is applied at the
  // next slice boundary.
  void Act(Action action);
  // Not owned; null = allow everything.
  void set_transfer_gate(TransferGate* gate);

  struct Stats {
    uint64_t events_by_type[kEventTypeCount] = {};
    uint64_t fraud_events_by_type[kEventTypeCount] = {};
    int64_t cash_in_fen = 0;          // salaries from payroll accounts outside the city
    int64_t cash_out_fen = 0;         // ATM withdrawals and exits to accounts outside the city
    uint64_t fraud_numbers_used = 0;  // distinct gang numbers that called or texted
    uint64_t contacts_blocked = 0;    // calls, SMS, visits, installs that did not happen
    uint64_t transfers_held = 0;
    uint64_t transfers_blocked = 0;
    uint64_t transfers_refused = 0;  // from stop-paid or frozen accounts (not written)
    uint64_t targets_engaged = 0;    // people a gang worked on past the first contact
    uint64_t victims = 0;            // targets who lost money
    int64_t stolen_fen = 0;
    uint64_t visits = 0;
    uint64_t dissuaded = 0;
    uint64_t accounts_opened = 0;   // by gangs (mule cards)
    uint64_t sims_opened = 0;       // by gangs (SIM farms)
    uint64_t openings_refused = 0;  // at suspended outlets
    uint64_t reports = 0;
    uint64_t statements = 0;
  };
  const Stats& stats() const;

  // Sum of all account balances (opening balances + cash in - cash out), gangs' new
  // accounts included.
  int64_t TotalBalanceFen() const;
  // The balance of an account by number; 0 when unknown.
  int64_t BalanceFen(const std::string& account) const;
  // The balance of one of the city's accounts (index into city.accounts()).
  int64_t BalanceFen(uint32_t account) const;

  // Ground truth so far (money paths as of now).
  Truth truth() const;

 private:
  std::unique_ptr<internal::World> world_;
};

}  // namespace wuzha::sim
