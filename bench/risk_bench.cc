// The transfer-risk model's evaluator (src/risk/tree_model.h) beside XGBoost's own
// predictor and beside the straightforward evaluator, in the same run, on one model:
// 200 trees of depth 6 over 30 features trained by XGBoost (hist, eta 0.1) on the
// synthetic transfers of tests/risk/synthetic_data.h, scoring 4,096 other rows of which
// about a third have a missing value.
//   single row: TreeModel::Predict vs XgbPredictor::Predict (XGBoosterPredictFromDense
//     with a reused proxy DMatrix, XGBoost's fastest one-row path, one thread) vs a
//     tree-at-a-time walk of XGBoost's own node arrays (left/right child, branch per
//     node: what one writes first);
//   batch of 1,000 rows: TreeModel::PredictBatch vs XgbPredictor::PredictBatch (one
//     thread) vs TreeModel::Predict row after row.
// Each TreeModel benchmark reports `speedup_vs_*`: the baseline's time over ours, both in
// this thread's CPU time, in alternating blocks of passes within the same run
// (SameRunSpeedup), steadier than absolute times on a busy machine.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../tests/risk/synthetic_data.h"
#include "risk/trainer.h"
#include "risk/tree_model.h"

namespace wuzha::risk {
namespace {

constexpr size_t kFeatures = 30;
constexpr size_t kQueryRows = 4096;
constexpr size_t kBatchRows = 1000;

double ThreadCpuNs() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

// The median CPU time of one `pass` of `baseline` over the median of one of `ours`, from
// alternating blocks of passes (the first pass of a block warms the caches and is not
// counted). Each pass returns a checksum, summed so nothing is elided.
template <typename Ours, typename Baseline>
double SameRunSpeedup(Ours&& ours, Baseline&& baseline, int blocks = 10, int passes = 6) {
  std::vector<double> ours_ns, baseline_ns;
  double checksum = 0;
  auto block = [&](auto& pass, std::vector<double>& out) {
    for (int i = 0; i <= passes; ++i) {
      const double t0 = ThreadCpuNs();
      checksum += pass();
      if (i > 0) out.push_back(ThreadCpuNs() - t0);
    }
  };
  for (int b = 0; b < blocks; ++b) {
    block(ours, ours_ns);
    block(baseline, baseline_ns);
  }
  benchmark::DoNotOptimize(checksum);
  auto median = [](std::vector<double>& v) {
    std::nth_element(v.begin(), v.begin() + static_cast<ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
  };
  return median(baseline_ns) / median(ours_ns);
}

// The evaluator one writes first: XGBoost's arrays as they are in the JSON, one tree
// after another, a branch per node until a leaf.
class NaiveForest {
 public:
  NaiveForest(const std::string& json, float base_margin) : base_margin_(base_margin) {
    const auto model = nlohmann::json::parse(json);
    for (const auto& t : model["learner"]["gradient_booster"]["model"]["trees"]) {
      Tree tree;
      tree.left = t["left_children"].get<std::vector<int>>();
      tree.right = t["right_children"].get<std::vector<int>>();
      tree.feature = t["split_indices"].get<std::vector<int>>();
      tree.threshold = t["split_conditions"].get<std::vector<float>>();
      tree.default_left = t["default_left"].get<std::vector<int>>();
      trees_.push_back(std::move(tree));
    }
  }

  float Predict(const float* row) const {
    float margin = base_margin_;
    for (const Tree& t : trees_) {
      int n = 0;
      while (t.left[n] != -1) {
        const float x = row[t.feature[n]];
        n = std::isnan(x) ? (t.default_left[n] ? t.left[n] : t.right[n])
                          : (x < t.threshold[n] ? t.left[n] : t.right[n]);
      }
      margin += t.threshold[n];
    }
    return 1.0f / (1.0f + std::exp(-margin));
  }

 private:
  struct Tree {
    std::vector<int> left, right, feature, default_left;
    std::vector<float> threshold;
  };
  std::vector<Tree> trees_;
  float base_margin_;
};

struct Workload {
  TreeModel model;
  XgbPredictor xgboost;
  NaiveForest naive;
  std::vector<float> rows;  // kQueryRows x kFeatures
};

Workload& Work() {
  static Workload* w = [] {
    const Dataset train = testing::SyntheticTransfers(10'000, kFeatures, 7);
    TrainParams params;  // 200 rounds, depth 6, hist, one thread
    params.eta = 0.1;
    auto json = TrainGbt(train, params);
    if (!json.ok()) {
      fprintf(stderr, "train: %s\n", json.status().ToString().c_str());
      std::abort();
    }
    auto model = TreeModel::FromJson(*json);
    auto xgboost = XgbPredictor::FromJson(*json, /*nthread=*/1);
    if (!model.ok() || !xgboost.ok()) std::abort();
    const float base = model->base_margin();
    auto* w = new Workload{std::move(*model), std::move(*xgboost), NaiveForest(*json, base),
                           testing::SyntheticTransfers(kQueryRows, kFeatures, 99).features};
    return w;
  }();
  return *w;
}

const float* QueryRow(size_t i) { return Work().rows.data() + (i % kQueryRows) * kFeatures; }

// One pass = 256 single-row predictions, each from a different row.
constexpr size_t kPassRows = 256;

double OursSinglePass(size_t& next) {
  double sum = 0;
  for (size_t i = 0; i < kPassRows; ++i) {
    sum += Work().model.Predict({QueryRow(next++), kFeatures});
  }
  return sum;
}

double XgboostSinglePass(size_t& next) {
  double sum = 0;
  for (size_t i = 0; i < kPassRows; ++i) {
    sum += Work().xgboost.Predict({QueryRow(next++), kFeatures}).value_or(0.0f);
  }
  return sum;
}

double NaiveSinglePass(size_t& next) {
  double sum = 0;
  for (size_t i = 0; i < kPassRows; ++i) sum += Work().naive.Predict(QueryRow(next++));
  return sum;
}

void SetModelCounters(benchmark::State& state) {
  state.counters["trees"] = static_cast<double>(Work().model.num_trees());
  state.counters["depth"] = Work().model.max_depth();
  state.counters["features"] = kFeatures;
}

void BM_SingleRow_TreeModel(benchmark::State& state) {
  Workload& w = Work();
  size_t next = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(w.model.Predict({QueryRow(next++), kFeatures}));
  }
  SetModelCounters(state);
  size_t a = 0, b = 0, c = 0, d = 0;
  state.counters["speedup_vs_xgboost"] =
      SameRunSpeedup([&] { return OursSinglePass(a); }, [&] { return XgboostSinglePass(b); });
  state.counters["speedup_vs_naive"] =
      SameRunSpeedup([&] { return OursSinglePass(c); }, [&] { return NaiveSinglePass(d); });
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_SingleRow_TreeModel);

void BM_SingleRow_XgboostProxy(benchmark::State& state) {
  Workload& w = Work();
  size_t next = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(w.xgboost.Predict({QueryRow(next++), kFeatures}));
  }
  SetModelCounters(state);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_SingleRow_XgboostProxy);

void BM_SingleRow_NaiveWalk(benchmark::State& state) {
  Workload& w = Work();
  size_t next = 0;
  for (auto _ : state) benchmark::DoNotOptimize(w.naive.Predict(QueryRow(next++)));
  SetModelCounters(state);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_SingleRow_NaiveWalk);

// Batches of kBatchRows consecutive query rows, starting at a rotating offset.
std::span<const float> Batch(size_t& next) {
  const size_t start = (next++ * 97) % (kQueryRows - kBatchRows);
  return std::span<const float>(Work().rows).subspan(start * kFeatures, kBatchRows * kFeatures);
}

double OursBatchPass(size_t& next, std::vector<float>& out) {
  Work().model.PredictBatch(Batch(next), out);
  return out[0] + out[kBatchRows - 1];
}

double XgboostBatchPass(size_t& next, std::vector<float>& out) {
  if (!Work().xgboost.PredictBatch(Batch(next), out).ok()) std::abort();
  return out[0] + out[kBatchRows - 1];
}

double OursRowByRowPass(size_t& next, std::vector<float>& out) {
  const auto rows = Batch(next);
  for (size_t i = 0; i < kBatchRows; ++i) {
    out[i] = Work().model.Predict(rows.subspan(i * kFeatures, kFeatures));
  }
  return out[0] + out[kBatchRows - 1];
}

void BM_Batch1000_TreeModel(benchmark::State& state) {
  Work();  // trains the model outside the timed loop
  std::vector<float> out(kBatchRows), other(kBatchRows);
  size_t next = 0;
  for (auto _ : state) {
    OursBatchPass(next, out);
    benchmark::ClobberMemory();
  }
  SetModelCounters(state);
  size_t a = 0, b = 0, c = 0, d = 0;
  state.counters["speedup_vs_xgboost"] = SameRunSpeedup(
      [&] { return OursBatchPass(a, out); }, [&] { return XgboostBatchPass(b, other); }, 8, 4);
  state.counters["speedup_vs_row_by_row"] = SameRunSpeedup(
      [&] { return OursBatchPass(c, out); }, [&] { return OursRowByRowPass(d, other); }, 8, 4);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatchRows));
}
BENCHMARK(BM_Batch1000_TreeModel);

void BM_Batch1000_Xgboost(benchmark::State& state) {
  Work();
  std::vector<float> out(kBatchRows);
  size_t next = 0;
  for (auto _ : state) {
    XgboostBatchPass(next, out);
    benchmark::ClobberMemory();
  }
  SetModelCounters(state);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatchRows));
}
BENCHMARK(BM_Batch1000_Xgboost);

void BM_Batch1000_TreeModelRowByRow(benchmark::State& state) {
  Work();
  std::vector<float> out(kBatchRows);
  size_t next = 0;
  for (auto _ : state) {
    OursRowByRowPass(next, out);
    benchmark::ClobberMemory();
  }
  SetModelCounters(state);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatchRows));
}
BENCHMARK(BM_Batch1000_TreeModelRowByRow);

}  // namespace
}  // namespace wuzha::risk

BENCHMARK_MAIN();
