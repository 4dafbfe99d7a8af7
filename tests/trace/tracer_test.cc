// The tracer on hand-built ledgers with known answers under each policy (mixing with
// clean money, two victims, splits, a cycle, exits), conservation over random ledgers,
// and incremental updates equal to one batch trace.
#include <map>
#include <random>
#include <tuple>

#include <gtest/gtest.h>

#include "trace/internal/pool.h"
#include "trace/trace.h"

namespace wuzha::trace {
namespace {

using ledger::FlowKind;
using ledger::Ledger;
using ledger::Row;

Row Add(Ledger& l, int64_t ts, std::string_view from, std::string_view to, int64_t fen,
        FlowKind kind = FlowKind::kTransfer) {
  const std::string id = "T" + std::to_string(l.size() + 1);
  auto r = l.Append(id, Timestamp::FromMillis(ts), from, to, fen, Channel::kMobile, kind);
  EXPECT_TRUE(r.ok());
  return static_cast<Row>(l.size() - 1);
}

// (victim id, account number) → fen held.
std::map<std::pair<std::string, std::string>, int64_t> Held(const Ledger& l,
                                                            const TraceReport& rep) {
  std::map<std::pair<std::string, std::string>, int64_t> out;
  for (const Holding& h : rep.holdings) {
    out[{rep.victims[h.victim].id, std::string(l.AccountNumber(h.account))}] += h.fen;
  }
  return out;
}

TraceReport Trace(const Ledger& l, Policy p,
                  const std::vector<std::pair<std::string, std::vector<Row>>>& victims) {
  Tracer t(l, TracerOptions{p});
  for (const auto& [v, rows] : victims) EXPECT_TRUE(t.AddVictim(v, rows).ok());
  t.Update();
  return t.Report();
}

// X puts 1,000 of clean money in M; victim V pays M 3,000; M sends 2,000 on to N.
class MixingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Add(l, 1, "X", "M", 1000);
    theft = Add(l, 2, "V", "M", 3000);
    Add(l, 3, "M", "N", 2000);
  }
  Ledger l;
  Row theft = 0;
};

TEST_F(MixingTest, FifoSpendsTheCleanMoneyFirst) {
  auto rep = Trace(l, Policy::kFifo, {{"v1", {theft}}});
  auto held = Held(l, rep);
  EXPECT_EQ((held[{"v1", "M"}]), 2000);
  EXPECT_EQ((held[{"v1", "N"}]), 1000);
  EXPECT_EQ(rep.victims[0].stolen_fen, 3000);
  EXPECT_TRUE(rep.conserved);
}

TEST_F(MixingTest, LifoSpendsTheStolenMoneyFirst) {
  auto rep = Trace(l, Policy::kLifo, {{"v1", {theft}}});
  auto held = Held(l, rep);
  EXPECT_EQ((held[{"v1", "M"}]), 1000);
  EXPECT_EQ((held[{"v1", "N"}]), 2000);
  EXPECT_TRUE(rep.conserved);
}

TEST_F(MixingTest, ProRataTakesAShareOfEach) {
  auto rep = Trace(l, Policy::kProRata, {{"v1", {theft}}});
  auto held = Held(l, rep);
  EXPECT_EQ((held[{"v1", "M"}]), 1500);  // 3/4 of what stays
  EXPECT_EQ((held[{"v1", "N"}]), 1500);  // 3/4 of what left
  EXPECT_TRUE(rep.conserved);
}

TEST_F(MixingTest, PoisonTaintsTheWholeAccount) {
  auto rep = Trace(l, Policy::kPoison, {{"v1", {theft}}});
  auto held = Held(l, rep);
  EXPECT_EQ((held[{"v1", "M"}]), 2000);
  EXPECT_EQ((held[{"v1", "N"}]), 2000);
  EXPECT_EQ(rep.victims[0].stolen_fen, 3000);
  EXPECT_EQ(rep.victims[0].absorbed_fen, 1000);
  EXPECT_TRUE(rep.conserved);
}

// Two victims pay A; A splits to B; B sends some back (a cycle); A withdraws cash.
class TwoVictimsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t1 = Add(l, 1, "V1", "A", 600);
    t2 = Add(l, 2, "V2", "A", 400);
    Add(l, 3, "A", "B", 500);
    Add(l, 4, "B", "A", 100);
    Add(l, 5, "A", "", 300, FlowKind::kCash);
  }
  TraceReport Run(Policy p) { return Trace(l, p, {{"v1", {t1}}, {"v2", {t2}}}); }
  Ledger l;
  Row t1 = 0, t2 = 0;
};

