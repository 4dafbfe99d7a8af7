// Call verdicts: the CallerTracker's streaming features on hand-made event sequences,
// call.spoof on each spoofed form, and call.behaviour on a simulated city checked call
// by call before the call is observed (what a carrier sees at set-up).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "intercept/caller_tracker.h"
#include "intercept/checker.h"
#include "lists/phone_region.h"
#include "lists/store.h"
#include "sim/city.h"
#include "sim/engine.h"

namespace wuzha::intercept {
namespace {

constexpr int64_t kMinMs = 60000, kHourMs = 60 * kMinMs, kDayMs = 24 * kHourMs;
constexpr int64_t kT0 = 1714492800000;  // 2024-05-01 00:00 +08:00, a Wednesday

std::string Mobile(int i) { return "86138" + std::to_string(10000000 + i); }

CallEvent Call(const std::string& caller, const std::string& callee, bool answered = false,
               int64_t duration_s = 0, const std::string& cell = "WH-00001",
               const std::string& imei = "") {
  CallEvent c;
  c.caller = caller;
  c.callee = callee;
  c.answered = answered;
  c.duration_s = duration_s;
  c.caller_cell = cell;
  c.caller_imei = imei;
  return c;
}

TEST(CallerTracker, BurstOfShortCallsToStrangersShowsInHourAndDay) {
  CallerTracker t;
  const std::string farm = Mobile(1);
  for (int i = 0; i < 40; ++i)
    t.ObserveCall(Call(farm, Mobile(1000 + i), i % 5 == 0, 12), kT0 + i * kMinMs);
  const CallerFeatures f = t.Features(farm, "", kT0 + 40 * kMinMs);
  EXPECT_TRUE(f.known);
  EXPECT_EQ(f.calls_hour, 40);
  EXPECT_EQ(f.calls_day, 40);
  EXPECT_EQ(f.short_day, 40);  // unanswered, or answered for 12 s
  EXPECT_NEAR(f.distinct_callees, 40, 6);
  EXPECT_EQ(f.inbound_day, 0);
  EXPECT_EQ(f.distinct_cells, 1);
  EXPECT_EQ(f.sim_age_ms, -1);
}

TEST(CallerTracker, RepeatedCalleesCountOnce) {
  CallerTracker t;
  for (int i = 0; i < 30; ++i)
    t.ObserveCall(Call(Mobile(1), Mobile(2 + i % 3), true, 90), kT0 + i * kMinMs);
  const CallerFeatures f = t.Features(Mobile(1), "", kT0 + kHourMs);
  EXPECT_EQ(f.calls_day, 30);
  EXPECT_EQ(f.short_day, 0);
  EXPECT_EQ(f.distinct_callees, 3);
}

TEST(CallerTracker, CountsLeaveTheHourAndTheDayWindows) {
  CallerTracker t;
  for (int i = 0; i < 20; ++i) t.ObserveCall(Call(Mobile(1), Mobile(100 + i)), kT0 + i * kMinMs);
  EXPECT_EQ(t.Features(Mobile(1), "", kT0 + 30 * kMinMs).calls_hour, 20);
  const CallerFeatures later = t.Features(Mobile(1), "", kT0 + 3 * kHourMs);
  EXPECT_EQ(later.calls_hour, 0);
  EXPECT_EQ(later.calls_day, 20);
  const CallerFeatures next_day = t.Features(Mobile(1), "", kT0 + 26 * kHourMs);
  EXPECT_EQ(next_day.calls_day, 0);
  EXPECT_EQ(next_day.short_day, 0);
  // The callee bitmaps cover 12-24 h: gone once two half-days have passed.
  EXPECT_EQ(t.Features(Mobile(1), "", kT0 + 25 * kHourMs).distinct_callees, 0);
  // New calls after the gap start from zero, not from the stale buckets.
  t.ObserveCall(Call(Mobile(1), Mobile(5)), kT0 + 27 * kHourMs);
  const CallerFeatures again = t.Features(Mobile(1), "", kT0 + 27 * kHourMs);
  EXPECT_EQ(again.calls_day, 1);
  EXPECT_EQ(again.distinct_callees, 1);
}

TEST(CallerTracker, CalleesCountInboundCalls) {
  CallerTracker t;
  for (int i = 0; i < 7; ++i)
    t.ObserveCall(Call(Mobile(100 + i), Mobile(1), true, 60), kT0 + i * kMinMs);
  const CallerFeatures f = t.Features(Mobile(1), "", kT0 + kHourMs);
  EXPECT_TRUE(f.known);
  EXPECT_EQ(f.inbound_day, 7);
  EXPECT_EQ(f.calls_day, 0);
}

TEST(CallerTracker, SimAgeComesFromItsOpening) {
  CallerTracker t;
  EXPECT_EQ(t.Features(Mobile(1), "", kT0).sim_age_ms, -1);
  t.ObserveSimOpen(Mobile(1), kT0);
  t.ObserveCall(Call(Mobile(1), Mobile(2)), kT0 + 2 * kDayMs);
  EXPECT_EQ(t.Features(Mobile(1), "", kT0 + 2 * kDayMs).sim_age_ms, 2 * kDayMs);
}

TEST(CallerTracker, SpareSimKeepsItsAgeWhileIdle) {
  CallerTracker t;
  t.ObserveSimOpen(Mobile(1), kT0);
  // Three days of other traffic sweep the table many times over.
  for (int i = 0; i < 30000; ++i)
    t.ObserveCall(Call(Mobile(1000 + i % 500), Mobile(2000)), kT0 + i * 8 * 1000);
  EXPECT_GE(t.Features(Mobile(1), "", kT0 + 3 * kDayMs).sim_age_ms, 2 * kDayMs);
}

TEST(CallerTracker, BoxOfSimsSharingOneImeiShows) {
  CallerTracker t;
  const std::string imei = "861234567890123";
  for (int i = 0; i < 14; ++i) {
    if (i % 2)
      t.ObserveCall(Call(Mobile(i), Mobile(100 + i), false, 0, "WH-1", imei), kT0 + i * kMinMs);
    else
      t.ObserveDevice(Mobile(i), imei, kT0 + i * kMinMs);  // an SMS from the box
  }
  t.ObserveCall(Call(Mobile(99), Mobile(7), false, 0, "WH-1", "350000000000001"), kT0);
  EXPECT_NEAR(t.Features(Mobile(1), "", kT0 + kHourMs).imei_numbers, 14, 1);
  // A number never seen calls from the box: the query's device answers.
  EXPECT_NEAR(t.Features(Mobile(500), imei, kT0 + kHourMs).imei_numbers, 14, 1);
  EXPECT_EQ(t.Features(Mobile(99), "", kT0 + kHourMs).imei_numbers, 1);
}

TEST(CallerTracker, CellsCalledFromAreCounted) {
  CallerTracker t;
  for (int i = 0; i < 20; ++i)
    t.ObserveCall(Call(Mobile(1), Mobile(2), true, 60, "WH-" + std::to_string(i % 6)),
                  kT0 + i * kMinMs);
  EXPECT_NEAR(t.Features(Mobile(1), "", kT0 + kHourMs).distinct_cells, 6, 1);
}

TEST(CallerTracker, IdleNumbersAreEvictedSoMemoryStaysBounded) {
  CallerTracker t;
  // Ten days, 20,000 new numbers a day, each calling twice: about 40,000 live numbers
  // (callers and callees) at any time, 400,000 seen in all.
  const int per_day = 20000;
  size_t peak = 0;
  for (int day = 0; day < 10; ++day) {
    for (int i = 0; i < 2 * per_day; ++i) {
      const int who = day * per_day + i / 2;
      const int64_t ts = kT0 + day * kDayMs + int64_t{i} * (kDayMs / (2 * per_day));
      t.ObserveCall(Call(Mobile(who), Mobile(5000000 + who)), ts);
    }
    peak = std::max(peak, t.stats().numbers);
  }
  const CallerTrackerStats s = t.stats();
  EXPECT_LT(peak, size_t{5 * per_day});  // at most 2.5 days of numbers
  EXPECT_GT(s.evicted_numbers, size_t{6 * 2 * per_day});
  EXPECT_LE(s.bytes, size_t{256} * 1024 * 128 + size_t{64} * 1024 * 48);
  std::printf("peak %zu numbers, %zu evicted, %zu bytes (%zu per number)\n", peak,
              s.evicted_numbers, s.bytes, CallerTracker::BytesPerNumber());
}

TEST(CallerTracker, StopsTrackingAtItsCap) {
  CallerTrackerOptions o;
  o.max_numbers = 100;
  CallerTracker t(o);
  for (int i = 0; i < 200; ++i) t.ObserveCall(Call(Mobile(i), Mobile(1000 + i)), kT0 + i);
  EXPECT_EQ(t.stats().numbers, 100u);
  EXPECT_EQ(t.stats().untracked, 300u);  // 400 numbers seen, 100 kept
}

// ---- call.spoof --------------------------------------------------------------------

class CallSpoof : public ::testing::Test {
 protected:
  void SetUp() override {
    store_.Publish();
    auto checker = Checker::Create(store_);
    ASSERT_TRUE(checker.ok());
    checker_ = std::move(checker).value();
  }
  Verdict Check(const std::string& caller, bool gateway = false) {
    CallQuery q;
    q.caller = caller;
    q.international_gateway = gateway;
    q.time_ms = kT0;
    return checker_->CheckCall(q);
  }
  static std::string Detail(const Verdict& v) {
    for (const auto& r : v.reasons)
      if (r.rule == "call.spoof") return r.detail;
    return "";
  }
  lists::Store store_;
  std::unique_ptr<Checker> checker_;
};

TEST_F(CallSpoof, BankNumberFromAnInternationalGatewayIsBlocked) {
  const Verdict v = Check("95588", true);
  EXPECT_EQ(v.decision, Decision::kBlock);
  EXPECT_NE(Detail(v).find("工商银行"), std::string::npos) << Detail(v);
}

TEST_F(CallSpoof, PoliceAndCarrierNumbersFromAGatewayAreBlocked) {
  for (const char* n : {"110", "120", "119", "12110", "12345", "10086", "10010", "10000",
                        "4008123123", "8008101818", "96110"}) {
    EXPECT_EQ(Check(n, true).decision, Decision::kBlock) << n;
    EXPECT_EQ(Check(n, false).decision, Decision::kAllow) << n;
  }
}

TEST_F(CallSpoof, ServiceNumberWithACountryPrefixIsBlocked) {
  for (const char* n : {"+8695588", "008695533", "+86 10086", "+95588"}) {
    const Verdict v = Check(n);
    EXPECT_EQ(v.decision, Decision::kBlock) << n << " " << Detail(v);
  }
}

TEST_F(CallSpoof, ServiceNumberWithExtraDigitsIsFlagged) {
  const Verdict v = Check("9558812345");
  EXPECT_GE(v.decision, Decision::kWarn);
  EXPECT_NE(Detail(v).find("95588 (工商银行) with 5 extra digits"), std::string::npos) << Detail(v);
  EXPECT_EQ(Check("1008601", true).decision, Decision::kBlock);
  EXPECT_EQ(Check("+86 9555512345678").decision, Decision::kBlock);
}

TEST_F(CallSpoof, ForeignNumbersWarnNamingTheCountry) {
  const Verdict v = Check("+855 12 345 678");
  EXPECT_EQ(v.decision, Decision::kWarn);
  EXPECT_NE(Detail(v).find("柬埔寨"), std::string::npos) << Detail(v);
  const Verdict uk = Check("00442079460958");
  EXPECT_EQ(uk.decision, Decision::kWarn);
  EXPECT_NE(Detail(uk).find("英国"), std::string::npos) << Detail(uk);
}

TEST_F(CallSpoof, DomesticNumberFromAGatewayWarns) {
  const Verdict v = Check("13800138000", true);
  EXPECT_EQ(v.decision, Decision::kWarn);
  EXPECT_NE(Detail(v).find("改号"), std::string::npos);
}

TEST_F(CallSpoof, OrdinaryCallersPass) {
  for (const char* n : {"13800138000", "+86 138 0013 8000", "027-88886666", "95588", "8695588",
                        "02795588123", "+86 27 8888 6666"}) {
    const Verdict v = Check(n);
    EXPECT_EQ(v.decision, Decision::kAllow) << n << " " << Detail(v);
  }
}

// ---- call.range -------------------------------------------------------------------

TEST(CallRange, VirtualOperatorNumberFromOutsideTheCityAddsASmallScore) {
  const std::string db_path = std::string(WUZHA_SHARED_DATA_DIR) + "/phone/phone2region.zdb";
  auto db = lists::PhoneRegionDb::Open(db_path);
  if (!db.ok()) GTEST_SKIP() << "no " << db_path;
  std::string outside, local;
  for (int p = 1700000; p < 1720000 && (outside.empty() || local.empty()); ++p) {
    const auto r = db->Lookup(std::to_string(p));
    if (!r) continue;
    if (r->area_code == "027")
      local = std::to_string(p) + "1234";
    else if (!r->area_code.empty())
      outside = std::to_string(p) + "1234";
  }
  ASSERT_FALSE(outside.empty());
  lists::Store store;
  store.Publish();
  CheckerOptions o;
  o.phone_db = db_path;
  auto checker = Checker::Create(store, o);
  ASSERT_TRUE(checker.ok());
  auto range_detail = [&](const std::string& caller) -> std::string {
    CallQuery q;
    q.caller = caller;
    q.time_ms = kT0;
    const Verdict v = (*checker)->CheckCall(q);
    EXPECT_EQ(v.decision, Decision::kAllow) << caller;  // a score, never a decision alone
    for (const auto& r : v.reasons)
      if (r.rule == "call.range") return r.detail;
    return "";
  };
  EXPECT_NE(range_detail(outside).find("outside the city"), std::string::npos) << outside;
  if (!local.empty()) {
    EXPECT_EQ(range_detail(local), "") << local;
  }
  EXPECT_EQ(range_detail("13800138000"), "");
}

// ---- call.behaviour on the simulated city -----------------------------------------

struct CallTally {
  int fraud = 0, fraud_caught = 0, fraud_blocked = 0;
  int legit = 0, legit_warned = 0, legit_blocked = 0;

