// Checker: the interception service. It owns the rules of every channel (the list in
// rules/registry.cc) and the resources they share, normalizes each query once, runs the
// channel's rules on the current lists snapshot and combines their findings into a
// Verdict:
//   - an allow-list finding makes the verdict allow (its reasons still listed);
//   - otherwise score = 1 - prod(1 - score_i) over the findings (independent evidence),
//     the decision is block at score >= block_score, warn at >= warn_score, and at
//     least what a finding demands (a block-list hit blocks, a range hit warns);
//   - the fraud type is that of the highest-scoring finding that names one.
//
// Checks are const and safe from any number of threads. Observe() feeds the event
// stream to the trackers that rules read (caller behaviour, first-seen domains): call it
// from one thread, in event-time order, not concurrently with checks.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/status.h"
#include "intercept/query.h"
#include "intercept/rule.h"
#include "intercept/verdict.h"
#include "lists/store.h"

namespace wuzha::intercept {

struct CheckerOptions {
  double warn_score = 0.5;
  double block_score = 0.85;
  std::string classifier_model;  // fastText .bin; empty = no classifier rule
  std::string phone_db;          // phone2region.zdb; empty = no 号段 table
  std::string home_area_code = "027";
  std::string tranco;        // ranked protected domains (Tranco CSV); empty = built-in brands only
  int new_domain_days = 7;   // url.new_domain: a domain first seen this recently is new
};

struct RuleInfo {
  std::string channel;  // "call", "sms", "url", "app"
  std::string name;
  std::string description;
};

// The immutable resources of a checker — the keyword database, the classifier, the 号段
// table, the protected brands — built once and shared by any number of checkers (one per
// pipeline partition: each keeps its own streaming trackers). Thread safe; held by
// shared_ptr.
class SharedResources {
 public:
  // kNotFound / kInvalidArgument when a model or table file fails to load. The brands
  // include `lists`' protected domains as of now. A null `classifier` loads
  // options.classifier_model when it is set.
  static Result<std::shared_ptr<const SharedResources>> Create(
      const lists::Store& lists, const CheckerOptions& options,
      std::unique_ptr<SmsClassifier> classifier);
  static Result<std::shared_ptr<const SharedResources>> Create(const lists::Store& lists,
                                                               const CheckerOptions& options);
  ~SharedResources();

 private:
  friend class Checker;
  SharedResources();
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

class Checker {
 public:
  // `lists` is read through its current snapshot at every check; it must outlive the
  // checker. kNotFound / kInvalidArgument when a model or table file fails to load.
  static Result<std::unique_ptr<Checker>> Create(const lists::Store& lists,
                                                 const CheckerOptions& options = {});
  // Same with an already trained classifier (tests, `wuzha eval intercept`); null = none.
  static Result<std::unique_ptr<Checker>> Create(const lists::Store& lists,
                                                 std::unique_ptr<SmsClassifier> classifier,
                                                 const CheckerOptions& options = {});
  // A checker on shared resources (built with the same `options`): only its trackers are
  // its own. Cheap: for one checker per pipeline partition.
  static Result<std::unique_ptr<Checker>> Create(const lists::Store& lists,
                                                 std::shared_ptr<const SharedResources> shared,
                                                 const CheckerOptions& options = {});
  ~Checker();

  Verdict CheckCall(const CallQuery& query) const;
  Verdict CheckSms(const SmsQuery& query) const;
  Verdict CheckUrl(const UrlQuery& query) const;
  Verdict CheckApp(const AppQuery& query) const;
  // The verdict for a call, SMS, web or app event; nullopt-like allow with no reasons
  // for other event types.
  Verdict CheckEvent(const Event& event) const;

  // Feeds one event to the streaming trackers. REQUIRES: event-time order, one thread.
  void Observe(const Event& event);

  // Every rule built, by channel, in evaluation order.
  std::vector<RuleInfo> rules() const;
  const CheckerOptions& options() const { return options_; }

 private:
  explicit Checker(const lists::Store& lists, const CheckerOptions& options);
  Verdict Combine(Findings& findings) const;
  // The URL rules' findings for `query`, on `snapshot`.
  void UrlFindings(const UrlQuery& query, const lists::Snapshot& snapshot, Findings& findings) const;

  const lists::Store& lists_;
  CheckerOptions options_;
  struct Owned;  // the resources' owners
  std::unique_ptr<Owned> owned_;
  Resources resources_;
  std::vector<std::unique_ptr<CallRule>> call_rules_;
  std::vector<std::unique_ptr<SmsRule>> sms_rules_;
  std::vector<std::unique_ptr<UrlRule>> url_rules_;
  std::vector<std::unique_ptr<AppRule>> app_rules_;
};

// Verdict as JSON: {"decision":"block","fraud_type":"...","score":0.97,
// "reasons":[{"rule":"...","detail":"..."}]}.
std::string VerdictToJson(const Verdict& verdict);

}  // namespace wuzha::intercept
