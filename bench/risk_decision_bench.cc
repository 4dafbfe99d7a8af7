// One transfer decided in process (src/risk/scorer.h): the streaming features over a
// city's worth of state, the built-in rules and the compiled model — what the bank's
// real-time check costs per transfer — beside the same decision with XGBoost's own
// predictor in place of the compiled trees (the library not used at serving time), in the
// same run.
//
// The state is one simulated day of a 50,000-resident city (sim seed 11, fraud scale 30):
// every event observed by a Scorer: about 39k accounts, 60 MiB of state. The model is
// trained on that day's transfers (150 trees of depth 6, as `wuzha train risk`). The
// decisions replay every 40th of the day's transfers (up to 4,096) against the
// end-of-day state (Decide records nothing, so every call sees the same state).
//   BM_Decide: Scorer::Decide; counters p50_us and p99_us are per-call latencies measured
//     one by one, items_per_second the throughput of one core.
//   BM_DecideXgboost: Extract + rules + XgbPredictor::Predict on the same rows.
//   BM_Extract: the features alone.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

#include "risk/scorer.h"
#include "risk/trainer.h"
#include "risk/training.h"
#include "sim/city.h"
#include "sim/engine.h"

namespace wuzha::risk {
namespace {

struct World {
  std::unique_ptr<Scorer> scorer;
  std::unique_ptr<XgbPredictor> xgb;
  std::vector<Event> transfers;  // replayed
};

// First pass: the training rows.
class Train : public sim::EventSink {
 public:
  Status Write(const Event& e) override {
    const bool fraud = e.type == EventType::kTransfer && e.has_label && e.label.fraud;
    builder.Add(e, nullptr, fraud ? 1.0f : 0.0f);
    return Status::Ok();
  }
  DatasetBuilder builder;
};

// Second pass (the same day again): the serving state, and every 40th transfer.
class Fill : public sim::EventSink {
 public:
  explicit Fill(World& w) : w_(w) {}
  Status Write(const Event& e) override {
    w_.scorer->Observe(e);
    if (e.type == EventType::kTransfer && ++n_ % 40 == 0 && w_.transfers.size() < 4096)
      w_.transfers.push_back(e);
    return Status::Ok();
  }

 private:
  World& w_;
  uint64_t n_ = 0;
};

// Built once and never destroyed: XGBoost's own statics may be gone by the time a
// static World would free its booster at exit.
World& TheWorld() {
  static World& world = *[] {
    auto* owned = new World;
    World& w = *owned;
    sim::CityOptions co;
    co.seed = 11;
    co.population = 50000;
    auto city = sim::City::Build(co);
    WUZHA_CHECK(city.ok());
    sim::EngineOptions eo;
    eo.seed = 11;
    eo.days = 1;
    eo.threads = 1;
    eo.fraud.scale = 30;
    Train train;
    {
      sim::Engine engine(*city, eo);
      WUZHA_CHECK(engine.Run(train).ok());
    }
    RiskTrainOptions to;
    to.rules = RuleSet::Default().get();
    auto trained = TrainRiskModel(train.builder.data(), train.builder.groups(), to);
    WUZHA_CHECK(trained.ok());
    auto model = RiskModel::FromJson(trained->model_json);
    WUZHA_CHECK(model.ok());
    auto xgb = XgbPredictor::FromJson(trained->model_json);
    WUZHA_CHECK(xgb.ok());
    w.xgb = std::make_unique<XgbPredictor>(std::move(xgb).value());
    w.scorer = std::make_unique<Scorer>(
        RuleSet::Default(), std::make_shared<const RiskModel>(std::move(model).value()));
    Fill fill(w);
    sim::Engine engine(*city, eo);
    WUZHA_CHECK(engine.Run(fill).ok());
    return owned;
  }();
  return world;
}

void BM_Decide(benchmark::State& state) {
  World& w = TheWorld();
  std::vector<double> us;
  us.reserve(1 << 20);
  size_t i = 0, stopped = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    const RiskDecision& d = w.scorer->Decide(w.transfers[i]);
    const auto t1 = std::chrono::steady_clock::now();
    stopped += d.decision >= Decision::kHold;
    if (us.size() < us.capacity())
      us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    if (++i == w.transfers.size()) i = 0;
  }
  benchmark::DoNotOptimize(stopped);
  std::sort(us.begin(), us.end());
  if (!us.empty()) {
    state.counters["p50_us"] = us[us.size() / 2];
    state.counters["p99_us"] = us[us.size() * 99 / 100];
    state.counters["max_us"] = us.back();
  }
  state.counters["accounts"] = static_cast<double>(w.scorer->features().accounts());
  state.counters["state_MiB"] =
      static_cast<double>(w.scorer->features().memory_bytes()) / (1 << 20);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Decide);

void BM_DecideXgboost(benchmark::State& state) {
  World& w = TheWorld();
  FeatureRow row;
  std::vector<uint16_t> matched;
  size_t i = 0;
  double sum = 0;
  const float hold = w.scorer->thresholds().hold;
  for (auto _ : state) {
    w.scorer->features().Extract(w.transfers[i], row);
    matched.clear();
    const Decision rules = w.scorer->rules().Evaluate(row, &matched);
    auto p = w.xgb->Predict(row);
    sum += (rules >= Decision::kHold || *p >= hold) ? 1 : 0;
    if (++i == w.transfers.size()) i = 0;
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideXgboost);

void BM_Extract(benchmark::State& state) {
  World& w = TheWorld();
  FeatureRow row;
  size_t i = 0;
  for (auto _ : state) {
    w.scorer->features().Extract(w.transfers[i], row);
    benchmark::DoNotOptimize(row.data());
    if (++i == w.transfers.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Extract);

}  // namespace
}  // namespace wuzha::risk

BENCHMARK_MAIN();