  void Count(const Event& e, const Verdict& v) {
    const bool by_behaviour = std::any_of(v.reasons.begin(), v.reasons.end(),
                                          [](const auto& r) { return r.rule == "call.behaviour"; });
    const bool flagged = v.decision != Decision::kAllow && by_behaviour;
    if (e.label.fraud && e.label.role == "caller") {
      ++fraud;
      fraud_caught += flagged;
      fraud_blocked += flagged && v.decision == Decision::kBlock;
    } else if (!e.label.fraud) {
      ++legit;
      legit_warned += v.decision == Decision::kWarn;
      legit_blocked += v.decision == Decision::kBlock;
    }
  }
  double recall() const { return double(fraud_caught) / std::max(1, fraud); }
  double warn_rate() const { return double(legit_warned) / std::max(1, legit); }
  double block_rate() const { return double(legit_blocked) / std::max(1, legit); }
  void Print(const char* title) const {
    std::printf("%s\n  fraud calls %d: caught %d (recall %.3f), blocked %d\n", title, fraud,
                fraud_caught, recall(), fraud_blocked);
    std::printf("  legit calls %d: warned %d (%.4f%%), blocked %d (%.4f%%)\n", legit, legit_warned,
                100 * warn_rate(), legit_blocked, 100 * block_rate());
  }
};

// Checks every call before observing it, then feeds every event to the checker. A second
// checker sees the same stream plus a sim_open for 1 in 100 legitimate callers when they
// first call: the simulator opens SIMs only for gangs, so without it "new SIM" would be a
// sign no legitimate number ever shows (real churn: a few percent of numbers a month).
class CheckThenObserve : public sim::EventSink {
 public:
  CheckThenObserve(Checker& checker, Checker& churned) : checker_(checker), churned_(churned) {}

