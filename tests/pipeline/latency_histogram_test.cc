#include "pipeline/internal/latency_histogram.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace wuzha::pipeline::internal {
namespace {

TEST(LatencyHistogram, BucketsAreMonotoneAndWithinThreePercent) {
  size_t previous = 0;
  for (uint64_t v = 1; v < (uint64_t{1} << 40); v = v * 17 / 16 + 1) {
    const size_t b = LatencyHistogram::BucketOf(v);
    ASSERT_LT(b, LatencyHistogram::kBuckets);
    ASSERT_GE(b, previous);
    previous = b;
    const double mid = LatencyHistogram::BucketMidpoint(b);
    ASSERT_LE(std::abs(mid - static_cast<double>(v)), 0.032 * static_cast<double>(v) + 0.5) << v;
  }
  EXPECT_LT(LatencyHistogram::BucketOf(UINT64_MAX), LatencyHistogram::kBuckets);
}

TEST(LatencyHistogram, SummarizesPercentilesAcrossHistograms) {
  LatencyHistogram a, b;
  for (uint64_t us = 1; us <= 1000; ++us) (us % 2 ? a : b).Record(us * 1000);
  const LatencyHistogram* both[] = {&a, &b};
  const LatencySummary s = LatencyHistogram::Summarize(both);
  EXPECT_EQ(s.count, 1000u);
  EXPECT_NEAR(s.p50_us, 500, 500 * 0.04);
  EXPECT_NEAR(s.p99_us, 990, 990 * 0.04);
  EXPECT_NEAR(s.p999_us, 999, 999 * 0.04);
  EXPECT_DOUBLE_EQ(s.max_us, 1000);
}

TEST(LatencyHistogram, EmptySummaryIsZero) {
  LatencyHistogram a;
  const LatencyHistogram* one[] = {&a};
  const LatencySummary s = LatencyHistogram::Summarize(one);
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.p99_us, 0.0);
}

}  // namespace
}  // namespace wuzha::pipeline::internal