TEST_F(TwoVictimsTest, Fifo) {
  auto rep = Run(Policy::kFifo);
  auto held = Held(l, rep);
  EXPECT_EQ((held[{"v1", "A"}]), 100);
  EXPECT_EQ((held[{"v1", "B"}]), 400);
  EXPECT_EQ((held[{"v2", "A"}]), 200);
  EXPECT_EQ(rep.victims[0].exited_fen, 100);
  EXPECT_EQ(rep.victims[1].exited_fen, 200);
  ASSERT_EQ(rep.exits.size(), 2u);
  EXPECT_EQ(rep.exits[0].kind, FlowKind::kCash);
  EXPECT_TRUE(rep.conserved);
}

TEST_F(TwoVictimsTest, Lifo) {
  auto rep = Run(Policy::kLifo);
  auto held = Held(l, rep);
  EXPECT_EQ((held[{"v1", "A"}]), 300);
  EXPECT_EQ((held[{"v2", "B"}]), 400);
  EXPECT_EQ((held.count({"v1", "B"})), 0u);
  EXPECT_EQ(rep.victims[0].exited_fen, 300);
  EXPECT_EQ(rep.victims[1].exited_fen, 0);
  EXPECT_TRUE(rep.conserved);
}

TEST_F(TwoVictimsTest, ProRataAndPoisonAgreeWithoutCleanMoney) {
  for (Policy p : {Policy::kProRata, Policy::kPoison}) {
    auto rep = Run(p);
    auto held = Held(l, rep);
    EXPECT_EQ((held[{"v1", "A"}]), 180) << PolicyName(p);
    EXPECT_EQ((held[{"v2", "A"}]), 120) << PolicyName(p);
    EXPECT_EQ((held[{"v1", "B"}]), 240) << PolicyName(p);
    EXPECT_EQ((held[{"v2", "B"}]), 160) << PolicyName(p);
    EXPECT_EQ(rep.victims[0].exited_fen, 180) << PolicyName(p);
    EXPECT_EQ(rep.victims[1].exited_fen, 120) << PolicyName(p);
    EXPECT_TRUE(rep.conserved);
  }
}

TEST_F(TwoVictimsTest, LayersAndStopPayRanking) {
  auto rep = Run(Policy::kFifo);
  std::map<std::string, int> layer;
  for (const Holding& h : rep.holdings) layer[std::string(l.AccountNumber(h.account))] = h.layer;
  EXPECT_EQ(layer["A"], 1);
  EXPECT_EQ(layer["B"], 2);
  ASSERT_EQ(rep.stop_pay.size(), 2u);
  int64_t total = 0;
  for (const auto& c : rep.stop_pay) total += c.recoverable_fen;
  EXPECT_EQ(total, 700);
  EXPECT_GE(rep.stop_pay[0].priority, rep.stop_pay[1].priority);
}

TEST_F(TwoVictimsTest, PathToAHoldingStartsAtTheVictimsTransfer) {
  Tracer t(l, TracerOptions{Policy::kFifo});
  ASSERT_TRUE(t.AddVictim("v1", std::vector<Row>{t1}).ok());
  t.Update();
  auto path = t.PathTo(0, *l.FindAccount("B"));
  ASSERT_EQ(path.size(), 2u);
  EXPECT_EQ(path[0].row, t1);
  EXPECT_EQ(l.AccountNumber(path[1].to), "B");
  auto json = ReportJson(l, t, t.Report());
  EXPECT_NE(json.find("\"graph\":{\"nodes\":["), std::string::npos);
  EXPECT_NE(json.find("\"conserved\":true"), std::string::npos);
}

TEST(TracerTest, ExitKindsAreRecognisedAndTrackedAccountsStayInside) {
  Ledger l;
  const Row t = Add(l, 1, "V", "A", 1000);
  Add(l, 2, "A", "PAY", 400, FlowKind::kThirdParty);
  Add(l, 3, "A", "OTC", 300, FlowKind::kCrypto);
  auto rep = Trace(l, Policy::kFifo, {{"v", {t}}});
  ASSERT_EQ(rep.exits.size(), 2u);
  EXPECT_EQ(rep.exits[0].kind, FlowKind::kThirdParty);
  EXPECT_EQ(rep.exits[1].kind, FlowKind::kCrypto);
  EXPECT_EQ(rep.victims[0].held_fen, 300);
  EXPECT_TRUE(rep.conserved);
}

