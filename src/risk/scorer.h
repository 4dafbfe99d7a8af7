// Scorer: the real-time transfer decision (两卡风控) — allow, warn, hold or block, with
// its reasons — from the rules (rules.h) and the model (risk_model.h) over the streaming
// features (features.h).
//
//   decision = the most severe of: every matching rule's decision, and the model's
//              (block at p >= block, hold at p >= hold, warn at p >= warn)
//
// It is deterministic: the same rules, model and events give the same decisions, byte for
// byte (no clock, no randomness; ties resolved by rule order). A hold or a block raises a
// WarningSignal for the warning module (the person to reach, why, the fraud type guessed),
// given to the signal sink synchronously.
//
// Usage per partition, in event-time order: Decide(transfer) before its money moves, then
// Observe(every event) once it has happened (the transfer with the status it got). The
// Scorer owns its FeatureStore; it shares the rules and the model (immutable) by
// shared_ptr, so SetRules swaps in a validated rule file between two decisions. Not
// thread safe (one Scorer per partition); Decide allocates nothing unless a signal is
// raised.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/event.h"
#include "risk/features.h"
#include "risk/risk_model.h"
#include "risk/rules.h"

namespace wuzha::risk {

struct ScorerOptions {
  FeatureOptions features;
  // Features hidden from both the rules and the model (set missing), on top of what the
  // model card masks: the "no linkage" configuration masks the linkage features.
  std::vector<Feature> masked;
};

// The model thresholds in force: the rule file's [model] values, else the model card's,
// else these defaults.
struct Thresholds {
  float warn = 0.5f, hold = 0.9f, block = 0.99f;
};

struct RiskDecision {
  Decision decision = Decision::kAllow;
  Decision rule_decision = Decision::kAllow;
  Decision model_decision = Decision::kAllow;
  float score = 0;                // the model's probability; NaN without a model
  std::vector<uint16_t> matched;  // indexes of the matching rules in rules().rules()
  std::string_view fraud_type;    // the guess: a matching rule's, else the payer phone's
                                  // latest flagged contact's; empty when none
  FeatureRow features{};          // as decided, masked ones missing
};

// What a hold or block tells the warning module: whom to reach and why.
struct WarningSignal {
  std::string account;      // the payer's account
  std::string phone;        // the payer's phone (the person to warn), may be empty
  std::string payee;        // the payee's account, empty for cash
  std::string transfer_id;  // the transfer's event id, may be empty before it is written
  int64_t time_ms = 0;
  int64_t amount_fen = 0;
  Decision decision = Decision::kHold;
  float score = 0;         // the model's probability (NaN without a model)
  std::string fraud_type;  // guessed, may be empty
  std::string reason;      // the decision's reasons, "; "-separated
};

class Scorer {
 public:
  // REQUIRES: rules non-null; model may be null (rules only).
  Scorer(std::shared_ptr<const RuleSet> rules, std::shared_ptr<const RiskModel> model,
         ScorerOptions options = {});

  // Decides a transfer from the state before it. REQUIRES: transfer.type == kTransfer.
  // The reference is valid until the next call.
  const RiskDecision& Decide(const Event& transfer);

  // Records an event after it happened (a transfer with its status); `verdict` is
  // interception's verdict for a call, SMS, web visit or app install.
  void Observe(const Event& event, const ContactVerdict* verdict = nullptr) {
    features_.Observe(event, verdict);
  }

  // Takes effect at the next Decide. REQUIRES: non-null (a RuleSet is valid by
  // construction: RuleSet::Parse validated it).
  void SetRules(std::shared_ptr<const RuleSet> rules);
  // Called for every hold and block, inside Decide.
  void set_signal_sink(std::function<void(const WarningSignal&)> sink) { sink_ = std::move(sink); }

  // The reasons of a decision as text: "rule known_mule_payee: the payee is a known mule
  // account; model p=0.973 >= hold 0.80".
  std::string Reasons(const RiskDecision& d) const;

  const RuleSet& rules() const { return *rules_; }
  const RiskModel* model() const { return model_.get(); }
  const Thresholds& thresholds() const { return thresholds_; }
  FeatureStore& features() { return features_; }
  const FeatureStore& features() const { return features_; }

 private:
  void ResolveThresholds();

  std::shared_ptr<const RuleSet> rules_;
  std::shared_ptr<const RiskModel> model_;
  FeatureStore features_;
  std::array<bool, kFeatureCount> mask_{};
  bool any_mask_ = false;
  Thresholds thresholds_;
  RiskDecision decision_;
  std::function<void(const WarningSignal&)> sink_;
};

}  // namespace wuzha::risk
