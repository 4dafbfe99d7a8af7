// A fixed-size log-linear histogram of nanosecond durations (32 sub-buckets per power of
// two, so a recorded value is known to within about 3%). One writer thread records;
// any thread may read concurrently (relaxed atomics: a reader may see a recording in
// progress, never a torn counter). Private to src/pipeline.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>

#include "pipeline/pipeline.h"

namespace wuzha::pipeline::internal {

// steady_clock in nanoseconds, the clock latency is measured with.
inline int64_t SteadyNowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

class LatencyHistogram {
 public:
  static constexpr int kSubBits = 5;
  static constexpr size_t kBuckets = (64 - kSubBits + 1) << kSubBits;

  // REQUIRES: called from one thread only.
  void Record(uint64_t ns);

  // Summarizes several histograms as one, in microseconds.
  static LatencySummary Summarize(std::span<const LatencyHistogram* const> histograms);

  static size_t BucketOf(uint64_t ns);
  // Midpoint of the values that fall in `bucket`, in ns.
  static double BucketMidpoint(size_t bucket);

 private:
  std::array<std::atomic<uint64_t>, kBuckets> counts_{};
  std::atomic<uint64_t> total_{0};
  std::atomic<uint64_t> max_ns_{0};
};

}  // namespace wuzha::pipeline::internal
