#include "core/random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace wuzha {
namespace {

constexpr uint64_t kSeed = 20240501;
constexpr int kDraws = 200'000;
constexpr uint64_t kMax64 = std::numeric_limits<uint64_t>::max();

uint64_t Bits(double x) { return std::bit_cast<uint64_t>(x); }

// The first draws of `draw` from a fresh Rng(kSeed) equal `want`, bit for bit.
void ExpectDraws(const std::function<double(Rng&)>& draw, const std::vector<double>& want) {
  Rng rng(kSeed);
  for (size_t i = 0; i < want.size(); ++i) {
    const double got = draw(rng);
    EXPECT_EQ(Bits(got), Bits(want[i])) << "draw " << i << ": got " << got;
  }
}
void ExpectCounts(const std::function<uint64_t(Rng&)>& draw, const std::vector<uint64_t>& want) {
  Rng rng(kSeed);
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(draw(rng), want[i]) << "draw " << i;
}

struct Moments {
  double mean = 0;
  double variance = 0;
};
Moments MomentsOf(const std::function<double(Rng&)>& draw, uint64_t seed = kSeed) {
  Rng rng(seed);
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double x = draw(rng);
    sum += x;
    sum_sq += x * x;
  }
  const double mean = sum / kDraws;
  return {mean, sum_sq / kDraws - mean * mean};
}

// ---------------------------------------------------------------- golden values
// The cross-machine determinism contract: for a fixed seed these bits are the same on
// every machine and C library. A change in any algorithm shows here first, and changes
// every simulated data set: update the numbers only on purpose.

TEST(RngGolden, Exp) {
  ExpectDraws([](Rng& r) { return r.Exp(2.0); },
              {1.4193596159586552, 0.61332184134889822, 1.2539557317793846, 0.79995080611539737,
               0.50775808213163254, 1.9969934118483725});
}

TEST(RngGolden, Normal) {
  ExpectDraws([](Rng& r) { return r.Normal(); },
              {-0.06018243799518095, 0.40482202765216357, 1.2667419524547907, 0.28684857596999314,
               -0.88771715635100767, -1.055496654471699});
  ExpectDraws([](Rng& r) { return r.Normal(1.0, 3.0); },
              {0.81945268601445709, 2.2144660829564908, 4.8002258573643726, 1.8605457279099795,
               -1.6631514690530231, -2.1664899634150974});
}

TEST(RngGolden, LogNormal) {
  ExpectDraws([](Rng& r) { return r.LogNormal(4.0, 1.0); },
              {51.409221449637265, 81.844575475656669, 193.7835767269579, 72.736882169368272,
               22.472286606278566, 19.001223000234969});
}

TEST(RngGolden, Poisson) {
  ExpectCounts([](Rng& r) { return r.Poisson(0.5); }, {0, 1, 1, 0, 1, 0, 1, 0});
  ExpectCounts([](Rng& r) { return r.Poisson(5.0); }, {8, 3, 4, 3, 5, 4, 6, 6});
  ExpectCounts([](Rng& r) { return r.Poisson(29.9); }, {30, 30, 35, 40, 26, 22, 27, 26});
  ExpectCounts([](Rng& r) { return r.Poisson(1e4); },
               {9998, 10010, 10085, 10186, 9936, 9855, 9953, 9936});
  ExpectCounts([](Rng& r) { return r.Poisson(1e17); },
               {99999999980968640u, 100000000128015968u, 100000000400578976u, 100000000090709488u});
}

TEST(RngGolden, Geometric) {
  ExpectCounts([](Rng& r) { return r.Geometric(0.3); }, {1, 0, 1, 1, 0, 2, 0, 3});
  ExpectCounts([](Rng& r) { return r.Geometric(1e-12); },
               {709679807978u, 306660920674u, 626977865889u, 399975403057u});
}

// ---------------------------------------------------------------- moments

// Sample mean and variance of 200k Poisson draws within five standard errors (the
// variance of a sample variance is about (mean + 2 mean^2) / n for a Poisson).
TEST(RngPoisson, HasMeanAndVarianceEqualToTheMean) {
  for (double mean : {0.5, 5.0, 9.99, 10.0, 29.9, 30.0, 100.0, 1e4}) {
    const Moments m = MomentsOf([mean](Rng& r) { return static_cast<double>(r.Poisson(mean)); });
    EXPECT_NEAR(m.mean, mean, 5 * std::sqrt(mean / kDraws)) << "mean " << mean;
    EXPECT_NEAR(m.variance, mean, 5 * std::sqrt((mean + 2 * mean * mean) / kDraws))
        << "mean " << mean;
  }
}

