#include "sim/engine.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/phone.h"
#include "formats/jsonl.h"
#include "sinks.h"

namespace wuzha::sim {
namespace {

constexpr int64_t kHourMs = 3600LL * 1000;

const City& SmallCity() {
  static const City* city = [] {
    CityOptions o;
    o.seed = 11;
    o.population = 3000;  // synthetic org tree (no geo_dir)
    auto built = City::Build(o);
    EXPECT_TRUE(built.ok()) << built.status().ToString();
    return new City(std::move(built).value());
  }();
  return *city;
}


// Legitimate traffic only: these tests pin its volumes, rhythms and money (the gangs
// have their own tests in fraud_test.cc).
EngineOptions Options(uint64_t seed = 3, int days = 1) {
  EngineOptions o;
  o.seed = seed;
  o.days = days;
  o.fraud.enabled = false;
  return o;
}

// One day of the small city, generated once for the tests that only read it.
struct OneDay {
  std::vector<Event> events;
  Engine::Stats stats;
  int64_t total_balance = 0;
  std::vector<int64_t> balances;
};
const OneDay& Day() {
  static const OneDay* day = [] {
    auto* d = new OneDay;
    Engine engine(SmallCity(), Options());
    VectorSink sink;
    EXPECT_TRUE(engine.Run(sink).ok());
    d->events = std::move(sink.events);
    d->stats = engine.stats();
    d->total_balance = engine.TotalBalanceFen();
    for (uint32_t a = 0; a < SmallCity().accounts().size(); ++a)
      d->balances.push_back(engine.BalanceFen(a));
    return d;
  }();
  return *day;
}

TEST(Engine, SameSeedSameEventsDifferentSeedDifferent) {
  HashSink a, b, c;
  ASSERT_TRUE(Engine(SmallCity(), Options(5)).Run(a).ok());
  ASSERT_TRUE(Engine(SmallCity(), Options(5)).Run(b).ok());
  ASSERT_TRUE(Engine(SmallCity(), Options(6)).Run(c).ok());
  EXPECT_GT(a.count, 10000u);
  EXPECT_EQ(a.count, b.count);
  EXPECT_EQ(a.hash, b.hash);
  EXPECT_NE(a.hash, c.hash);
}

TEST(Engine, EventsAreInTimeOrderWithUniqueIdsAndLegitLabels) {
  const auto& events = Day().events;
  ASSERT_FALSE(events.empty());
  std::set<std::string> ids;
  const int64_t start = SmallCity().options().start.millis();
  for (size_t i = 0; i < events.size(); ++i) {
    if (i > 0) {
      ASSERT_LE(events[i - 1].ts, events[i].ts) << i;
    }
    ASSERT_GE(events[i].ts.millis(), start);
    ASSERT_LT(events[i].ts.millis(), start + 24 * kHourMs);
    ASSERT_TRUE(events[i].has_label);
    ASSERT_FALSE(events[i].label.fraud);
    ASSERT_TRUE(ids.insert(events[i].id).second) << events[i].id;
  }
}

TEST(Engine, EveryEventSurvivesAJsonlRoundTrip) {
  formats::JsonlParser parser;
  std::string line;
  Event parsed;
  for (const Event& e : Day().events) {
    line.clear();
    formats::AppendEventJson(e, line);
    formats::RecordError error;
    ASSERT_TRUE(parser.ParseCopy(line, parsed, error)) << line << "\n"
                                                       << error.field << ": " << error.message;
    ASSERT_EQ(parsed.type, e.type);
    ASSERT_EQ(parsed.ts, e.ts);
    ASSERT_EQ(parsed.id, e.id);
  }
}

TEST(Engine, RunsOnTheRealWuhanTree) {
  const std::string geo = std::string(WUZHA_SHARED_DATA_DIR) + "/geo";
  CityOptions o;
  o.seed = 12;
  o.population = 3000;
  o.geo_dir = geo;
  auto city = City::Build(o);
  ASSERT_TRUE(city.ok()) << city.status().ToString();
  formats::JsonlParser parser;
  struct RoundTrip : EventSink {
    formats::JsonlParser* parser;
    std::string line;
    Event parsed;
    uint64_t n = 0;
    Status Write(const Event& e) override {
      line.clear();
      formats::AppendEventJson(e, line);
      formats::RecordError error;
      if (!parser->ParseCopy(line, parsed, error)) return InvalidArgumentError(line);
      ++n;
      return Status::Ok();
    }
  } sink;
  sink.parser = &parser;
  Status s = Engine(city.value(), Options()).Run(sink);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_GT(sink.n, 10000u);
}

TEST(Engine, MoneyIsConservedAndNoBalanceGoesNegative) {
  int64_t opening = 0;
  for (const Account& a : SmallCity().accounts()) opening += a.opening_balance_fen;
  const OneDay& d = Day();
  EXPECT_GT(d.stats.cash_out_fen, 0);
  EXPECT_EQ(d.total_balance, opening + d.stats.cash_in_fen - d.stats.cash_out_fen);
  for (int64_t b : d.balances) ASSERT_GE(b, 0);
  int64_t atm = 0;
  for (const Event& e : d.events) {
    if (e.type != EventType::kTransfer) continue;
    const auto& t = e.as<TransferEvent>();
    EXPECT_GT(t.amount.fen(), 0);
    if (t.channel == Channel::kAtm) {
      EXPECT_TRUE(t.to_account.empty());
      atm += t.amount.fen();
    }
  }
  EXPECT_EQ(atm, d.stats.cash_out_fen);
}

// Replaying the transfers in output order from the opening balances, no account ever
// goes below zero, and the result is the engine's final balances.
TEST(Engine, NoTransferOverdrawsWhenReplayedInOrder) {
  const City& city = SmallCity();
  std::unordered_map<std::string, uint32_t> index;
  std::vector<int64_t> balance;
  for (uint32_t a = 0; a < city.accounts().size(); ++a) {
    index.emplace(city.AccountNumber(a), a);
    balance.push_back(city.accounts()[a].opening_balance_fen);
  }
  uint64_t transfers = 0;
  for (const Event& e : Day().events) {
    if (e.type != EventType::kTransfer) continue;
    const auto& t = e.as<TransferEvent>();
    auto from = index.find(t.from_account);
    ASSERT_NE(from, index.end()) << t.from_account;  // no salaries on May 1
    balance[from->second] -= t.amount.fen();
    ASSERT_GE(balance[from->second], 0) << e.id;
    if (!t.to_account.empty()) {
      auto to = index.find(t.to_account);
      ASSERT_NE(to, index.end()) << t.to_account;
      balance[to->second] += t.amount.fen();
    }
    ++transfers;
  }
  EXPECT_GT(transfers, 1000u);
  EXPECT_EQ(balance, Day().balances);
}

TEST(Engine, SalariesOnTheTenthAreCashIn) {
  CityOptions o;
  o.seed = 4;
  o.population = 600;
  auto city = City::Build(o);
  ASSERT_TRUE(city.ok());
  int64_t opening = 0;
  for (const Account& a : city.value().accounts()) opening += a.opening_balance_fen;
  Engine engine(city.value(), Options(9, 10));
  VectorSink sink;
  ASSERT_TRUE(engine.Run(sink).ok());
  EXPECT_GT(engine.stats().cash_in_fen, 0);
  EXPECT_EQ(engine.TotalBalanceFen(),
            opening + engine.stats().cash_in_fen - engine.stats().cash_out_fen);
  // 2024-05-10 09:00 Shanghai = 01:00 UTC.
  const int64_t run = Timestamp::FromCivilUtc(2024, 5, 10, 1).millis();
  int64_t salaries = 0;
  for (const Event& e : sink.events) {
    if (e.type != EventType::kTransfer || e.as<TransferEvent>().memo != "工资") continue;
    EXPECT_GE(e.ts.millis(), run);
    EXPECT_LT(e.ts.millis(), run + kHourMs);
    salaries += e.as<TransferEvent>().amount.fen();
  }
  EXPECT_EQ(salaries, engine.stats().cash_in_fen);
}

TEST(Engine, DailyRhythmPeaksInTheMorningNotAtNight) {
  const int64_t start = SmallCity().options().start.millis();  // 00:00 Shanghai
  uint64_t night = 0, morning = 0;
  for (const Event& e : Day().events) {
    const int64_t h = (e.ts.millis() - start) / kHourMs;
    if (h == 3) ++night;
    if (h == 10) ++morning;
  }
  EXPECT_GT(morning, 5 * night);
}

TEST(Engine, WeekendsAreQuieterThanWeekdays) {
  CityOptions o;
  o.seed = 5;
  o.population = 1500;
  auto city = City::Build(o);
  ASSERT_TRUE(city.ok());
  VectorSink sink;
  ASSERT_TRUE(Engine(city.value(), Options(13, 4)).Run(sink).ok());
  std::vector<uint64_t> per_day(4, 0);
  const int64_t start = o.start.millis();
  for (const Event& e : sink.events)
    ++per_day[static_cast<size_t>((e.ts.millis() - start) / (24 * kHourMs))];
  // 2024-05-01 was a Wednesday, 05-04 a Saturday: 0.90 / 1.04 of a weekday's volume.
  const double ratio = static_cast<double>(per_day[3]) / static_cast<double>(per_day[0]);
  EXPECT_GT(ratio, 0.80);
  EXPECT_LT(ratio, 0.93);
}

TEST(Engine, VolumesPerResidentMatchTheRates) {
  uint64_t with_phone = 0, with_account = 0;
  for (const Resident& r : SmallCity().residents()) {
    with_phone += r.phone_count > 0;
    with_account += r.account_count > 0;
  }
  uint64_t calls = 0, sms = 0, web = 0, apps = 0, transfers = 0, atm = 0;
  for (const Event& e : Day().events) {
    switch (e.type) {
      case EventType::kCall: ++calls; break;
      case EventType::kSms: ++sms; break;
      case EventType::kWeb: ++web; break;
      case EventType::kApp: ++apps; break;
      case EventType::kTransfer:
        (e.as<TransferEvent>().channel == Channel::kAtm ? atm : transfers)++;
        break;
      default: FAIL() << "unexpected type " << EventTypeName(e.type);
    }
  }
  const LegitRates rates;
  const double weekday = 1.04;  // 2024-05-01 was a Wednesday
  auto near = [](uint64_t got, double want) {
    return static_cast<double>(got) > 0.7 * want && static_cast<double>(got) < 1.3 * want;
  };
  const double p = static_cast<double>(with_phone), a = static_cast<double>(with_account);
  // Couriers and call centres add about 10% on top of the residents' own calls.
  EXPECT_TRUE(near(calls, rates.calls * p * weekday * 1.1)) << calls;
  EXPECT_TRUE(near(sms, rates.sms * p * weekday)) << sms;
  EXPECT_TRUE(near(web, rates.web * p * weekday)) << web;
  EXPECT_TRUE(near(apps, rates.app_installs * p * weekday)) << apps;
  EXPECT_TRUE(near(transfers, rates.transfers * a * weekday)) << transfers;
  EXPECT_TRUE(near(atm, rates.atm * a * weekday)) << atm;
  // Stats agree with what was written.
  EXPECT_EQ(Day().stats.events_by_type[static_cast<int>(EventType::kCall)], calls);
  EXPECT_EQ(Day().stats.events_by_type[static_cast<int>(EventType::kTransfer)], transfers + atm);
}

TEST(Engine, CallsAndSmsLookReal) {
  uint64_t answered = 0, calls = 0, a2p = 0, sms = 0;
  for (const Event& e : Day().events) {
    if (e.type == EventType::kCall) {
      const auto& c = e.as<CallEvent>();
      ++calls;
      EXPECT_NE(c.caller, c.callee);
      EXPECT_FALSE(c.caller_cell.empty());
      if (c.answered) {
        ++answered;
        EXPECT_GT(c.duration_s, 0);
      } else {
        EXPECT_EQ(c.duration_s, 0);
      }
    } else if (e.type == EventType::kSms) {
      ++sms;
      const auto& m = e.as<SmsEvent>();
      auto sender = NormalizePhone(m.sender);
      ASSERT_TRUE(sender.ok()) << m.sender;
      EXPECT_EQ(sender.value().e164, m.sender);
      if (sender.value().kind == PhoneKind::kService) ++a2p;
      EXPECT_TRUE(NormalizePhone(m.receiver).ok()) << m.receiver;
    }
  }
  const double share = static_cast<double>(answered) / static_cast<double>(calls);
  EXPECT_GT(share, 0.7);
  EXPECT_LT(share, 0.8);
  // ~80% A2P; the rest are family messages between residents.
  EXPECT_GT(a2p, sms * 7 / 10);
  EXPECT_LT(a2p, sms * 9 / 10);
}

TEST(Engine, LongSlicesStillFollowTheDailyCurve) {
  EngineOptions o = Options();
  o.slice_ms = 5 * kHourMs + 123;  // longer than an hour and not aligned to one
  VectorSink sink;
  ASSERT_TRUE(Engine(SmallCity(), o).Run(sink).ok());
  const int64_t start = SmallCity().options().start.millis();
  uint64_t night = 0, morning = 0;
  for (size_t i = 0; i < sink.events.size(); ++i) {
    const Event& e = sink.events[i];
    if (i > 0) {
      ASSERT_LE(sink.events[i - 1].ts, e.ts);
    }
    const int64_t h = (e.ts.millis() - start) / kHourMs;
    night += h == 3;
    morning += h == 10;
  }
  EXPECT_GT(morning, 5 * night);
  const double ratio =
      static_cast<double>(sink.events.size()) / static_cast<double>(Day().events.size());
  EXPECT_GT(ratio, 0.95);
  EXPECT_LT(ratio, 1.05);
}

TEST(Engine, StopsOnTheFirstSinkError) {
  class Failing : public EventSink {
   public:
    Status Write(const Event&) override {
      if (++n > 5) return Status(StatusCode::kIoError, "disk full");
      return Status::Ok();
    }
    int n = 0;
  } sink;
  Engine engine(SmallCity(), Options());
  Status s = engine.Run(sink);
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_EQ(sink.n, 6);
}

TEST(Engine, RejectsANonPositiveSlice) {
  EngineOptions o = Options();
  o.slice_ms = 0;
  Engine engine(SmallCity(), o);
  VectorSink sink;
  EXPECT_EQ(engine.Run(sink).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(sink.events.empty());
}

TEST(Engine, OneDayOfThreeThousandResidentsIsFast) {
  HashSink sink;
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(Engine(SmallCity(), Options(21)).Run(sink).ok());
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  RecordProperty("seconds", std::to_string(s));
  EXPECT_LT(s, 3.0) << "events " << sink.count;  // well under 1 s in a release build
}

}  // namespace
}  // namespace wuzha::sim
