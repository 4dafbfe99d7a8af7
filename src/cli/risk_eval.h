// `wuzha train risk` and `wuzha eval risk`: the transfer-risk model trained on one
// simulated city's ground truth and evaluated on another with the bank's real-time check
// in the city's loop (docs/risk.md, "Evaluation").
//
// Every call, SMS, web visit and app install of a city is checked by interception (its
// SMS classifier trained on a third city), and the verdicts feed the telecom-linkage
// features. Training runs its city open loop and labels each transfer with the truth's
// `fraud` flag (labels make training labels, nothing else). Evaluation runs the held-out
// city three times with the Scorer as the city's TransferGate — rules and model, rules
// only, rules and a model without linkage (linkage features hidden from both) — and once
// without a gate, for the money saved.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/status.h"
#include "risk/training.h"

namespace wuzha::cli {

struct RiskEvalOptions {
  uint64_t seed = 7;             // the evaluated city
  uint64_t train_seed = 0;       // 0 = seed + 1000: the city the model is trained on
  uint64_t classifier_seed = 0;  // 0 = seed + 2000: the SMS classifier's city
  uint32_t population = 30000;
  int days = 4;
  double fraud_scale = 30;     // gangs' volume, so that a small city has many victims
  int threads = 0;             // simulator threads; 0 = every core
  bool sms_classifier = true;  // off: interception's keyword rules only (faster)
  double target_false_hold_rate = 0.001;
  std::string rules_path;  // empty = the built-in rules (data/risk/rules.toml)
  bool baseline = true;    // also run the city without the gate (fen_saved)
  std::string rows_csv;    // write the training rows here (features, label, role)
  std::function<void(std::string_view)> progress;  // may be empty
};

// One configuration scored on the evaluated city run without a gate: every configuration
// sees the same transfers, so these compare the parts on equal terms.
struct OpenLoopScore {
  uint64_t victim_payments = 0, victim_payments_held = 0;  // every attempt counts
  uint64_t mule_hops = 0, mule_hops_held = 0;              // fraud transfers of the gangs
  uint64_t legit_transfers = 0, false_holds = 0;
  double pr_auc = 0;  // the model's probability (rules only: the decision's level)
  // Victim payments held with the model's hold threshold set, on this city, so that rules
  // and model together hold exactly the target false-hold rate of its legitimate
  // transfers: recall at an equal false-hold rate, to compare configurations (rules
  // only: at its own rate). The threshold is chosen with the truth: a comparison, not a
  // deployable figure.
  double victim_recall_at_target = 0;
  double victim_recall() const {
    return victim_payments ? double(victim_payments_held) / victim_payments : 0;
  }
  double mule_hop_recall() const { return mule_hops ? double(mule_hops_held) / mule_hops : 0; }
  double false_hold_rate() const {
    return legit_transfers ? double(false_holds) / legit_transfers : 0;
  }
};

// One configuration's figures on the evaluated city.
struct GateScore {
  // Victims' payments to the gang (a retry of a stopped one is the same payment).
  uint64_t fraud_transfers = 0;
  // ... that never moved (held or blocked every time), or moved but none of the victim's
  // money left layer 2 and the gate stopped it at a layer-1 or layer-2 account.
  uint64_t held_or_blocked_before_exit = 0;
  uint64_t stopped_at_payment = 0, stopped_in_layers = 0;
  uint64_t fraud_attempts = 0, fraud_attempts_stopped = 0;  // every gated fraud transfer
  uint64_t legit_transfers = 0, false_holds = 0, legit_warned = 0;
  double pr_auc = 0;            // over every gated transfer, fraud = positive
  int64_t exited_fen = 0;       // victims' money that left layer 2 (truth)
  int64_t fen_saved = 0;        // baseline exited_fen - exited_fen
  int64_t victim_loss_fen = 0;  // money that left victims (truth)
  uint64_t signals = 0;         // warning signals raised (holds and blocks)
  double decide_us_p50 = 0, decide_us_p99 = 0;
  // Which rule (or "model") made the hold or block: of legitimate transfers, of fraud ones.
  std::map<std::string, uint64_t> false_holds_by, fraud_stopped_by;
  OpenLoopScore open_loop;  // with the baseline run
  double recall() const {
    return fraud_transfers ? double(held_or_blocked_before_exit) / fraud_transfers : 0;
  }
  // Stopped at the victim's own payment: the money never left the victim.
  double recall_at_payment() const {
    return fraud_transfers ? double(stopped_at_payment) / fraud_transfers : 0;
  }
  double false_hold_rate() const {
    return legit_transfers ? double(false_holds) / legit_transfers : 0;
  }
};

struct RiskTraining {
  risk::RiskTrainResult full, no_linkage;
  uint64_t rows = 0, positives = 0;
  uint64_t classifier_texts = 0;
};

struct RiskEvalResult {
  RiskEvalOptions options;
  RiskTraining training;
  GateScore full, rules_only, no_linkage;
  int64_t baseline_exited_fen = 0, baseline_loss_fen = 0;
  uint64_t victims = 0;
  double seconds = 0;

  // {"seed":..,"fraud_transfers":..,"held_or_blocked_before_exit":..,"recall":..,
  //  "false_hold_rate":..,"pr_auc":..,"fen_saved":..,...,"rules_only":{...},
  //  "no_linkage":{...},"training":{...}}
  std::string ToJson() const;
};

// Trains both models (with and without linkage) on the training city.
Result<RiskTraining> TrainRiskOnCity(const RiskEvalOptions& options);

Result<RiskEvalResult> RunRiskEval(const RiskEvalOptions& options);

}  // namespace wuzha::cli
