// Normalize on 2,000 sim fraud SMS (evasion rate 0.3), beside the straightforward
// alternatives in the same run: NormalizeReference (the same output with every pass run
// and ICU called on every non-inert segment; BM_Normalize reports speedup_vs_reference
// from alternating batches of both), ICU's NFKC_Casefold on the whole message (UTF-8 → UTF-16 →
// UTF-8) followed by a std::wregex that strips zero-width characters and separators between
// Han characters (two of our eight steps), and OpenCC's own t2s conversion per message
// (one step, the one whose table we precompute). All report bytes of input per second.
#include <benchmark/benchmark.h>
#include <opencc.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <chrono>
#include <locale>
#include <regex>
#include <string>
#include <vector>

#include "core/fraud_type.h"
#include "core/random.h"
#include "sim/text_gen.h"
#include "text/extract.h"
#include "text/normalize.h"

namespace wuzha::text {
namespace {

const std::vector<std::string>& Corpus() {
  static const std::vector<std::string> corpus = [] {
    std::vector<std::string> out;
    Rng rng(42);
    for (int i = 0; i < 2000; ++i) {
      sim::FraudSmsInput input{static_cast<FraudType>(i % kFraudTypeCount), "", "", nullptr,
                               Money()};
      if (i % 2 == 0) input.url = "http://icbc-refund.top/r/8KQ2";
      if (i % 3 == 0) input.contact = "QQ12345678";
      out.push_back(sim::FraudSms(input, 0.3, rng));
    }
    return out;
  }();
  return corpus;
}

int64_t CorpusBytes() {
  int64_t n = 0;
  for (const std::string& s : Corpus()) n += static_cast<int64_t>(s.size());
  return n;
}

void BM_Normalize(benchmark::State& state) {
  (void)InitNormalizer();
  std::string out;
  for (auto _ : state) {
    for (const std::string& s : Corpus()) {
      NormalizeInto(s, out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
  // Alternating batches, so that load on the machine weighs on both sides alike; the
  // median round, so that a pause of the process in one does not count.
  std::vector<double> ratios;
  for (int round = 0; round < 7; ++round) {
    auto t0 = std::chrono::steady_clock::now();
    for (const std::string& s : Corpus()) {
      NormalizeInto(s, out);
      benchmark::DoNotOptimize(out.data());
    }
    auto t1 = std::chrono::steady_clock::now();
    for (const std::string& s : Corpus()) benchmark::DoNotOptimize(NormalizeReference(s));
    auto t2 = std::chrono::steady_clock::now();
    ratios.push_back(std::chrono::duration<double>(t2 - t1) /
                     std::chrono::duration<double>(t1 - t0));
  }
  std::sort(ratios.begin(), ratios.end());
  state.counters["speedup_vs_reference"] = ratios[ratios.size() / 2];
}
BENCHMARK(BM_Normalize);

// Baseline: the reference implementation (same output).
void BM_NormalizeReference(benchmark::State& state) {
  (void)InitNormalizer();
  for (auto _ : state) {
    for (const std::string& s : Corpus()) benchmark::DoNotOptimize(NormalizeReference(s));
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_NormalizeReference);

void BM_Extract(benchmark::State& state) {
  std::vector<Entity> out;
  for (auto _ : state) {
    for (const std::string& s : Corpus()) {
      ExtractInto(s, out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_Extract);

// Baseline: ICU NFKC_Casefold on the whole message, then std::wregex for zero-width
// characters and separators between Han characters.
void BM_BaselineIcuNfkcPlusRegex(benchmark::State& state) {
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2* nfkc = unorm2_getNFKCCasefoldInstance(&err);
  const std::wregex zero_width(L"[\u200B-\u200D\u2060\uFEFF]");
  const std::wregex separators(L"([\u4E00-\u9FFF])[ \\-*|/_\u00B7]+(?=[\u4E00-\u9FFF])");
  std::u16string in16, out16;
  std::string out8;
  for (auto _ : state) {
    for (const std::string& s : Corpus()) {
      err = U_ZERO_ERROR;
      in16.resize(s.size() + 1);
      int32_t n16 = 0;
      u_strFromUTF8(reinterpret_cast<UChar*>(in16.data()), static_cast<int32_t>(in16.size()),
                    &n16, s.data(), static_cast<int32_t>(s.size()), &err);
      out16.resize(static_cast<size_t>(n16) * 4 + 16);
      const int32_t m = unorm2_normalize(nfkc, reinterpret_cast<const UChar*>(in16.data()), n16,
                                         reinterpret_cast<UChar*>(out16.data()),
                                         static_cast<int32_t>(out16.size()), &err);
      std::wstring wide;
      for (int32_t i = 0; i < m; ++i) wide += static_cast<wchar_t>(out16[i]);  // BMP only
      wide = std::regex_replace(wide, zero_width, L"");
      wide = std::regex_replace(wide, separators, L"$1");
      benchmark::DoNotOptimize(wide.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_BaselineIcuNfkcPlusRegex);

// Baseline: OpenCC's t2s conversion run on each message (phrase segmentation included).
void BM_BaselineOpenCcPerMessage(benchmark::State& state) {
  opencc_t cc = opencc_open(WUZHA_BENCH_T2S);
  if (cc == reinterpret_cast<opencc_t>(-1)) {
    state.SkipWithError("cannot open t2s.json");
    return;
  }
  for (auto _ : state) {
    for (const std::string& s : Corpus()) {
      char* out = opencc_convert_utf8(cc, s.data(), s.size());
      benchmark::DoNotOptimize(out);
      opencc_convert_utf8_free(out);
    }
  }
  opencc_close(cc);
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_BaselineOpenCcPerMessage);

}  // namespace
}  // namespace wuzha::text

BENCHMARK_MAIN();
