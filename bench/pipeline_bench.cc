// Events per second through the pipeline with a trivial stage, at 1 and 2 worker
// threads, beside the baseline of the same stage called in a plain loop over the same
// events (same per-event copy, no partitioning, queues, reordering or merge). The
// overhead of the pipeline is the ratio of the two items_per_second figures.
//
// Args: {threads, lines}: threads 0 is the baseline; lines 1 makes the stage emit one
// output line per event (so the merge and the sink are exercised), 0 none.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/event.h"
#include "pipeline/pipeline.h"

namespace wuzha::pipeline {
namespace {

constexpr size_t kEvents = 1 << 17;
constexpr size_t kSubjects = 2000;

// Calls over kSubjects callers, event time advancing 50 ms per event with up to 3
// minutes of backward jitter: in order within the default 5-minute watermark.
const std::vector<Event>& Events() {
  static const std::vector<Event> events = [] {
    std::vector<Event> out;
    uint64_t x = 88172645463325252ull;  // xorshift64: same events on every platform
    auto next = [&] {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      return x;
    };
    for (size_t i = 0; i < kEvents; ++i) {
      Event e;
      e.Reset(EventType::kCall);
      char phone[32];
      std::snprintf(phone, sizeof(phone), "86138%08llu",
                    static_cast<unsigned long long>(next() % kSubjects));
      e.as<CallEvent>().caller = phone;
      e.as<CallEvent>().callee = "8613900000000";
      e.as<CallEvent>().duration_s = static_cast<int64_t>(next() % 300);
      e.ts = Timestamp::FromMillis(1714521600000 + static_cast<int64_t>(i) * 50 -
                                   static_cast<int64_t>(next() % 180000));
      e.seq = i;
      out.push_back(std::move(e));
    }
    return out;
  }();
  return events;
}

// Counts events and call seconds; optionally emits one short line per event.
class TrivialStage final : public Stage {
 public:
  explicit TrivialStage(bool lines) : lines_(lines) {}
  std::string_view name() const override { return "trivial"; }
  void Process(const Event& e, Emitter& out) override {
    ++events_;
    seconds_ += e.as<CallEvent>().duration_s;
    if (lines_) out.Emit(std::to_string(e.seq));
  }
  void Finish(Emitter& out) override { out.Emit(std::to_string(events_ + seconds_)); }

 private:
  bool lines_;
  uint64_t events_ = 0;
  int64_t seconds_ = 0;
};

class CountingSink final : public Sink {
 public:
  void Write(std::string_view line) override { bytes += line.size(); }
  size_t bytes = 0;
};

class CountingEmitter final : public Emitter {
 public:
  void Emit(std::string line) override { bytes += line.size(); }
  size_t bytes = 0;
};

void BM_Baseline(benchmark::State& state) {
  const bool lines = state.range(1) != 0;
  const auto& events = Events();
  for (auto _ : state) {
    TrivialStage stage(lines);
    CountingEmitter out;
    for (const Event& e : events) {
      Event copy = e;  // the pipeline's Push takes its event by value: same copy here
      stage.Process(copy, out);
    }
    stage.Finish(out);
    benchmark::DoNotOptimize(out.bytes);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * events.size()));
}

void BM_Pipeline(benchmark::State& state, bool measure_latency) {
  PipelineOptions options;
  options.threads = static_cast<uint32_t>(state.range(0));
  options.measure_latency = measure_latency;
  const bool lines = state.range(1) != 0;
  const auto& events = Events();
  LatencySummary latency;
  for (auto _ : state) {
    CountingSink sink;
    auto pipeline = Pipeline::Create(
        options, {[lines](uint32_t) { return std::make_unique<TrivialStage>(lines); }}, &sink,
        nullptr);
    if (!pipeline.ok()) {
      state.SkipWithError(pipeline.status().ToString().c_str());
      return;
    }
    for (const Event& e : events) {
      if (!(*pipeline)->Push(e).ok()) break;
    }
    const Status status = (*pipeline)->Finish();
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      return;
    }
    latency = (*pipeline)->latency();
    benchmark::DoNotOptimize(sink.bytes);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * events.size()));
  if (measure_latency) {
    state.counters["p50_us"] = latency.p50_us;
    state.counters["p99_us"] = latency.p99_us;
    state.counters["p999_us"] = latency.p999_us;
  }
}

void BM_PipelineLatency(benchmark::State& state) { BM_Pipeline(state, true); }
void BM_PipelineThroughput(benchmark::State& state) { BM_Pipeline(state, false); }

BENCHMARK(BM_Baseline)->Args({0, 0})->Args({0, 1})->Unit(benchmark::kMillisecond);
// Real time gives events/s; the CPU column is the whole process (all pipeline threads),
// which shows the cost per event independently of how busy the machine is.
BENCHMARK(BM_PipelineThroughput)
    ->Args({1, 0})
    ->Args({2, 0})
    ->Args({1, 1})
    ->Args({2, 1})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK(BM_PipelineLatency)
    ->Args({1, 1})
    ->Args({2, 1})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

}  // namespace
}  // namespace wuzha::pipeline

BENCHMARK_MAIN();
