// Rng's distributions. Everything here is IEEE basic arithmetic, std::sqrt (correctly
// rounded by IEEE 754) and det_math.h, so the bits depend only on the seed; this file is
// compiled with -ffp-contract=off (src/core/CMakeLists.txt).
#include "core/random.h"

#include <cmath>
#include <cstdint>
#include <limits>

#include "core/det_math.h"

namespace wuzha {
namespace {

// PTRS is valid from 10 (Hoermann 1993); below, Knuth's method costs mean + 1 uniforms.
constexpr double kPtrsMinMean = 10.0;
// From here the uint64 conversions in PTRS could overflow, and a normal with sd/mean
// below 2^-26 is indistinguishable from the Poisson anyway.
constexpr double kNormalMinMean = 0x1.0p52;
constexpr double kTwo64 = 0x1.0p64;
constexpr uint64_t kMax64 = std::numeric_limits<uint64_t>::max();

// ln k! for k < 10, correctly rounded.
constexpr double kLogFactorial[10] = {0.0,
                                      0.0,
                                      0.6931471805599453,
                                      1.791759469228055,
                                      3.1780538303479458,
                                      4.787491742782046,
                                      6.579251212010101,
                                      8.525161361065415,
                                      10.60460290274525,
                                      12.801827480081469};

// ln k! = lgamma(k + 1): the table, then Stirling's series to x^-9 (truncation error
// below 7e-15 at k = 10, less beyond).
double LogFactorial(uint64_t k) {
  if (k < 10) return kLogFactorial[k];
  const double x = static_cast<double>(k) + 1.0;
  const double x2 = 1.0 / (x * x);
  const double series =
      (1.0 / 12 - x2 * (1.0 / 360 - x2 * (1.0 / 1260 - x2 * (1.0 / 1680 - x2 / 1188)))) / x;
  return (x - 0.5) * DetLog(x) - x + 0.91893853320467278 + series;  // 0.918... = ln sqrt(2 pi)
}

// floor(v) as uint64, saturating; NaN and negatives give 0.
uint64_t ToCount(double v) {
  if (!(v > 0)) return 0;
  if (v >= kTwo64) return kMax64;
  return static_cast<uint64_t>(v);
}

}  // namespace

double Rng::Exp(double mean) { return mean * (0.0 - DetLog(OpenUnit())); }

double Rng::Normal() {
  for (;;) {
    const double u = 2.0 * Unit() - 1.0;
    const double v = 2.0 * Unit() - 1.0;
    const double s = u * u + v * v;
    if (s < 1.0 && s > 0.0) return u * std::sqrt(-2.0 * DetLog(s) / s);
  }
}

double Rng::Normal(double mu, double sigma) { return mu + sigma * Normal(); }

double Rng::LogNormal(double mu, double sigma) { return DetExp(Normal(mu, sigma)); }

uint64_t Rng::Poisson(double mean) {
  if (!(mean > 0)) return 0;
  if (mean < kPtrsMinMean) return PoissonSmall(mean);
  if (mean < kNormalMinMean) return PoissonPtrs(mean);
  if (mean >= kTwo64) return kMax64;
  return ToCount(mean + std::sqrt(mean) * Normal() + 0.5);
}

// Knuth: the number of uniforms whose running product stays above e^-mean, minus one.
uint64_t Rng::PoissonSmall(double mean) {
  const double limit = DetExp(-mean);
  uint64_t k = 0;
  for (double p = Unit(); p > limit; p *= Unit()) ++k;
  return k;
}

// W. Hoermann, "The transformed rejection method for generating Poisson random
// variables", Insurance: Mathematics and Economics 12 (1993): a squeeze accepts ~86% of
// candidates with no logarithm; the rest take the exact test against ln p(k).
uint64_t Rng::PoissonPtrs(double mean) {
  const double b = 0.931 + 2.53 * std::sqrt(mean);
  const double a = -0.059 + 0.02483 * b;
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  // Only the exact test needs these; most draws are settled by the squeeze before it.
  double log_mean = 0, log_inv_alpha = 0;
  bool have_logs = false;
  for (;;) {
    const double u = Unit() - 0.5;
    const double v = Unit();
    const double us = 0.5 - (u < 0 ? -u : u);
    const double kf = (2.0 * a / us + b) * u + mean + 0.43;
    // k = floor(kf); k < 0 is rejected, and so is a k past 2^63, whose probability is
    // below any double (the mean is under 2^52).
    if (!(kf >= 0.0 && kf < 0x1.0p63)) continue;
    const uint64_t k = static_cast<uint64_t>(kf);
    if (us >= 0.07 && v <= vr) return k;
    if (us < 0.013 && v > us) continue;
    if (!have_logs) {
      log_mean = DetLog(mean);
      log_inv_alpha = DetLog(1.1239 + 1.1328 / (b - 3.4));
      have_logs = true;
    }
    const double dk = static_cast<double>(k);
    if (DetLog(v) + log_inv_alpha - DetLog(a / (us * us) + b) <=
        -mean + dk * log_mean - LogFactorial(k)) {
      return k;
    }
  }
}

uint64_t Rng::Geometric(double p) {
  if (p >= 1.0) return 0;
  if (!(p > 0.0)) return kMax64;
  // ln(1 - p) without losing p's bits when p is small: with q = 1 - p rounded,
  // ln q * (-p) / (q - 1) is accurate to a few ulp (Goldberg's log1p trick).
  const double q = 1.0 - p;
  const double log_q = q == 1.0 ? -p : DetLog(q) * (0.0 - p) / (q - 1.0);
  return ToCount(DetLog(OpenUnit()) / log_q);
}

}  // namespace wuzha
