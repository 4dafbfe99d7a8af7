// Hot paths of src/lists beside the straightforward implementations, in the same run so
// the figures read as ratios:
//   exact number: Snapshot::FindNumber vs
//     std::unordered_set<uint64_t>::count, 100k and 1M listed numbers, 4,096 queries of
//     which 50% or 1% are listed (args: listed, hit percent);
//   number range (号段): Snapshot::FindRange vs std::map<std::string, uint32_t> probed at
//     every prefix length, longest first; 20k ranges of 3 to 6 national digits;
//   domain with subdomains: Snapshot::FindDomain vs a suffix walk over
//     std::unordered_set<std::string>; the 52k real scam domains of data/domains/, queries
//     half subdomains of listed domains, half Tranco top sites (misses);
//   latency: per-lookup p50/p99/p99.9 (ns) of snapshot() + FindPhone with and without
//     a writer publishing 100k changes in a loop on another thread;
//   snapshot acquire: the mutex-guarded copy Store::snapshot() does vs
//     std::atomic<std::shared_ptr>::load, 1 and 2 threads.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "lists/io.h"
#include "lists/snapshot.h"
#include "lists/store.h"

namespace wuzha::lists {
namespace {

constexpr int64_t kNow = 1'700'000'000'000;

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
    listed.push_back(number);
    w.set.insert(number);
    entries.push_back({ListKind::kBlock, IndicatorType::kNumber, std::to_string(number), "b",
                       std::nullopt, 0, 0, 0});
  }
  w.snapshot = Snapshot::Build(std::move(entries));
  for (int i = 0; i < 4096; ++i) {
    const bool hit = static_cast<int>(rng() % 100) < hit_percent;
    w.queries.push_back(hit ? listed[rng() % listed.size()] : RandomMobile(rng));
  }
  return w;
}

void BM_ExactNumber_Snapshot(benchmark::State& state) {
  const auto& w = Numbers(static_cast<size_t>(state.range(0)), static_cast<int>(state.range(1)));
  size_t hits = 0;
  for (auto _ : state) {
    for (uint64_t q : w.queries) hits += w.snapshot->FindNumber(ListKind::kBlock, q, kNow) != nullptr;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
}
BENCHMARK(BM_ExactNumber_Snapshot)->ArgsProduct({{100'000, 1'000'000}, {50, 1}});

void BM_ExactNumber_UnorderedSet(benchmark::State& state) {
  const auto& w = Numbers(static_cast<size_t>(state.range(0)), static_cast<int>(state.range(1)));
  size_t hits = 0;
  for (auto _ : state) {
    for (uint64_t q : w.queries) hits += w.set.count(q);
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
}
BENCHMARK(BM_ExactNumber_UnorderedSet)->ArgsProduct({{100'000, 1'000'000}, {50, 1}});

struct RangeWorkload {
  std::shared_ptr<const Snapshot> snapshot;
  std::map<std::string, uint32_t> map;
  std::vector<uint64_t> queries;
  std::vector<std::string> query_text;
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
      w.map.emplace(prefix, i);
      entries.push_back({ListKind::kBlock, IndicatorType::kRange, prefix, "b", std::nullopt, 0, 0, 0});
    }
    w.snapshot = Snapshot::Build(std::move(entries));
    for (int i = 0; i < 4096; ++i) {
      w.queries.push_back(RandomMobile(rng));
      w.query_text.push_back(std::to_string(w.queries.back()));
    }
    return w;
  }();
  return w;
}

void BM_Range_Snapshot(benchmark::State& state) {
  const auto& w = Ranges();
  size_t hits = 0;
  for (auto _ : state) {
    for (uint64_t q : w.queries) hits += w.snapshot->FindRange(ListKind::kBlock, q, 13, kNow) != nullptr;
  }
  benchmark::DoNotOptimize(hits);
  state.counters["hit_rate"] = static_cast<double>(hits) / static_cast<double>(state.iterations() * w.queries.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
}
BENCHMARK(BM_Range_Snapshot);

void BM_Range_StdMap(benchmark::State& state) {
  const auto& w = Ranges();
  size_t hits = 0;
  for (auto _ : state) {
    for (const std::string& q : w.query_text) {
      for (size_t n = q.size(); n > 0; --n) {
        if (w.map.find(q.substr(0, n)) != w.map.end()) {
          ++hits;
          break;
        }
      }
    }
  }
  benchmark::DoNotOptimize(hits);
  state.counters["hit_rate"] = static_cast<double>(hits) / static_cast<double>(state.iterations() * w.query_text.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.query_text.size()));
}
BENCHMARK(BM_Range_StdMap);

struct DomainWorkload {
  std::shared_ptr<const Snapshot> snapshot;
  std::unordered_set<std::string> set;
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

void BM_Domain_Snapshot(benchmark::State& state) {
  const auto& w = Domains();
  size_t hits = 0;
  for (auto _ : state) {
    for (const auto& q : w.queries) hits += w.snapshot->FindDomain(ListKind::kBlock, q, kNow) != nullptr;
  }
  benchmark::DoNotOptimize(hits);
  state.counters["listed"] = static_cast<double>(w.set.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
}
BENCHMARK(BM_Domain_Snapshot);

void BM_Domain_UnorderedSetSuffixWalk(benchmark::State& state) {
  const auto& w = Domains();
  size_t hits = 0;
  for (auto _ : state) {
    for (const auto& q : w.queries) {
      std::string_view host = q;
      for (;;) {
        if (w.set.count(std::string(host))) {
          ++hits;
          break;
        }
        const size_t dot = host.find('.');
        if (dot == std::string_view::npos) break;
        host.remove_prefix(dot + 1);
      }
    }
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
}
BENCHMARK(BM_Domain_UnorderedSetSuffixWalk);

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
    (void)store.Upsert({ListKind::kBlock, IndicatorType::kNumber, n, "b", std::nullopt, 0, 0, 0}, "bench", kNow);
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
    if (ns.size() < ns.capacity()) ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
  }
  stop.store(true);
  if (writer.joinable()) writer.join();
  std::sort(ns.begin(), ns.end());
  auto pct = [&](double p) { return static_cast<double>(ns[static_cast<size_t>(p * static_cast<double>(ns.size() - 1))]); };
  if (!ns.empty()) {
    state.counters["p50_ns"] = pct(0.50);
    state.counters["p99_ns"] = pct(0.99);
    state.counters["p999_ns"] = pct(0.999);
    state.counters["max_ns"] = static_cast<double>(ns.back());
    state.counters["over_100us"] = static_cast<double>(
        ns.end() - std::lower_bound(ns.begin(), ns.end(), int64_t{100'000}));
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
