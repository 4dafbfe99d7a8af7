// Hot paths of src/lists beside the straightforward implementations. Each *_Snapshot
// benchmark also reports `speedup`: the baseline's time over ours, both measured in this
// thread's CPU time in alternating blocks of passes within the same run (see
// SameRunSpeedup), steadier than absolute times on a busy machine (memory-bound baselines
// still vary with what else runs). Both sides get the same keys,
// the same hit/miss mix, the same number of entries and the same input form:
//   exact number: Snapshot::FindNumber vs std::unordered_set<uint64_t>::count, both given
//     the integer; 100k and 1M listed numbers, 4,096 queries of which 50% or 1% are
//     listed (args: listed, hit percent);
//   number range (号段): Snapshot::Find(kRange) vs std::map<std::string, uint32_t>
//     probed at every prefix length, longest first, both given the digit string; 20k
//     ranges of 5 to 7 national digits;
//   domain with subdomains: Snapshot::FindDomain vs a suffix walk over
//     std::unordered_set<std::string> (one std::string per parent, as written
//     naively; `speedup_vs_transparent` is against the same walk with C++20
//     heterogeneous lookup, no allocation), both given the host string and probing the
//     same parents (not the top-level label); the 51k real scam domains of
//     data/domains/, queries half subdomains of listed domains, half Tranco top sites
//     (misses);
//   latency: per-lookup p50/p99/p99.9 (ns) of snapshot() + FindPhone with and without
//     a writer publishing 100k changes in a loop on another thread;
//   snapshot acquire: the mutex-guarded copy Store::snapshot() does vs
//     std::atomic<std::shared_ptr>::load, 1 and 2 threads.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

#include "lists/io.h"
#include "lists/snapshot.h"
#include "lists/store.h"

