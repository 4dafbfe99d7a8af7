// Rule: one check interception runs for one channel (call, SMS, URL, app), and the
// Findings it reports. A rule looks at the query (already normalized once for all the
// rules of a checker), the compiled lists snapshot and the shared resources it was built
// with, and adds zero or more findings; the Checker combines them into a Verdict.
//
// Rules live one per file under src/intercept/rules/ and are registered in one list,
// rules/registry.cc. A rule is immutable after construction and Evaluate is const: safe
// to call from any number of threads. Rules that learn from the event stream read the
// trackers in Resources, which the Checker feeds (Checker::Observe).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/phone.h"
#include "intercept/query.h"
#include "intercept/verdict.h"
#include "lists/snapshot.h"
#include "text/extract.h"

namespace wuzha::lists {
class PhoneRegionDb;
}

namespace wuzha::intercept {

class SmsRules;
class SmsClassifier;
class CallerTracker;
class BrandTable;
class DomainHistory;

// What a finding asks of the verdict.
enum class Effect : uint8_t {
  kScore,  // adds its score; the thresholds decide
  kWarn,   // at least warn
  kBlock,  // block (a block-list hit)
  kAllow,  // known good (allow list): the verdict is allow whatever else fired
};

struct Finding {
  std::string_view rule;  // the rule's name(); static storage
  Effect effect = Effect::kScore;
  double score = 0;        // 0..1: how sure this finding alone is that it is fraud
  std::string fraud_type;  // Chinese name (core/fraud_type.h), empty when unknown
  std::string detail;      // what it saw, for the analyst
};

using Findings = std::vector<Finding>;

// Long-lived things rules are built with. Pointers are owned by the Checker and
// outlive its rules; any may be null (a rule that needs a missing one is not built).
struct Resources {
  const lists::PhoneRegionDb* regions = nullptr;  // 号段 → carrier, home region
  const SmsRules* keywords = nullptr;             // vectorscan keyword database
  const SmsClassifier* classifier = nullptr;      // fastText fraud-type model
  const CallerTracker* callers = nullptr;         // streaming caller behaviour
  const BrandTable* brands = nullptr;             // protected brands for lookalikes
  const DomainHistory* domains = nullptr;         // first-seen time of domains
  std::string home_area_code = "027";             // the city's own area code (Wuhan)
};

// Per check: the lists as of this check and the time of the query.
struct CheckContext {
  const lists::Snapshot& lists;
  int64_t now_ms = 0;
};

// The normalized forms of each query, computed once per check for all rules.
struct CallInput {
  const CallQuery& query;
  std::string_view caller;  // E.164 digits; empty when the caller does not parse
  PhoneKind caller_kind = PhoneKind::kMobile;
  std::string_view callee;  // E.164 digits or empty
};

struct SmsInput {
  const SmsQuery& query;
  std::string_view normalized;                // text::Normalize of the body
  const std::vector<text::Entity>& entities;  // text::Extract of the normalized body
  std::string_view sender;                    // E.164 digits or empty
};

struct UrlInput {
  const UrlQuery& query;
  std::string_view host;         // lower-case ASCII (punycode) host, no trailing dot
  std::string_view url;          // lists::NormalizeUrl of the query, empty for a bare host
  std::string_view registrable;  // registrable domain of host (PSL), empty if none
  std::string_view unicode_host; // host with punycode labels decoded (UTF-8), == host if none
};

struct AppInput {
  const AppQuery& query;
  std::string_view package;      // as given, trimmed
  std::string_view cert_sha256;  // lower-case hex or empty
  std::string_view file_sha256;  // lower-case hex or empty
};

template <typename Input>
class Rule {
 public:
  virtual ~Rule() = default;
  // Stable dotted name, e.g. "call.block_list"; appears in verdict reasons.
  virtual std::string_view name() const = 0;
  // One line for `wuzha check --list-rules` and the docs.
  virtual std::string_view description() const = 0;
  virtual void Evaluate(const Input& input, const CheckContext& context, Findings& out) const = 0;
};

using CallRule = Rule<CallInput>;
using SmsRule = Rule<SmsInput>;
using UrlRule = Rule<UrlInput>;
using AppRule = Rule<AppInput>;

}  // namespace wuzha::intercept
