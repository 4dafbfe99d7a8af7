// The SMS verdict path, one message at a time on one core: normalize (text/normalize.h),
// scan the keyword rules (vectorscan), classify (fastText model, our inference), on a mix
// of the simulator's fraud SMS (with evasions) and legitimate SMS. Per-message latency
// percentiles come from timing each call. Baselines measured in the same run, reported
// as counters beside the figure:
//   - the verdict: the straightforward path (NormalizeReference, Scan with its RuleHit,
//     fastText's own predictLine), its p50/p99 on the same messages;
//   - the keyword scan: plain vectorscan on the same literals with no wrapper
//     (plain_over_ours >= 1 means our wrapping costs nothing);
//   - the classifier: fastText's predictLine on the same text.
// Ratios come from alternating batches of both sides, so load on the machine hits both.
#include <benchmark/benchmark.h>
#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "core/random.h"
#include "core/utf8.h"
#include "intercept/sms_classifier.h"
#include "intercept/sms_rules.h"
#include "sim/text_gen.h"
#include "text/normalize.h"

namespace wuzha::intercept {
namespace {

using Clock = std::chrono::steady_clock;

const std::vector<std::string>& Messages() {
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
        out.push_back(sim::LegitSms(
            static_cast<sim::LegitSmsKind>(rng.Uniform(sim::kLegitSmsKindCount)), rng));
      }
    }
    return out;
  }();
  return messages;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) DecodeUtf8(s, i);
  return n;
}

// The same messages cut or extended (by the next message) to exactly 70 code points: the
// length the interception issue's latency target names.
const std::vector<std::string>& Messages70() {
  static const std::vector<std::string> messages = [] {
    const auto& all = Messages();
    std::vector<std::string> out;
    for (size_t m = 0; m < all.size(); ++m) {
      std::string text;
      size_t n = 0;
      for (size_t k = m; n < 70; k = (k + 1) % all.size()) {
        const std::string& s = all[k];
        for (size_t i = 0; i < s.size() && n < 70; ++n) {
          const size_t start = i;
          DecodeUtf8(s, i);
          text.append(s, start, i - start);
        }
      }
      out.push_back(std::move(text));
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
        rows.push_back(
            {"0", sim::LegitSms(
                      static_cast<sim::LegitSmsKind>(rng.Uniform(sim::kLegitSmsKindCount)), rng)});
      }
    }
    ClassifierOptions o;
    o.epoch = 10;
    return new SmsClassifier(SmsClassifier::Train(rows, o).value());
  }();
  return *model;
}

const SmsRules& Rules() {
  static const SmsRules* rules = new SmsRules(SmsRules::Build().value());
  return *rules;
}

double Percentile(std::vector<double>& ns, double q) {
  if (ns.empty()) return 0;
  std::sort(ns.begin(), ns.end());
  return ns[static_cast<size_t>(static_cast<double>(ns.size() - 1) * q)] / 1000;
}

void ReportLatency(benchmark::State& state, std::vector<double>& ns, const char* prefix = "") {
  state.counters[std::string(prefix) + "p50_us"] = Percentile(ns, 0.5);
  state.counters[std::string(prefix) + "p99_us"] = Percentile(ns, 0.99);
}

// Nanoseconds of f(m) for every message, `rounds` times over.
template <typename F>
double BatchNs(const std::vector<std::string>& messages, int rounds, F&& f) {
  const auto t0 = Clock::now();
  for (int r = 0; r < rounds; ++r)
    for (const std::string& m : messages) f(m);
  return std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
}

// Baseline time over ours for the same messages: the median over rounds of one batch
// of each, alternating, so that load on the machine (or a pause of the process) weighs
// on both sides alike and an outlier round does not count.
template <typename Ours, typename Base>
double SpeedRatio(const std::vector<std::string>& messages, int rounds, Ours&& ours, Base&& base) {
  std::vector<double> ratios;
  for (int r = 0; r < rounds; ++r) {
    const double ours_ns = BatchNs(messages, 1, ours);
    ratios.push_back(BatchNs(messages, 1, base) / ours_ns);
  }
  std::sort(ratios.begin(), ratios.end());
  return ratios[ratios.size() / 2];
}

// The verdict through the straightforward path, one latency sample per message.
std::vector<double> BaselineVerdictNs(const std::vector<std::string>& messages) {
  const SmsClassifier& model = Model();
  std::vector<double> ns;
  for (const std::string& m : messages) {
    const auto t0 = Clock::now();
    const std::string normalized = text::NormalizeReference(m);
    RuleHit hit = Rules().Scan(normalized);
    Prediction p = model.PredictWithFastText(normalized);
    benchmark::DoNotOptimize(hit);
    benchmark::DoNotOptimize(p);
    ns.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count());
  }
  return ns;
}

void Verdict(benchmark::State& state, const std::vector<std::string>& messages) {
  const SmsClassifier& model = Model();
  const SmsRules& rules = Rules();
  std::string normalized;
  std::vector<double> ns;
  ns.reserve(1 << 20);
  size_t i = 0, bytes = 0, chars = 0;
  for (auto _ : state) {
    const std::string& m = messages[i++ % messages.size()];
    const auto t0 = Clock::now();
    text::NormalizeInto(m, normalized);
    RuleMatch hit = rules.Match(normalized);
    Prediction p = model.PredictNormalized(normalized);
    benchmark::DoNotOptimize(hit);
    benchmark::DoNotOptimize(p);
    if (ns.size() < (1 << 20)) {
      ns.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count());
    }
    bytes += m.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  ReportLatency(state, ns);
  for (const std::string& m : messages) chars += CodePoints(m);
  state.counters["chars_per_msg"] =
      static_cast<double>(chars) / static_cast<double>(messages.size());
  std::vector<double> base = BaselineVerdictNs(messages);
  const double base_p50 = Percentile(base, 0.5), base_p99 = Percentile(base, 0.99);
  state.counters["baseline_p50_us"] = base_p50;
  state.counters["baseline_p99_us"] = base_p99;
  state.counters["p50_speedup"] = base_p50 / Percentile(ns, 0.5);
}

