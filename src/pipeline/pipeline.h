// The event pipeline: partitions events by subject key and runs each partition, on one
// worker thread, in event-time order through a chain of Stages, with output that is
// byte-for-byte the same for any thread count. docs/design/pipeline.md gives the
// invariants, the memory bounds and why the output is deterministic.
//
//   source thread ── Push ──► watermark, late check ──► per-worker bounded queue
//     worker t: reorder heap keyed by (ts, seq); releases events with ts <= watermark
//               through the stage chain of their partition (p % threads == t)
//     sink thread: merges the workers' lines into one order ──► Sink::Write
//
// Output order: every line of an event is keyed (ts, seq, emit index within the event,
// counting across the chain's stages); the sink receives event lines in that order,
// then the lines emitted by Stage::Finish ordered by (partition, stage, emit index).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/status.h"
#include "core/timestamp.h"
#include "pipeline/stage.h"

namespace wuzha::pipeline {

struct PipelineOptions {
  // Worker threads. Clamped to `partitions`; the output does not depend on it.
  uint32_t threads = 1;
  // Number of partitions; fixed by configuration because stage state is per partition.
  // Partition p is owned by worker p % threads.
  uint32_t partitions = 64;
  // How far (ms of event time) an event may lag the largest ts pushed so far and still
  // be processed in order; more lag makes it late.
  int64_t watermark_ms = 300000;
  // Capacity of each bounded queue: events from the source to a worker, lines from a
  // worker to the sink. Push blocks when a worker's queue is full.
  size_t queue_capacity = 4096;
  // Record, per event, the time from Push to the end of its stage chain (two
  // steady_clock reads per event); read it back with Pipeline::latency().
  bool measure_latency = false;
};

// Called on the source thread, inside Push, for an event whose ts is below the current
// watermark; the event is not processed. The caller usually quarantines it.
using LateHandler = std::function<void(const Event& event, Timestamp watermark)>;

// Counters of a pipeline. Every field may be read at any time from any thread; they are
// final after Finish.
struct PipelineStats {
  uint64_t events_in = 0;                      // accepted by Push, late ones included
  uint64_t late = 0;                           // given to the LateHandler, not processed
  uint64_t processed = 0;                      // run through the stage chain
  uint64_t lines_out = 0;                      // written to the Sink
  std::vector<uint64_t> processed_per_thread;  // index = worker thread
  size_t max_heap_depth = 0;                   // most events held by one worker's reorder heap
  size_t max_input_queue_depth = 0;            // most events in one source → worker queue
  size_t max_output_queue_depth = 0;           // most lines in one worker → sink queue
};

// Push-to-end-of-chain latency of processed events, in microseconds (log-linear
// histogram, about 3% resolution). count is 0 unless measure_latency is set. It
// includes the time an event waits in the reorder heap for the watermark.
struct LatencySummary {
  uint64_t count = 0;
  double p50_us = 0;
  double p99_us = 0;
  double p999_us = 0;
  double max_us = 0;
};

// The partition of an event whose SubjectKey is `subject_key`:
// XXH3_64bits(subject_key) % partitions. REQUIRES: partitions > 0.
uint32_t PartitionOf(std::string_view subject_key, uint32_t partitions);

// A running pipeline. Create starts its worker and sink threads; the caller, from one
// source thread, Pushes events in input order and then calls Finish, which drains
// everything and joins the threads. Push, Finish and the destructor belong to the
// source thread; stats() and latency() are thread safe. Destroying a pipeline without
// Finish cancels it: buffered events are dropped and Stage::Finish is not called. The
// pipeline owns its stages; the Sink and anything the LateHandler refers to are the
// caller's and must outlive Finish (or destruction).
class Pipeline {
 public:
  // Builds the stage chains (one instance of each factory per partition, in the order
  // given) and starts the threads. kInvalidArgument for zero threads, partitions or
  // queue capacity, a negative watermark, a null sink or a factory returning null;
  // kInternal when a factory throws; kUnavailable when a thread cannot be started.
  // `late` may be empty (late events are only counted).
  static Result<std::unique_ptr<Pipeline>> Create(PipelineOptions options,
                                                  std::vector<StageFactory> stages, Sink* sink,
                                                  LateHandler late);

  virtual ~Pipeline() = default;
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Accepts the next event in input order; REQUIRES: event.seq set to the input order
  // (ties in ts are broken by push order, which is then seq order). Calls the
  // LateHandler for a late event; otherwise queues it for its partition, blocking while
  // that worker's queue is full. kFailedPrecondition after Finish; the pipeline's error
  // (kInternal) once a stage or the sink has failed.
  virtual Status Push(Event event) = 0;

  // Processes every buffered event, calls Stage::Finish for every partition, writes all
  // output to the Sink and joins the threads. Returns kInternal naming the stage when a
  // stage (or the sink, or the LateHandler) threw, kFailedPrecondition when called twice.
  virtual Status Finish() = 0;

  virtual PipelineStats stats() const = 0;
  virtual LatencySummary latency() const = 0;

 protected:
  Pipeline() = default;
};

}  // namespace wuzha::pipeline
