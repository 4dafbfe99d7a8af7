#include "cli/mule_eval.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <unordered_set>

#include "risk/mules.h"
#include "sim/city.h"
#include "sim/source.h"

namespace wuzha::cli {

namespace {

constexpr int64_t kDayMs = 86400000;

int SimThreads(int requested) {
  if (requested > 0) return requested;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int64_t ShanghaiDay(int64_t ms) { return (ms + Timestamp::kShanghaiOffsetMs) / kDayMs; }

std::vector<std::string> Ids(const std::vector<risk::MuleScore>& scores) {
  std::vector<std::string> ids;
  ids.reserve(scores.size());
  for (const auto& s : scores) ids.push_back(s.id);
  return ids;
}

std::string FiguresJson(const MuleRankFigures& f) {
  return fmt::format(
      "\"true\":{},\"ranked\":{},\"true_ranked\":{},\"precision_at_50\":{:.4f},"
      "\"recall_at_50\":{:.4f},\"precision_at_100\":{:.4f},\"recall_at_100\":{:.4f},"
      "\"precision_at_true\":{:.4f},\"recall_at_true\":{:.4f},\"pr_auc\":{:.4f},"
      "\"random_pr_auc\":{:.4f}",
      f.truth, f.ranked, f.truth_ranked, f.precision_at_50, f.recall_at_50, f.precision_at_100,
      f.recall_at_100, f.precision_at_true, f.recall_at_true, f.pr_auc, f.random_pr_auc);
}

// The truth: layer 1-3 accounts, layer 0 (financiers' own), accounts never opened in the
// run (rented), and every SIM.
struct MuleTruth {
  std::vector<std::string> cards, financiers, rented, sims;
  std::unordered_set<std::string> outlets;
};

MuleTruth TruthOf(const sim::Truth& truth) {
  MuleTruth t;
  std::unordered_set<std::string> cards, financiers, sims;
  for (const auto& g : truth.gangs) {
    for (const auto& a : g.accounts) {
      if (a.layer == 0) {
        financiers.insert(a.account);
      } else if (cards.insert(a.account).second && a.outlet.empty()) {
        t.rented.push_back(a.account);
      }
    }
    for (const auto& n : g.numbers) sims.insert(n);
    t.outlets.insert(g.outlets.begin(), g.outlets.end());
  }
  // A financier's account that also served as a layer card counts as a card.
  for (const auto& f : financiers)
    if (!cards.count(f)) t.financiers.push_back(f);
  t.cards.assign(cards.begin(), cards.end());
  t.sims.assign(sims.begin(), sims.end());
  std::sort(t.cards.begin(), t.cards.end());
  std::sort(t.sims.begin(), t.sims.end());
  std::sort(t.financiers.begin(), t.financiers.end());
  return t;
}

// Of the rented mule cards, the share in the top k = true mule cards (financiers left out).
double RentedRecall(const std::vector<std::string>& ranking, const MuleTruth& truth) {
  if (truth.rented.empty()) return 0;
  const std::unordered_set<std::string> rented(truth.rented.begin(), truth.rented.end());
  const std::unordered_set<std::string> skip(truth.financiers.begin(), truth.financiers.end());
  uint64_t seen = 0, found = 0;
  for (const std::string& id : ranking) {
    if (skip.count(id)) continue;
    if (++seen > truth.cards.size()) break;
    found += rented.count(id);
  }
  return static_cast<double>(found) / static_cast<double>(rented.size());
}

struct DayRanking {
  std::vector<std::string> cards, sims, outlets;
};

double OutletPrecision(const std::vector<std::string>& ranking, const MuleTruth& truth) {
  if (truth.outlets.empty()) return 0;
  uint64_t found = 0;
  for (size_t k = 0; k < ranking.size() && k < truth.outlets.size(); ++k)
    found += truth.outlets.count(ranking[k]);
  return static_cast<double>(found) / static_cast<double>(truth.outlets.size());
}

// Midnight (Asia/Shanghai) starting `day`.
Timestamp DayStart(int64_t day) {
  return Timestamp::FromMillis(day * kDayMs - Timestamp::kShanghaiOffsetMs);
}

}  // namespace

MuleRankFigures RankFigures(const std::vector<std::string>& ranking,
                            const std::vector<std::string>& truth,
                            const std::vector<std::string>& excluded) {
  const std::unordered_set<std::string> positive(truth.begin(), truth.end());
  const std::unordered_set<std::string> skip(excluded.begin(), excluded.end());
  MuleRankFigures f;
  f.truth = positive.size();
  const uint64_t k_true = f.truth;
  uint64_t hits = 0, at50 = 0, at100 = 0, at_true = 0;
  double ap = 0;
  for (const std::string& id : ranking) {
    if (skip.count(id)) continue;
    ++f.ranked;
    if (positive.count(id)) {
      ++hits;
      ap += static_cast<double>(hits) / static_cast<double>(f.ranked);
    }
    if (f.ranked == 50) at50 = hits;
    if (f.ranked == 100) at100 = hits;
    if (f.ranked == k_true) at_true = hits;
  }
  // A ranking shorter than k: what it has is all there is.
  if (f.ranked < 50) at50 = hits;
  if (f.ranked < 100) at100 = hits;
  if (f.ranked < k_true) at_true = hits;
  f.truth_ranked = hits;
  if (f.truth == 0) return f;
  const double t = static_cast<double>(f.truth);
  f.precision_at_50 = at50 / 50.0;
  f.recall_at_50 = at50 / t;
  f.precision_at_100 = at100 / 100.0;
  f.recall_at_100 = at100 / t;
  f.precision_at_true = at_true / t;
  f.recall_at_true = at_true / t;
  f.pr_auc = ap / t;
  f.random_pr_auc =
      f.ranked ? static_cast<double>(hits) / static_cast<double>(f.ranked) * (hits / t) : 0;
  return f;
}

std::string MuleEvalResult::ToJson() const {
  std::string daily_json;
  for (const auto& d : daily) {
    if (!daily_json.empty()) daily_json += ",";
    daily_json += fmt::format(
        "{{\"day\":{},\"cards_precision_at_true\":{:.4f},\"cards_pr_auc\":{:.4f},"
        "\"sims_precision_at_true\":{:.4f},\"sims_pr_auc\":{:.4f}}}",
        d.day, d.cards_precision_at_true, d.cards_pr_auc, d.sims_precision_at_true, d.sims_pr_auc);
  }
  return fmt::format(
      "{{\"seed\":{},\"population\":{},\"days\":{},\"fraud_scale\":{},"
      "\"mule_cards\":{{{},\"rented\":{},\"rented_recall_at_true\":{:.4f}}},"
      "\"mule_sims\":{{{}}},"
      "\"behaviour_only\":{{\"mule_cards\":{{{}}},\"mule_sims\":{{{}}}}},"
      "\"without_devices\":{{\"mule_cards\":{{{}}},\"mule_sims\":{{{}}}}},"
      "\"outlets\":{{\"complicit\":{},\"precision_at_true\":{:.4f}}},"
      "\"daily\":[{}],\"events\":{},\"seconds\":{:.1f}}}",
      options.seed, options.population, options.days, options.fraud_scale, FiguresJson(cards),
      rented_cards, rented_recall_at_true, FiguresJson(sims), FiguresJson(cards_behaviour),
      FiguresJson(sims_behaviour), FiguresJson(cards_no_devices), FiguresJson(sims_no_devices),
      complicit_outlets, outlets_precision_at_true, daily_json, events, seconds);
}

Result<MuleEvalResult> RunMuleEval(const MuleEvalOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  MuleEvalResult result;
  result.options = options;

  sim::CityOptions co;
  co.seed = options.seed;
  co.population = options.population;
  WUZHA_ASSIGN_OR_RETURN(sim::City city, sim::City::Build(co));
  sim::EngineOptions eo;
  eo.seed = options.seed;
  eo.days = options.days;
  eo.threads = SimThreads(options.threads);
  eo.fraud.scale = options.fraud_scale;
  sim::Source source(city, eo);

  risk::MuleScorer scorer;
  risk::MuleScorerOptions ablation;
  ablation.use_openings = false;
  risk::MuleScorer behaviour(ablation);
  ablation.use_devices = false;
  risk::MuleScorer no_devices(ablation);

  // Each day's ranking, ids only: the truth is asked for at the end.
  std::vector<DayRanking> days;
  auto rank_day = [&](int64_t day) {
    const risk::MuleRanking r = scorer.Rank(DayStart(day));
    std::vector<std::string> outlets;
    for (const auto& o : r.outlets) outlets.push_back(o.outlet);
    days.push_back({Ids(r.accounts), Ids(r.sims), std::move(outlets)});
    if (options.progress)
      options.progress(fmt::format("day {} ranked: {} accounts, {} numbers", days.size(),
                                   r.accounts.size(), r.sims.size()));
  };
  Event e;
  int64_t day = INT64_MIN;
  while (true) {
    WUZHA_ASSIGN_OR_RETURN(bool more, source.Next(e));
    if (!more) break;
    const int64_t d = ShanghaiDay(e.ts.millis());
    if (day != INT64_MIN && d != day) rank_day(d);
    day = d;
    ++result.events;
    WUZHA_RETURN_IF_ERROR(scorer.Observe(e));
    WUZHA_RETURN_IF_ERROR(behaviour.Observe(e));
    WUZHA_RETURN_IF_ERROR(no_devices.Observe(e));
  }
  if (day == INT64_MIN) return result;  // no events: nothing to rank
  rank_day(day + 1);

  const MuleTruth truth = TruthOf(source.engine().truth());
  for (size_t i = 0; i < days.size(); ++i) {
    const MuleRankFigures c = RankFigures(days[i].cards, truth.cards, truth.financiers);
    const MuleRankFigures s = RankFigures(days[i].sims, truth.sims, {});
    result.daily.push_back(
        {static_cast<int>(i + 1), c.precision_at_true, s.precision_at_true, c.pr_auc, s.pr_auc});
  }
  result.cards = RankFigures(days.back().cards, truth.cards, truth.financiers);
  result.sims = RankFigures(days.back().sims, truth.sims, {});
  result.rented_cards = truth.rented.size();
  result.rented_recall_at_true = RentedRecall(days.back().cards, truth);
  result.complicit_outlets = truth.outlets.size();
  result.outlets_precision_at_true = OutletPrecision(days.back().outlets, truth);
  const risk::MuleRanking b = behaviour.Rank(DayStart(day + 1));
  result.cards_behaviour = RankFigures(Ids(b.accounts), truth.cards, truth.financiers);
  result.sims_behaviour = RankFigures(Ids(b.sims), truth.sims, {});
  const risk::MuleRanking n = no_devices.Rank(DayStart(day + 1));
  result.cards_no_devices = RankFigures(Ids(n.accounts), truth.cards, truth.financiers);
  result.sims_no_devices = RankFigures(Ids(n.sims), truth.sims, {});
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace wuzha::cli
