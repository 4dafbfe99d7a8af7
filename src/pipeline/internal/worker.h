// A worker thread of the pipeline: owns the partitions p with p % threads == index,
// reorders their events in a heap keyed by (ts, push order) and runs each released event
// through its partition's stage chain. Private to src/pipeline.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/internal/failure.h"
#include "pipeline/internal/latency_histogram.h"
#include "pipeline/internal/queues.h"
#include "pipeline/stage.h"

namespace wuzha::pipeline::internal {

using StageChains = std::vector<std::vector<std::unique_ptr<Stage>>>;  // by partition

// Collects the lines a stage emits, tags them with the current key and hands them to
// the worker's output queue in chunks of at most `chunk` lines. Owned by a Worker and
// used only on its thread. After a cancelled push it drops lines (the pipeline is
// stopping) rather than throw through stage code.
class LineEmitter final : public Emitter {
 public:
  LineEmitter(OutputQueue& out, size_t chunk) : out_(out), chunk_(chunk) {}

  // The key of the next emitted line; later lines count up its index.
  void Begin(const OutputKey& key) { key_ = key; }
  void Emit(std::string line) override;
  // Pushes the pending lines; false when the queue was cancelled.
  bool Flush();
  bool dropped() const { return dropped_; }

 private:
  OutputQueue& out_;
  const size_t chunk_;
  OutputKey key_;
  std::vector<OutputLine> pending_;
  bool dropped_ = false;
};

// One worker's state and thread body. The pipeline owns the Worker, the chains and the
// queues, and joins the thread running Run() before destroying any of them. Run's
// state is touched only by that thread; the counters are single-writer atomics that
// stats() reads from anywhere.
class Worker {
 public:
  // `partitions`: the partitions this worker owns, ascending.
  Worker(std::vector<uint32_t> partitions, StageChains& chains, InputQueue& in, OutputQueue& out,
         Failure& failure, size_t chunk_lines, bool measure_latency);

  // The thread body: returns after the input is closed and everything is processed and
  // finished, or as soon as the pipeline fails.
  void Run();

  uint64_t processed() const { return processed_.load(std::memory_order_relaxed); }
  size_t max_heap_depth() const { return max_heap_depth_.load(std::memory_order_relaxed); }
  const LatencyHistogram& latency() const { return latency_; }

 private:
  struct HeapEntry {
    int64_t ts;
    uint64_t order;
    EventSlot* slot;
  };

  void Admit(EventSlot* slot);
  // Runs, in (ts, order) order, every held event with ts <= watermark. False when the
  // pipeline failed.
  bool ReleaseUpTo(int64_t watermark);
  bool RunChain(const HeapEntry& entry);
  bool FinishPartitions();

  const std::vector<uint32_t> partitions_;
  StageChains& chains_;
  InputQueue& in_;
  OutputQueue& out_;
  Failure& failure_;
  const bool measure_latency_;
  LineEmitter emitter_;

  std::vector<HeapEntry> heap_;              // min-heap on (ts, order): events held for reordering
  std::vector<EventSlot*> processed_slots_;  // to hand back to the pool at the next Take

  std::atomic<uint64_t> processed_{0};
  std::atomic<size_t> max_heap_depth_{0};
  LatencyHistogram latency_;
};

}  // namespace wuzha::pipeline::internal
