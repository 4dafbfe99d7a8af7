#include "core/det_math.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/random.h"

namespace wuzha {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMinNormal = std::numeric_limits<double>::min();
constexpr double kDenormMin = std::numeric_limits<double>::denorm_min();
// glibc's exp and log are within about half an ulp, ours within one: 2 ulp apart at most.
constexpr double kMaxRelativeError = 4e-16;

uint64_t Bits(double x) { return std::bit_cast<uint64_t>(x); }

// Relative difference from the C library, or absolute past the normal range where
// results are on the subnormal grid (there, one grid step).
void ExpectExpClose(double x) {
  const double ours = DetExp(x), theirs = std::exp(x);
  if (theirs < kMinNormal) {
    EXPECT_LE(std::fabs(ours - theirs), kDenormMin) << "x = " << x;
  } else {
    EXPECT_LT(std::fabs(ours - theirs) / theirs, kMaxRelativeError) << "x = " << x;
  }
}

void ExpectLogClose(double x) {
  const double ours = DetLog(x), theirs = std::log(x);
  if (theirs == 0) {
    EXPECT_EQ(ours, 0.0) << "x = " << x;
  } else {
    EXPECT_LT(std::fabs(ours - theirs) / std::fabs(theirs), kMaxRelativeError) << "x = " << x;
  }
}

TEST(DetExp, MatchesStdExpOverADenseSweepOfItsDomain) {
  constexpr int kSteps = 400'000;
  for (int i = 0; i <= kSteps; ++i) ExpectExpClose(-745.13 + (709.78 + 745.13) * i / kSteps);
}

TEST(DetExp, MatchesStdExpAtRandomPoints) {
  Rng rng(7);
  for (int i = 0; i < 200'000; ++i) {
    ExpectExpClose(-745.1 + 1454.8 * rng.Unit());  // the whole domain
    ExpectExpClose(4.0 * rng.Unit() - 2.0);        // where the distributions live
    ExpectExpClose((rng.Unit() - 0.5) * 1e-6);     // no range reduction at all
  }
}

TEST(DetExp, HandlesSpecialValues) {
  EXPECT_EQ(Bits(DetExp(0.0)), Bits(1.0));
  EXPECT_EQ(Bits(DetExp(-0.0)), Bits(1.0));
  EXPECT_EQ(DetExp(kInf), kInf);
  EXPECT_EQ(Bits(DetExp(-kInf)), Bits(0.0));
  EXPECT_TRUE(std::isnan(DetExp(kNaN)));
  EXPECT_EQ(DetExp(709.79), kInf);
  EXPECT_EQ(DetExp(709.782712893384), std::exp(709.782712893384));  // the largest finite
  EXPECT_LT(DetExp(709.782712893384), kInf);
  EXPECT_EQ(DetExp(-745.133219101941), kDenormMin);
  EXPECT_EQ(Bits(DetExp(-745.2)), Bits(0.0));
  EXPECT_EQ(DetExp(kDenormMin), 1.0);
}

TEST(DetLog, MatchesStdLogOverADenseSweepNearOne) {
  constexpr int kSteps = 200'000;
  for (int i = 0; i <= kSteps; ++i) ExpectLogClose(0.5 + 1.5 * i / kSteps);
}

TEST(DetLog, MatchesStdLogOverEveryBinade) {
  Rng rng(11);
  for (int i = 0; i < 400'000; ++i) {
    // Any positive finite double, subnormals included: a random exponent and mantissa.
    const uint64_t bits = rng.Next() >> 1;
    if (bits >= Bits(kInf)) continue;
    ExpectLogClose(std::bit_cast<double>(bits));
  }
}

TEST(DetLog, MatchesStdLogOnUniformsAsTheDistributionsDrawThem) {
  Rng rng(13);
  for (int i = 0; i < 200'000; ++i)
    ExpectLogClose(static_cast<double>((rng.Next() >> 11) + 1) * 0x1.0p-53);
}

TEST(DetLog, HandlesSpecialValues) {
  EXPECT_EQ(Bits(DetLog(1.0)), Bits(0.0));
  EXPECT_EQ(DetLog(0.0), -kInf);
  EXPECT_EQ(DetLog(-0.0), -kInf);
  EXPECT_EQ(DetLog(kInf), kInf);
  EXPECT_TRUE(std::isnan(DetLog(-1.0)));
  EXPECT_TRUE(std::isnan(DetLog(-kInf)));
  EXPECT_TRUE(std::isnan(DetLog(-kDenormMin)));
  EXPECT_TRUE(std::isnan(DetLog(kNaN)));
  EXPECT_EQ(DetLog(kDenormMin), std::log(kDenormMin));
  EXPECT_EQ(DetLog(std::numeric_limits<double>::max()),
            std::log(std::numeric_limits<double>::max()));
}

// The cross-machine contract: these bits come from IEEE basic operations only, so they
// are the same everywhere. A change here changes every simulated data set.
TEST(DetMath, GivesFixedBits) {
  EXPECT_EQ(Bits(DetExp(-700.5)), Bits(5.9801961186397915e-305));
  EXPECT_EQ(Bits(DetExp(-1.0)), Bits(0.36787944117144233));
  EXPECT_EQ(Bits(DetExp(0.1)), Bits(1.1051709180756477));
  EXPECT_EQ(Bits(DetExp(1.0)), Bits(2.7182818284590455));
  EXPECT_EQ(Bits(DetExp(3.5)), Bits(33.115451958692312));
  EXPECT_EQ(Bits(DetExp(100.25)), Bits(3.4516107331259239e+43));
  EXPECT_EQ(Bits(DetExp(709.5)), Bits(1.3549863193146328e+308));
  EXPECT_EQ(Bits(DetLog(1e-310)), Bits(-713.80137882815416));
  EXPECT_EQ(Bits(DetLog(1e-05)), Bits(-11.512925464970229));
  EXPECT_EQ(Bits(DetLog(0.75)), Bits(-0.2876820724517809));
  EXPECT_EQ(Bits(DetLog(2.0)), Bits(0.69314718055994529));
  EXPECT_EQ(Bits(DetLog(10.0)), Bits(2.3025850929940459));
  EXPECT_EQ(Bits(DetLog(12345.678)), Bits(9.4210613212918322));
  EXPECT_EQ(Bits(DetLog(1e300)), Bits(690.77552789821368));
}

}  // namespace
}  // namespace wuzha
