// Ports of fdlibm 5.3's __ieee754_exp and __ieee754_log, with the word access replaced by
// std::bit_cast and the scaling by 2^k done by multiplying with exact powers of two.
// Sun's notice, which its licence asks us to keep:
//
//   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//   Developed at SunSoft, a Sun Microsystems, Inc. business.
//   Permission to use, copy, modify, and distribute this software is freely granted,
//   provided that this notice is preserved.
#include "core/det_math.h"

#include <bit>
#include <cfloat>
#include <cstdint>
#include <limits>

// x87 evaluates in 80 bits and double-rounds: the same source would give other bits.
static_assert(FLT_EVAL_METHOD == 0, "det_math needs double arithmetic evaluated in double");
static_assert(std::numeric_limits<double>::is_iec559);

namespace wuzha {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// ln 2 split so that k * kLn2Hi is exact for |k| < 2^21 (the low 32 bits of kLn2Hi are 0).
constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 0x3fe62e42 fee00000
constexpr double kLn2Lo = 1.90821492927058770002e-10;  // 0x3dea39ef 35793c76
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kExpOverflow = 7.09782712893383973096e+02;    // above: e^x > DBL_MAX
constexpr double kExpUnderflow = -7.45133219101941108420e+02;  // below: e^x < 2^-1075
constexpr double kHalfLn2 = 0.34657359027997264;

// Remez coefficients of R(r^2) ~ r (e^r + 1) / (e^r - 1) on |r| <= ln2/2.
constexpr double kP1 = 1.66666666666666019037e-01;
constexpr double kP2 = -2.77777777770155933842e-03;
constexpr double kP3 = 6.61375632143793436117e-05;
constexpr double kP4 = -1.65339022054652515390e-06;
constexpr double kP5 = 4.13813679705723846039e-08;

// Remez coefficients of R(s) ~ (ln((1+s)/(1-s)) - 2s) / s on |s| <= 0.1716.
constexpr double kLg1 = 6.666666666666735130e-01;
constexpr double kLg2 = 3.999999999940941908e-01;
constexpr double kLg3 = 2.857142874366239149e-01;
constexpr double kLg4 = 2.222219843214978396e-01;
constexpr double kLg5 = 1.818357216161805012e-01;
constexpr double kLg6 = 1.531383769920937332e-01;
constexpr double kLg7 = 1.479819860511658591e-01;

// 2^k. REQUIRES: -1022 <= k <= 1023.
double Pow2(int k) { return std::bit_cast<double>(static_cast<uint64_t>(k + 1023) << 52); }

// y * 2^k with a single rounding. y is in about [0.7, 1.42] and -1075 <= k <= 1024.
double Scale(double y, int k) {
  if (k > 1023) return y * 2.0 * Pow2(k - 1);
  // The first product is exact; the second rounds once onto the subnormal grid.
  if (k < -1021) return y * Pow2(k + 1000) * Pow2(-1000);
  return y * Pow2(k);
}

}  // namespace

double DetExp(double x) {
  if (x != x) return x + x;  // NaN
  if (x > kExpOverflow) return kInf;
  if (x < kExpUnderflow) return 0.0;
  // x = k ln2 + r with |r| <= ln2/2; r is carried as hi - lo to keep the bits ln2 lacks.
  int k = 0;
  double hi = x, lo = 0.0;
  if (x > kHalfLn2 || x < -kHalfLn2) {
    // Truncation after adding +-0.5 rounds half away from zero: exact and portable.
    k = static_cast<int>(kInvLn2 * x + (x < 0 ? -0.5 : 0.5));
    const double t = k;
    hi = x - t * kLn2Hi;
    lo = t * kLn2Lo;
  }
  const double r = hi - lo;
  const double t = r * r;
  const double c = r - t * (kP1 + t * (kP2 + t * (kP3 + t * (kP4 + t * kP5))));
  if (k == 0) return 1.0 - ((r * c) / (c - 2.0) - r);
  return Scale(1.0 - ((lo - (r * c) / (2.0 - c)) - hi), k);
}

double DetLog(double x) {
  if (x != x) return x + x;  // NaN
  if (x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -kInf;
  if (x == kInf) return x;
  int k = 0;
  uint64_t bits = std::bit_cast<uint64_t>(x);
  if (bits < (uint64_t{1} << 52)) {  // subnormal: scale into the normal range, exactly
    x *= 0x1.0p54;
    k -= 54;
    bits = std::bit_cast<uint64_t>(x);
  }
  // x = 2^k * m with m in [sqrt(2)/2, sqrt(2)): i is 0x100000 when the mantissa is
  // above sqrt(2), and then m is taken as mantissa / 2.
  int32_t hx = static_cast<int32_t>(bits >> 32);
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const int32_t i = (hx + 0x95f64) & 0x100000;
  const uint64_t m_high = static_cast<uint32_t>(hx | (i ^ 0x3ff00000));
  x = std::bit_cast<double>((m_high << 32) | (bits & 0xffffffffu));
  k += i >> 20;
  const double f = x - 1.0;
  const double dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {  // -2^-20 <= f < 2^-20: a short series suffices
    if (f == 0) return k == 0 ? 0.0 : dk * kLn2Hi + dk * kLn2Lo;
    const double r = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - r;
    return dk * kLn2Hi - ((r - dk * kLn2Lo) - f);
  }
  // ln(1+f) = 2s + s R(s) with s = f / (2 + f); R's terms are split in two chains.
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (kLg2 + w * (kLg4 + w * kLg6));
  const double t2 = z * (kLg1 + w * (kLg3 + w * (kLg5 + w * kLg7)));
  const double r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {  // f far from 0: keep f^2/2 apart
    const double hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + r));
    return dk * kLn2Hi - ((hfsq - (s * (hfsq + r) + dk * kLn2Lo)) - f);
  }
  if (k == 0) return f - s * (f - r);
  return dk * kLn2Hi - ((s * (f - r) - dk * kLn2Lo) - f);
}

}  // namespace wuzha