namespace wuzha::lists {
namespace {

constexpr int64_t kNow = 1'700'000'000'000;

double ThreadCpuNs() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

// The median CPU time of one `pass` of `baseline` over the median of one of `ours`, from
// alternating blocks of passes (the first pass of a block warms the caches and is not
// counted): both sides see the same machine load, so the ratio is stable where the
// absolute times are not. Each pass returns its hit count, summed so nothing is elided.
template <typename Ours, typename Baseline>
double SameRunSpeedup(Ours&& ours, Baseline&& baseline, int blocks = 12, int passes = 8) {
  std::vector<double> ours_ns, baseline_ns;
  size_t hits = 0;
  auto block = [&](auto& pass, std::vector<double>& out) {
    for (int i = 0; i <= passes; ++i) {
      const double t0 = ThreadCpuNs();
      hits += pass();
      if (i > 0) out.push_back(ThreadCpuNs() - t0);
    }
  };
  for (int b = 0; b < blocks; ++b) {
    block(ours, ours_ns);
    block(baseline, baseline_ns);
  }
  benchmark::DoNotOptimize(hits);
  auto median = [](std::vector<double>& v) {
    std::nth_element(v.begin(), v.begin() + static_cast<ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
  };
  return median(baseline_ns) / median(ours_ns);
}

uint64_t RandomMobile(std::mt19937_64& rng) {
  return 8613000000000ull + rng() % 7000000000ull;  // 86 13x..19x xxxx xxxx
}

struct NumberWorkload {
  std::shared_ptr<const Snapshot> snapshot;
  std::unordered_set<uint64_t> set;
  std::vector<uint64_t> queries;
};

// `n` listed numbers; `hit_percent` of the 4,096 queries are listed.
const NumberWorkload& Numbers(size_t n, int hit_percent) {
  static std::map<std::pair<size_t, int>, NumberWorkload> cache;
  auto [it, added] = cache.try_emplace({n, hit_percent});
  NumberWorkload& w = it->second;
  if (!added) return w;
  std::mt19937_64 rng(42);
  std::vector<Entry> entries;
  std::vector<uint64_t> listed;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t number = RandomMobile(rng);
    if (!w.set.insert(number).second) continue;  // same entries on both sides
    listed.push_back(number);
    entries.push_back({ListKind::kBlock, IndicatorType::kNumber, std::to_string(number), "b",
                       std::nullopt, 0, 0, 0});
  }
  w.snapshot = Snapshot::Build(std::move(entries));
  // Rebuilt in one go, as a service loading its list would: the nodes are then not
  // interleaved with the workload's own allocations.
  w.set = std::unordered_set<uint64_t>(listed.begin(), listed.end());
  for (int i = 0; i < 4096; ++i) {
    const bool hit = static_cast<int>(rng() % 100) < hit_percent;
    w.queries.push_back(hit ? listed[rng() % listed.size()] : RandomMobile(rng));
  }
  return w;
}

size_t ExactNumberSnapshotPass(const NumberWorkload& w) {
  size_t hits = 0;
  for (uint64_t q : w.queries) hits += w.snapshot->FindNumber(ListKind::kBlock, q, kNow) != nullptr;
  return hits;
}

size_t ExactNumberSetPass(const NumberWorkload& w) {
  size_t hits = 0;
  for (uint64_t q : w.queries) hits += w.set.count(q);
  return hits;
}

void BM_ExactNumber_Snapshot(benchmark::State& state) {
  const auto& w = Numbers(static_cast<size_t>(state.range(0)), static_cast<int>(state.range(1)));
  size_t hits = 0;
  for (auto _ : state) {
    hits += ExactNumberSnapshotPass(w);
    benchmark::ClobberMemory();  // or the pass is hoisted out of the loop
  }
  benchmark::DoNotOptimize(hits);
  state.counters["hit_rate"] =
      static_cast<double>(hits) / static_cast<double>(state.iterations() * w.queries.size());
  state.counters["speedup"] = SameRunSpeedup([&] { return ExactNumberSnapshotPass(w); },
                                             [&] { return ExactNumberSetPass(w); });
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
}
BENCHMARK(BM_ExactNumber_Snapshot)->ArgsProduct({{100'000, 1'000'000}, {50, 1}});

void BM_ExactNumber_UnorderedSet(benchmark::State& state) {
  const auto& w = Numbers(static_cast<size_t>(state.range(0)), static_cast<int>(state.range(1)));
  size_t hits = 0;
  for (auto _ : state) {
    hits += ExactNumberSetPass(w);
    benchmark::ClobberMemory();  // or the pass is hoisted out of the loop
  }
  benchmark::DoNotOptimize(hits);
  state.counters["hit_rate"] =
      static_cast<double>(hits) / static_cast<double>(state.iterations() * w.queries.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
}
BENCHMARK(BM_ExactNumber_UnorderedSet)->ArgsProduct({{100'000, 1'000'000}, {50, 1}});

struct RangeWorkload {
  std::shared_ptr<const Snapshot> snapshot;
  std::map<std::string, uint32_t> map;
  std::vector<std::string> queries;  // 13 E.164 digits
};

const RangeWorkload& Ranges() {
  static const RangeWorkload w = [] {
    RangeWorkload w;
    std::mt19937_64 rng(7);
    std::vector<Entry> entries;
    for (uint32_t i = 0; i < 20'000; ++i) {
      const int digits = 5 + static_cast<int>(rng() % 3);  // "13912" .. "1391234"
      std::string prefix = "861" + std::to_string(3 + rng() % 7);
      while (static_cast<int>(prefix.size()) < digits + 2) prefix.push_back(char('0' + rng() % 10));
      if (!w.map.emplace(prefix, i).second) continue;  // same entries on both sides
      entries.push_back(
          {ListKind::kBlock, IndicatorType::kRange, prefix, "b", std::nullopt, 0, 0, 0});
    }
    w.snapshot = Snapshot::Build(std::move(entries));
    for (int i = 0; i < 4096; ++i) w.queries.push_back(std::to_string(RandomMobile(rng)));
    return w;
  }();
  return w;
}

size_t RangeSnapshotPass(const RangeWorkload& w) {
  size_t hits = 0;
  for (const std::string& q : w.queries) {
    hits += w.snapshot->Find(ListKind::kBlock, IndicatorType::kRange, q, kNow) != nullptr;
  }
  return hits;
}

size_t RangeMapPass(const RangeWorkload& w) {
  size_t hits = 0;
  for (const std::string& q : w.queries) {
    for (size_t n = q.size(); n > 0; --n) {
      if (w.map.find(q.substr(0, n)) != w.map.end()) {
        ++hits;
        break;
      }
    }
  }
  return hits;
}

void BM_Range_Snapshot(benchmark::State& state) {
  const auto& w = Ranges();
  size_t hits = 0;
  for (auto _ : state) {
    hits += RangeSnapshotPass(w);
    benchmark::ClobberMemory();  // or the pass is hoisted out of the loop
  }
  benchmark::DoNotOptimize(hits);
  state.counters["hit_rate"] =
      static_cast<double>(hits) / static_cast<double>(state.iterations() * w.queries.size());
  state.counters["speedup"] =
      SameRunSpeedup([&] { return RangeSnapshotPass(w); }, [&] { return RangeMapPass(w); }, 6, 4);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
}
BENCHMARK(BM_Range_Snapshot);

void BM_Range_StdMap(benchmark::State& state) {
  const auto& w = Ranges();
  size_t hits = 0;
  for (auto _ : state) {
    hits += RangeMapPass(w);
    benchmark::ClobberMemory();  // or the pass is hoisted out of the loop
  }
  benchmark::DoNotOptimize(hits);
  state.counters["hit_rate"] =
      static_cast<double>(hits) / static_cast<double>(state.iterations() * w.queries.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
}
BENCHMARK(BM_Range_StdMap);

// std::hash<std::string_view> for heterogeneous lookup (C++20): find(string_view) with
// no std::string built.
struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct DomainWorkload {
  std::shared_ptr<const Snapshot> snapshot;
  std::unordered_set<std::string> set;
  std::unordered_set<std::string, TransparentHash, std::equal_to<>> transparent;
  std::vector<std::string> queries;
};

const DomainWorkload& Domains() {
  static const DomainWorkload w = [] {
    DomainWorkload w;
    const std::string dir = std::string(WUZHA_SHARED_DATA_DIR) + "/domains/";
    std::vector<Entry> entries;
    auto add = [&](ListFormat f, const char* name) {
      auto r = ImportFile(f, dir + name, {});
      if (!r.ok()) return;
      for (auto& e : r->entries) {
        if (e.type == IndicatorType::kDomain && w.set.insert(e.value).second) entries.push_back(e);
      }
    };
    add(ListFormat::kPlain, "tw165_scam_sites.txt");
    add(ListFormat::kPlain, "scam_blocklist_raw_light.txt");
    add(ListFormat::kHosts, "blocklistproject_scam_hosts.txt");
    std::vector<std::string> listed(w.set.begin(), w.set.end());
    std::sort(listed.begin(), listed.end());
    auto tranco = ImportFile(ListFormat::kRanked, dir + "tranco_top10k.csv", {});
    std::mt19937_64 rng(3);
    w.snapshot = Snapshot::Build(std::move(entries));
    // Both sets rebuilt in one go from the same names, as a service loading its list
    // would: the nodes are then not interleaved with the importer's allocations.
    w.set = std::unordered_set<std::string>(listed.begin(), listed.end());
    w.transparent.insert(listed.begin(), listed.end());
    for (int i = 0; i < 4096; ++i) {
      if (i % 2) {
        w.queries.push_back("www.m." + listed[rng() % listed.size()]);
      } else {
        w.queries.push_back("www." + tranco->entries[rng() % tranco->entries.size()].value);
      }
    }
    return w;
  }();
  return w;
}

size_t DomainSnapshotPass(const DomainWorkload& w) {
  size_t hits = 0;
  for (const auto& q : w.queries)
    hits += w.snapshot->FindDomain(ListKind::kBlock, q, kNow) != nullptr;
  return hits;
}

// The host and each parent, most specific first, down to (not including) the top-level
// label: the same probes FindDomain makes. `find` looks one name up.
template <typename Find>
bool SuffixWalk(std::string_view host, Find&& find) {
  for (size_t dot = host.find('.'); dot != std::string_view::npos; dot = host.find('.')) {
    if (find(host)) return true;
    host.remove_prefix(dot + 1);
  }
  return false;
}

size_t DomainSetPass(const DomainWorkload& w) {
  size_t hits = 0;
  for (const auto& q : w.queries) {
    hits += SuffixWalk(q, [&](std::string_view s) { return w.set.count(std::string(s)) != 0; });
  }
  return hits;
}

size_t DomainTransparentSetPass(const DomainWorkload& w) {
  size_t hits = 0;
  for (const auto& q : w.queries) {
    hits += SuffixWalk(
        q, [&](std::string_view s) { return w.transparent.find(s) != w.transparent.end(); });
  }
  return hits;
}

void BM_Domain_Snapshot(benchmark::State& state) {
  const auto& w = Domains();
  size_t hits = 0;
  for (auto _ : state) {
    hits += DomainSnapshotPass(w);
    benchmark::ClobberMemory();  // or the pass is hoisted out of the loop
  }
  benchmark::DoNotOptimize(hits);
  state.counters["listed"] = static_cast<double>(w.set.size());
  state.counters["hit_rate"] =
      static_cast<double>(hits) / static_cast<double>(state.iterations() * w.queries.size());
  state.counters["speedup"] =
      SameRunSpeedup([&] { return DomainSnapshotPass(w); }, [&] { return DomainSetPass(w); });
  state.counters["speedup_vs_transparent"] = SameRunSpeedup(
      [&] { return DomainSnapshotPass(w); }, [&] { return DomainTransparentSetPass(w); });
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
}
BENCHMARK(BM_Domain_Snapshot);

void BM_Domain_UnorderedSetSuffixWalk(benchmark::State& state) {
  const auto& w = Domains();
  size_t hits = 0;
  for (auto _ : state) {
    hits += DomainSetPass(w);
    benchmark::ClobberMemory();  // or the pass is hoisted out of the loop
  }
  benchmark::DoNotOptimize(hits);
  state.counters["hit_rate"] =
      static_cast<double>(hits) / static_cast<double>(state.iterations() * w.queries.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
}
BENCHMARK(BM_Domain_UnorderedSetSuffixWalk);

void BM_Domain_TransparentSetSuffixWalk(benchmark::State& state) {
  const auto& w = Domains();
  size_t hits = 0;
  for (auto _ : state) {
    hits += DomainTransparentSetPass(w);
    benchmark::ClobberMemory();  // or the pass is hoisted out of the loop
  }
  benchmark::DoNotOptimize(hits);
  state.counters["hit_rate"] =
      static_cast<double>(hits) / static_cast<double>(state.iterations() * w.queries.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
}
BENCHMARK(BM_Domain_TransparentSetSuffixWalk);

// Per-lookup latency of snapshot() + FindPhone; arg 1 runs a writer that keeps
// publishing 100k changes while the lookups run.
void BM_LookupLatency(benchmark::State& state) {
  const bool publishing = state.range(0) != 0;
  Store store;
  std::mt19937_64 rng(11);
  std::vector<std::string> queries;
  for (int i = 0; i < 100'000; ++i) {
    const std::string n = std::to_string(RandomMobile(rng));
    if (i % 2) queries.push_back(n);
    (void)store.Upsert({ListKind::kBlock, IndicatorType::kNumber, n, "b", std::nullopt, 0, 0, 0},
                       "bench", kNow);
  }
  store.Publish();
  std::atomic<bool> stop{false};
  std::atomic<int> publishes{0};
  std::thread writer;
  if (publishing) {
    writer = std::thread([&] {
      std::mt19937_64 wrng(12);
      while (!stop.load(std::memory_order_relaxed)) {
        for (int i = 0; i < 100'000; ++i) {
          (void)store.Upsert({ListKind::kBlock, IndicatorType::kNumber,
                              std::to_string(RandomMobile(wrng)), "w", std::nullopt, 0, 0, 0},
                             "bench", kNow);
        }
        store.Publish();
        publishes.fetch_add(1);
      }
    });
  }
  std::vector<int64_t> ns;
  ns.reserve(1 << 22);
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    auto snapshot = store.snapshot();
    hits += snapshot->FindPhone(ListKind::kBlock, queries[i++ % queries.size()], kNow) != nullptr;
    const auto t1 = std::chrono::steady_clock::now();
    if (ns.size() < ns.capacity())
      ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
  }
  stop.store(true);
  if (writer.joinable()) writer.join();
  std::sort(ns.begin(), ns.end());
  auto pct = [&](double p) {
    return static_cast<double>(ns[static_cast<size_t>(p * static_cast<double>(ns.size() - 1))]);
  };
  if (!ns.empty()) {
    state.counters["p50_ns"] = pct(0.50);
    state.counters["p99_ns"] = pct(0.99);
    state.counters["p999_ns"] = pct(0.999);
    state.counters["max_ns"] = static_cast<double>(ns.back());
    state.counters["over_100us"] =
        static_cast<double>(ns.end() - std::lower_bound(ns.begin(), ns.end(), int64_t{100'000}));
  }
  state.counters["publishes"] = publishes.load();
  benchmark::DoNotOptimize(hits);
}
BENCHMARK(BM_LookupLatency)->Arg(0)->Arg(1)->Iterations(3'000'000)->UseRealTime();

// Acquiring the current snapshot: a mutex-guarded copy (what Store::snapshot() does) vs
// std::atomic<std::shared_ptr> (libstdc++ 12: a lock bit in the control-block pointer).
std::atomic<std::shared_ptr<const Snapshot>> g_atomic{Snapshot::Build({})};
std::mutex g_mu;
std::shared_ptr<const Snapshot> g_locked = Snapshot::Build({});

void BM_Acquire_AtomicSharedPtr(benchmark::State& state) {
  for (auto _ : state) {
    auto s = g_atomic.load(std::memory_order_acquire);
    benchmark::DoNotOptimize(s.get());
  }
}
BENCHMARK(BM_Acquire_AtomicSharedPtr)->Threads(1)->Threads(2);

void BM_Acquire_MutexCopy(benchmark::State& state) {
  for (auto _ : state) {
    std::shared_ptr<const Snapshot> s;
    {
      std::lock_guard lock(g_mu);
      s = g_locked;
    }
    benchmark::DoNotOptimize(s.get());
  }
}
BENCHMARK(BM_Acquire_MutexCopy)->Threads(1)->Threads(2);

}  // namespace
}  // namespace wuzha::lists

BENCHMARK_MAIN();
