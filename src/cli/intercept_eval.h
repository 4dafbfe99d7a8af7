// `wuzha eval intercept`: interception on a simulated city, scored against its ground
// truth. The classifier is trained on a different seed's city (nothing of the evaluated
// city is seen in training); the lists start empty and fill as an anti-fraud center's
// would (the auto-listing policy, docs/intercept.md): what a check blocks and what
// victims' reports point at goes on the block list, published every ten simulated
// minutes. Every call, SMS, web visit and app install is checked when it happens,
// before the trackers see it. With `act`, blocks also go back to the city as actions
// (the gangs notice and rotate numbers and domains).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace wuzha::cli {

struct InterceptEvalOptions {
  uint64_t seed = 7;
  uint64_t train_seed = 0;  // 0 = seed + 1000
  uint32_t population = 30000;
  int days = 3;
  int threads = 0;        // simulator threads; 0 = every core
  bool auto_list = true;  // blocks and reports feed the block list
  bool act = false;       // closed loop: listed indicators are blocked in the city
  std::string tranco;     // protected brands (tranco_top10k.csv); empty = built-in only
  std::string phone_db;   // phone2region.zdb; empty = none
  std::function<void(std::string_view)> progress;  // a line now and then; may be empty
};

// One channel's counts: events the truth labels fraud or not, and what the checks did.
struct ChannelScore {
  uint64_t fraud = 0, legit = 0;
  uint64_t fraud_blocked = 0, fraud_warned = 0;
  uint64_t legit_blocked = 0, legit_warned = 0;
  double recall() const { return fraud ? double(fraud_blocked) / fraud : 0; }
  double recall_flagged() const { return fraud ? double(fraud_blocked + fraud_warned) / fraud : 0; }
  double false_block_rate() const { return legit ? double(legit_blocked) / legit : 0; }
  double false_warn_rate() const { return legit ? double(legit_warned) / legit : 0; }
};

struct InterceptEvalResult {
  InterceptEvalOptions options;
  ChannelScore call, sms, web, app;
  // Distinct indicators blocked over the run (numbers that called or texted and were
  // blocked, domains, app packages) and SMS messages blocked.
  uint64_t numbers_blocked = 0, domains_blocked = 0, apps_blocked = 0, sms_blocked = 0;
  uint64_t listed = 0;            // block-list entries added by the auto-listing policy
  uint64_t contacts_blocked_in_city = 0;  // with act: contacts the city never made
  uint64_t classifier_training_texts = 0;
  double seconds = 0;

  // {"seed":..,"population":..,"days":..,"channels":{"call":{"fraud":..,"legit":..,
  //  "recall":..,"recall_flagged":..,"false_block_rate":..,"false_warn_rate":..},...},
  //  "blocked_per_day":{..},"blocked_per_day_at_13_7m":{..},"wuhan_per_day":{..},...}
  std::string ToJson() const;
};

Result<InterceptEvalResult> RunInterceptEval(const InterceptEvalOptions& options);

}  // namespace wuzha::cli
