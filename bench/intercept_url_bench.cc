// Lookalike checks, one host at a time on one core, on a mix of a third lookalikes
// (typo, homoglyph, added words, TLD swap of Chinese and Tranco brands) and two thirds
// honest hosts (Tranco domains with subdomains, unknown domains):
//   - BM_BrandTableFind: the compiled table (label, skeleton and deletion-index hashes);
//   - BM_NaiveScan (baseline): for every brand, a full edit-distance matrix, a skeleton
//     comparison and a substring search — what a straightforward implementation does;
//   - BM_CheckUrl: the whole URL verdict (host parse, IDNA, PSL, every URL rule).
// The brands are the built-ins plus Tranco's top 10k when ../shared/data is present.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "intercept/brand_table.h"
#include "intercept/checker.h"
#include "lists/indicator.h"
#include "lists/store.h"

namespace wuzha::intercept {
namespace {

const std::string kTranco = std::string(WUZHA_SHARED_DATA_DIR) + "/domains/tranco_top10k.csv";

std::string TrancoPath() { return std::filesystem::exists(kTranco) ? kTranco : std::string(); }

const BrandTable& Table() {
  static const auto table = std::move(BrandTable::Create(TrancoPath())).value();
  return *table;
}

struct Host {
  std::string host, registrable;
};

const std::vector<Host>& Hosts() {
  static const std::vector<Host> hosts = [] {
    std::mt19937 rng(42);
    const auto& brands = Table().brands();
    auto brand = [&]() -> const Brand& {
      for (;;) {
        const Brand& b = brands[std::uniform_int_distribution<size_t>(0, brands.size() - 1)(rng)];
        if (b.label.size() >= 4 && static_cast<unsigned char>(b.label[0]) < 0x80) return b;
      }
    };
    const char* const kWords[] = {"shop", "news", "cloud", "data", "photo", "travel", "my"};
    std::vector<std::string> names;
    for (int i = 0; i < 3000; ++i) {
      const Brand& b = brand();
      std::string label = b.label;
      switch (i % 6) {
        case 0:
          label[label.size() / 2] = 'x';
          names.push_back(label + ".com");
          break;                                              // typo
        case 1: names.push_back(label + "-kefu.top"); break;  // words
        case 2: names.push_back(label + ".xyz"); break;       // TLD swap
        case 3: names.push_back("www." + b.domain); break;    // honest
        case 4: names.push_back("cdn." + b.domain); break;    // honest
        case 5:
          names.push_back(std::string(kWords[i % 7]) + std::to_string(i) + "-site.net");  // unknown
          break;
      }
    }
    std::vector<Host> out;
    for (std::string& n : names) {
      std::string r = lists::RegistrableDomain(n).value_or("");
      out.push_back({std::move(n), std::move(r)});
    }
    return out;
  }();
  return hosts;
}

void BM_BrandTableFind(benchmark::State& state) {
  const BrandTable& table = Table();
  const auto& hosts = Hosts();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const Host& h = hosts[i++ % hosts.size()];
    found += table.Find(h.host, h.registrable, h.host).has_value();
  }
  state.counters["brands"] = static_cast<double>(table.brands().size());
  state.counters["flagged_share"] = static_cast<double>(found) / static_cast<double>(i);
}
BENCHMARK(BM_BrandTableFind);

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
    }
  }
  return row[b.size()];
}

void BM_NaiveScan(benchmark::State& state) {
  const BrandTable& table = Table();
  const auto& hosts = Hosts();
  std::vector<std::string> skeletons;
  for (const Brand& b : table.brands()) skeletons.push_back(BrandTable::Skeleton(b.label));
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const Host& h = hosts[i++ % hosts.size()];
    if (h.registrable.empty() || table.IsProtected(h.registrable)) continue;
    const std::string_view label =
        std::string_view(h.registrable).substr(0, h.registrable.find('.'));
    const std::string skeleton = BrandTable::Skeleton(label);
    for (size_t k = 0; k < table.brands().size(); ++k) {
      const std::string& b = table.brands()[k].label;
      if (b.size() < 4) continue;
      if (b == label || skeletons[k] == skeleton || EditDistance(label, b) <= 1 ||
          label.find(b) != std::string_view::npos) {
        ++found;
        break;
      }
    }
  }
  state.counters["flagged_share"] = static_cast<double>(found) / static_cast<double>(i);
}
BENCHMARK(BM_NaiveScan);

void BM_CheckUrl(benchmark::State& state) {
  static lists::Store store;
  static const auto checker = [] {
    store.Publish();
    CheckerOptions options;
    options.tranco = TrancoPath();
    return std::move(Checker::Create(store, options)).value();
  }();
  const auto& hosts = Hosts();
  size_t i = 0;
  for (auto _ : state) {
    const Host& h = hosts[i++ % hosts.size()];
    benchmark::DoNotOptimize(checker->CheckUrl({"https://" + h.host + "/login", 0}));
  }
}
BENCHMARK(BM_CheckUrl);

}  // namespace
}  // namespace wuzha::intercept

BENCHMARK_MAIN();
