#include "pipeline/internal/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <vector>

namespace wuzha::pipeline::internal {
namespace {

// Single-writer increment: a plain load and store, no locked instruction on the hot path.
void Bump(std::atomic<uint64_t>& counter, uint64_t by) {
  counter.store(counter.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}

}  // namespace

size_t LatencyHistogram::BucketOf(uint64_t ns) {
  constexpr uint64_t kLinear = uint64_t{1} << kSubBits;
  if (ns < kLinear) return static_cast<size_t>(ns);
  const int exponent = 63 - std::countl_zero(ns);  // >= kSubBits
  const uint64_t sub = (ns >> (exponent - kSubBits)) & (kLinear - 1);
  return static_cast<size_t>((exponent - kSubBits + 1) * kLinear + sub);
}

double LatencyHistogram::BucketMidpoint(size_t bucket) {
  constexpr size_t kLinear = size_t{1} << kSubBits;
  if (bucket < kLinear) return static_cast<double>(bucket);
  const int exponent = static_cast<int>(bucket / kLinear) + kSubBits - 1;
  const double width = std::ldexp(1.0, exponent - kSubBits);
  const double low = static_cast<double>(kLinear + bucket % kLinear) * width;
  return low + width / 2;
}

void LatencyHistogram::Record(uint64_t ns) {
  Bump(counts_[BucketOf(ns)], 1);
  Bump(total_, 1);
  if (ns > max_ns_.load(std::memory_order_relaxed)) max_ns_.store(ns, std::memory_order_relaxed);
}

LatencySummary LatencyHistogram::Summarize(std::span<const LatencyHistogram* const> histograms) {
  std::vector<uint64_t> merged(kBuckets, 0);
  LatencySummary summary;
  uint64_t max_ns = 0;
  for (const LatencyHistogram* h : histograms) {
    for (size_t b = 0; b < kBuckets; ++b)
      merged[b] += h->counts_[b].load(std::memory_order_relaxed);
    max_ns = std::max(max_ns, h->max_ns_.load(std::memory_order_relaxed));
  }
  for (uint64_t c : merged) summary.count += c;
  if (summary.count == 0) return summary;
  // The value at quantile q is the one with rank ceil(q * count) in sorted order.
  auto at = [&](double q) {
    const auto rank = std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(q * summary.count)));
    uint64_t seen = 0;
    for (size_t b = 0; b < kBuckets; ++b) {
      seen += merged[b];
      if (seen >= rank) return std::min(BucketMidpoint(b), static_cast<double>(max_ns)) / 1000.0;
    }
    return static_cast<double>(max_ns) / 1000.0;
  };
  summary.p50_us = at(0.50);
  summary.p99_us = at(0.99);
  summary.p999_us = at(0.999);
  summary.max_us = static_cast<double>(max_ns) / 1000.0;
  return summary;
}

}  // namespace wuzha::pipeline::internal