TEST(TracerTest, AGangsPaybackKeepsItsAttribution) {
  // 刷单: the gang pays the victim 100 back, then the victim pays 500 more.
  Ledger l;
  const Row a = Add(l, 1, "V", "A", 1000);
  Add(l, 2, "A", "V", 100);
  const Row b = Add(l, 3, "V", "A", 500);
  auto rep = Trace(l, Policy::kFifo, {{"v", {a, b}}});
  // Of the 500, 100 is the victim's own traced money coming back: 1,400 newly stolen.
  EXPECT_EQ(rep.victims[0].stolen_fen, 1400);
  EXPECT_EQ(rep.victims[0].held_fen, 1400);
  EXPECT_TRUE(rep.conserved);
}

TEST(TracerTest, ABalanceAnchorGivesTheOpeningBalance) {
  Ledger l;
  l.SetBalance("M", Timestamp::FromMillis(0), 5000);
  const Row t = Add(l, 1, "V", "M", 1000);
  Add(l, 2, "M", "N", 4000);
  auto rep = Trace(l, Policy::kFifo, {{"v", {t}}});
  // FIFO: the 4,000 that left were M's own money; the victim's 1,000 is still in M.
  auto held = Held(l, rep);
  EXPECT_EQ((held[{"v", "M"}]), 1000);
  EXPECT_EQ((held.count({"v", "N"})), 0u);
}

TEST(TracerTest, RejectsARowOutsideTheLedger) {
  Ledger l;
  Tracer t(l);
  EXPECT_FALSE(t.AddVictim("v", std::vector<Row>{3}).ok());
}

TEST(SplitTest, LargestRemainderConservesAndFavoursLargerRemainders) {
  std::vector<int64_t> shares;
  internal::SplitByLargestRemainder(10, std::vector<int64_t>{1, 1, 1}, shares);
  EXPECT_EQ(shares, (std::vector<int64_t>{4, 3, 3}));
  internal::SplitByLargestRemainder(100, std::vector<int64_t>{2, 0, 5}, shares);
  EXPECT_EQ(shares[0] + shares[1] + shares[2], 100);
  EXPECT_EQ(shares[1], 0);
  EXPECT_EQ(shares, (std::vector<int64_t>{29, 0, 71}));
}

// A random city of accounts; victims' accounts pay into it now and then.
struct RandomCase {
  Ledger ledger;
  std::vector<std::pair<std::string, std::vector<Row>>> victims;
  std::vector<std::tuple<int64_t, std::string, std::string, int64_t, FlowKind>> rows;
};

RandomCase MakeRandom(uint32_t seed, int n_rows, bool shuffle_time, bool paybacks = true) {
  std::mt19937_64 rng(seed);
  RandomCase c;
  const int accounts = 12, victims = 3;
  for (int i = 0; i < n_rows; ++i) {
    int64_t ts = shuffle_time ? static_cast<int64_t>(rng() % (n_rows * 10)) : i * 10;
    std::string from, to;
    FlowKind kind = FlowKind::kTransfer;
    const bool theft = rng() % 5 == 0;
    if (theft) {
      from = "V" + std::to_string(rng() % victims);
      to = "M" + std::to_string(rng() % accounts);
    } else {
      from = "M" + std::to_string(rng() % accounts);
      const int what = static_cast<int>(rng() % 10);
      if (what == 0) {
        kind = FlowKind::kCash;
      } else if (what == 1 && paybacks) {
        to = "V" + std::to_string(rng() % victims);  // paid back
      } else if (what == 2) {
        to = "EXT";
        kind = FlowKind::kCrypto;
      } else {
        to = "M" + std::to_string(rng() % accounts);
      }
    }
    const int64_t fen = 1 + static_cast<int64_t>(rng() % 5000);
    c.rows.emplace_back(ts, from, to, fen, kind);
    const std::string id = "R" + std::to_string(i);
    EXPECT_TRUE(c.ledger.Append(id, Timestamp::FromMillis(ts), from, to, fen, Channel::kMobile,
                                kind)
                    .ok());
    if (theft) {
      const std::string v = "p" + from;
      auto it = std::find_if(c.victims.begin(), c.victims.end(),
                             [&](const auto& x) { return x.first == v; });
      if (it == c.victims.end()) {
        c.victims.push_back({v, {}});
        it = c.victims.end() - 1;
      }
      it->second.push_back(static_cast<Row>(i));
    }
  }
  return c;
}

