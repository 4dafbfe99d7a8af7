// One case traced over a generated ledger of 10 million transfers among 1 million
// accounts (WUZHA_TRACE_BENCH_ROWS to change it), FIFO, from the victim's transfer to
// where the money is: ours (ledger indexes, pools per traced account) against a
// straightforward implementation — account names as strings, an unordered_map of
// vectors for each index, std::map pools and a std::set as the time queue — on the
// same rows. Both must find the same money held; the setup is not timed.
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <benchmark/benchmark.h>

#include "trace/trace.h"

namespace {

using wuzha::Channel;
using wuzha::Timestamp;
using wuzha::ledger::FlowKind;

struct GenRow {
  int64_t ts;
  std::string from, to;  // "" = cash
  int64_t fen;
};

struct World {
  std::vector<GenRow> rows;
  size_t theft = 0;  // index of the victim's transfer
};

std::string Account(uint64_t n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "A%08llu", static_cast<unsigned long long>(n));
  return buf;
}

// Background: random transfers among 1M accounts over 30 days. The case: the victim pays
// a layer-1 mule, which splits to 3 layer-2 mules, each to 3 layer-3 mules, who withdraw
// part in cash; the mules are ordinary accounts of the background too.
const World& Generated() {
  static const World w = [] {
    World w;
    const char* env = std::getenv("WUZHA_TRACE_BENCH_ROWS");
    const size_t n = env ? std::strtoull(env, nullptr, 10) : 10'000'000;
    const uint64_t accounts = 1'000'000;
    std::mt19937_64 rng(42);
    const int64_t t0 = 1714500000000, span = 30LL * 86400000;
    w.rows.reserve(n + 64);
    for (size_t i = 0; i < n; ++i) {
      const int64_t ts = t0 + static_cast<int64_t>(i) * span / static_cast<int64_t>(n);
      const uint64_t a = rng() % accounts, b = rng() % accounts;
      w.rows.push_back({ts, Account(a), rng() % 50 == 0 ? "" : Account(b),
                        100 + static_cast<int64_t>(rng() % 500000)});
    }
    // The case, at day 15.
    const int64_t tc = t0 + 15 * 86400000LL;
    const std::string victim = Account(7), l1 = Account(11);
    w.theft = w.rows.size();
    w.rows.push_back({tc, victim, l1, 30'000'000});
    for (int i = 0; i < 3; ++i) {
      const std::string l2 = Account(100 + i);
      w.rows.push_back({tc + 600000 + i, l1, l2, 9'000'000});
      for (int j = 0; j < 3; ++j) {
        const std::string l3 = Account(1000 + i * 3 + j);
        w.rows.push_back({tc + 1200000 + i * 10 + j, l2, l3, 2'900'000});
        w.rows.push_back({tc + 3600000 + i * 10 + j, l3, "", 2'000'000});
      }
    }
    // Keep the ledger in time order, as a bank's stream would arrive.
    std::stable_sort(w.rows.begin(), w.rows.end(),
                     [](const GenRow& x, const GenRow& y) { return x.ts < y.ts; });
    for (size_t i = 0; i < w.rows.size(); ++i) {
      if (w.rows[i].from == victim && w.rows[i].to == l1) w.theft = i;
    }
    return w;
  }();
  return w;
}

const wuzha::ledger::Ledger& OurLedger() {
  static const wuzha::ledger::Ledger l = [] {
    wuzha::ledger::Ledger l;
    const World& w = Generated();
    char id[24];
    for (size_t i = 0; i < w.rows.size(); ++i) {
      const GenRow& r = w.rows[i];
      std::snprintf(id, sizeof id, "E%012zu", i);
      (void)l.Append(id, Timestamp::FromMillis(r.ts), r.from, r.to, r.fen, Channel::kMobile,
                     r.to.empty() ? FlowKind::kCash : FlowKind::kTransfer);
    }
    return l;
  }();
  return l;
}

void BM_TraceOneCase_Ours(benchmark::State& state) {
  const auto& l = OurLedger();
  const auto theft = static_cast<wuzha::ledger::Row>(Generated().theft);
  int64_t held = 0;
  for (auto _ : state) {
    wuzha::trace::Tracer t(l);
    (void)t.AddVictim("victim", std::vector<wuzha::ledger::Row>{theft});
    t.Update();
    auto rep = t.Report();
    held = rep.victims[0].held_fen;
    benchmark::DoNotOptimize(held);
  }
  state.counters["held_fen"] = static_cast<double>(held);
  state.counters["ledger_rows"] = static_cast<double>(l.size());
}
BENCHMARK(BM_TraceOneCase_Ours)->Unit(benchmark::kMillisecond);

