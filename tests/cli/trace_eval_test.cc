// The closed loop of `wuzha eval trace` on the default city (seed 7): the bar —
// located ≥ 95% of the reported victims' money still in the city, nothing refunded to the
// wrong victim, every fen conserved — and the orders changing what the city does.
#include <regex>

#include <gtest/gtest.h>

#include "cli/trace_eval.h"

namespace wuzha::cli {
namespace {

TraceEvalOptions Default() {
  TraceEvalOptions o;
  o.seed = 7;
  o.threads = 1;
  return o;
}

const TraceEvalResult& WithOrders() {
  static const TraceEvalResult r = [] {
    auto result = RunTraceEval(Default());
    EXPECT_TRUE(result.ok()) << result.error().message();
    return result.ok() ? *result : TraceEvalResult{};
  }();
  return r;
}

TEST(TraceEval, LocatesFreezesAndRefundsAgainstTheTruth) {
  const TraceEvalResult& r = WithOrders();
  std::printf("%s\n", r.ToJson().c_str());
  ASSERT_GT(r.traced_victims, 3u);
  ASSERT_GT(r.inside_fen, 0);
  EXPECT_GE(static_cast<double>(r.located_fen), 0.95 * static_cast<double>(r.inside_fen));
  EXPECT_EQ(r.misallocated_fen, 0);
  EXPECT_EQ(r.over_loss_fen, 0);
  EXPECT_TRUE(r.conservation_ok);
  EXPECT_GT(r.frozen_fen, 0);
  EXPECT_GT(r.refunded_fen, 0);
  EXPECT_LE(r.refunded_fen, r.reported_stolen_fen);
  EXPECT_GT(r.stop_pay_orders, 0u);
}

TEST(TraceEval, OrdersFreezeWhatIsLeft) {
  TraceEvalOptions o = Default();
  o.act = false;
  auto without = RunTraceEval(o);
  ASSERT_TRUE(without.ok());
  EXPECT_EQ(without->stop_pay_orders, 0u);
  EXPECT_EQ(without->frozen_fen, 0);
  // With the orders, what is left of the victims' money in the city is frozen, not just
  // located (the gangs react, so the two cities differ after the first order).
  EXPECT_GE(static_cast<double>(WithOrders().frozen_fen), 0.9 * static_cast<double>(WithOrders().inside_fen));
  EXPECT_GT(without->located_fen, 0);
}

TEST(TraceEval, SameSeedSameFigures) {
  auto again = RunTraceEval(Default());
  ASSERT_TRUE(again.ok());
  auto strip = [](std::string s) { return std::regex_replace(s, std::regex("\"seconds\":[0-9.]+"), ""); };
  EXPECT_EQ(strip(again->ToJson()), strip(WithOrders().ToJson()));
}

}  // namespace
}  // namespace wuzha::cli
