// MuleScorer on hand-made event sequences: each feature of docs/risk.md ("Mule cards and
// mule SIMs") from the events that should make it, its absence from those that should
// not, the report and flag inputs, the ranking's order, reasons and determinism, and that
// labels change nothing.
#include "risk/mules.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace wuzha::risk {
namespace {

constexpr int64_t kMin = 60000, kHour = 60 * kMin, kDay = 24 * kHour;
// 2024-05-01 00:00 Asia/Shanghai.
constexpr int64_t kT0 = 1714492800000;

Event Transfer(int64_t ts, std::string from, std::string to, int64_t yuan, std::string device = "",
               std::string name = "", std::string payer_phone = "") {
  Event e;
  e.Reset(EventType::kTransfer);
  e.ts = Timestamp::FromMillis(ts);
  auto& t = e.as<TransferEvent>();
  t.from_account = std::move(from);
  t.to_account = std::move(to);
  t.amount = Money::FromYuan(yuan);
  t.device = std::move(device);
  t.from_name = std::move(name);
  t.payer_phone = std::move(payer_phone);
  return e;
}

Event Call(int64_t ts, std::string caller, std::string callee, std::string imei = "") {
  Event e;
  e.Reset(EventType::kCall);
  e.ts = Timestamp::FromMillis(ts);
  auto& c = e.as<CallEvent>();
  c.caller = std::move(caller);
  c.callee = std::move(callee);
  c.caller_imei = std::move(imei);
  c.answered = true;
  c.duration_s = 30;
  return e;
}

Event Sms(int64_t ts, std::string sender, std::string receiver, std::string imei = "") {
  Event e;
  e.Reset(EventType::kSms);
  e.ts = Timestamp::FromMillis(ts);
  auto& m = e.as<SmsEvent>();
  m.sender = std::move(sender);
  m.receiver = std::move(receiver);
  m.sender_imei = std::move(imei);
  m.text = "hello";
  return e;
}

Event AccountOpen(int64_t ts, std::string account, std::string person, std::string phone,
                  std::string outlet) {
  Event e;
  e.Reset(EventType::kAccountOpen);
  e.ts = Timestamp::FromMillis(ts);
  auto& a = e.as<AccountOpenEvent>();
  a.account = std::move(account);
  a.person_id = std::move(person);
  a.phone = std::move(phone);
  a.outlet = std::move(outlet);
  return e;
}

Event SimOpen(int64_t ts, std::string phone, std::string person, std::string outlet) {
  Event e;
  e.Reset(EventType::kSimOpen);
  e.ts = Timestamp::FromMillis(ts);
  auto& s = e.as<SimOpenEvent>();
  s.phone = std::move(phone);
  s.person_id = std::move(person);
  s.outlet = std::move(outlet);
  return e;
}

Event Report(int64_t ts, std::string account, std::string phone, int64_t fraud_ts) {
  Event e;
  e.Reset(EventType::kReport);
  e.ts = Timestamp::FromMillis(ts);
  auto& r = e.as<ReportEvent>();
  r.account = std::move(account);
  r.phone = std::move(phone);
  r.fraud_ts = Timestamp::FromMillis(fraud_ts);
  return e;
}

// A mobile number: 13 digits "861" + 3-9 ...
std::string Mobile(int n) { return "86138" + std::to_string(10000000 + n); }

MuleScorerOptions AllReasons() {
  MuleScorerOptions o;
  o.max_reasons = 100;
  return o;
}

void ObserveAll(MuleScorer& s, const std::vector<Event>& events) {
  for (const Event& e : events) ASSERT_TRUE(s.Observe(e).ok()) << e.ts.ToString();
}

const MuleScore* Find(const std::vector<MuleScore>& scores, const std::string& id) {
  for (const auto& s : scores)
    if (s.id == id) return &s;
  return nullptr;
}

// The value of `feature` among the score's reasons, if it contributed.
std::optional<double> Reason(const std::vector<MuleScore>& scores, const std::string& id,
                             const std::string& feature) {
  const MuleScore* s = Find(scores, id);
  if (!s) return std::nullopt;
  for (const auto& r : s->reasons)
    if (r.feature == feature) return r.value;
  return std::nullopt;
}

TEST(MuleScorer, PassThroughWithinMinutesIsQuickOut) {
  MuleScorer s(AllReasons());
  ObserveAll(s, {
                    Transfer(kT0 + 1 * kHour, "V", "MULE", 10000),
                    Transfer(kT0 + 1 * kHour + 5 * kMin, "MULE", "NEXT", 9800),
                    Transfer(kT0 + 2 * kHour, "V2", "SAVER", 10000),
                    Transfer(kT0 + 3 * kDay, "SAVER", "SHOP", 9800),
                });
  const MuleRanking r = s.Rank(Timestamp::FromMillis(kT0 + 4 * kDay));
  EXPECT_NEAR(*Reason(r.accounts, "MULE", "pass_through"), 0.98, 1e-9);
  EXPECT_NEAR(*Reason(r.accounts, "MULE", "quick_out_share"), 1.0, 1e-9);
  EXPECT_NEAR(*Reason(r.accounts, "MULE", "max_day_through_yuan"), 9800, 1e-9);
  // The same money out three days later is pass-through, but neither quick nor same-day.
  EXPECT_NEAR(*Reason(r.accounts, "SAVER", "pass_through"), 0.98, 1e-9);
  EXPECT_FALSE(Reason(r.accounts, "SAVER", "quick_out_share"));
  EXPECT_FALSE(Reason(r.accounts, "SAVER", "max_day_through_yuan"));
  EXPECT_GT(Find(r.accounts, "MULE")->logit, Find(r.accounts, "SAVER")->logit);
}

TEST(MuleScorer, DormantThenSuddenPassThrough) {
  MuleScorer s(AllReasons());
  ObserveAll(s, {
                    Transfer(kT0, "DORMANT", "SHOP", 50),
                    Transfer(kT0 + 5 * kDay, "V", "DORMANT", 20000),
                    Transfer(kT0 + 5 * kDay + 3 * kMin, "DORMANT", "NEXT", 19000),
                });
  const MuleRanking r = s.Rank(Timestamp::FromMillis(kT0 + 6 * kDay));
  EXPECT_NEAR(*Reason(r.accounts, "DORMANT", "dormant_days"), 5.0, 1e-9);
  // NEXT never passed money on: no dormancy to speak of.
  EXPECT_FALSE(Reason(r.accounts, "NEXT", "dormant_days"));
}

TEST(MuleScorer, CountsDistinctCounterpartiesUpToTheCap) {
  MuleScorerOptions o = AllReasons();
  std::vector<Event> events;
  int64_t t = kT0;
  for (int i = 0; i < 12; ++i) {
    events.push_back(Transfer(t += kMin, "P" + std::to_string(i), "HUB", 100));
    events.push_back(Transfer(t += kMin, "P" + std::to_string(i), "HUB", 100));  // repeat
  }
  for (int i = 0; i < 6; ++i)
    events.push_back(Transfer(t += kMin, "HUB", "Q" + std::to_string(i), 100));
  MuleScorer s(o);
  ObserveAll(s, events);
  MuleRanking r = s.Rank(Timestamp::FromMillis(t));
  EXPECT_EQ(*Reason(r.accounts, "HUB", "payers"), 12);
  EXPECT_EQ(*Reason(r.accounts, "HUB", "payees"), 6);

  o.set_cap = 8;
  MuleScorer capped(o);
  ObserveAll(capped, events);
  r = capped.Rank(Timestamp::FromMillis(t));
  EXPECT_EQ(*Reason(r.accounts, "HUB", "payers"), 8);  // saturated: "at least 8"
}

TEST(MuleScorer, SharedDeviceAcrossHoldersAndSeveralDevices) {
  std::vector<Event> events;
  int64_t t = kT0;
  for (int i = 0; i < 5; ++i)
    events.push_back(Transfer(t += kMin, "CARD" + std::to_string(i), "X", 100, "GANGPHONE",
                              "holder" + std::to_string(i)));
  // One person paying from their own phone for two of their own accounts.
  events.push_back(Transfer(t += kMin, "OWN1", "X", 100, "MYPHONE", "me"));
  events.push_back(Transfer(t += kMin, "OWN2", "X", 100, "MYPHONE", "me"));
  // A rented card: its owner's phone and the gang's.
  events.push_back(Transfer(t += kMin, "CARD0", "X", 100, "OWNERPHONE", "holder0"));
  MuleScorer s(AllReasons());
  ObserveAll(s, events);
  const MuleRanking r = s.Rank(Timestamp::FromMillis(t));
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(*Reason(r.accounts, "CARD" + std::to_string(i), "shared_device"), 5);
  EXPECT_FALSE(Reason(r.accounts, "OWN1", "shared_device"));
  EXPECT_EQ(*Reason(r.accounts, "CARD0", "devices"), 2);
  EXPECT_FALSE(Reason(r.accounts, "CARD1", "devices"));
}

// Three cards opened at one outlet turn into mules (suspect on their own behaviour); the
// fourth, never used, gets the outlet's share of suspect openings; a card opened at an
// outlet with clean openings gets none.
TEST(MuleScorer, OutletShareOfSuspectOpenings) {
  std::vector<Event> events;
  int64_t t = kT0;
  for (int i = 0; i < 4; ++i)
    events.push_back(AccountOpen(t += kMin, "BAD" + std::to_string(i), "P" + std::to_string(i),
                                 Mobile(i), "BANK-01"));
  events.push_back(AccountOpen(t += kMin, "GOOD0", "Q0", Mobile(10), "BANK-02"));
  events.push_back(AccountOpen(t += kMin, "GOOD1", "Q1", Mobile(11), "BANK-02"));
  for (int i = 0; i < 3; ++i) {
    const std::string card = "BAD" + std::to_string(i);
    events.push_back(Transfer(t += kHour, "VICTIM" + std::to_string(i), card, 40000));
    events.push_back(
        Transfer(t += 2 * kMin, card, "L2", 39000, "GANGPHONE", "h" + std::to_string(i)));
  }
  MuleScorer s(AllReasons());
  ObserveAll(s, events);
  const MuleRanking r = s.Rank(Timestamp::FromMillis(t));
  EXPECT_NEAR(*Reason(r.accounts, "BAD3", "outlet_flagged_share"), 3.0 / 4.0, 1e-9);
  // Leave-one-out: a suspect's own opening does not count for itself.
  EXPECT_NEAR(*Reason(r.accounts, "BAD0", "outlet_flagged_share"), 2.0 / 4.0, 1e-9);
  EXPECT_FALSE(Reason(r.accounts, "GOOD0", "outlet_flagged_share"));
  EXPECT_GT(Find(r.accounts, "BAD3")->logit, Find(r.accounts, "GOOD0")->logit);
  // The outlets, for the rankings of outlets: the one whose cards became mules first.
  ASSERT_EQ(r.outlets.size(), 2u);
  EXPECT_EQ(r.outlets[0].outlet, "BANK-01");
  EXPECT_EQ(r.outlets[0].openings, 4u);
  EXPECT_EQ(r.outlets[0].mule_openings, 3u);
  EXPECT_DOUBLE_EQ(r.outlets[0].share, 0.75);
  EXPECT_EQ(r.outlets[1].outlet, "BANK-02");
  EXPECT_EQ(r.outlets[1].mule_openings, 0u);
}

TEST(MuleScorer, OpenedThenUsedSoonByAnotherPhone) {
  MuleScorer s(AllReasons());
  ObserveAll(s, {
                    AccountOpen(kT0, "NEW", "P1", Mobile(1), "BANK-01"),
                    Transfer(kT0 + 2 * kHour, "V", "NEW", 5000),
                    Transfer(kT0 + 3 * kHour, "NEW", "X", 4900, "OTHER", "p1", Mobile(99)),
                    AccountOpen(kT0 + 3 * kHour, "OWNED", "P2", Mobile(2), "BANK-01"),
                    Transfer(kT0 + 4 * kHour, "OWNED", "X", 100, "P2PHONE", "p2", Mobile(2)),
                });
  const MuleRanking r = s.Rank(Timestamp::FromMillis(kT0 + kDay));
  EXPECT_NEAR(*Reason(r.accounts, "NEW", "open_to_first_use_hours"), 2.0, 1e-9);
  EXPECT_EQ(*Reason(r.accounts, "NEW", "not_used_by_opener"), 1.0);
  EXPECT_FALSE(Reason(r.accounts, "OWNED", "not_used_by_opener"));
}

TEST(MuleScorer, SimAndCardOpenedForOnePerson) {
  MuleScorer s(AllReasons());
  ObserveAll(s, {
                    AccountOpen(kT0, "CARD", "RECRUIT", Mobile(1), "BANK-01"),
                    SimOpen(kT0 + kHour, Mobile(2), "RECRUIT", "CMCC-01"),
                    SimOpen(kT0 + 2 * kHour, Mobile(3), "RECRUIT", "CMCC-01"),
                    SimOpen(kT0 + 3 * kHour, Mobile(4), "SOMEONE", "CMCC-01"),
                });
  const MuleRanking r = s.Rank(Timestamp::FromMillis(kT0 + kDay));
  EXPECT_EQ(*Reason(r.accounts, "CARD", "sim_and_card"), 1);
  EXPECT_EQ(*Reason(r.accounts, "CARD", "person_openings"), 3);
  EXPECT_EQ(*Reason(r.sims, Mobile(2), "sim_and_card"), 1);
  EXPECT_FALSE(Reason(r.sims, Mobile(4), "sim_and_card"));
  EXPECT_FALSE(Reason(r.sims, Mobile(4), "person_openings"));
}

TEST(MuleScorer, SimBurstOutboundWithNothingIn) {
  std::vector<Event> events;
  int64_t t = kT0 + 9 * kHour;
  for (int i = 0; i < 60; ++i) events.push_back(Call(t += kMin, Mobile(1), Mobile(100 + i)));
  for (int i = 0; i < 120; ++i) events.push_back(Sms(t += 10000, Mobile(2), Mobile(200 + i)));
  // A busy but ordinary number: calls out and is called back.
  for (int i = 0; i < 20; ++i) {
    events.push_back(Call(t += kMin, Mobile(3), Mobile(400 + i)));
    events.push_back(Call(t += kMin, Mobile(400 + i), Mobile(3)));
  }
  MuleScorer s(AllReasons());
  ObserveAll(s, events);
  const MuleRanking r = s.Rank(Timestamp::FromMillis(t));
  EXPECT_EQ(*Reason(r.sims, Mobile(1), "max_calls_per_day"), 60);
  EXPECT_EQ(*Reason(r.sims, Mobile(1), "contacts"), 32);  // the default cap
  EXPECT_EQ(*Reason(r.sims, Mobile(1), "inbound_share"), 0);
  EXPECT_EQ(*Reason(r.sims, Mobile(2), "max_sms_per_day"), 120);
  EXPECT_FALSE(Reason(r.sims, Mobile(3), "inbound_share"));  // half its calls are inbound
  EXPECT_FALSE(Reason(r.sims, Mobile(3), "max_calls_per_day"));
  EXPECT_GT(Find(r.sims, Mobile(1))->logit, Find(r.sims, Mobile(3))->logit);
}

TEST(MuleScorer, CallsPerDayCountsEachShanghaiDay) {
  std::vector<Event> events;
  // 30 calls before Shanghai midnight and 30 after: two days of 30, not one of 60.
  int64_t t = kT0 + kDay - 31 * kMin;
  for (int i = 0; i < 60; ++i) events.push_back(Call(t += kMin, Mobile(1), Mobile(100 + i)));
  MuleScorer s(AllReasons());
  ObserveAll(s, events);
  EXPECT_EQ(*Reason(s.Rank(Timestamp::FromMillis(t)).sims, Mobile(1), "max_calls_per_day"), 30);
}

// A number that first appears days into the run by calling out is new to the network;
// one that was already receiving calls, or that appears on the first day, is not.
TEST(MuleScorer, NewNumberAndUnusedOpenings) {
  MuleScorer s(AllReasons());
  ObserveAll(s,
             {
                 Call(kT0, Mobile(1), Mobile(2)), SimOpen(kT0 + kHour, Mobile(7), "P7", "CMCC-01"),
                 AccountOpen(kT0 + kHour, "IDLE", "P8", Mobile(8), "BANK-01"),
                 Call(kT0 + 3 * kDay, Mobile(3), Mobile(1)),         // new, calling out
                 Call(kT0 + 3 * kDay + kMin, Mobile(2), Mobile(4)),  // old, seen on day 0
             });
  const MuleRanking r = s.Rank(Timestamp::FromMillis(kT0 + 3 * kDay + kHour));
  EXPECT_NEAR(*Reason(r.sims, Mobile(3), "new_number_days"), 3.0, 1e-9);
  EXPECT_FALSE(Reason(r.sims, Mobile(2), "new_number_days"));
  EXPECT_FALSE(Reason(r.sims, Mobile(4), "new_number_days"));  // only called
  EXPECT_NEAR(*Reason(r.sims, Mobile(7), "unused_since_open_days"), 3.0, 1e-9);
  EXPECT_NEAR(*Reason(r.accounts, "IDLE", "unused_since_open_days"), 3.0, 1e-9);
}

TEST(MuleScorer, SimBoxSharesOneImei) {
  std::vector<Event> events;
  int64_t t = kT0;
  for (int i = 0; i < 4; ++i) events.push_back(Call(t += kMin, Mobile(i), Mobile(50), "BOX"));
  events.push_back(Call(t += kMin, Mobile(9), Mobile(50), "OWN"));
  MuleScorer s(AllReasons());
  ObserveAll(s, events);
  const MuleRanking r = s.Rank(Timestamp::FromMillis(t));
  for (int i = 0; i < 4; ++i) EXPECT_EQ(*Reason(r.sims, Mobile(i), "shared_imei"), 4);
  EXPECT_FALSE(Reason(r.sims, Mobile(9), "shared_imei"));
}

// The victim was called by the scammer's number, then paid the mule card; the report
// names the victim's account and phone and the time of the loss.
TEST(MuleScorer, ReportsPointAtPayeesAfterTheLossAndCallersBeforeIt) {
  const std::string victim_phone = Mobile(1), scammer = Mobile(2), friend_ = Mobile(3);
  const int64_t loss = kT0 + 10 * kHour;
  MuleScorer s(AllReasons());
  ObserveAll(s, {
                    Transfer(kT0 + kHour, "VICTIM", "GROCER", 300),  // before the loss
                    Call(loss - 2 * kHour, scammer, victim_phone),
                    Transfer(loss, "VICTIM", "MULE", 30000),
                    Transfer(loss + kHour, "VICTIM", "MULE2", 20000),
                    Transfer(loss + 2 * kHour, "VICTIM", "CAFE", 100),  // below 200 yuan
                    Call(loss + 3 * kHour, friend_, victim_phone),      // after the loss
                    Report(loss + 2 * kDay, "VICTIM", victim_phone, loss),
                });
  const MuleRanking r = s.Rank(Timestamp::FromMillis(loss + 3 * kDay));
  EXPECT_EQ(*Reason(r.accounts, "MULE", "reported_victims"), 1);
  EXPECT_EQ(*Reason(r.accounts, "MULE2", "reported_victims"), 1);
  EXPECT_FALSE(Reason(r.accounts, "GROCER", "reported_victims"));
  EXPECT_FALSE(Reason(r.accounts, "CAFE", "reported_victims"));
  EXPECT_EQ(*Reason(r.sims, scammer, "reported_victims"), 1);
  EXPECT_FALSE(Reason(r.sims, friend_, "reported_victims"));

  MuleScorerOptions off = AllReasons();
  off.use_reports = false;
  MuleScorer without(off);
  ObserveAll(without, {Transfer(loss, "VICTIM", "MULE", 30000),
                       Report(loss + kDay, "VICTIM", victim_phone, loss)});
  EXPECT_FALSE(Reason(without.Rank(Timestamp::FromMillis(loss + kDay)).accounts, "MULE",
                      "reported_victims"));
}

TEST(MuleScorer, FlaggedEntitiesAndTheirCounterparties) {
  MuleScorer s(AllReasons());
  ObserveAll(s, {
                    Transfer(kT0, "A", "LISTED", 1000),
                    Transfer(kT0 + kMin, "LISTED", "B", 1000),
                    Transfer(kT0 + 2 * kMin, "C", "D", 1000),
                    Call(kT0 + 3 * kMin, Mobile(1), Mobile(2)),
                });
  s.FlagAccount("LISTED");
  s.FlagNumber(Mobile(1));
  const MuleRanking r = s.Rank(Timestamp::FromMillis(kT0 + kDay));
  EXPECT_EQ(*Reason(r.accounts, "LISTED", "flagged"), 1);
  EXPECT_EQ(*Reason(r.accounts, "A", "flagged_payees"), 1);
  EXPECT_EQ(*Reason(r.accounts, "B", "flagged_payers"), 1);
  EXPECT_FALSE(Reason(r.accounts, "C", "flagged_payees"));
  EXPECT_EQ(*Reason(r.sims, Mobile(1), "flagged"), 1);
  EXPECT_EQ(r.accounts.front().id, "LISTED");
  EXPECT_EQ(r.sims.front().id, Mobile(1));
}

TEST(MuleScorer, RejectsEventsOutOfTimeOrder) {
  MuleScorer s;
  ASSERT_TRUE(s.Observe(Transfer(kT0 + kHour, "A", "B", 100)).ok());
  const Status st = s.Observe(Transfer(kT0, "B", "A", 100));
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("older"), std::string_view::npos);
  EXPECT_TRUE(s.Observe(Transfer(kT0 + kHour, "B", "C", 100)).ok());  // same time is fine
}

