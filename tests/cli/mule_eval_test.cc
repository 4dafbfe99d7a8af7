// The 断卡 evaluation on a small city (seed 7, 20,000 residents, 4 days): the daily mule
// ranking finds the gangs' cards and SIMs far above a random ranking, with and without
// the opening events and the device ids; and the figures are computed as documented.
#include "cli/mule_eval.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace wuzha::cli {
namespace {

MuleEvalResult SmallCity() {
  MuleEvalOptions o;
  o.seed = 7;
  o.population = 20000;
  o.days = 4;
  o.threads = 1;
  auto result = RunMuleEval(o);
  EXPECT_TRUE(result.ok()) << result.error().message();
  return result.ok() ? *result : MuleEvalResult{};
}

// One run of the city (about 4 s of CPU) for every figure: CTest runs each test in its own
// process.
TEST(MuleEval, RanksTheGangsCardsAndSimsFarAboveRandom) {
  const MuleEvalResult r = SmallCity();
  std::printf("%s\n", r.ToJson().c_str());
  {
    SCOPED_TRACE("mule cards");
    const MuleRankFigures& c = r.cards;
    ASSERT_GT(c.truth, 10u);
    ASSERT_GT(c.ranked, 1000u);
    EXPECT_GE(c.precision_at_true, 0.8);
    EXPECT_GE(c.recall_at_100, 0.8);
    EXPECT_GE(c.pr_auc, 0.8);
    EXPECT_GE(c.pr_auc, 100 * c.random_pr_auc);
    EXPECT_GT(r.rented_cards, 0u);
    EXPECT_GE(r.rented_recall_at_true, 0.5);  // rented cards have no opening to give them away
  }
  {
    SCOPED_TRACE("mule SIMs");
    const MuleRankFigures& s = r.sims;
    ASSERT_GT(s.truth, 10u);
    EXPECT_GE(s.precision_at_true, 0.8);
    EXPECT_GE(s.recall_at_100, 0.8);
    EXPECT_GE(s.pr_auc, 0.8);
    EXPECT_GE(s.pr_auc, 100 * s.random_pr_auc);
  }
  {
    // Without openings the unused spare SIMs and cards cannot be found (nothing happens on
    // them); what was used still ranks high. Without device ids too, money flows and
    // calling patterns alone stay far above random.
    SCOPED_TRACE("ablations");
    EXPECT_GE(r.cards_behaviour.pr_auc, 0.6);
    EXPECT_GE(r.sims_behaviour.pr_auc, 0.45);
    EXPECT_LT(r.sims_behaviour.truth_ranked, r.sims.truth_ranked);  // spares are not seen
    EXPECT_GE(r.cards_no_devices.pr_auc, 0.3);
    EXPECT_GE(r.sims_no_devices.pr_auc, 0.3);
    EXPECT_GE(r.cards_no_devices.pr_auc, 50 * r.cards_no_devices.random_pr_auc);
    EXPECT_GE(r.sims_no_devices.pr_auc, 50 * r.sims_no_devices.random_pr_auc);
  }
  {
    SCOPED_TRACE("outlets");
    EXPECT_GT(r.complicit_outlets, 0u);
    EXPECT_GE(r.outlets_precision_at_true, 0.5);
  }
  {
    SCOPED_TRACE("daily");
    ASSERT_EQ(r.daily.size(), 4u);
    EXPECT_EQ(r.daily.back().cards_pr_auc, r.cards.pr_auc);
    EXPECT_EQ(r.daily.back().sims_precision_at_true, r.sims.precision_at_true);
    // The gangs' cards are found as they are used: the first day knows least.
    EXPECT_LT(r.daily.front().cards_pr_auc, r.daily.back().cards_pr_auc);
  }
  const std::string json = r.ToJson();
  for (const char* key :
       {"\"mule_cards\":{\"true\":", "\"mule_sims\":{\"true\":", "\"precision_at_100\":",
        "\"recall_at_100\":", "\"precision_at_true\":", "\"pr_auc\":",
        "\"behaviour_only\":{\"mule_cards\":", "\"without_devices\":",
        "\"outlets\":{\"complicit\":", "\"daily\":[{\"day\":1"})
    EXPECT_NE(json.find(key), std::string::npos) << key;
}

TEST(MuleEval, RankFiguresByHand) {
  // a and b are mules, c was never ranked, x is left out (a financier), y is clean.
  const MuleRankFigures f = RankFigures({"a", "x", "b", "y"}, {"a", "b", "c"}, {"x"});
  EXPECT_EQ(f.truth, 3u);
  EXPECT_EQ(f.ranked, 3u);
  EXPECT_EQ(f.truth_ranked, 2u);
  EXPECT_DOUBLE_EQ(f.precision_at_true, 2.0 / 3);  // top 3 = a, b, y
  EXPECT_DOUBLE_EQ(f.recall_at_true, 2.0 / 3);
  EXPECT_DOUBLE_EQ(f.precision_at_50, 2.0 / 50);  // a short ranking misses the rest
  EXPECT_DOUBLE_EQ(f.recall_at_100, 2.0 / 3);
  EXPECT_DOUBLE_EQ(f.pr_auc, (1.0 / 1 + 2.0 / 2) / 3);  // c counts as found at precision 0
  EXPECT_DOUBLE_EQ(RankFigures({"y", "a"}, {"a"}, {}).pr_auc, 0.5);
  EXPECT_EQ(RankFigures({"y"}, {}, {}).pr_auc, 0);
}

}  // namespace
}  // namespace wuzha::cli