void BM_SmsVerdict(benchmark::State& state) { Verdict(state, Messages()); }
BENCHMARK(BM_SmsVerdict);

// The target's case: 70-character messages.
void BM_SmsVerdict70Chars(benchmark::State& state) { Verdict(state, Messages70()); }
BENCHMARK(BM_SmsVerdict70Chars);

// The verdict's parts on the 70-character messages, for the breakdown.
void BM_NormalizeOnly70Chars(benchmark::State& state) {
  std::vector<std::string> messages = Messages70();
  if (state.range(0) > 0) messages.resize(static_cast<size_t>(state.range(0)));
  std::string out;
  size_t i = 0;
  for (auto _ : state) {
    text::NormalizeInto(messages[i++ % messages.size()], out);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_NormalizeOnly70Chars)->Arg(0)->Arg(16);

void BM_ClassifierOnly70Chars(benchmark::State& state) {
  std::vector<std::string> normalized;
  for (const auto& m : Messages70()) normalized.push_back(text::Normalize(m));
  if (state.range(0) > 0) normalized.resize(static_cast<size_t>(state.range(0)));
  const SmsClassifier& model = Model();
  size_t i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(model.PredictNormalized(normalized[i++ % normalized.size()]));
}
BENCHMARK(BM_ClassifierOnly70Chars)->Arg(0)->Arg(16);

std::vector<std::string> Normalized() {
  std::vector<std::string> normalized;
  for (const auto& m : Messages()) normalized.push_back(text::Normalize(m));
  return normalized;
}

void BM_ClassifierOnly(benchmark::State& state) {
  const SmsClassifier& model = Model();
  const std::vector<std::string> normalized = Normalized();
  size_t i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(model.PredictNormalized(normalized[i++ % normalized.size()]));
  state.counters["speedup_vs_fasttext"] = SpeedRatio(
      normalized, 3,
      [&](const std::string& m) { benchmark::DoNotOptimize(model.PredictNormalized(m)); },
      [&](const std::string& m) { benchmark::DoNotOptimize(model.PredictWithFastText(m)); });
}
BENCHMARK(BM_ClassifierOnly);

// The same keywords in a vectorscan literal database with no wrapper, counting matches.
class PlainVectorscan {
 public:
  PlainVectorscan() {
    std::vector<std::string> words(Rules().keywords().begin(), Rules().keywords().end());
    std::vector<const char*> lits;
    std::vector<size_t> lens;
    std::vector<unsigned> flags, ids;
    for (size_t k = 0; k < words.size(); ++k) {
      lits.push_back(words[k].c_str());
      lens.push_back(words[k].size());
      flags.push_back(HS_FLAG_SINGLEMATCH);
      ids.push_back(static_cast<unsigned>(k));
    }
    hs_compile_error_t* err = nullptr;
    hs_compile_lit_multi(lits.data(), flags.data(), ids.data(), lens.data(),
                         static_cast<unsigned>(lits.size()), HS_MODE_BLOCK, nullptr, &db_, &err);
    hs_alloc_scratch(db_, &scratch_);
  }
  ~PlainVectorscan() {
    hs_free_scratch(scratch_);
    hs_free_database(db_);
  }
  int Count(const std::string& m) const {
    int count = 0;
    hs_scan(
        db_, m.data(), static_cast<unsigned>(m.size()), 0, scratch_,
        [](unsigned, unsigned long long, unsigned long long, unsigned, void* c) {
          ++*static_cast<int*>(c);
          return 0;
        },
        &count);
    return count;
  }

 private:
  hs_database_t* db_ = nullptr;
  hs_scratch_t* scratch_ = nullptr;
};

void BM_KeywordScan(benchmark::State& state) {
  const std::vector<std::string> normalized = Normalized();
  const SmsRules& rules = Rules();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& m = normalized[i++ % normalized.size()];
    benchmark::DoNotOptimize(rules.Match(m));
    bytes += m.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  const PlainVectorscan plain;
  state.counters["plain_over_ours"] = SpeedRatio(
      normalized, 200, [&](const std::string& m) { benchmark::DoNotOptimize(rules.Match(m)); },
      [&](const std::string& m) { benchmark::DoNotOptimize(plain.Count(m)); });
}
BENCHMARK(BM_KeywordScan);

// Scan, the allocating form (a RuleHit with strings), for comparison with Match.
void BM_KeywordScanRuleHit(benchmark::State& state) {
  const std::vector<std::string> normalized = Normalized();
  const SmsRules& rules = Rules();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& m = normalized[i++ % normalized.size()];
    benchmark::DoNotOptimize(rules.Scan(m));
    bytes += m.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_KeywordScanRuleHit);

void BM_PlainVectorscanBaseline(benchmark::State& state) {
  const std::vector<std::string> normalized = Normalized();
  const PlainVectorscan plain;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& m = normalized[i++ % normalized.size()];
    benchmark::DoNotOptimize(plain.Count(m));
    bytes += m.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_PlainVectorscanBaseline);

}  // namespace
}  // namespace wuzha::intercept

BENCHMARK_MAIN();
