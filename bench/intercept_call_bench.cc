// Caller behaviour at call set-up: CallerTracker (fixed 128-byte records in an
// open-addressing table, bucketed windows, linear counters) against the straightforward
// window, an std::unordered_map<std::string, std::vector<Call>> of each number's calls of
// the last 24 h with distinct callees and cells counted through std::unordered_set at
// every lookup. Same synthetic stream for both: `numbers` subscribers over one day, each
// calling 3 times on average (a resident's rate in docs/sim.md), 1% of them call-centre
// or farm numbers making 150 calls. Counters: bytes per tracked number (the tracker's
// table; the naive map's heap measured with mallinfo2).
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/random.h"
#include "intercept/caller_tracker.h"

namespace wuzha::intercept {
namespace {

constexpr int64_t kT0 = 1714492800000, kDayMs = 24LL * 3600 * 1000;

std::string Number(uint64_t i) { return "86138" + std::to_string(10000000 + i); }

struct Stream {
  std::vector<CallEvent> calls;
  std::vector<int64_t> times;
};

const Stream& MakeStream(int numbers) {
  static std::unordered_map<int, Stream> cache;
  auto [it, fresh] = cache.try_emplace(numbers);
  if (!fresh) return it->second;
  Stream& s = it->second;
  Rng rng(42);
  const int heavy = numbers / 100;
  const int64_t total = int64_t{numbers} * 3 + int64_t{heavy} * 150;
  for (int64_t i = 0; i < total; ++i) {
    CallEvent c;
    const bool busy = rng.Uniform(int64_t{numbers} * 3 + int64_t{heavy} * 150) <
                      static_cast<uint64_t>(heavy) * 150;
    const uint64_t caller = busy ? rng.Uniform(heavy) : rng.Uniform(numbers);
    c.caller = Number(caller);
    c.callee = Number(rng.Uniform(numbers));
    c.answered = rng.Chance(0.6);
    c.duration_s = c.answered ? static_cast<int64_t>(rng.Range(5, 300)) : 0;
    c.caller_cell = "WH-" + std::to_string(caller % 3000 + rng.Uniform(2));
    c.caller_imei = "86" + std::to_string(1000000000000 + caller / (busy ? 16 : 1));
    s.calls.push_back(std::move(c));
    s.times.push_back(kT0 + i * kDayMs / total);
  }
  return s;
}

// The baseline: every call of the last day kept, features computed by scanning them.
class NaiveWindow {
 public:
  struct Call {
    int64_t ms;
    std::string callee, cell, imei;
    int64_t duration_s;
    bool answered;
  };
  void Observe(const CallEvent& c, int64_t ms) {
    auto& calls = by_caller_[c.caller];
    while (!calls.empty() && calls.front().ms < ms - kDayMs) calls.pop_front();
    calls.push_back({ms, c.callee, c.caller_cell, c.caller_imei, c.duration_s, c.answered});
    ++inbound_[c.callee];
    devices_[c.caller_imei].insert(c.caller);
  }
  CallerFeatures Features(const std::string& number, int64_t now) const {
    CallerFeatures f;
    auto it = by_caller_.find(number);
    if (it == by_caller_.end()) return f;
    f.known = true;
    std::unordered_set<std::string> callees, cells;
    for (const Call& c : it->second) {
      if (c.ms < now - kDayMs) continue;
      ++f.calls_day;
      f.calls_hour += c.ms >= now - kDayMs / 24;
      f.short_day += !c.answered || c.duration_s < 30;
      callees.insert(c.callee);
      cells.insert(c.cell);
    }
    f.distinct_callees = static_cast<int>(callees.size());
    f.distinct_cells = static_cast<int>(cells.size());
    if (auto in = inbound_.find(number); in != inbound_.end()) f.inbound_day = in->second;
    if (!it->second.empty()) {
      if (auto d = devices_.find(it->second.back().imei); d != devices_.end())
        f.imei_numbers = static_cast<int>(d->second.size());
    }
    return f;
  }
  size_t numbers() const { return by_caller_.size(); }

 private:
  std::unordered_map<std::string, std::deque<Call>> by_caller_;
  std::unordered_map<std::string, int> inbound_;
  std::unordered_map<std::string, std::unordered_set<std::string>> devices_;
};

size_t HeapInUse() { return mallinfo2().uordblks; }

void BM_TrackerObserve(benchmark::State& state) {
  const Stream& s = MakeStream(static_cast<int>(state.range(0)));
  size_t bytes = 0, tracked = 0;
  for (auto _ : state) {
    CallerTracker t;
    for (size_t i = 0; i < s.calls.size(); ++i) t.ObserveCall(s.calls[i], s.times[i]);
    bytes = t.stats().bytes;
    tracked = t.stats().numbers;
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(s.calls.size()));
  state.counters["bytes_per_number"] = double(bytes) / double(tracked);
}

void BM_NaiveObserve(benchmark::State& state) {
  const Stream& s = MakeStream(static_cast<int>(state.range(0)));
  double per_number = 0;
  for (auto _ : state) {
    const size_t before = HeapInUse();
    auto* naive = new NaiveWindow;
    for (size_t i = 0; i < s.calls.size(); ++i) naive->Observe(s.calls[i], s.times[i]);
    per_number = double(HeapInUse() - before) / double(naive->numbers());
    delete naive;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(s.calls.size()));
  state.counters["bytes_per_caller"] = per_number;
}

// Lookups at the end of the day, callers drawn from the stream (busy ones included).
template <typename Lookup>
void Lookups(benchmark::State& state, const Stream& s, Lookup lookup) {
  const int64_t now = s.times.back();
  size_t i = 0;
  for (auto _ : state) {
    const CallerFeatures f = lookup(s.calls[i].caller, now);
    benchmark::DoNotOptimize(f);
    i = (i + 7919) % s.calls.size();
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_TrackerFeatures(benchmark::State& state) {
  const Stream& s = MakeStream(static_cast<int>(state.range(0)));
  CallerTracker t;
  for (size_t i = 0; i < s.calls.size(); ++i) t.ObserveCall(s.calls[i], s.times[i]);
  Lookups(state, s, [&t](const std::string& n, int64_t now) { return t.Features(n, "", now); });
}

void BM_NaiveFeatures(benchmark::State& state) {
  const Stream& s = MakeStream(static_cast<int>(state.range(0)));
  NaiveWindow naive;
  for (size_t i = 0; i < s.calls.size(); ++i) naive.Observe(s.calls[i], s.times[i]);
  Lookups(state, s, [&naive](const std::string& n, int64_t now) { return naive.Features(n, now); });
}

BENCHMARK(BM_TrackerObserve)->Arg(100000)->Arg(300000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NaiveObserve)->Arg(100000)->Arg(300000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TrackerFeatures)->Arg(10000)->Arg(100000)->Arg(300000);
BENCHMARK(BM_NaiveFeatures)->Arg(10000)->Arg(100000)->Arg(300000);

}  // namespace
}  // namespace wuzha::intercept

BENCHMARK_MAIN();