TEST(MuleScorer, HeldTransfersMoveNothing) {
  Event held = Transfer(kT0, "V", "MULE", 10000);
  held.as<TransferEvent>().status = TransferStatus::kHeld;
  MuleScorer s(AllReasons());
  ObserveAll(s, {held});
  EXPECT_EQ(s.accounts_seen(), 0u);
}

TEST(MuleScorer, WithoutOpeningsAnUnusedOpenedCardIsNotSeen) {
  MuleScorerOptions o = AllReasons();
  o.use_openings = false;
  MuleScorer s(o);
  ObserveAll(s, {AccountOpen(kT0, "NEW", "P1", Mobile(1), "BANK-01"),
                 SimOpen(kT0 + 1, Mobile(2), "P1", "CMCC-01")});
  const MuleRanking r = s.Rank(Timestamp::FromMillis(kT0 + kDay));
  EXPECT_TRUE(r.accounts.empty());
  EXPECT_TRUE(r.sims.empty());
}

TEST(MuleScorer, OnlyMobileNumbersAreRankedAsSims) {
  MuleScorer s(AllReasons());
  ObserveAll(s,
             {Sms(kT0, "8695588", Mobile(1)), Sms(kT0 + 1, "86106912345678", Mobile(1)),
              Call(kT0 + 2, "862788886666", Mobile(1)), Call(kT0 + 3, "8617012345678", Mobile(1))});
  const MuleRanking r = s.Rank(Timestamp::FromMillis(kT0 + kDay));
  ASSERT_EQ(r.sims.size(), 2u);  // the mobile and the virtual-operator mobile
  EXPECT_TRUE(Find(r.sims, "8617012345678"));
  EXPECT_TRUE(Find(r.sims, Mobile(1)));
}