// Pearson's chi-square against the exact probabilities, on both sides of the switch
// from Knuth's method to PTRS: catches a wrong shape that the moments would miss.
TEST(RngPoisson, MatchesTheProbabilityMassFunction) {
  for (double mean : {5.0, 9.99, 10.0, 30.0, 100.0}) {
    Rng rng(kSeed + 1);
    std::vector<int> counts(static_cast<size_t>(mean * 4 + 40));
    for (int i = 0; i < kDraws; ++i) {
      const uint64_t k = rng.Poisson(mean);
      ++counts[std::min<size_t>(k, counts.size() - 1)];
    }
    double chi2 = 0;
    int cells = 0;
    for (size_t k = 0; k + 1 < counts.size(); ++k) {
      const double kd = static_cast<double>(k);
      const double expected = kDraws * std::exp(-mean + kd * std::log(mean) - std::lgamma(kd + 1));
      if (expected < 20) continue;  // tails carry no power and distort the statistic
      chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
      ++cells;
    }
    // Mean df, standard deviation sqrt(2 df): five of them is never reached by chance.
    EXPECT_LT(chi2, cells + 5 * std::sqrt(2.0 * cells))
        << "mean " << mean << ", " << cells << " cells";
  }
}

TEST(RngPoisson, IsZeroForANonPositiveOrNaNMeanAndDrawsNothing) {
  Rng rng(kSeed), untouched(kSeed);
  EXPECT_EQ(rng.Poisson(0.0), 0u);
  EXPECT_EQ(rng.Poisson(-3.0), 0u);
  EXPECT_EQ(rng.Poisson(-std::numeric_limits<double>::infinity()), 0u);
  EXPECT_EQ(rng.Poisson(std::numeric_limits<double>::quiet_NaN()), 0u);
  EXPECT_EQ(rng.Next(), untouched.Next());
}

TEST(RngPoisson, SaturatesForAnInfiniteMean) {
  Rng rng(kSeed);
  EXPECT_EQ(rng.Poisson(std::numeric_limits<double>::infinity()), kMax64);
}

TEST(RngExp, HasTheGivenMeanAndItsSquareAsVariance) {
  const Moments m = MomentsOf([](Rng& r) { return r.Exp(2.0); });
  EXPECT_NEAR(m.mean, 2.0, 5 * 2.0 / std::sqrt(kDraws));
  EXPECT_NEAR(m.variance, 4.0, 5 * std::sqrt(8 * 16.0 / kDraws));
  Rng rng(kSeed);
  for (int i = 0; i < 10'000; ++i) EXPECT_GE(rng.Exp(1.0), 0.0);
}

TEST(RngNormal, IsStandard) {
  const Moments m = MomentsOf([](Rng& r) { return r.Normal(); });
  EXPECT_NEAR(m.mean, 0.0, 5 / std::sqrt(kDraws));
  EXPECT_NEAR(m.variance, 1.0, 5 * std::sqrt(2.0 / kDraws));
}

TEST(RngNormal, ShiftsAndScales) {
  const Moments m = MomentsOf([](Rng& r) { return r.Normal(-3.0, 0.5); });
  EXPECT_NEAR(m.mean, -3.0, 5 * 0.5 / std::sqrt(kDraws));
  EXPECT_NEAR(m.variance, 0.25, 5 * 0.25 * std::sqrt(2.0 / kDraws));
}

// The median of e^N(mu, sigma) is e^mu; the sample median's standard error is about
// 1.2533 sigma / sqrt(n) in log space.
TEST(RngLogNormal, HasMedianEToTheMu) {
  Rng rng(kSeed);
  std::vector<double> xs(kDraws);
  for (double& x : xs) x = rng.LogNormal(4.0, 1.0);
  std::nth_element(xs.begin(), xs.begin() + kDraws / 2, xs.end());
  EXPECT_NEAR(std::log(xs[kDraws / 2]), 4.0, 5 * 1.2533 / std::sqrt(kDraws));
  EXPECT_GT(*std::min_element(xs.begin(), xs.end()), 0.0);
}

TEST(RngGeometric, HasMeanAndVarianceOfFailuresBeforeSuccess) {
  for (double p : {0.3, 0.01}) {
    const double mean = (1 - p) / p, variance = (1 - p) / (p * p);
    const Moments m = MomentsOf([p](Rng& r) { return static_cast<double>(r.Geometric(p)); });
    EXPECT_NEAR(m.mean, mean, 5 * std::sqrt(variance / kDraws)) << "p " << p;
    EXPECT_NEAR(m.variance, variance, 0.03 * variance) << "p " << p;
  }
}

TEST(RngGeometric, HandlesCertainAndImpossibleSuccess) {
  Rng rng(kSeed);
  EXPECT_EQ(rng.Geometric(1.0), 0u);
  EXPECT_EQ(rng.Geometric(2.0), 0u);
  EXPECT_EQ(rng.Geometric(0.0), kMax64);
  EXPECT_EQ(rng.Geometric(std::numeric_limits<double>::quiet_NaN()), kMax64);
}

}  // namespace
}  // namespace wuzha
