// City::Build at 100k and 1M residents, beside the straightforward alternative in the same
// run: a resident table that stores every personal string (name, ID number, phone
// numbers, account numbers) in std::string fields. City stores 28-byte residents and
// derives the strings on demand; the ratio shows what the derived strings save in time
// (and, by the figures in docs/sim.md, in memory). Then the engine's events per second,
// beside the flat RandomTraffic generator, and at Wuhan scale.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/event_schema.h"
#include "core/random.h"
#include "sim/city.h"
#include "sim/engine.h"
#include "sim/traffic.h"

namespace wuzha::sim {
namespace {

void BM_CityBuild(benchmark::State& state) {
  CityOptions options;
  options.population = static_cast<uint32_t>(state.range(0));
  for (auto _ : state) {
    auto city = City::Build(options);
    if (!city.ok()) state.SkipWithError(city.status().ToString().c_str());
    benchmark::DoNotOptimize(city->residents().data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["bytes_per_resident"] = 0;
  auto city = City::Build(options);
  const double bytes = sizeof(Resident) * city->residents().size() +
                       sizeof(Phone) * city->phones().size() +
                       sizeof(Account) * city->accounts().size();
  state.counters["bytes_per_resident"] = bytes / options.population;
}
BENCHMARK(BM_CityBuild)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// The baseline: each resident a struct of strings, built with the same kind of draws.
struct NaiveResident {
  std::string name, person_id, community;
  std::vector<std::string> phones, accounts;
  int age;
  bool male;
};

std::string Digits(Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng.Uniform(10)));
  return s;
}

void BM_NaiveStringResidents(benchmark::State& state) {
  const auto population = static_cast<uint32_t>(state.range(0));
  static const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵"};
  static const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军"};
  for (auto _ : state) {
    Rng rng(1);
    std::vector<NaiveResident> residents;
    residents.reserve(population);
    for (uint32_t i = 0; i < population; ++i) {
      NaiveResident r;
      r.age = static_cast<int>(rng.Uniform(100));
      r.male = rng.Chance(0.512);
      r.name =
          std::string(kSurnames[rng.Uniform(8)]) + kGiven[rng.Uniform(8)] + kGiven[rng.Uniform(8)];
      std::string first17 = "420102" + std::to_string(2024 - r.age) + "0501" + Digits(rng, 3);
      r.person_id = first17 + PersonIdCheckChar(first17);
      r.community = "420102002" + Digits(rng, 3);
      const int phones = 1 + static_cast<int>(rng.Uniform(2));
      for (int p = 0; p < phones; ++p) r.phones.push_back("86139" + Digits(rng, 8));
      const int accounts = 1 + static_cast<int>(rng.Uniform(3));
      for (int a = 0; a < accounts; ++a) r.accounts.push_back("622202" + Digits(rng, 13));
      residents.push_back(std::move(r));
    }
    benchmark::DoNotOptimize(residents.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_NaiveStringResidents)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// The engine: events generated per second, legitimate traffic and gangs, on 1 and 2
// threads, beside the flat random generator of `wuzha bench` (RandomTraffic: no city,
// no rhythms, no money) as the baseline of the same run.
class CountingSink : public EventSink {
 public:
  Status Write(const Event&) override {
    ++count;
    return Status::Ok();
  }
  uint64_t count = 0;
};

const City& BenchCity(uint32_t population) {
  static std::map<uint32_t, std::unique_ptr<City>> cities;
  auto& city = cities[population];
  if (!city) {
    CityOptions o;
    o.seed = 5;
    o.population = population;
    city = std::make_unique<City>(City::Build(o).value());
  }
  return *city;
}

// One simulated day, seed 5, on `threads` threads.
EngineOptions DayOptions(int threads) {
  EngineOptions o;
  o.seed = 5;
  o.days = 1;
  o.threads = threads;
  return o;
}

// One simulated day of a 100,000-resident city (about 1.6M events).
void BM_EngineDay(benchmark::State& state) {
  const City& city = BenchCity(100'000);
  uint64_t events = 0;
  for (auto _ : state) {
    EngineOptions o = DayOptions(static_cast<int>(state.range(0)));
    o.fraud.enabled = state.range(1) != 0;
    Engine engine(city, o);
    CountingSink sink;
    if (!engine.Run(sink).ok()) state.SkipWithError("engine failed");
    events += sink.count;
  }
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EngineDay)
    ->ArgsProduct({{1, 2}, {0, 1}})
    ->ArgNames({"threads", "fraud"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_RandomTrafficBaseline(benchmark::State& state) {
  TrafficOptions o;
  o.seed = 5;
  o.subscribers = 100000;
  RandomTraffic traffic(o);
  Event e;
  uint64_t events = 0;
  for (auto _ : state) {
    for (int i = 0; i < 100000; ++i) traffic.Next(e);
    events += 100000;
  }
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RandomTrafficBaseline)->Unit(benchmark::kMillisecond);

// Wuhan scale: the 13.7-million city from midnight to 11:00 (the quiet night and the
// morning peak, about 40% of a day's events), streamed to a counting sink; memory stays
// bounded by the city plus one slice. It builds a 1.2 GB city: filter it out with
// --benchmark_filter=-Wuhan when memory is short.
void BM_WuhanMorning(benchmark::State& state) {
  const City& city = BenchCity(13'700'000);
  uint64_t events = 0;
  for (auto _ : state) {
    Engine engine(city, DayOptions(static_cast<int>(state.range(0))));
    CountingSink sink;
    for (int slice = 0; slice < 11 * 60 && !engine.done(); ++slice) {
      if (!engine.Step(sink).ok()) state.SkipWithError("engine failed");
    }
    events += sink.count;
  }
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["events"] = static_cast<double>(events) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_WuhanMorning)->Arg(2)->ArgName("threads")->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

}  // namespace
}  // namespace wuzha::sim

BENCHMARK_MAIN();