// The straightforward way.
struct Naive {
  const World& w;
  std::unordered_map<std::string, std::vector<size_t>> out, in;
  explicit Naive(const World& world) : w(world) {
    for (size_t i = 0; i < w.rows.size(); ++i) {
      out[w.rows[i].from].push_back(i);
      if (!w.rows[i].to.empty()) in[w.rows[i].to].push_back(i);
    }
  }
  int64_t Trace(size_t theft) const {
    const int kClean = -1;
    std::map<std::string, std::deque<std::pair<int, int64_t>>> pools;
    std::set<std::pair<int64_t, size_t>> queue{{w.rows[theft].ts, theft}};
    auto opening = [&](const std::string& acc) {
      int64_t net = 0, low = 0;
      std::vector<size_t> all;
      if (auto o = out.find(acc); o != out.end()) all.insert(all.end(), o->second.begin(), o->second.end());
      if (auto i = in.find(acc); i != in.end()) all.insert(all.end(), i->second.begin(), i->second.end());
      std::sort(all.begin(), all.end());
      for (size_t r : all) {
        net += w.rows[r].from == acc ? -w.rows[r].fen : w.rows[r].fen;
        low = std::min(low, net);
      }
      return std::make_pair(-low, all);
    };
    while (!queue.empty()) {
      const auto [ts, r] = *queue.begin();
      queue.erase(queue.begin());
      const GenRow& row = w.rows[r];
      std::vector<std::pair<int, int64_t>> portions;
      auto src = pools.find(row.from);
      if (r == theft) {
        portions.push_back({0, row.fen});
      } else if (src != pools.end()) {
        int64_t left = row.fen;
        while (left > 0 && !src->second.empty()) {
          auto& lot = src->second.front();
          const int64_t take = std::min(left, lot.second);
          portions.push_back({lot.first, take});
          lot.second -= take;
          left -= take;
          if (lot.second == 0) src->second.pop_front();
        }
        if (left > 0) portions.push_back({kClean, left});
      } else {
        portions.push_back({kClean, row.fen});
      }
      if (row.to.empty()) continue;
      auto dst = pools.find(row.to);
      bool tainted = false;
      for (auto& p : portions) tainted |= p.first != kClean;
      if (dst == pools.end()) {
        if (!tainted) continue;
        auto [open, all] = opening(row.to);
        int64_t before = open;
        for (size_t x : all) {
          if (x >= r) break;
          before += w.rows[x].from == row.to ? -w.rows[x].fen : w.rows[x].fen;
        }
        dst = pools.emplace(row.to, std::deque<std::pair<int, int64_t>>{}).first;
        if (before > 0) dst->second.push_back({kClean, before});
        for (size_t x : all) {
          if (x > r) queue.insert({w.rows[x].ts, x});
        }
      }
      for (auto& p : portions) dst->second.push_back(p);
    }
    int64_t held = 0;
    for (const auto& [acc, lots] : pools) {
      for (const auto& [v, fen] : lots) held += v == 0 ? fen : 0;
    }
    return held;
  }
};

void BM_TraceOneCase_MapOfVectors(benchmark::State& state) {
  static const Naive naive(Generated());
  int64_t held = 0;
  for (auto _ : state) {
    held = naive.Trace(Generated().theft);
    benchmark::DoNotOptimize(held);
  }
  state.counters["held_fen"] = static_cast<double>(held);
}
BENCHMARK(BM_TraceOneCase_MapOfVectors)->Unit(benchmark::kMillisecond);

}  // namespace



namespace {
void BM_TraceOneCase_OursUpdateOnly(benchmark::State& state) {
  const auto& l = OurLedger();
  const auto theft = static_cast<wuzha::ledger::Row>(Generated().theft);
  size_t accounts = 0;
  for (auto _ : state) {
    wuzha::trace::Tracer t(l);
    (void)t.AddVictim("victim", std::vector<wuzha::ledger::Row>{theft});
    t.Update();
    accounts = t.TracedAccounts().size();
    benchmark::DoNotOptimize(accounts);
  }
  state.counters["traced_accounts"] = static_cast<double>(accounts);
}
BENCHMARK(BM_TraceOneCase_OursUpdateOnly)->Unit(benchmark::kMillisecond);
}  // namespace
BENCHMARK_MAIN();
