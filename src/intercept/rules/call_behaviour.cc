// call.behaviour: a SIM-farm score from the caller's streaming features (CallerTracker).
// Couriers and call centres also make many short calls to many strangers, so no single
// sign decides: the score grows with the number of signs that fire together, and
// identity signs (a SIM opened days ago, a device shared by several numbers) weigh most
// when the calling pattern agrees. Thresholds are set from the simulator's legitimate
// traffic (docs/intercept.md, "Calls").
#include <cstdio>
#include <string>

#include "intercept/caller_tracker.h"
#include "intercept/rules/factories.h"

namespace wuzha::intercept {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

// Sign thresholds (docs/intercept.md explains each against the simulator's traffic).
constexpr int kManyCallsDay = 15;    // outbound calls in the last day
constexpr int kBurstCallsHour = 20;  // outbound calls in the last hour
constexpr int kManyCallees = 12;     // distinct callees in the last 12-24 h
constexpr double kShortShare = 0.6;  // unanswered or < 30 s
constexpr int kShortMinCalls = 5;    // ... over at least this many calls
constexpr int64_t kNewSimMs = 7 * kDayMs;
constexpr int kSharedImei = 3;       // numbers on one device (dual SIM = 2) ...
constexpr int kClonedImei = 64;      // ... beyond this a cloned or default IMEI, ignored
constexpr int kStationaryCells = 4;  // a farm calls from its den's few cells

struct Signs {
  int behaviour = 0;  // calling-pattern signs
  int identity = 0;   // new SIM, shared device
  std::string detail;
};

Signs Read(const CallerFeatures& f) {
  Signs s;
  char buf[96];
  auto add = [&s](const std::string& text) {
    if (!s.detail.empty()) s.detail += ", ";
    s.detail += text;
  };
  const bool many = f.calls_day >= kManyCallsDay || f.calls_hour >= kBurstCallsHour;
  const bool spread = f.distinct_callees >= kManyCallees;
  if (many || spread) {
    std::snprintf(buf, sizeof buf, "%d calls/h, %d/day to ~%d callees", f.calls_hour, f.calls_day,
                  f.distinct_callees);
    add(buf);
    s.behaviour += int{many} + int{spread};
  }
  if (f.calls_day >= kShortMinCalls && f.short_share() >= kShortShare) {
    std::snprintf(buf, sizeof buf, "%.0f%% unanswered or < 30 s", 100 * f.short_share());
    add(buf);
    ++s.behaviour;
  }
  if (f.calls_day >= kShortMinCalls && f.inbound_day * 10 <= f.calls_day) {
    std::snprintf(buf, sizeof buf, "%d inbound", f.inbound_day);
    add(buf);
    ++s.behaviour;
  }
  if (spread && f.distinct_cells <= kStationaryCells) {
    std::snprintf(buf, sizeof buf, "from %d cell%s", f.distinct_cells,
                  f.distinct_cells == 1 ? "" : "s");
    add(buf);
    ++s.behaviour;
  }
  if (f.sim_age_ms >= 0 && f.sim_age_ms < kNewSimMs) {
    std::snprintf(buf, sizeof buf, "SIM %.1f days old", double(f.sim_age_ms) / kDayMs);
    add(buf);
    ++s.identity;
  }
  if (f.imei_numbers >= kSharedImei && f.imei_numbers <= kClonedImei) {
    std::snprintf(buf, sizeof buf, "IMEI shared by %d numbers", f.imei_numbers);
    add(buf);
    ++s.identity;
  }
  return s;
}

class CallBehaviourRule final : public CallRule {
 public:
  explicit CallBehaviourRule(const CallerTracker& callers) : callers_(callers) {}
  std::string_view name() const override { return "call.behaviour"; }
  std::string_view description() const override {
    return "SIM-farm calling pattern: many short calls to many callees, few inbound, from a "
           "new SIM or a device shared by several numbers";
  }

  void Evaluate(const CallInput& in, const CheckContext& ctx, Findings& out) const override {
    if (in.caller.empty()) return;
    const CallerFeatures f = callers_.Features(in.caller, in.query.caller_imei, ctx.now_ms);
    Signs s = Read(f);
    if (s.behaviour == 0 && s.identity == 0) return;
    // The calling pattern alone is a call centre's too (the simulator's agents show all
    // five behaviour signs): it only adds score. A new SIM or a shared device with it is
    // a farm; both identity signs together (a fresh SIM in a box) warn on their own.
    double score;
    Effect effect = Effect::kScore;
    if (s.identity == 2 && s.behaviour >= 3) {
      score = 0.97;
      effect = Effect::kBlock;
    } else if (s.identity >= 1 && s.behaviour >= 2) {
      score = 0.75;
      effect = Effect::kWarn;
    } else if (s.identity == 2) {
      score = 0.6;
      effect = Effect::kWarn;
    } else {
      score = 0.08 * s.behaviour + 0.15 * s.identity;  // at most 0.4: below warn
    }
    out.push_back(Finding{name(), effect, score, "", std::move(s.detail)});
  }

 private:
  const CallerTracker& callers_;
};

}  // namespace

std::unique_ptr<CallRule> NewCallBehaviourRule(const Resources& resources) {
  if (resources.callers == nullptr) return nullptr;
  return std::make_unique<CallBehaviourRule>(*resources.callers);
}

}  // namespace wuzha::intercept
