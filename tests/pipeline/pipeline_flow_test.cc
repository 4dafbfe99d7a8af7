// Back-pressure, memory bounds and failure handling of the pipeline. No wall-clock
// assertion: slowness is simulated with gates that wait for a condition, not for time.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ostream>
#include <queue>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/pipeline.h"
#include "pipeline_testing.h"

namespace wuzha::pipeline {
namespace {

using testing::GenerateEvents;
using testing::GeneratorOptions;
using testing::RunWithDeadline;
using testing::StringSink;

constexpr auto kDeadline = std::chrono::seconds(120);

// 100k events whose jitter (30 s) stays inside the 60 s watermark the tests use, so that
// nearly all of them go through the reorder heaps.
constexpr int64_t kWatermarkMs = 60000;
std::vector<Event> Events100k() {
  GeneratorOptions options;
  options.events = 100000;
  options.seed = 7;
  options.max_jitter_ms = 30000;
  return GenerateEvents(options);
}

// The most events that are at once pushed, not late, and above the watermark: what the
// reorder heaps must hold at least.
size_t MaxWindow(const std::vector<Event>& events, int64_t watermark_ms) {
  const auto lateness = testing::ExpectedLateness(events, watermark_ms);
  std::priority_queue<int64_t, std::vector<int64_t>, std::greater<>> held;
  size_t max = 0;
  int64_t max_ts = INT64_MIN;
  for (size_t i = 0; i < events.size(); ++i) {
    if (lateness[i].late) continue;
    max_ts = std::max(max_ts, events[i].ts.millis());
    held.push(events[i].ts.millis());
    while (!held.empty() && held.top() <= max_ts - watermark_ms) held.pop();
    max = std::max(max, held.size());
  }
  return max;
}

// Waits, in its first Process call, until a condition holds (the queues have filled up
// behind it), then works slowly: the source must block rather than buffer.
class GatedSlowStage final : public Stage {
 public:
  GatedSlowStage(const std::function<bool()>& open) : open_(open) {}
  std::string_view name() const override { return "gated_slow"; }
  void Process(const Event& e, Emitter& out) override {
    while (!opened_ && !open_()) std::this_thread::sleep_for(std::chrono::microseconds(100));
    opened_ = true;
    if (++n_ % 64 == 0) std::this_thread::yield();
    out.Emit(std::to_string(e.seq));
  }

 private:
  const std::function<bool()>& open_;
  bool opened_ = false;
  uint64_t n_ = 0;
};

TEST(PipelineBackPressure, SlowStageBoundsQueuesAndHeapWhilePushing100kEvents) {
  const std::vector<Event> events = Events100k();
  PipelineOptions options;
  options.threads = 2;
  options.queue_capacity = 16;
  options.watermark_ms = kWatermarkMs;
  const size_t window = MaxWindow(events, options.watermark_ms);
  size_t max_heap_depth = 0;

  RunWithDeadline(kDeadline, [&] {
    std::atomic<Pipeline*> running{nullptr};
    const std::function<bool()> open = [&] {
      Pipeline* p = running.load();
      return p != nullptr && p->stats().max_input_queue_depth >= options.queue_capacity;
    };
    StringSink sink;
    auto pipeline = Pipeline::Create(
        options, {[&](uint32_t) { return std::make_unique<GatedSlowStage>(open); }}, &sink,
        nullptr);
    ASSERT_TRUE(pipeline.ok());
    running = pipeline->get();
    for (const Event& e : events) ASSERT_TRUE((*pipeline)->Push(e).ok());
    ASSERT_TRUE((*pipeline)->Finish().ok());

    const PipelineStats stats = (*pipeline)->stats();
    max_heap_depth = stats.max_heap_depth;
    EXPECT_EQ(stats.processed + stats.late, events.size());
    EXPECT_LT(stats.late, events.size() / 50);
    // The source was held back at the queue bound: it filled up, never beyond.
    EXPECT_EQ(stats.max_input_queue_depth, options.queue_capacity);
    EXPECT_LE(stats.max_output_queue_depth, options.queue_capacity);
    // A heap holds what the watermark window holds, plus at most one queue's worth of
    // events taken but not yet released (docs/design/pipeline.md, memory bounds).
    EXPECT_LE(stats.max_heap_depth, window + options.queue_capacity);
    EXPECT_LT(window, events.size() / 20) << "the window must be small for this to prove anything";
  });
  RecordProperty("window", static_cast<int>(window));
  RecordProperty("max_heap_depth", static_cast<int>(max_heap_depth));
}

// A sink that, at first, waits until the workers' output queues are full.
class GatedSink final : public Sink {
 public:
  explicit GatedSink(const std::function<bool()>& open) : open_(open) {}
  void Write(std::string_view) override {
    while (!opened_ && !open_()) std::this_thread::sleep_for(std::chrono::microseconds(100));
    opened_ = true;
    ++lines;
  }
  uint64_t lines = 0;