// A small mixed city: mules, a SIM farm and ordinary traffic from a fixed generator.
std::vector<Event> MixedEvents(bool labelled) {
  std::vector<Event> events;
  uint64_t x = 12345;
  auto next = [&x](uint64_t n) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return (x >> 33) % n;
  };
  int64_t t = kT0;
  for (int i = 0; i < 4000; ++i) {
    t += static_cast<int64_t>(next(60000));
    const uint64_t kind = next(10);
    if (kind < 5) {
      const std::string payer = std::to_string(next(300));
      events.push_back(Transfer(t, "A" + payer, "A" + std::to_string(next(300)),
                                static_cast<int64_t>(10 + next(3000)), "D" + payer));
    } else if (kind < 7) {
      const std::string mule = "M" + std::to_string(next(6));
      events.push_back(Transfer(t, "A" + std::to_string(next(300)), mule, 20000));
      events.push_back(
          Transfer(t + 2 * kMin, mule, "M" + std::to_string(6 + next(3)), 19000, "GANG", mule));
      t += 2 * kMin;
    } else if (kind < 9) {
      events.push_back(
          Call(t, Mobile(static_cast<int>(next(300))), Mobile(static_cast<int>(next(300)))));
    } else {
      events.push_back(Sms(t, Mobile(1000 + static_cast<int>(next(5))),
                           Mobile(static_cast<int>(next(300))), "BOX"));
    }
    if (labelled && kind >= 5 && kind != 7 && kind != 8) {
      events.back().has_label = true;
      events.back().label.fraud = true;
      events.back().label.role = "mule";
    }
  }
  return events;
}

