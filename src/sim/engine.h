// Engine: the simulator's event engine (docs/design/sim.md). This first piece generates
// the city's legitimate traffic only — calls, SMS, web visits, app installs, transfers,
// ATM withdrawals and the monthly salary run — from rate sources with a daily and a
// weekly curve, in slices of virtual time, in a total order (ts, source id, seq). Every
// event carries the ground-truth label fraud = false. Money moves between the city's
// accounts without ever overdrawing one; only salaries (cash in) and ATM withdrawals
// (cash out) change the city's total balance.
//
// Memory is O(residents + accounts) plus one slice of events; no per-event state is kept.
// Same city and options, same events in the same order. The Engine borrows the City,
// which must outlive it. Not thread safe; one Run at a time.
#pragma once

#include <cstdint>
#include <vector>

#include "core/event.h"
#include "core/status.h"
#include "sim/city.h"

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

struct EngineOptions {
  uint64_t seed = 1;
  int days = 1;
  int64_t slice_ms = 60000;  // REQUIRES: > 0
  LegitRates rates;
};

// Where the engine writes its events. Implementations decide what to do with them
// (files, an in-process pipeline, a test's vector).
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual Status Write(const Event& e) = 0;
};

class Engine {
 public:
  Engine(const City& city, EngineOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Generates every event from city.options().start for options.days days, calling
  // sink.Write in (ts, source id, seq) order; stops on the first non-OK status and
  // returns it. kInvalidArgument for slice_ms <= 0 or days < 0. Money moves as events
  // are written: after an error the balances and stats include the refused event.
  // REQUIRES: called once per Engine.
  Status Run(EventSink& sink);

  struct Stats {
    uint64_t events_by_type[kEventTypeCount] = {};
    int64_t cash_in_fen = 0;   // salaries from payroll accounts outside the city
    int64_t cash_out_fen = 0;  // ATM withdrawals
  };
  const Stats& stats() const { return stats_; }

  // Sum of all account balances (opening balances + cash in - cash out).
  int64_t TotalBalanceFen() const;
  // The balance of one account (index into city.accounts()).
  int64_t BalanceFen(uint32_t account) const { return balances_[account]; }

 private:
  const City& city_;
  EngineOptions options_;
  Stats stats_;
  std::vector<int64_t> balances_;
};

}  // namespace wuzha::sim