TEST(TracerPropertyTest, ConservationUnderEveryPolicyOnRandomLedgers) {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    RandomCase c = MakeRandom(seed, 300, seed % 2 == 0);
    for (int p = 0; p < kPolicyCount; ++p) {
      auto rep = Trace(c.ledger, static_cast<Policy>(p), c.victims);
      EXPECT_TRUE(rep.conserved) << "seed " << seed << " " << PolicyName(static_cast<Policy>(p));
      for (const auto& v : rep.victims) {
        ASSERT_EQ(v.stolen_fen + v.disputed_fen + v.absorbed_fen, v.held_fen + v.exited_fen)
            << v.id;
        if (static_cast<Policy>(p) != Policy::kPoison) {
          EXPECT_EQ(v.absorbed_fen, 0);
        }
      }
      // No account holds more victims' money than its balance.
      std::map<ledger::AccountId, int64_t> in_account;
      for (const auto& h : rep.holdings) in_account[h.account] += h.fen;
      for (const auto& [acc, fen] : in_account) {
        EXPECT_LE(fen, c.ledger.BalanceAt(acc, Timestamp::FromMillis(INT64_MAX)));
      }
    }
  }
}

TEST(TracerPropertyTest, IncrementalUpdatesEqualOneBatchTrace) {
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    const bool late_rows = seed % 2 == 0;  // rows arrive out of time order
    const bool paybacks = seed % 3 == 0;   // the gang pays victims back (刷单)
    RandomCase full = MakeRandom(seed, 240, late_rows, paybacks);
    for (int p = 0; p < kPolicyCount; ++p) {
      const auto policy = static_cast<Policy>(p);
      Ledger grown;
      // Known opening balances: otherwise a row that overdraws an account raises its
      // inferred opening balance, and that alone rewinds the trace.
      for (int a = 0; a < 12; ++a) {
        grown.SetBalance("M" + std::to_string(a), Timestamp::FromMillis(-1), 1'000'000);
        grown.SetBalance("V" + std::to_string(a), Timestamp::FromMillis(-1), 1'000'000);
      }
      Tracer inc(grown, TracerOptions{policy});
      for (size_t i = 0; i < full.rows.size(); ++i) {
        const auto& [ts, from, to, fen, kind] = full.rows[i];
        ASSERT_TRUE(grown.Append("R" + std::to_string(i), Timestamp::FromMillis(ts), from, to, fen,
                                 Channel::kMobile, kind)
                        .ok());
        for (const auto& [v, rows] : full.victims) {
          if (std::find(rows.begin(), rows.end(), static_cast<Row>(i)) != rows.end()) {
            ASSERT_TRUE(inc.AddVictim(v, std::vector<Row>{static_cast<Row>(i)}).ok());
          }
        }
        if (i % 17 == 0) inc.Update();
      }
      inc.Update();
      Tracer batch(grown, TracerOptions{policy});
      for (const auto& [v, rows] : full.victims) ASSERT_TRUE(batch.AddVictim(v, rows).ok());
      batch.Update();
      const auto a = inc.Report(), b = batch.Report();
      ASSERT_EQ(a.victims.size(), b.victims.size());
      for (size_t v = 0; v < a.victims.size(); ++v) {
        EXPECT_EQ(a.victims[v].stolen_fen, b.victims[v].stolen_fen);
        EXPECT_EQ(a.victims[v].held_fen, b.victims[v].held_fen);
        EXPECT_EQ(a.victims[v].exited_fen, b.victims[v].exited_fen);
      }
      EXPECT_EQ(Held(grown, a), Held(grown, b)) << "seed " << seed << " " << PolicyName(policy);
      if (!late_rows && !paybacks) {
        EXPECT_EQ(inc.replays(), 0u) << "in-order rows extend in place";
      }
    }
  }
}

}  // namespace
}  // namespace wuzha::trace

namespace wuzha::trace {
namespace {

TEST(TracerTest, TheGangsPaybackFromOthersMoneyIsNotTheVictims) {
  // The gang's account G pays the victim 100 (a 刷单 task) before the victim, with nothing
  // of their own, pays G 100: that 100 may be someone else's — disputed, not stolen.
  Ledger l;
  Add(l, 1, "X", "G", 100);
  Add(l, 2, "G", "V", 100);
  l.SetBalance("V", Timestamp::FromMillis(0), 0);
  const Row theft = Add(l, 3, "V", "G", 100);
  auto rep = Trace(l, Policy::kFifo, {{"v", {theft}}});
  EXPECT_EQ(rep.victims[0].stolen_fen, 0);
  EXPECT_EQ(rep.victims[0].disputed_fen, 100);
  ASSERT_EQ(rep.holdings.size(), 1u);
  EXPECT_TRUE(rep.holdings[0].disputed);
  EXPECT_EQ(rep.unattributed_fen, 0);
  EXPECT_TRUE(rep.conserved);
}

}  // namespace
}  // namespace wuzha::trace
