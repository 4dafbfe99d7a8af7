// Rng: a small, fast, seeded pseudo-random generator (xoshiro256**, seeded through
// splitmix64), so that the simulator and the tests produce the same data on every
// machine and standard library: std::mt19937 is portable but the std distributions
// are not. A value type; not thread safe (one per thread or per partition).
//
// The distributions (Exp, Normal, LogNormal, Poisson, Geometric) draw their uniforms only
// from Next() and compute with det_math.h and IEEE basic operations, never the C
// library's exp/log/cos/pow, so a seed gives the same bits on every machine and libm.
// They live in random.cc, compiled with -ffp-contract=off, so that an including target
// built with FMA cannot change them. The exact algorithms are part of the contract:
// tests/core/random_test.cc pins the first draws of each, and changing one changes
// every simulated data set.
#pragma once

#include <cstdint>
#include <iterator>
#include <string_view>

namespace wuzha {

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& s : s_) s = SplitMix(seed);
  }
  // An independent stream for `name` (e.g. one per gang), stable across runs.
  Rng Fork(std::string_view name) const {
    uint64_t h = s_[0] ^ 0x9e3779b97f4a7c15ULL;
    for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return Rng(h);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, n). REQUIRES: n > 0. Lemire's multiply-shift: no modulo bias to speak of.
  uint64_t Uniform(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  int64_t Range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Uniform(static_cast<uint64_t>(hi - lo) + 1));
  }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  // A uniformly chosen element of an array, vector or span. REQUIRES: it is not empty.
  template <typename Container>
  const auto& Pick(const Container& items) {
    return items[Uniform(std::size(items))];
  }

  // Exponential with the given mean: -mean ln U. REQUIRES: mean > 0.
  double Exp(double mean);
  // Standard normal by Marsaglia's polar method (one of the pair is used, the other
  // dropped, so each call consumes whole attempts of two uniforms).
  double Normal();
  double Normal(double mu, double sigma);
  // e^N(mu, sigma): median e^mu. REQUIRES: sigma >= 0.
  double LogNormal(double mu, double sigma);
  // Poisson with the given mean: Knuth's product of uniforms below 10, Hoermann's PTRS
  // transformed rejection from 10 (both exact samplers); from 2^52 a rounded normal,
  // saturating at UINT64_MAX. A mean <= 0 or NaN gives 0 and draws nothing.
  uint64_t Poisson(double mean);
  // Failures before the first success in trials of probability p, by inversion:
  // floor(ln U / ln(1 - p)). p >= 1 gives 0; p <= 0 or NaN gives UINT64_MAX (never);
  // results past UINT64_MAX saturate.
  uint64_t Geometric(double p);

 private:
  // Uniform in (0, 1]: safe to take the logarithm of.
  double OpenUnit() { return static_cast<double>((Next() >> 11) + 1) * 0x1.0p-53; }
  uint64_t PoissonSmall(double mean);
  uint64_t PoissonPtrs(double mean);

  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t SplitMix(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t s_[4];
};

}  // namespace wuzha
