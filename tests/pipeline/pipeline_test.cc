// Ordering, determinism, lateness and the API contract of the pipeline.
#include "pipeline/pipeline.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "pipeline_testing.h"

namespace wuzha::pipeline {
namespace {

using testing::GenerateEvents;
using testing::GeneratorOptions;
using testing::Recorder;
using testing::RecordingStage;
using testing::RunCounting;
using testing::SplitLines;
using testing::StringSink;

const std::vector<Event>& Events200k() {
  static const std::vector<Event> events = GenerateEvents(GeneratorOptions{});
  return events;
}

uint64_t Hash(const std::string& text) { return XXH3_64bits(text.data(), text.size()); }

TEST(Pipeline, OutputIsByteIdenticalForOneTwoAndEightThreads) {
  const auto& events = Events200k();
  PipelineOptions options;
  options.threads = 1;
  PipelineStats stats1;
  const std::string one = RunCounting(events, options, &stats1);
  options.threads = 2;
  const std::string two = RunCounting(events, options);
  options.threads = 8;
  const std::string eight = RunCounting(events, options);

  ASSERT_GT(stats1.processed, 190000u);
  EXPECT_EQ(Hash(one), Hash(two));
  EXPECT_EQ(Hash(one), Hash(eight));
  EXPECT_TRUE(one == two) << "threads 1 and 2 differ";
  EXPECT_TRUE(one == eight) << "threads 1 and 8 differ";
}

TEST(Pipeline, OutputDoesNotDependOnQueueCapacity) {
  const auto& events = Events200k();
  PipelineOptions options;
  options.threads = 8;
  options.queue_capacity = 4096;
  const std::string big = RunCounting(events, options);
  options.queue_capacity = 3;
  const std::string tiny = RunCounting(events, options);
  EXPECT_EQ(Hash(big), Hash(tiny));
  EXPECT_TRUE(big == tiny);
}

TEST(Pipeline, OutputEqualsSingleThreadedReferenceInEventTimeOrder) {
  const auto& events = Events200k();
  PipelineOptions options;
  options.threads = 4;
  options.partitions = 64;
  const std::string got = RunCounting(events, options);
  const std::string want = testing::ReferenceOutput(events, 64, options.watermark_ms);
  EXPECT_EQ(Hash(got), Hash(want));
  EXPECT_TRUE(got == want);
}

TEST(Pipeline, ReordersWithinWatermarkToEventTimeThenSeqPerPartition) {
  const auto& events = Events200k();
  // The input is out of order within subjects, and has ties, or the test proves nothing.
  std::map<std::string, int64_t, std::less<>> last;
  size_t inversions = 0;
  for (const Event& e : events) {
    auto [it, added] = last.try_emplace(std::string(SubjectKey(e)), e.ts.millis());
    if (!added && e.ts.millis() < it->second) ++inversions;
    it->second = std::max(it->second, e.ts.millis());
  }
  ASSERT_GT(inversions, 10000u);

  PipelineOptions options;
  options.threads = 4;
  Recorder recorder(options.partitions);
  StringSink sink;
  auto pipeline = Pipeline::Create(
      options, {[&](uint32_t p) { return std::make_unique<RecordingStage>(p, recorder); }}, &sink,
      nullptr);
  ASSERT_TRUE(pipeline.ok());
  for (const Event& e : events) ASSERT_TRUE((*pipeline)->Push(e).ok());
  ASSERT_TRUE((*pipeline)->Finish().ok());

  size_t ties = 0;
  std::map<std::string, std::pair<int64_t, uint64_t>> previous;
  for (uint32_t p = 0; p < options.partitions; ++p) {
    const auto& seen = recorder.by_partition[p];
    for (size_t i = 1; i < seen.size(); ++i) {
      ASSERT_LT(std::tie(seen[i - 1].ts, seen[i - 1].seq), std::tie(seen[i].ts, seen[i].seq))
          << "partition " << p << " at " << i;
    }
    for (const auto& s : seen) {
      EXPECT_EQ(s.partition, p);
      EXPECT_EQ(PartitionOf(s.subject, options.partitions), p);
      auto it = previous.find(s.subject);
      if (it != previous.end()) {
        ASSERT_LE(it->second.first, s.ts) << s.subject;
        if (it->second.first == s.ts) {
          ++ties;
          ASSERT_LT(it->second.second, s.seq) << "tie out of input order for " << s.subject;
        }
      }
      previous[s.subject] = {s.ts, s.seq};
    }
  }
  EXPECT_GT(ties, 1000u);
}

TEST(Pipeline, LateEventsGoToLateHandlerWithWatermarkAndAreNotProcessed) {
  const auto& events = Events200k();
  PipelineOptions options;
  options.threads = 2;
  const auto expected = testing::ExpectedLateness(events, options.watermark_ms);

  std::vector<std::pair<uint64_t, int64_t>> late;  // seq, watermark; source thread only
  Recorder recorder(options.partitions);
  StringSink sink;
  auto pipeline = Pipeline::Create(
      options, {[&](uint32_t p) { return std::make_unique<RecordingStage>(p, recorder); }}, &sink,
      [&](const Event& e, Timestamp watermark) { late.emplace_back(e.seq, watermark.millis()); });
  ASSERT_TRUE(pipeline.ok());
  for (const Event& e : events) ASSERT_TRUE((*pipeline)->Push(e).ok());
  ASSERT_TRUE((*pipeline)->Finish().ok());

  std::vector<std::pair<uint64_t, int64_t>> want;
  for (size_t i = 0; i < events.size(); ++i) {
    if (expected[i].late) want.emplace_back(events[i].seq, expected[i].watermark);
  }
  ASSERT_GT(want.size(), 200u);
  EXPECT_EQ(late, want);

  std::set<uint64_t> processed;
  for (const auto& seen : recorder.by_partition) {
    for (const auto& s : seen) processed.insert(s.seq);
  }
  for (const auto& [seq, watermark] : want) EXPECT_EQ(processed.count(seq), 0u) << seq;
  EXPECT_EQ(processed.size(), events.size() - want.size());

  const PipelineStats stats = (*pipeline)->stats();
  EXPECT_EQ(stats.events_in, events.size());
  EXPECT_EQ(stats.late, want.size());
  EXPECT_EQ(stats.processed, events.size() - want.size());
}

TEST(Pipeline, FinishLinesComeAfterAllEventLinesInPartitionThenStageOrder) {
  struct Tagger final : Stage {
    Tagger(uint32_t p, std::string n) : partition(p), tag(std::move(n)) {}
    std::string_view name() const override { return tag; }
    void Process(const Event& e, Emitter& out) override {
      out.Emit("E " + tag + " " + std::to_string(e.seq));
    }
    void Finish(Emitter& out) override {
      for (int i = 0; i < 2; ++i) {
        out.Emit("F " + std::to_string(partition) + " " + tag + " " + std::to_string(i));
      }
    }
    uint32_t partition;
    std::string tag;
  };
  const auto& all = Events200k();
  const std::vector<Event> events(all.begin(), all.begin() + 20000);
  PipelineOptions options;
  options.threads = 4;
  options.partitions = 16;
  StringSink sink;
  auto pipeline = Pipeline::Create(options,
                                   {[](uint32_t p) { return std::make_unique<Tagger>(p, "a"); },
                                    [](uint32_t p) { return std::make_unique<Tagger>(p, "b"); }},
                                   &sink, nullptr);
  ASSERT_TRUE(pipeline.ok());
  for (const Event& e : events) ASSERT_TRUE((*pipeline)->Push(e).ok());
  ASSERT_TRUE((*pipeline)->Finish().ok());

  const std::vector<std::string> lines = SplitLines(sink.text);
  std::vector<std::string> want_tail;
  for (uint32_t p = 0; p < 16; ++p) {
    for (const char* tag : {"a", "b"}) {
      for (int i = 0; i < 2; ++i) {
        want_tail.push_back("F " + std::to_string(p) + " " + tag + " " + std::to_string(i));
      }
    }
  }
  ASSERT_GE(lines.size(), want_tail.size());
  const size_t events_lines = lines.size() - want_tail.size();
  EXPECT_EQ(events_lines, 2 * (*pipeline)->stats().processed);
  for (size_t i = 0; i < events_lines; ++i) ASSERT_EQ(lines[i][0], 'E') << i;
  EXPECT_EQ(std::vector<std::string>(lines.begin() + events_lines, lines.end()), want_tail);
  // Each event's lines come together, in chain order.
  for (size_t i = 0; i + 1 < events_lines; i += 2) {
    ASSERT_EQ(lines[i].substr(0, 4), "E a ");
    ASSERT_EQ(lines[i + 1], "E b " + lines[i].substr(4));
  }
}

TEST(Pipeline, EventLinesAreInGlobalEventTimeThenSeqOrder) {
  struct TsStage final : Stage {
    std::string_view name() const override { return "ts"; }
    void Process(const Event& e, Emitter& out) override {
      out.Emit(std::to_string(e.ts.millis()) + " " + std::to_string(e.seq));
    }
  };
  PipelineOptions options;
  options.threads = 8;
  StringSink sink;
  auto pipeline = Pipeline::Create(options, {[](uint32_t) { return std::make_unique<TsStage>(); }},
                                   &sink, nullptr);
  ASSERT_TRUE(pipeline.ok());
  for (const Event& e : Events200k()) ASSERT_TRUE((*pipeline)->Push(e).ok());
  ASSERT_TRUE((*pipeline)->Finish().ok());
  std::pair<int64_t, uint64_t> prev{INT64_MIN, 0};
  size_t n = 0;
  for (const std::string& line : SplitLines(sink.text)) {
    const size_t space = line.find(' ');
    const std::pair<int64_t, uint64_t> key{std::stoll(line.substr(0, space)),
                                           std::stoull(line.substr(space + 1))};
    ASSERT_LT(prev, key) << "line " << n;
    prev = key;
    ++n;
  }
  EXPECT_EQ(n, (*pipeline)->stats().processed);
}

TEST(Pipeline, StatsCountEventsLinesAndPerThreadWork) {
  PipelineOptions options;
  options.threads = 3;
  PipelineStats stats;
  const std::string out = RunCounting(Events200k(), options, &stats);
  EXPECT_EQ(stats.events_in, Events200k().size());
  EXPECT_EQ(stats.processed + stats.late, stats.events_in);
  EXPECT_EQ(stats.lines_out, SplitLines(out).size());
  ASSERT_EQ(stats.processed_per_thread.size(), 3u);
  uint64_t sum = 0;
  for (uint64_t n : stats.processed_per_thread) {
    EXPECT_GT(n, 0u);
    sum += n;
  }
  EXPECT_EQ(sum, stats.processed);
  EXPECT_GT(stats.max_heap_depth, 0u);
  EXPECT_LE(stats.max_input_queue_depth, options.queue_capacity);
  EXPECT_LE(stats.max_output_queue_depth, options.queue_capacity);
}

TEST(Pipeline, ClampsThreadsToPartitions) {
  const auto& all = Events200k();
  const std::vector<Event> events(all.begin(), all.begin() + 5000);
  PipelineOptions options;
  options.partitions = 3;
  options.threads = 1;
  const std::string one = RunCounting(events, options);
  options.threads = 16;
  PipelineStats stats;
  const std::string many = RunCounting(events, options, &stats);
  EXPECT_EQ(stats.processed_per_thread.size(), 3u);
  EXPECT_TRUE(one == many);
}

TEST(Pipeline, EmptyInputWritesOnlyFinishLines) {
  PipelineOptions options;
  options.partitions = 4;
  options.threads = 2;
  const std::string out = RunCounting({}, options);
  EXPECT_EQ(out,
            "{\"partition\":0,\"subjects\":0,\"events\":0}\n{\"partition\":0,\"seen\":0}\n"
            "{\"partition\":1,\"subjects\":0,\"events\":0}\n{\"partition\":1,\"seen\":0}\n"
            "{\"partition\":2,\"subjects\":0,\"events\":0}\n{\"partition\":2,\"seen\":0}\n"
            "{\"partition\":3,\"subjects\":0,\"events\":0}\n{\"partition\":3,\"seen\":0}\n");
}

TEST(Pipeline, ZeroWatermarkProcessesInputThatIsAlreadyInOrder) {
  std::vector<Event> events;
  for (int i = 0; i < 1000; ++i) {
    Event e;
    e.Reset(EventType::kCall);
    e.as<CallEvent>().caller = "86138000000" + std::to_string(i % 7);
    e.ts = Timestamp::FromMillis(1000 + i / 3);  // ties of three
    e.seq = static_cast<uint64_t>(i);
    events.push_back(std::move(e));
  }
  PipelineOptions options;
  options.watermark_ms = 0;
  options.threads = 2;
  PipelineStats stats;
  RunCounting(events, options, &stats);
  EXPECT_EQ(stats.late, 0u);
  EXPECT_EQ(stats.processed, 1000u);
}

TEST(Pipeline, PushAfterFinishIsFailedPrecondition) {
  StringSink sink;
  auto pipeline = Pipeline::Create(PipelineOptions{}, {}, &sink, nullptr);
  ASSERT_TRUE(pipeline.ok());
  ASSERT_TRUE((*pipeline)->Finish().ok());
  EXPECT_EQ((*pipeline)->Push(Event{}).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*pipeline)->Finish().code(), StatusCode::kFailedPrecondition);
}

TEST(Pipeline, DestroyingWithoutFinishStopsTheThreads) {
  testing::RunWithDeadline(std::chrono::seconds(60), [] {
    StringSink sink;
    PipelineOptions options;
    options.threads = 4;
    options.queue_capacity = 8;
    auto pipeline = Pipeline::Create(
        options, {[](uint32_t p) { return std::make_unique<testing::SubjectCounterStage>(p); }},
        &sink, nullptr);
    ASSERT_TRUE(pipeline.ok());
    for (size_t i = 0; i < 20000; ++i) ASSERT_TRUE((*pipeline)->Push(Events200k()[i]).ok());
  });
}

TEST(Pipeline, CreateRejectsInvalidOptions) {
  StringSink sink;
  auto with = [&](auto change) {
    PipelineOptions options;
    change(options);
    return Pipeline::Create(options, {}, &sink, nullptr).status().code();
  };
  EXPECT_EQ(with([](PipelineOptions& o) { o.threads = 0; }), StatusCode::kInvalidArgument);
  EXPECT_EQ(with([](PipelineOptions& o) { o.partitions = 0; }), StatusCode::kInvalidArgument);
  EXPECT_EQ(with([](PipelineOptions& o) { o.queue_capacity = 0; }), StatusCode::kInvalidArgument);
  EXPECT_EQ(with([](PipelineOptions& o) { o.watermark_ms = -1; }), StatusCode::kInvalidArgument);
  EXPECT_EQ(Pipeline::Create(PipelineOptions{}, {}, nullptr, nullptr).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Pipeline::Create(PipelineOptions{}, {[](uint32_t) { return nullptr; }}, &sink, nullptr)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

TEST(Pipeline, FactoryThatThrowsIsInternal) {
  StringSink sink;
  auto pipeline = Pipeline::Create(PipelineOptions{}, {[](uint32_t p) -> std::unique_ptr<Stage> {
                                     if (p == 5) throw std::runtime_error("no model file");
                                     return std::make_unique<testing::EveryTenthStage>(p);
                                   }},
                                   &sink, nullptr);
  ASSERT_FALSE(pipeline.ok());
  EXPECT_EQ(pipeline.status().code(), StatusCode::kInternal);
  EXPECT_NE(pipeline.status().message().find("no model file"), std::string_view::npos);
}

TEST(Pipeline, PartitionOfIsXxh3ModuloPartitions) {
  const std::string key = "8613800138000";
  EXPECT_EQ(PartitionOf(key, 64), XXH3_64bits(key.data(), key.size()) % 64);
  EXPECT_EQ(PartitionOf(key, 1), 0u);
}

TEST(Pipeline, LatencyIsMeasuredPerProcessedEventWhenEnabled) {
  const auto& all = Events200k();
  const std::vector<Event> events(all.begin(), all.begin() + 50000);
  for (bool measure : {false, true}) {
    StringSink sink;
    PipelineOptions options;
    options.threads = 2;
    options.measure_latency = measure;
    auto pipeline = Pipeline::Create(
        options, {[](uint32_t p) { return std::make_unique<testing::EveryTenthStage>(p); }}, &sink,
        nullptr);
    ASSERT_TRUE(pipeline.ok());
    for (const Event& e : events) ASSERT_TRUE((*pipeline)->Push(e).ok());
    ASSERT_TRUE((*pipeline)->Finish().ok());
    const LatencySummary latency = (*pipeline)->latency();
    if (!measure) {
      EXPECT_EQ(latency.count, 0u);
      continue;
    }
    EXPECT_EQ(latency.count, (*pipeline)->stats().processed);
    EXPECT_GT(latency.p50_us, 0.0);
    EXPECT_LE(latency.p50_us, latency.p99_us);
    EXPECT_LE(latency.p99_us, latency.p999_us);
    EXPECT_LE(latency.p999_us, latency.max_us);
  }
}

}  // namespace
}  // namespace wuzha::pipeline
