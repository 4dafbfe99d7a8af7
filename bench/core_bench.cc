// Hot paths of src/core beside the straightforward implementations they replace, in
// the same run so that the figures read as ratios:
//   phone normalization: NormalizePhoneInto vs a std::regex normalizer and a
//     std::string-erase normalizer, over 1,000 numbers in the formats real exports use;
//   interning: Interner vs std::unordered_map<std::string, uint32_t>, 1M random
//     11-digit mobile numbers, intern and lookup (hit and miss);
//   deterministic math: DetExp / DetLog vs glibc's exp / log, 4,096 arguments where the
//     distributions use them;
//   distributions: Rng::Poisson and Rng::Normal vs the libm-based draws src/sim used
//     (Knuth with std::exp, Box-Muller with std::log/cos) and vs std::poisson_distribution.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/det_math.h"
#include "core/interner.h"
#include "core/phone.h"
#include "core/random.h"

namespace wuzha {
namespace {

// ---------------------------------------------------------------- workloads

std::string Digits(std::mt19937_64& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng() % 10));
  return s;
}

std::string FullWidth(std::string_view ascii) {
  std::string out;
  for (char c : ascii) {
    if (c >= '0' && c <= '9') {
      out += "\xEF\xBC";
      out.push_back(static_cast<char>(0x90 + (c - '0')));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// A mobile number in one of the ways CDRs, bank files and people write it.
std::string MobileText(std::mt19937_64& rng) {
  static constexpr std::string_view kPrefixes[] = {"138", "139", "186", "150", "177",
                                                   "199", "170", "171", "166", "135"};
  const std::string m = std::string(kPrefixes[rng() % std::size(kPrefixes)]) + Digits(rng, 8);
  const std::string a = m.substr(0, 3), b = m.substr(3, 4), c = m.substr(7);
  switch (rng() % 10) {
    case 0:
    case 1:
    case 2:
      return m;
    case 3:
      return "86" + m;
    case 4:
      return "+86" + m;
    case 5:
      return "+86 " + a + " " + b + " " + c;
    case 6:
      return "0086-" + m;
    case 7:
      return a + "-" + b + "-" + c;
    case 8:
      return a + " " + b + " " + c;
    default:
      return FullWidth(m);
  }
}

std::string LandlineText(std::mt19937_64& rng) {
  static constexpr std::string_view kAreas[] = {"10", "21", "27", "20", "755", "571", "28", "913"};
  const std::string area(kAreas[rng() % std::size(kAreas)]);
  const std::string sub = std::to_string(2 + rng() % 8) + Digits(rng, area == "913" ? 6 : 7);
  switch (rng() % 5) {
    case 0:
      return "0" + area + "-" + sub;
    case 1:
      return "(0" + area + ") " + sub.substr(0, 4) + " " + sub.substr(4);
    case 2:
      return "+86 " + area + " " + sub.substr(0, 4) + " " + sub.substr(4);
    case 3:
      return "0" + area + sub;
    default:
      return "86-" + area + "-" + sub;
  }
}

std::string ServiceText(std::mt19937_64& rng) {
  switch (rng() % 6) {
    case 0:
      return "95" + Digits(rng, 3);
    case 1:
      return rng() % 2 ? "10086" : "10010";
    case 2:
      return "400-" + Digits(rng, 3) + "-" + Digits(rng, 4);
    case 3:
      return "1069" + Digits(rng, 9);
    case 4:
      return "12" + Digits(rng, 3);
    default:
      return "110";
  }
}

std::string OtherText(std::mt19937_64& rng) {
  switch (rng() % 4) {
    case 0:
      return "+1 415 555 " + Digits(rng, 4);
    case 1:
      return "+855 " + Digits(rng, 8);
    case 2:
      return "138" + Digits(rng, 5);  // truncated mobile: invalid
    default:
      return "unknown";  // placeholder some exports write
  }
}

// 1,000 numbers: 60% mobiles, 20% landlines, 12% service, 8% foreign or invalid.
const std::vector<std::string>& PhoneMix() {
  static const std::vector<std::string> mix = [] {
    std::mt19937_64 rng(20240501);
    std::vector<std::string> v;
    for (int i = 0; i < 1000; ++i) {
      const unsigned r = rng() % 100;
      v.push_back(r < 60   ? MobileText(rng)
                  : r < 80 ? LandlineText(rng)
                  : r < 92 ? ServiceText(rng)
                           : OtherText(rng));
    }
    return v;
  }();
  return mix;
}

int64_t TotalBytes(const std::vector<std::string>& v) {
  int64_t n = 0;
  for (const auto& s : v) n += static_cast<int64_t>(s.size());
  return n;
}

// ---------------------------------------------------------------- baselines

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

// Full-width digits and plus to ASCII, the way a script would: one pass per character.
std::string ToAscii(std::string_view text) {
  std::string s(text);
  for (int d = 0; d < 10; ++d) {
    const char fw[] = {'\xEF', '\xBC', static_cast<char>(0x90 + d), 0};
    ReplaceAll(s, fw, std::string(1, static_cast<char>('0' + d)));
  }
  ReplaceAll(s, "\xEF\xBC\x8B", "+");
  return s;
}

// The std::regex normalizer: strip separators, then try one pattern per kind.
bool RegexNormalize(std::string_view text, std::string& out) {
  static const std::regex kSeparators(R"([\s\-.()])");
  static const std::regex kMobile(R"(^(?:\+86|0086|86)?(1[3-9]\d{9})$)");
  static const std::regex kService(
      R"(^(?:\+86|0086)?(11[09]|12[02]|9[56]\d{3,4}|10[01]\d{2}|12\d{3}|106\d{5,17}|[48]00\d{7})$)");
  static const std::regex kLandline(
      R"(^(?:(?:\+86|0086|86)0?|0)(10|2\d|[3-9]\d\d)([2-9]\d{6,7})$)");
  static const std::regex kForeign(R"(^(?:\+|00)([1-9]\d{6,14})$)");
  const std::string s = std::regex_replace(ToAscii(text), kSeparators, "");
  std::smatch m;
  if (std::regex_match(s, m, kMobile) || std::regex_match(s, m, kService)) {
    out = "86" + m[1].str();
  } else if (std::regex_match(s, m, kLandline)) {
    out = "86" + m[1].str() + m[2].str();
  } else if (std::regex_match(s, m, kForeign)) {
    out = m[1].str();
  } else {
    return false;
  }
  return true;
}

// The std::string normalizer: erase separators, strip prefixes with substr, check shape.
bool StringNormalize(std::string_view text, std::string& out) {
  std::string s = ToAscii(text);
  s.erase(std::remove_if(s.begin(), s.end(),
                         [](char c) {
                           return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' ||
                                  c == '\t';
                         }),
          s.end());
  bool international = false;
  if (s.starts_with("+")) {
    s = s.substr(1);
    international = true;
  } else if (s.starts_with("00")) {
    s = s.substr(2);
    international = true;
  }
  if (s.size() < 3 || s.find_first_not_of("0123456789") != std::string::npos) return false;
  if (international && !s.starts_with("86")) {
    if (s.size() < 7 || s.size() > 15 || s[0] == '0') return false;
    out = s;
    return true;
  }
  if (international || (s.starts_with("86") && s.size() >= 11 && s.size() <= 13)) s = s.substr(2);
  if (s.starts_with("0")) s = s.substr(1);
  const bool mobile = s.size() == 11 && s[0] == '1' && s[1] >= '3';
  const bool service = s.starts_with("95") || s.starts_with("96") || s.starts_with("100") ||
                       s.starts_with("101") || s.starts_with("106") || s.starts_with("12") ||
                       s.starts_with("400") || s.starts_with("800") || s == "110";
  const bool landline = (s.size() >= 9 && s.size() <= 11 && s[0] != '1') || s.starts_with("10");
  if (!mobile && !service && !landline) return false;
  out = "86" + s;
  return true;
}

// Share of the mix where a baseline gives the same digits as NormalizePhoneInto (both
// reject counts as agreement), so the ratio compares like with like.
double Agreement(bool (*baseline)(std::string_view, std::string&)) {
  int same = 0;
  std::string ours, theirs;
  for (const auto& text : PhoneMix()) {
    const bool ok = NormalizePhoneInto(text, ours).ok();
    const bool base_ok = baseline(text, theirs);
    same += ok == base_ok && (!ok || ours == theirs);
  }
  return same / static_cast<double>(PhoneMix().size());
}

// ---------------------------------------------------------------- phone benchmarks

void BM_Phone_NormalizePhoneInto(benchmark::State& state) {
  const auto& mix = PhoneMix();
  std::string out;
  out.reserve(32);
  int64_t valid = 0;
  for (auto _ : state) {
    for (const auto& text : mix) {
      Result<PhoneKind> kind = NormalizePhoneInto(text, out);
      valid += kind.ok();
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(mix.size()));
  state.SetBytesProcessed(state.iterations() * TotalBytes(mix));
  state.counters["valid_share"] =
      static_cast<double>(valid) / static_cast<double>(state.iterations() * mix.size());
}
BENCHMARK(BM_Phone_NormalizePhoneInto);

void RunPhoneBaseline(benchmark::State& state, bool (*baseline)(std::string_view, std::string&)) {
  const auto& mix = PhoneMix();
  std::string out;
  for (auto _ : state) {
    for (const auto& text : mix) {
      benchmark::DoNotOptimize(baseline(text, out));
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(mix.size()));
  state.SetBytesProcessed(state.iterations() * TotalBytes(mix));
  state.counters["agree"] = Agreement(baseline);
}

void BM_Phone_BaselineStringErase(benchmark::State& state) {
  RunPhoneBaseline(state, StringNormalize);
}
BENCHMARK(BM_Phone_BaselineStringErase);

void BM_Phone_BaselineRegex(benchmark::State& state) { RunPhoneBaseline(state, RegexNormalize); }
BENCHMARK(BM_Phone_BaselineRegex);

// ---------------------------------------------------------------- interner benchmarks

constexpr size_t kKeys = 1'000'000;

// kKeys random 11-digit mobile numbers: the hit set starts 13-17, the miss set 18-19, so
// the two never overlap.
std::vector<std::string> MobileKeys(uint64_t seed, bool miss_set) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> keys;
  keys.reserve(kKeys);
  for (size_t i = 0; i < kKeys; ++i) {
    const char second =
        miss_set ? static_cast<char>('8' + rng() % 2) : static_cast<char>('3' + rng() % 5);
    keys.push_back(std::string("1") + second + Digits(rng, 9));
  }
  return keys;
}

const std::vector<std::string>& HitKeys() {
  static const std::vector<std::string> keys = MobileKeys(1, false);
  return keys;
}
const std::vector<std::string>& MissKeys() {
  static const std::vector<std::string> keys = MobileKeys(2, true);
  return keys;
}
// The hit keys in another order, so that lookups do not follow insertion order.
const std::vector<std::string>& ShuffledHitKeys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> v = HitKeys();
    std::shuffle(v.begin(), v.end(), std::mt19937_64(3));
    return v;
  }();
  return keys;
}

void SetKeyRates(benchmark::State& state, const std::vector<std::string>& keys) {
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(keys.size()));
  state.SetBytesProcessed(state.iterations() * TotalBytes(keys));
}

using StdMap = std::unordered_map<std::string, uint32_t>;

void BM_Intern_Interner(benchmark::State& state) {
  const auto& keys = HitKeys();
  size_t bytes = 0;
  for (auto _ : state) {
    Interner in;
    for (const auto& k : keys) benchmark::DoNotOptimize(in.Intern(k));
    bytes = in.memory_bytes();
  }
  SetKeyRates(state, keys);
  state.counters["bytes_per_key"] = static_cast<double>(bytes) / static_cast<double>(keys.size());
}
BENCHMARK(BM_Intern_Interner)->Unit(benchmark::kMillisecond);

void BM_Intern_BaselineUnorderedMap(benchmark::State& state) {
  const auto& keys = HitKeys();
  for (auto _ : state) {
    StdMap map;
    for (const auto& k : keys) {
      auto [it, inserted] = map.try_emplace(k, static_cast<uint32_t>(map.size()));
      benchmark::DoNotOptimize(it->second);
    }
  }
  SetKeyRates(state, keys);
}
BENCHMARK(BM_Intern_BaselineUnorderedMap)->Unit(benchmark::kMillisecond);

const Interner& BuiltInterner() {
  static const Interner in = [] {
    Interner i;
    for (const auto& k : HitKeys()) i.Intern(k);
    return i;
  }();
  return in;
}
const StdMap& BuiltMap() {
  static const StdMap map = [] {
    StdMap m;
    for (const auto& k : HitKeys()) m.try_emplace(k, static_cast<uint32_t>(m.size()));
    return m;
  }();
  return map;
}

void FindAll(benchmark::State& state, const std::vector<std::string>& keys) {
  const Interner& in = BuiltInterner();
  size_t found = 0;
  for (auto _ : state) {
    for (const auto& k : keys) found += in.Find(k).has_value();
    benchmark::DoNotOptimize(found);
  }
  SetKeyRates(state, keys);
}
void MapFindAll(benchmark::State& state, const std::vector<std::string>& keys) {
  const StdMap& map = BuiltMap();
  size_t found = 0;
  for (auto _ : state) {
    for (const auto& k : keys) found += map.find(k) != map.end();
    benchmark::DoNotOptimize(found);
  }
  SetKeyRates(state, keys);
}

void BM_LookupHit_Interner(benchmark::State& state) { FindAll(state, ShuffledHitKeys()); }
BENCHMARK(BM_LookupHit_Interner)->Unit(benchmark::kMillisecond);
void BM_LookupHit_BaselineUnorderedMap(benchmark::State& state) {
  MapFindAll(state, ShuffledHitKeys());
}
BENCHMARK(BM_LookupHit_BaselineUnorderedMap)->Unit(benchmark::kMillisecond);
void BM_LookupMiss_Interner(benchmark::State& state) { FindAll(state, MissKeys()); }
BENCHMARK(BM_LookupMiss_Interner)->Unit(benchmark::kMillisecond);
void BM_LookupMiss_BaselineUnorderedMap(benchmark::State& state) { MapFindAll(state, MissKeys()); }
BENCHMARK(BM_LookupMiss_BaselineUnorderedMap)->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------- deterministic math

constexpr size_t kMathArgs = 4096;

// Arguments as the distributions pass them: exp of normals and of -mean, log of uniforms.
const std::vector<double>& ExpArgs() {
  static const std::vector<double> v = [] {
    Rng rng(5);
    std::vector<double> a(kMathArgs);
    for (double& x : a) x = 40.0 * rng.Unit() - 30.0;
    return a;
  }();
  return v;
}
const std::vector<double>& LogArgs() {
  static const std::vector<double> v = [] {
    Rng rng(6);
    std::vector<double> a(kMathArgs);
    for (double& x : a) x = 1.0 - rng.Unit();
    return a;
  }();
  return v;
}

void RunMath(benchmark::State& state, const std::vector<double>& args, double (*f)(double)) {
  for (auto _ : state) {
    double sum = 0;
    for (double x : args) sum += f(x);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(args.size()));
}

double StdExp(double x) { return std::exp(x); }
double StdLog(double x) { return std::log(x); }

void BM_Exp_DetExp(benchmark::State& state) { RunMath(state, ExpArgs(), DetExp); }
BENCHMARK(BM_Exp_DetExp);
void BM_Exp_BaselineStdExp(benchmark::State& state) { RunMath(state, ExpArgs(), StdExp); }
BENCHMARK(BM_Exp_BaselineStdExp);
void BM_Log_DetLog(benchmark::State& state) { RunMath(state, LogArgs(), DetLog); }
BENCHMARK(BM_Log_DetLog);
void BM_Log_BaselineStdLog(benchmark::State& state) { RunMath(state, LogArgs(), StdLog); }
BENCHMARK(BM_Log_BaselineStdLog);

// ---------------------------------------------------------------- distributions

constexpr int kDrawsPerIteration = 1000;

// The draws src/sim/engine.cc made before Rng had distributions: Knuth with std::exp
// below 30, a rounded Box-Muller normal above (not a Poisson there, and libm-dependent).
double LibmNormal(Rng& rng) {
  const double u1 = 1.0 - rng.Unit(), u2 = rng.Unit();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.141592653589793 * u2);
}
// Not inlined, like Rng::Poisson, so that std::exp(-mean) is not hoisted out of the loop.
[[gnu::noinline]] uint64_t LibmPoisson(double mean, Rng& rng) {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const double limit = std::exp(-mean);
    uint64_t k = 0;
    for (double p = rng.Unit(); p > limit; p *= rng.Unit()) ++k;
    return k;
  }
  const double v = std::round(mean + std::sqrt(mean) * LibmNormal(rng));
  return v <= 0 ? 0 : static_cast<uint64_t>(v);
}

