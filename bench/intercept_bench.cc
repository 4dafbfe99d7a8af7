// The SMS verdict path, one message at a time on one core: normalize (text/normalize.h),
// scan the keyword rules (vectorscan), classify (fastText), on a mix of the simulator's
// fraud SMS (with evasions) and legitimate SMS. Per-message latency percentiles come
// from timing each call. Baselines in the same run: the keyword scan against plain
// vectorscan on the same literals with no wrapper (our wrapping should add nothing
// measurable), and the classifier alone.
#include <benchmark/benchmark.h>
#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "core/random.h"
#include "intercept/sms_classifier.h"
#include "intercept/sms_rules.h"
#include "sim/text_gen.h"
#include "text/normalize.h"

namespace wuzha::intercept {
namespace {

std::vector<std::string> Messages() {
  static const std::vector<std::string> messages = [] {
    std::vector<std::string> out;
    Rng rng(42);
    for (int i = 0; i < 2000; ++i) {
      if (i % 3 == 0) {
        sim::FraudSmsInput in;
        in.type = static_cast<FraudType>(rng.Uniform(kFraudTypeCount));
        in.url = "http://icbc-refund.top/r/8KQ2";
        out.push_back(sim::FraudSms(in, 0.5, rng));
      } else {
        out.push_back(sim::LegitSms(static_cast<sim::LegitSmsKind>(rng.Uniform(sim::kLegitSmsKindCount)), rng));
      }
    }
    return out;
  }();
  return messages;
}

const SmsClassifier& Model() {
  static const SmsClassifier* model = [] {
    std::vector<LabeledText> rows;
    Rng rng(7);
    for (int i = 0; i < 3000; ++i) {
      if (i % 2 == 0) {
        sim::FraudSmsInput in;
        in.type = static_cast<FraudType>(rng.Uniform(kFraudTypeCount));
        rows.push_back({std::string(FraudTypeName(in.type)), sim::FraudSms(in, 0.3, rng)});
      } else {
        rows.push_back({"0", sim::LegitSms(static_cast<sim::LegitSmsKind>(rng.Uniform(sim::kLegitSmsKindCount)), rng)});
      }
    }
    ClassifierOptions o;
    o.epoch = 10;
    return new SmsClassifier(SmsClassifier::Train(rows, o).value());
  }();
  return *model;
}

void ReportLatency(benchmark::State& state, std::vector<double>& ns) {
  std::sort(ns.begin(), ns.end());
  if (ns.empty()) return;
  state.counters["p50_us"] = ns[ns.size() / 2] / 1000;
  state.counters["p99_us"] = ns[ns.size() * 99 / 100] / 1000;
}

void BM_SmsVerdict(benchmark::State& state) {
  const auto& messages = Messages();
  const SmsClassifier& model = Model();
  auto rules = SmsRules::Build().value();
  std::string normalized;
  std::vector<double> ns;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& m = messages[i++ % messages.size()];
    const auto t0 = std::chrono::steady_clock::now();
    text::NormalizeInto(m, normalized);
    RuleHit hit = rules.Scan(normalized);
    Prediction p = model.PredictNormalized(normalized);
    benchmark::DoNotOptimize(hit);
    benchmark::DoNotOptimize(p);
    ns.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count());
    bytes += m.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  ReportLatency(state, ns);
}
BENCHMARK(BM_SmsVerdict);

void BM_ClassifierOnly(benchmark::State& state) {
  const auto& messages = Messages();
  const SmsClassifier& model = Model();
  std::vector<std::string> normalized;
  for (const auto& m : messages) normalized.push_back(text::Normalize(m));
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(model.PredictNormalized(normalized[i++ % normalized.size()]));
}
BENCHMARK(BM_ClassifierOnly);

void BM_KeywordScan(benchmark::State& state) {
  std::vector<std::string> normalized;
  for (const auto& m : Messages()) normalized.push_back(text::Normalize(m));
  auto rules = SmsRules::Build().value();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& m = normalized[i++ % normalized.size()];
    benchmark::DoNotOptimize(rules.Scan(m));
    bytes += m.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_KeywordScan);

// Baseline: the same keywords in a vectorscan literal database with no wrapper,
// counting matches.
void BM_PlainVectorscanBaseline(benchmark::State& state) {
  std::vector<std::string> normalized;
  for (const auto& m : Messages()) normalized.push_back(text::Normalize(m));
  auto rules = SmsRules::Build().value();
  std::vector<std::string> words(rules.keywords().begin(), rules.keywords().end());
  std::vector<const char*> lits;
  std::vector<size_t> lens;
  std::vector<unsigned> flags, ids;
  for (size_t k = 0; k < words.size(); ++k) {
    lits.push_back(words[k].c_str());
    lens.push_back(words[k].size());
    flags.push_back(HS_FLAG_SINGLEMATCH);
    ids.push_back(static_cast<unsigned>(k));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  hs_compile_lit_multi(lits.data(), flags.data(), ids.data(), lens.data(),
                       static_cast<unsigned>(lits.size()), HS_MODE_BLOCK, nullptr, &db, &err);
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& m = normalized[i++ % normalized.size()];
    int count = 0;
    hs_scan(db, m.data(), static_cast<unsigned>(m.size()), 0, scratch,
            [](unsigned, unsigned long long, unsigned long long, unsigned, void* c) {
              ++*static_cast<int*>(c);
              return 0;
            },
            &count);
    benchmark::DoNotOptimize(count);
    bytes += m.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  hs_free_scratch(scratch);
  hs_free_database(db);
}
BENCHMARK(BM_PlainVectorscanBaseline);

}  // namespace
}  // namespace wuzha::intercept

BENCHMARK_MAIN();
