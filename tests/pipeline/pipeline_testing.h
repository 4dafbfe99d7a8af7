// Test helpers for the pipeline: a seeded event generator, stages that record or count
// what they see, sinks, and the reference the pipeline's output must equal.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "pipeline/pipeline.h"
#include "pipeline/stage.h"

namespace wuzha::pipeline::testing {

struct GeneratorOptions {
  uint64_t seed = 20240501;
  size_t events = 200000;
  size_t subjects = 2000;
  int64_t mean_step_ms = 50;       // event-time clock advance per event, on average
  int64_t max_jitter_ms = 180000;  // an event's ts is up to this much behind the clock
  uint32_t late_per_mille = 2;     // events placed late_by_ms behind the clock
  int64_t late_by_ms = 3600000;
  uint32_t repeat_percent = 2;  // events that repeat their subject's previous ts (ties)
};

// Calls (70%) and transfers (30%) over `subjects` subjects, 10% of them from 20 hot
// subjects; seq = index. Deterministic for a given seed on every platform (raw
// mt19937_64 output, no std distributions).
std::vector<Event> GenerateEvents(const GeneratorOptions& options);

// What the pipeline must do with an event pushed in input order under `watermark_ms`:
// for each event, the watermark it met and whether it is late (ts < watermark).
struct LateVerdict {
  int64_t watermark;
  bool late;
};
std::vector<LateVerdict> ExpectedLateness(const std::vector<Event>& events, int64_t watermark_ms);

// Counts events per subject; emits one JSON line per event with the running count and,
// in Finish, a summary line for its partition.
class SubjectCounterStage final : public Stage {
 public:
  explicit SubjectCounterStage(uint32_t partition) : partition_(partition) {}
  std::string_view name() const override { return "subject_counter"; }
  void Process(const Event& event, Emitter& out) override;
  void Finish(Emitter& out) override;

 private:
  uint32_t partition_;
  std::map<std::string, uint64_t, std::less<>> counts_;
  uint64_t events_ = 0;
};

// Emits a line for every 10th event of its partition: a second stage in the chain.
class EveryTenthStage final : public Stage {
 public:
  explicit EveryTenthStage(uint32_t partition) : partition_(partition) {}
  std::string_view name() const override { return "every_tenth"; }
  void Process(const Event& event, Emitter& out) override;
  void Finish(Emitter& out) override;

 private:
  uint32_t partition_;
  uint64_t seen_ = 0;
};

// The output the pipeline must produce for SubjectCounterStage + EveryTenthStage,
// computed single-threaded without the pipeline: non-late events sorted by (ts, seq),
// each run through its partition's chain, then the Finish lines by partition.
std::string ReferenceOutput(const std::vector<Event>& events, uint32_t partitions,
                            int64_t watermark_ms);

// One record per processed event.
struct Seen {
  std::string subject;
  int64_t ts;
  uint64_t seq;
  uint32_t partition;
};

// Records what each partition's stage processed, in order. Each partition's vector is
// written only by the stage of that partition; read it after Finish.
struct Recorder {
  explicit Recorder(uint32_t partitions) : by_partition(partitions) {}
  std::vector<std::vector<Seen>> by_partition;
};

class RecordingStage final : public Stage {
 public:
  RecordingStage(uint32_t partition, Recorder& recorder)
      : partition_(partition), out_(recorder.by_partition[partition]) {}
  std::string_view name() const override { return "recorder"; }
  void Process(const Event& event, Emitter& out) override;

 private:
  uint32_t partition_;
  std::vector<Seen>& out_;
};

// Appends every line and a newline. Written by the sink thread; read after Finish.
class StringSink final : public Sink {
 public:
  void Write(std::string_view line) override {
    text.append(line);
    text.push_back('\n');
  }
  std::string text;
};

// Runs `events` (copied) through a pipeline of SubjectCounterStage + EveryTenthStage and
// returns the output; fails the test on any error.
std::string RunCounting(const std::vector<Event>& events, PipelineOptions options,
                        PipelineStats* stats = nullptr);

// Runs `body` on a thread; if it has not returned after `limit`, reports the hang and
// exits the test binary (a hung test must fail, not wait for an outside timeout).
void RunWithDeadline(std::chrono::seconds limit, const std::function<void()>& body);

std::vector<std::string> SplitLines(const std::string& text);

}  // namespace wuzha::pipeline::testing