template <typename Draw>
void RunDraws(benchmark::State& state, Draw draw) {
  for (auto _ : state) {
    for (int i = 0; i < kDrawsPerIteration; ++i) benchmark::DoNotOptimize(draw());
  }
  state.SetItemsProcessed(state.iterations() * kDrawsPerIteration);
}

void BM_Poisson_Rng(benchmark::State& state, double mean) {
  Rng rng(1);
  RunDraws(state, [&] { return rng.Poisson(mean); });
}
void BM_Poisson_BaselineLibm(benchmark::State& state, double mean) {
  Rng rng(1);
  RunDraws(state, [&] { return LibmPoisson(mean, rng); });
}
void BM_Poisson_BaselineStd(benchmark::State& state, double mean) {
  std::mt19937_64 gen(1);
  std::poisson_distribution<int64_t> dist(mean);
  RunDraws(state, [&] { return dist(gen); });
}
BENCHMARK_CAPTURE(BM_Poisson_Rng, mean_0_5, 0.5);
BENCHMARK_CAPTURE(BM_Poisson_BaselineLibm, mean_0_5, 0.5);
BENCHMARK_CAPTURE(BM_Poisson_BaselineStd, mean_0_5, 0.5);
BENCHMARK_CAPTURE(BM_Poisson_Rng, mean_5, 5.0);
BENCHMARK_CAPTURE(BM_Poisson_BaselineLibm, mean_5, 5.0);
BENCHMARK_CAPTURE(BM_Poisson_BaselineStd, mean_5, 5.0);
BENCHMARK_CAPTURE(BM_Poisson_Rng, mean_29_9, 29.9);
BENCHMARK_CAPTURE(BM_Poisson_BaselineLibm, mean_29_9, 29.9);
BENCHMARK_CAPTURE(BM_Poisson_BaselineStd, mean_29_9, 29.9);
BENCHMARK_CAPTURE(BM_Poisson_Rng, mean_100, 100.0);
BENCHMARK_CAPTURE(BM_Poisson_BaselineLibm, mean_100, 100.0);
BENCHMARK_CAPTURE(BM_Poisson_BaselineStd, mean_100, 100.0);
BENCHMARK_CAPTURE(BM_Poisson_Rng, mean_10000, 1e4);
BENCHMARK_CAPTURE(BM_Poisson_BaselineLibm, mean_10000, 1e4);
BENCHMARK_CAPTURE(BM_Poisson_BaselineStd, mean_10000, 1e4);

void BM_Normal_Rng(benchmark::State& state) {
  Rng rng(1);
  RunDraws(state, [&] { return rng.Normal(); });
}
BENCHMARK(BM_Normal_Rng);
void BM_Normal_BaselineLibmBoxMuller(benchmark::State& state) {
  Rng rng(1);
  RunDraws(state, [&] { return LibmNormal(rng); });
}
BENCHMARK(BM_Normal_BaselineLibmBoxMuller);
void BM_Normal_BaselineStd(benchmark::State& state) {
  std::mt19937_64 gen(1);
  std::normal_distribution<double> dist;
  RunDraws(state, [&] { return dist(gen); });
}
BENCHMARK(BM_Normal_BaselineStd);

}  // namespace
}  // namespace wuzha

BENCHMARK_MAIN();
