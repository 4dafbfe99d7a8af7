// Refund allocation: taint shares, the pro-rata fallback, the loss cap, conservation of
// every fen (also over random ledgers under every policy); the order lifecycle.
#include <random>

#include <gtest/gtest.h>

#include "trace/orders.h"
#include "trace/refund.h"

namespace wuzha::trace {
namespace {

using ledger::FlowKind;
using ledger::Ledger;
using ledger::Row;

Row Add(Ledger& l, int64_t ts, std::string_view from, std::string_view to, int64_t fen) {
  EXPECT_TRUE(l.Append("T" + std::to_string(l.size() + 1), Timestamp::FromMillis(ts), from, to,
                       fen, Channel::kMobile, to.empty() ? FlowKind::kCash : FlowKind::kTransfer)
                  .ok());
  return static_cast<Row>(l.size() - 1);
}

// Victims 1 and 2 pay A 600 and 400 (FIFO keeps both there).
class RefundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Row a = Add(l, 1, "V1", "A", 600);
    const Row b = Add(l, 2, "V2", "A", 400);
    ASSERT_TRUE(t.AddVictim("v1", std::vector<Row>{a}).ok());
    ASSERT_TRUE(t.AddVictim("v2", std::vector<Row>{b}).ok());
    t.Update();
    rep = t.Report();
  }
  ledger::AccountId A() const { return *l.FindAccount("A"); }
  Ledger l;
  Tracer t{l};
  TraceReport rep;
};

TEST_F(RefundTest, AShortFreezeIsSplitByTaintShare) {
  const FrozenBalance f[] = {{A(), 500}};
  const int64_t losses[] = {600, 400};
  auto plan = AllocateRefunds(t, rep, f, losses);
  EXPECT_EQ(plan.per_victim, (std::vector<int64_t>{300, 200}));
  EXPECT_EQ(plan.unallocated_fen, 0);
  EXPECT_TRUE(plan.conserved);
  EXPECT_TRUE(plan.within_losses);
  ASSERT_EQ(plan.lines.size(), 2u);
  EXPECT_EQ(plan.lines[0].basis, RefundBasis::kTaintShare);
  ASSERT_EQ(plan.lines[0].path.size(), 1u);
  EXPECT_EQ(l.TransactionId(plan.lines[0].path[0]), "T1");
}

TEST_F(RefundTest, TheHoldersOwnMoneyIsNotGivenAway) {
  const FrozenBalance f[] = {{A(), 1500}};
  const int64_t losses[] = {600, 400};
  auto plan = AllocateRefunds(t, rep, f, losses);
  EXPECT_EQ(plan.per_victim, (std::vector<int64_t>{600, 400}));
  EXPECT_EQ(plan.unallocated_fen, 500);
  EXPECT_TRUE(plan.conserved);
}

TEST_F(RefundTest, NoVictimGetsMoreThanTheirLoss) {
  const FrozenBalance f[] = {{A(), 1000}};
  const int64_t losses[] = {250, 400};  // v1 has already been paid back in part
  auto plan = AllocateRefunds(t, rep, f, losses);
  EXPECT_EQ(plan.per_victim[0], 250);
  EXPECT_EQ(plan.per_victim[1], 400);
  EXPECT_EQ(plan.unallocated_fen, 350);
  EXPECT_TRUE(plan.within_losses);
  EXPECT_TRUE(plan.conserved);
}

TEST(RefundFallbackTest, AnAccountTheMoneyLeftKeepsItsOwnersMoney) {
  Ledger l;
  const Row a = Add(l, 1, "V1", "A", 300);
  Add(l, 2, "A", "B", 300);
  Add(l, 3, "X", "A", 1000);  // the holder's own money arrives afterwards
  Tracer t(l);
  ASSERT_TRUE(t.AddVictim("v1", std::vector<Row>{a}).ok());
  t.Update();
  auto rep = t.Report();
  const FrozenBalance f[] = {{*l.FindAccount("A"), 1000}};
  const int64_t losses[] = {300};
  auto plan = AllocateRefunds(t, rep, f, losses);
  EXPECT_TRUE(plan.lines.empty());
  EXPECT_EQ(plan.unallocated_fen, 1000);
  EXPECT_TRUE(plan.conserved);
}

TEST(RefundFallbackTest, AnAccountFrozenOnOtherEvidenceIsSharedByWhatEachLacks) {
  Ledger l;
  const Row a = Add(l, 1, "V1", "A", 300);
  const Row b = Add(l, 2, "V2", "A", 100);
  Add(l, 3, "Y", "Z", 1000);  // Z: never reached by the trace, frozen by the analyst
  Tracer t(l);
  ASSERT_TRUE(t.AddVictim("v1", std::vector<Row>{a}).ok());
  ASSERT_TRUE(t.AddVictim("v2", std::vector<Row>{b}).ok());
  t.Update();
  auto rep = t.Report();
  const FrozenBalance f[] = {{*l.FindAccount("A"), 200}, {*l.FindAccount("Z"), 150}};
  const int64_t losses[] = {300, 100};
  auto plan = AllocateRefunds(t, rep, f, losses);
  // A by taint share: 150 / 50. Z by what they still lack (150 : 50): 113 / 37 (largest
  // remainder: 112.5 and 37.5, the tie to the lower index).
  EXPECT_EQ(plan.per_victim, (std::vector<int64_t>{263, 87}));
  ASSERT_EQ(plan.lines.size(), 4u);
  EXPECT_EQ(plan.lines[2].basis, RefundBasis::kProRataFallback);
  EXPECT_TRUE(plan.conserved);
  EXPECT_EQ(plan.unallocated_fen, 0);
  auto csv = RefundPlanCsv(l, rep, plan);
  EXPECT_NE(csv.find("v1,A,150,300,taint_share,T1"), std::string::npos) << csv;
  EXPECT_NE(csv.find("v1,Z,113,0,pro_rata_fallback,"), std::string::npos) << csv;
  auto json = RefundPlanJson(l, rep, plan);
  EXPECT_NE(json.find("\"conserved\":true"), std::string::npos);
}