TEST(MuleScorer, RankingIsOrderedWithReasonsAndDeterministic) {
  MuleScorer a, b;
  ObserveAll(a, MixedEvents(false));
  ObserveAll(b, MixedEvents(false));
  const MuleRanking ra = a.Rank(Timestamp::FromMillis(kT0 + 10 * kDay));
  const MuleRanking rb = b.Rank(Timestamp::FromMillis(kT0 + 10 * kDay));
  ASSERT_EQ(ra.accounts.size(), rb.accounts.size());
  ASSERT_EQ(ra.sims.size(), rb.sims.size());
  for (size_t i = 0; i < ra.accounts.size(); ++i) {
    EXPECT_EQ(ra.accounts[i].id, rb.accounts[i].id);
    EXPECT_EQ(ra.accounts[i].logit, rb.accounts[i].logit);  // bit for bit
    ASSERT_EQ(ra.accounts[i].reasons.size(), rb.accounts[i].reasons.size());
    if (i > 0) {
      const MuleScore &p = ra.accounts[i - 1], &q = ra.accounts[i];
      EXPECT_TRUE(p.logit > q.logit || (p.logit == q.logit && p.id < q.id)) << i;
    }
  }
  // The mules and the SIM box lead, each with reasons, largest first, at most five.
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(ra.accounts[i].id[0], 'M') << ra.accounts[i].id;
    ASSERT_FALSE(ra.accounts[i].reasons.empty());
    EXPECT_LE(ra.accounts[i].reasons.size(), 5u);
    for (size_t k = 1; k < ra.accounts[i].reasons.size(); ++k)
      EXPECT_GE(ra.accounts[i].reasons[k - 1].weight, ra.accounts[i].reasons[k].weight);
    EXPECT_GT(ra.accounts[i].score, 0.5);
  }
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(ra.sims[i].id.substr(0, 12), "861381000100") << ra.sims[i].id;
    EXPECT_FALSE(ra.sims[i].reasons.empty());
  }
  const MuleRanking top = a.Rank(Timestamp::FromMillis(kT0 + 10 * kDay), 3);
  ASSERT_EQ(top.accounts.size(), 3u);
  EXPECT_EQ(top.accounts[2].id, ra.accounts[2].id);
}

TEST(MuleScorer, LabelsChangeNothing) {
  MuleScorer plain, labelled;
  ObserveAll(plain, MixedEvents(false));
  ObserveAll(labelled, MixedEvents(true));
  const MuleRanking a = plain.Rank(Timestamp::FromMillis(kT0 + 10 * kDay));
  const MuleRanking b = labelled.Rank(Timestamp::FromMillis(kT0 + 10 * kDay));
  ASSERT_EQ(a.accounts.size(), b.accounts.size());
  for (size_t i = 0; i < a.accounts.size(); ++i) {
    EXPECT_EQ(a.accounts[i].id, b.accounts[i].id);
    EXPECT_EQ(a.accounts[i].logit, b.accounts[i].logit);
  }
}

}  // namespace
}  // namespace wuzha::risk
