// The mule-card and mule-SIM evaluation (断卡) embedded in `wuzha eval risk`: a simulated
// city runs for `days`; every event goes through risk::MuleScorer in event-time order
// (labels are never shown to it), which ranks every account and every mobile number at
// each day's end (Asia/Shanghai midnight). The rankings are compared with the truth:
// mule cards are the gangs' layer 1-3 accounts (opened at complicit outlets or rented),
// mule SIMs every number of the gangs' SIM farms, used or spare. The financiers' own
// accounts (layer 0) are neither mule nor clean and are left out of the rankings.
//
// Two more scorers run on the same events as ablations. Behaviour only leaves out the
// opening events: in the simulator only gangs open accounts and SIMs during the run, so
// the figures with openings are optimistic about what an opening says; behaviour only is
// the bar for rented cards and for cities whose residents open accounts all the time.
// Without devices also leaves out every device id (transfer device and IP, IMEI): the
// simulated gangs pay from one phone for all their cards and put SIMs in shared boxes,
// which is a strong tell; this is the figure for gangs that do not.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace wuzha::cli {

struct MuleEvalOptions {
  uint64_t seed = 7;
  uint32_t population = 30000;
  int days = 5;
  int threads = 0;                                 // simulator threads; 0 = every core
  double fraud_scale = 4;                          // gangs' volume (1 = Wuhan's rate per resident)
  std::function<void(std::string_view)> progress;  // a line per simulated day; may be empty
};

// One ranking against the truth. k = 50, 100 and the number of true mules; a k larger
// than the ranking counts the missing places as misses.
struct MuleRankFigures {
  uint64_t truth = 0;         // true mules
  uint64_t ranked = 0;        // entities ranked (seen in the events)
  uint64_t truth_ranked = 0;  // true mules among them
  double precision_at_50 = 0, recall_at_50 = 0;
  double precision_at_100 = 0, recall_at_100 = 0;
  double precision_at_true = 0, recall_at_true = 0;
  double pr_auc = 0;         // average precision over the whole ranking
  double random_pr_auc = 0;  // a random order of the ranked: (mules ranked / ranked) ×
                             // (mules ranked / true)
};

struct MuleDayFigures {
  int day = 0;  // 1-based
  double cards_precision_at_true = 0, sims_precision_at_true = 0;
  double cards_pr_auc = 0, sims_pr_auc = 0;
};

struct MuleEvalResult {
  MuleEvalOptions options;
  MuleRankFigures cards, sims;                        // the last day's ranking
  MuleRankFigures cards_behaviour, sims_behaviour;    // without the opening events
  MuleRankFigures cards_no_devices, sims_no_devices;  // without openings and devices
  uint64_t rented_cards = 0;         // true mule cards that were never opened in the run
  double rented_recall_at_true = 0;  // of those, in the top k = true mule cards
  // Outlets: the complicit outlets the gangs opened cards or SIMs at, and the share of
  // them among the top k = that many outlets of the last day's outlet ranking.
  uint64_t complicit_outlets = 0;
  double outlets_precision_at_true = 0;
  std::vector<MuleDayFigures> daily;  // with openings, day by day
  uint64_t events = 0;
  double seconds = 0;

  // {"mule_cards":{"true":..,"ranked":..,"precision_at_50":..,"recall_at_50":..,
  //  "precision_at_100":..,"recall_at_100":..,"precision_at_true":..,"recall_at_true":..,
  //  "pr_auc":..,"random_pr_auc":..,"rented":..,"rented_recall_at_true":..},
  //  "mule_sims":{...},"behaviour_only":{"mule_cards":{...},"mule_sims":{...}},
  //  "without_devices":{"mule_cards":{...},"mule_sims":{...}},
  //  "outlets":{"complicit":..,"precision_at_true":..},
  //  "daily":[{"day":1,...}],"seed":..,...}
  std::string ToJson() const;
};

// Builds the city, runs it and scores. Errors of the city or the engine are returned.
Result<MuleEvalResult> RunMuleEval(const MuleEvalOptions& options);

// The figures of one ranking (ids, best first) against a set of true ids; `excluded` ids
// are dropped from the ranking first. Exposed for tests.
MuleRankFigures RankFigures(const std::vector<std::string>& ranking,
                            const std::vector<std::string>& truth,
                            const std::vector<std::string>& excluded);

}  // namespace wuzha::cli