TEST(RefundPropertyTest, EveryFenIsAccountedForAndNoLossIsExceeded) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 60; ++round) {
    Ledger l;
    std::vector<std::pair<std::string, std::vector<Row>>> victims(4);
    for (int v = 0; v < 4; ++v) victims[v].first = "v" + std::to_string(v);
    for (int i = 0; i < 200; ++i) {
      const int64_t fen = 1 + static_cast<int64_t>(rng() % 9000);
      if (rng() % 4 == 0) {
        const int v = static_cast<int>(rng() % 4);
        victims[v].second.push_back(
            Add(l, i, "V" + std::to_string(v), "M" + std::to_string(rng() % 8), fen));
      } else {
        Add(l, i, "M" + std::to_string(rng() % 8),
            rng() % 9 == 0 ? "" : "M" + std::to_string(rng() % 8), fen);
      }
    }
    const auto policy = static_cast<Policy>(round % kPolicyCount);
    Tracer t(l, TracerOptions{policy});
    for (const auto& [v, rows] : victims) ASSERT_TRUE(t.AddVictim(v, rows).ok());
    t.Update();
    auto rep = t.Report();
    std::vector<FrozenBalance> frozen;
    for (int m = 0; m < 8; ++m) {
      if (auto id = l.FindAccount("M" + std::to_string(m)); id && rng() % 2) {
        frozen.push_back({*id, static_cast<int64_t>(rng() % 20000)});
      }
    }
    std::vector<int64_t> losses;
    for (const auto& v : rep.victims) {
      losses.push_back(rng() % 3 == 0 ? v.stolen_fen / 2 : v.stolen_fen);
    }
    auto plan = AllocateRefunds(t, rep, frozen, losses);
    int64_t frozen_sum = 0, lines = 0;
    for (const auto& f : frozen) frozen_sum += f.fen;
    for (const auto& line : plan.lines) lines += line.fen;
    EXPECT_EQ(plan.frozen_fen, frozen_sum);
    EXPECT_EQ(lines + plan.unallocated_fen, frozen_sum) << PolicyName(policy);
    EXPECT_TRUE(plan.conserved);
    EXPECT_TRUE(plan.within_losses);
    for (size_t v = 0; v < losses.size(); ++v) EXPECT_LE(plan.per_victim[v], losses[v]);
  }
}

TEST(OrderBookTest, StopPayLapsesUnlessAFreezeReplacesIt) {
  OrderBook book(OrderOptions{3600000, 10 * 3600000});
  const auto t0 = Timestamp::FromMillis(1'000'000);
  const uint64_t sp = book.Request(OrderKind::kStopPay, "A", "case-1", 500, t0);
  EXPECT_EQ(book.Find(sp)->state, OrderState::kRequested);
  EXPECT_FALSE(book.Holds("A", t0));
  ASSERT_TRUE(book.Execute(sp, Timestamp::FromMillis(t0.millis() + 60000)).ok());
  EXPECT_TRUE(book.Holds("A", Timestamp::FromMillis(t0.millis() + 120000)));
  EXPECT_FALSE(book.Execute(sp, t0).ok()) << "executed twice";
  book.Advance(Timestamp::FromMillis(t0.millis() + 2 * 3600000));
  EXPECT_EQ(book.Find(sp)->state, OrderState::kExpired);
  EXPECT_FALSE(book.Holds("A", Timestamp::FromMillis(t0.millis() + 2 * 3600000)));

  const uint64_t sp2 = book.Request(OrderKind::kStopPay, "B", "case-1", 500, t0);
  const uint64_t fr = book.Request(OrderKind::kFreeze, "B", "case-1", 500, t0);
  ASSERT_TRUE(book.Execute(sp2, Timestamp::FromMillis(t0.millis() + 60000)).ok());
  ASSERT_TRUE(book.Execute(fr, Timestamp::FromMillis(t0.millis() + 1800000)).ok());
  EXPECT_EQ(book.Find(sp2)->state, OrderState::kConverted);
  EXPECT_EQ(book.Find(sp2)->history.size(), 3u);
  book.Advance(Timestamp::FromMillis(t0.millis() + 5 * 3600000));
  EXPECT_TRUE(book.Holds("B", Timestamp::FromMillis(t0.millis() + 5 * 3600000)));
  EXPECT_TRUE(book.HasLiveOrder("B", OrderKind::kFreeze));
  EXPECT_FALSE(book.Withdraw(fr, t0).ok());
  EXPECT_FALSE(book.Execute(99, t0).ok());
}

}  // namespace
}  // namespace wuzha::trace