  Status Write(const Event& e) override {
    if (e.type == EventType::kCall) {
      const CallQuery q = CallQueryFromEvent(e);
      const Verdict v = checker_.CheckCall(q);
      tally.Count(e, v);
      if (e.label.fraud && v.decision == Decision::kAllow && missed.size() < 3)
        missed.push_back(Describe(e, v));
      if (e.label.fraud && v.decision == Decision::kBlock && caught.size() < 3)
        caught.push_back(Describe(e, v));
      if (!e.label.fraud && v.decision == Decision::kBlock && blocked.size() < 3)
        blocked.push_back(Describe(e, v));
      if (!e.label.fraud && seen_.insert(q.caller).second &&
          std::hash<std::string>()(q.caller) % 100 == 0) {
        Event open;
        open.Reset(EventType::kSimOpen);
        open.ts = e.ts;
        open.as<SimOpenEvent>().phone = q.caller;
        churned_.Observe(open);
      }
      churned_tally.Count(e, churned_.CheckCall(q));
      SignTable(e);
    }
    checker_.Observe(e);
    churned_.Observe(e);
    signs_.Observe(e);
    return Status::Ok();
  }

  // Calls by how many identity (0-2) and behaviour (0-5) signs their caller showed,
  // fraud and legitimate, with call_behaviour.cc's thresholds: what the calling pattern
  // alone would separate.
  void PrintSignTable() const {
    for (int cls = 0; cls < 2; ++cls) {
      for (int id = 0; id < 3; ++id) {
        std::printf("  %s, %d identity signs, by behaviour signs 0..5:", cls ? "legit" : "fraud",
                    id);
        for (int b = 0; b < 6; ++b) std::printf(" %7d", signs_by_class_[cls][id][b]);
        std::printf("\n");
      }
    }
  }

