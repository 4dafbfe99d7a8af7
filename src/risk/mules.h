// MuleScorer: the daily 断卡 batch. It scores every bank account and every mobile number
// (SIM) it has seen for being a mule card or a mule SIM — opened or rented for a gang —
// and ranks them, each score with the reasons that make it (feature name, value and
// contribution). docs/risk.md ("Mule cards and mule SIMs") lists every feature.
//
// Observe() takes the events in event-time order: account_open, sim_open, transfer,
// call, sms and report (a victim's report points at the payees of the victim's transfers
// after the loss and at the numbers that contacted the victim before it); other types are
// ignored. Labels are never read. Flag*() adds what the center knows from elsewhere
// (reports and interception in the closed loop). Rank() is the day-end batch: it scores
// from the state so far in two passes — each entity's own behaviour, then the evidence of
// its neighbourhood (counterparties, the outlet that opened it, the person it was opened
// for) from the entities pass one found suspect — with a transparent weighted score.
//
// Memory is bounded per entity: every distinct-count is a set of at most
// MuleScorerOptions::set_cap ids (it saturates there), a number keeps its last 16 inbound
// contacts and an account its last 8 payments, for reports to point into. An account
// costs 280 bytes and a number 192, plus its sets and rings as they fill: at most about
// 1 KB each with the default cap, whatever the length of the run.
//
// Deterministic: the same events in the same order give the same ranking, bit for bit,
// on any machine (ties are broken by id, scores use core/det_math.h). Not thread safe: it
// links entities across the whole stream (a device, an outlet, a person), so one scorer
// sees every event and callers serialize access. Owns all its state; movable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/status.h"
#include "core/timestamp.h"

namespace wuzha::risk {

namespace internal {
struct MuleState;
}

struct MuleScorerOptions {
  // Use the opening events (outlet, the person an entity was opened for, time from
  // opening to first use). Off = behaviour only (the ablation, and rented accounts).
  bool use_openings = true;
  // Use the devices in the events (a transfer's device and IP, a call's or SMS's IMEI).
  // Off = money flows and calling patterns only (an ablation: gangs that give every
  // card and SIM its own phone).
  bool use_devices = true;
  // Use report events to point at payees and at the numbers that contacted the victim.
  bool use_reports = true;
  // Cap of every distinct-count (counterparties, holders of a device, SIMs of an IMEI).
  size_t set_cap = 32;
  // Money out within this long after money came in is "passed through".
  int64_t quick_out_ms = 30 * 60000;
  // A report points at the victim's payments from fraud_ts - report_slack_ms on (and at
  // contacts in the report_lookback_ms before fraud_ts); payments below min_report_fen
  // are ignored.
  int64_t report_slack_ms = 10 * 60000;
  int64_t report_lookback_ms = 7 * 86400000LL;
  int64_t min_report_fen = 20000;  // 200 yuan
  // An entity whose own score (pass one) reaches this, or that is flagged, counts as
  // suspect for its neighbours' features.
  double suspect_score = 0.2;
  size_t max_reasons = 5;
};

// One feature's part in a score.
struct MuleReason {
  std::string feature;  // e.g. "pass_through", "shared_device", "outlet_flagged_share"
  double value = 0;     // the feature's value (units in docs/risk.md)
  double weight = 0;    // what it added to the logit (> 0)
};

struct MuleScore {
  std::string id;                   // account number, or E.164 digits for a SIM
  double score = 0;                 // 1 / (1 + e^-logit), in (0, 1)
  double logit = 0;                 // bias + the sum of the contributions
  std::vector<MuleReason> reasons;  // largest contribution first, at most max_reasons
};

// An outlet (网点) by the accounts and SIMs it opened that score as mules now: what the
// outlet rankings (govern) start from. Only openings the scorer saw count.
struct MuleOutlet {
  std::string outlet;          // outlet code
  uint32_t openings = 0;       // accounts and SIMs opened there
  uint32_t mule_openings = 0;  // of those, scoring at least suspect_score
  double share = 0;            // mule_openings / openings
};

// A day-end ranking: highest score first, ties by id; outlets by mule openings, then
// share, then code.
struct MuleRanking {
  Timestamp as_of;
  std::vector<MuleScore> accounts;
  std::vector<MuleScore> sims;
  std::vector<MuleOutlet> outlets;  // every outlet with an opening (use_openings only)
};

class MuleScorer {
 public:
  explicit MuleScorer(MuleScorerOptions options = {});
  ~MuleScorer();
  MuleScorer(MuleScorer&&) noexcept;
  MuleScorer& operator=(MuleScorer&&) noexcept;

  // Adds one event. kInvalidArgument when it is older than the last event observed (the
  // event is then ignored); other event types and held or blocked transfers (which moved
  // no money) change nothing.
  Status Observe(const Event& e);

  // What the center knows from elsewhere: an account or a number involved in fraud.
  // A flagged entity is suspect for its neighbours' features and scores `flagged`.
  void FlagAccount(std::string_view account);
  void FlagNumber(std::string_view phone);

  // Scores every account and every mobile number seen so far (service numbers and
  // landlines are not SIMs), ranked. `top_n` > 0 keeps only the first top_n of each.
  // `as_of` is the batch's time (for "unused since it was opened"). Linear in the entities
  // seen plus a sort; the state is not changed, so it can be called every day.
  MuleRanking Rank(Timestamp as_of, size_t top_n = 0) const;

  size_t accounts_seen() const;
  size_t numbers_seen() const;

 private:
  MuleScorerOptions options_;
  std::unique_ptr<internal::MuleState> state_;
};

}  // namespace wuzha::risk