 private:
  const std::function<bool()>& open_;
  bool opened_ = false;
};

TEST(PipelineBackPressure, SlowSinkBoundsOutputQueues) {
  const std::vector<Event> events = Events100k();
  PipelineOptions options;
  options.threads = 4;
  options.queue_capacity = 16;
  options.watermark_ms = kWatermarkMs;
  RunWithDeadline(kDeadline, [&] {
    std::atomic<Pipeline*> running{nullptr};
    const std::function<bool()> open = [&] {
      Pipeline* p = running.load();
      return p != nullptr && p->stats().max_output_queue_depth >= options.queue_capacity;
    };
    GatedSink sink(open);
    auto pipeline = Pipeline::Create(
        options, {[](uint32_t p) { return std::make_unique<testing::SubjectCounterStage>(p); }},
        &sink, nullptr);
    ASSERT_TRUE(pipeline.ok());
    running = pipeline->get();
    for (const Event& e : events) ASSERT_TRUE((*pipeline)->Push(e).ok());
    ASSERT_TRUE((*pipeline)->Finish().ok());
    const PipelineStats stats = (*pipeline)->stats();
    EXPECT_EQ(stats.max_output_queue_depth, options.queue_capacity);
    EXPECT_LE(stats.max_input_queue_depth, options.queue_capacity);
    EXPECT_EQ(sink.lines, stats.lines_out);
    EXPECT_EQ(stats.lines_out, stats.processed + options.partitions);
  });
}

TEST(PipelineBackPressure, StageEmittingManyLinesPerEventDoesNotNeedRoomForThemAll) {
  struct Chatty final : Stage {
    std::string_view name() const override { return "chatty"; }
    void Process(const Event& e, Emitter& out) override {
      for (int i = 0; i < 100; ++i) out.Emit(std::to_string(e.seq) + "/" + std::to_string(i));
    }
  };
  GeneratorOptions gen;
  gen.events = 5000;
  const std::vector<Event> events = GenerateEvents(gen);
  PipelineOptions options;
  options.threads = 2;
  options.queue_capacity = 8;
  RunWithDeadline(kDeadline, [&] {
    StringSink sink;
    auto pipeline = Pipeline::Create(options, {[](uint32_t) { return std::make_unique<Chatty>(); }},
                                     &sink, nullptr);
    ASSERT_TRUE(pipeline.ok());
    for (const Event& e : events) ASSERT_TRUE((*pipeline)->Push(e).ok());
    ASSERT_TRUE((*pipeline)->Finish().ok());
    const PipelineStats stats = (*pipeline)->stats();
    EXPECT_EQ(stats.lines_out, 100 * stats.processed);
    EXPECT_LE(stats.max_output_queue_depth, options.queue_capacity);
  });
}

// Throws once it has seen `after` events of partition `partition`, in Process or Finish.
class ThrowingStage final : public Stage {
 public:
  ThrowingStage(uint32_t partition, uint32_t bad_partition, uint64_t after, bool in_finish,
                bool standard)
      : partition_(partition),
        bad_(partition == bad_partition),
        after_(after),
        in_finish_(in_finish),
        standard_(standard) {}
  std::string_view name() const override { return "thrower"; }
  void Process(const Event& e, Emitter& out) override {
    if (bad_ && !in_finish_ && ++seen_ > after_) Throw();
    out.Emit(std::to_string(e.seq));
  }
  void Finish(Emitter&) override {
    if (bad_ && in_finish_) Throw();
  }