  CallTally tally, churned_tally;
  std::vector<std::string> missed, blocked, caught;

 private:
  void SignTable(const Event& e) {
    if (e.label.fraud && e.label.role != "caller") return;
    const auto& c = e.as<CallEvent>();
    const CallerFeatures f = signs_.Features(c.caller, c.caller_imei, e.ts.millis());
    const bool spread = f.distinct_callees >= 12;
    const int behaviour = (f.calls_day >= 15 || f.calls_hour >= 20) + spread +
                          (f.calls_day >= 5 && f.short_share() >= 0.6) +
                          (f.calls_day >= 5 && f.inbound_day * 10 <= f.calls_day) +
                          (spread && f.distinct_cells <= 4);
    const int identity = (f.sim_age_ms >= 0 && f.sim_age_ms < 7 * kDayMs) +
                         (f.imei_numbers >= 3 && f.imei_numbers <= 64);
    ++signs_by_class_[e.label.fraud ? 0 : 1][identity][behaviour];
  }
  static std::string Describe(const Event& e, const Verdict& v) {
    std::string s = e.as<CallEvent>().caller + " " + std::string(DecisionName(v.decision));
    for (const auto& r : v.reasons) s += " [" + r.rule + ": " + r.detail + "]";
    return s;
  }
  Checker& checker_;
  Checker& churned_;
  CallerTracker signs_;
  std::unordered_set<std::string> seen_;
  int signs_by_class_[2][3][6] = {};
};

TEST(CallBehaviour, CatchesSimFarmCallsInASimulatedCityWithFewFalseBlocks) {
  sim::CityOptions co;
  co.seed = 7;
  co.population = 30000;
  auto city = sim::City::Build(co);
  ASSERT_TRUE(city.ok());
  sim::EngineOptions eo;
  eo.seed = 7;
  eo.days = 4;
  lists::Store store;
  store.Publish();
  auto checker = Checker::Create(store);
  auto churned = Checker::Create(store);
  ASSERT_TRUE(checker.ok() && churned.ok());
  CheckThenObserve sink(**checker, **churned);
  ASSERT_TRUE(sim::Engine(city.value(), eo).Run(sink).ok());

  sink.tally.Print("30,000 residents, 4 days, seed 7, check before observe:");
  for (const auto& c : sink.caught) std::printf("  blocked fraud: %s\n", c.c_str());
  for (const auto& m : sink.missed) std::printf("  missed: %s\n", m.c_str());
  for (const auto& b : sink.blocked) std::printf("  blocked legit: %s\n", b.c_str());
  sink.churned_tally.Print("the same with 1% of legitimate callers on a new SIM:");
  sink.PrintSignTable();

  const CallTally& t = sink.tally;
  EXPECT_GT(t.fraud, 100);
  EXPECT_GE(t.recall(), 0.85);  // measured 0.943
  EXPECT_LE(t.block_rate(), 0.001);
  EXPECT_LE(t.warn_rate(), 0.005);
  EXPECT_LE(sink.churned_tally.block_rate(), 0.001);
  EXPECT_LE(sink.churned_tally.warn_rate(), 0.01);
}

}  // namespace
}  // namespace wuzha::intercept