 private:
  void Throw() {
    if (standard_) throw std::runtime_error("boom in partition " + std::to_string(partition_));
    throw 42;
  }
  uint32_t partition_;
  bool bad_;
  uint64_t after_;
  bool in_finish_;
  bool standard_;
  uint64_t seen_ = 0;
};

struct ThrowCase {
  uint32_t threads;
  size_t queue_capacity;
  bool in_finish;
  bool standard;
  friend void PrintTo(const ThrowCase& c, std::ostream* os) {
    *os << "threads=" << c.threads << " queue=" << c.queue_capacity
        << (c.in_finish ? " in Finish" : " in Process");
  }
};

class PipelineStageFailure : public ::testing::TestWithParam<ThrowCase> {};

TEST_P(PipelineStageFailure, ThrowingStageMakesFinishReturnInternalWithoutHanging) {
  const ThrowCase c = GetParam();
  const std::vector<Event> events = Events100k();
  RunWithDeadline(kDeadline, [&] {
    PipelineOptions options;
    options.threads = c.threads;
    options.queue_capacity = c.queue_capacity;
    options.partitions = 16;
    StringSink sink;
    auto pipeline = Pipeline::Create(
        options,
        {[](uint32_t p) { return std::make_unique<testing::EveryTenthStage>(p); },
         [&](uint32_t p) {
           return std::make_unique<ThrowingStage>(p, 3, 500, c.in_finish, c.standard);
         }},
        &sink, nullptr);
    ASSERT_TRUE(pipeline.ok());
    Status push_status;
    for (const Event& e : events) {
      push_status = (*pipeline)->Push(e);
      if (!push_status.ok()) break;
    }
    if (!push_status.ok()) {
      EXPECT_EQ(push_status.code(), StatusCode::kInternal);
    }
    const Status status = (*pipeline)->Finish();
    ASSERT_EQ(status.code(), StatusCode::kInternal) << status.ToString();
    EXPECT_NE(status.message().find("'thrower'"), std::string_view::npos) << status.message();
    EXPECT_NE(status.message().find("partition 3"), std::string_view::npos) << status.message();
    EXPECT_NE(status.message().find(c.in_finish ? "in Finish" : "in Process"),
              std::string_view::npos);
    if (c.standard) {
      EXPECT_NE(status.message().find("boom"), std::string_view::npos);
    }
  });
}

INSTANTIATE_TEST_SUITE_P(Cases, PipelineStageFailure,
                         ::testing::Values(ThrowCase{1, 4096, false, true},
                                           ThrowCase{4, 16, false, true},
                                           ThrowCase{8, 1, false, false},
                                           ThrowCase{2, 16, true, true},
                                           ThrowCase{4, 4096, true, false}),
                         [](const ::testing::TestParamInfo<ThrowCase>& info) {
                           const ThrowCase& c = info.param;
                           return std::string(c.in_finish ? "InFinish" : "InProcess") +
                                  (c.standard ? "StdException" : "NonStdException") + "Threads" +
                                  std::to_string(c.threads) + "Queue" +
                                  std::to_string(c.queue_capacity);
                         });

TEST(PipelineFailure, ThrowingSinkMakesFinishReturnInternal) {
  struct BadSink final : Sink {
    void Write(std::string_view) override {
      if (++n == 1000) throw std::runtime_error("disk full");
    }
    int n = 0;
  };
  const std::vector<Event> events = Events100k();
  RunWithDeadline(kDeadline, [&] {
    PipelineOptions options;
    options.threads = 4;
    options.queue_capacity = 16;
    BadSink sink;
    auto pipeline = Pipeline::Create(
        options, {[](uint32_t p) { return std::make_unique<testing::SubjectCounterStage>(p); }},
        &sink, nullptr);
    ASSERT_TRUE(pipeline.ok());
    for (const Event& e : events) {
      if (!(*pipeline)->Push(e).ok()) break;
    }
    const Status status = (*pipeline)->Finish();
    EXPECT_EQ(status.code(), StatusCode::kInternal);
    EXPECT_NE(status.message().find("disk full"), std::string_view::npos);
  });
}

TEST(PipelineFailure, ThrowingLateHandlerFailsPushAndFinish) {
  const std::vector<Event> events = Events100k();
  RunWithDeadline(kDeadline, [&] {
    StringSink sink;
    auto pipeline = Pipeline::Create(PipelineOptions{}, {}, &sink, [](const Event&, Timestamp) {
      throw std::runtime_error("quarantine unavailable");
    });
    ASSERT_TRUE(pipeline.ok());
    Status first_error;
    for (const Event& e : events) {
      first_error = (*pipeline)->Push(e);
      if (!first_error.ok()) break;
    }
    EXPECT_EQ(first_error.code(), StatusCode::kInternal);
    EXPECT_EQ((*pipeline)->Finish().code(), StatusCode::kInternal);
  });
}

}  // namespace
}  // namespace wuzha::pipeline
