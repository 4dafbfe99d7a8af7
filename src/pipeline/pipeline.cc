#include "pipeline/pipeline.h"

#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

#include "pipeline/internal/failure.h"
#include "pipeline/internal/latency_histogram.h"
#include "pipeline/internal/merger.h"
#include "pipeline/internal/queues.h"
#include "pipeline/internal/worker.h"

namespace wuzha::pipeline {
namespace {

using internal::EventSlot;
using internal::Failure;
using internal::InputQueue;
using internal::kNoWatermark;
using internal::OutputQueue;
using internal::Progress;

// Every this many pushes the source tells every worker its progress, so that workers
// that receive no events still release theirs and report a bound to the sink.
constexpr uint64_t kAdvanceInterval = 256;
// Lines a worker hands to its output queue at once (at most the queue capacity).
constexpr size_t kMaxChunkLines = 256;

// The source is the only writer of its counters: no locked instruction per event.
void Bump(std::atomic<uint64_t>& counter) {
  counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

Status ValidateOptions(const PipelineOptions& o, const Sink* sink) {
  if (o.threads == 0) return InvalidArgumentError("pipeline: threads must be at least 1");
  if (o.partitions == 0) return InvalidArgumentError("pipeline: partitions must be at least 1");
  if (o.watermark_ms < 0)
    return InvalidArgumentError("pipeline: watermark_ms must not be negative");
  if (o.queue_capacity == 0) {
    return InvalidArgumentError("pipeline: queue_capacity must be at least 1");
  }
  if (sink == nullptr) return InvalidArgumentError("pipeline: sink is null");
  return Status::Ok();
}

Result<internal::StageChains> BuildChains(uint32_t partitions,
                                          const std::vector<StageFactory>& factories) {
  internal::StageChains chains(partitions);
  for (uint32_t p = 0; p < partitions; ++p) {
    for (size_t i = 0; i < factories.size(); ++i) {
      std::unique_ptr<Stage> stage;
      try {
        stage = factories[i](p);
      } catch (const std::exception& e) {
        return InternalError("pipeline: stage factory " + std::to_string(i) +
                             " threw: " + e.what());
      } catch (...) {
        return InternalError("pipeline: stage factory " + std::to_string(i) + " threw");
      }
      if (!stage) {
        return InvalidArgumentError("pipeline: stage factory " + std::to_string(i) +
                                    " returned null for partition " + std::to_string(p));
      }
      chains[p].push_back(std::move(stage));
    }
  }
  return chains;
}

// The one implementation of Pipeline. Source-thread state (watermark, push order,
// counters' writes) is touched only by the thread that calls Push and Finish; the
// workers and the merger own their own state; the queues and Failure are the only
// shared mutable objects. Threads are started by Start and joined by Finish or the
// destructor before any member they use is destroyed.
class PipelineImpl final : public Pipeline {
 public:
  PipelineImpl(PipelineOptions options, internal::StageChains chains, Sink& sink, LateHandler late);
  ~PipelineImpl() override;

  // Starts the worker and sink threads; kUnavailable when the system refuses a thread.
  Status Start();
  Status Push(Event event) override;
  Status Finish() override;
  PipelineStats stats() const override;
  LatencySummary latency() const override;

 private:
  // Tells every worker the source's progress so far. Never blocks.
  void AdvanceAll();
  void Join();

  const PipelineOptions options_;
  const uint32_t workers_count_;
  internal::StageChains chains_;
  Sink& sink_;
  const LateHandler late_;

  Failure failure_;
  std::vector<std::unique_ptr<InputQueue>> inputs_;
  std::vector<std::unique_ptr<OutputQueue>> outputs_;
  std::vector<std::unique_ptr<internal::Worker>> workers_;
  std::unique_ptr<internal::Merger> merger_;
  std::vector<std::thread> threads_;

  // Source thread only.
  int64_t max_ts_ = std::numeric_limits<int64_t>::min();
  int64_t watermark_ = kNoWatermark;
  uint64_t last_order_ = 0;  // push order of the latest Push that completed
  uint64_t pushes_since_advance_ = 0;
  bool finished_ = false;

  // Written by the source thread, read by stats() anywhere.
  std::atomic<uint64_t> events_in_{0};
  std::atomic<uint64_t> late_count_{0};
};

PipelineImpl::PipelineImpl(PipelineOptions options, internal::StageChains chains, Sink& sink,
                           LateHandler late)
    : options_(options),
      workers_count_(std::min(options.threads, options.partitions)),
      chains_(std::move(chains)),
      sink_(sink),
      late_(std::move(late)) {
  const size_t chunk = std::min(options_.queue_capacity, kMaxChunkLines);
  std::vector<OutputQueue*> outputs;
  for (uint32_t w = 0; w < workers_count_; ++w) {
    inputs_.push_back(std::make_unique<InputQueue>(
        options_.queue_capacity, std::min<size_t>(options_.queue_capacity, kAdvanceInterval)));
    outputs_.push_back(std::make_unique<OutputQueue>(options_.queue_capacity));
    failure_.AddQueue(inputs_.back().get());
    failure_.AddQueue(outputs_.back().get());
    outputs.push_back(outputs_.back().get());
    std::vector<uint32_t> owned;
    for (uint32_t p = w; p < options_.partitions; p += workers_count_) owned.push_back(p);
    workers_.push_back(std::make_unique<internal::Worker>(std::move(owned), chains_, *inputs_[w],
                                                          *outputs_[w], failure_, chunk,
                                                          options_.measure_latency));
  }
  merger_ = std::make_unique<internal::Merger>(std::move(outputs), sink_, failure_);
}

PipelineImpl::~PipelineImpl() {
  if (!finished_) {
    failure_.Fail(FailedPreconditionError("pipeline destroyed without Finish"));
    Join();
  }
}

Status PipelineImpl::Start() {
  try {
    for (auto& worker : workers_) threads_.emplace_back([w = worker.get()] { w->Run(); });
    threads_.emplace_back([m = merger_.get()] { m->Run(); });
  } catch (const std::system_error& e) {
    // The destructor cancels and joins the threads that did start.
    return UnavailableError(std::string("pipeline: cannot start a thread: ") + e.what());
  }
  return Status::Ok();
}

void PipelineImpl::Join() {
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
}

void PipelineImpl::AdvanceAll() {
  const Progress progress{watermark_, last_order_};
  for (auto& in : inputs_) in->Advance(progress);
  pushes_since_advance_ = 0;
}

Status PipelineImpl::Push(Event event) {
  if (finished_) return FailedPreconditionError("pipeline: Push after Finish");
  if (failure_.failed()) return failure_.status();
  const uint64_t order = last_order_ + 1;
  Bump(events_in_);
  const int64_t ts = event.ts.millis();
  if (ts < watermark_) {
    Bump(late_count_);
    if (late_) {
      try {
        late_(event, Timestamp::FromMillis(watermark_));
      } catch (const std::exception& e) {
        failure_.Fail(InternalError(std::string("pipeline: late handler threw: ") + e.what()));
      } catch (...) {
        failure_.Fail(InternalError("pipeline: late handler threw"));
      }
    }
    last_order_ = order;
    return failure_.failed() ? failure_.status() : Status::Ok();
  }
  if (ts > max_ts_) {
    max_ts_ = ts;
    // Saturate instead of overflowing for timestamps near the bottom of int64.
    watermark_ = std::max(watermark_, ts < kNoWatermark + options_.watermark_ms
                                          ? kNoWatermark
                                          : ts - options_.watermark_ms);
  }
  const uint32_t partition = PartitionOf(SubjectKey(event), options_.partitions);
  InputQueue& queue = *inputs_[partition % workers_count_];
  EventSlot* slot = queue.Allocate();
  slot->event = std::move(event);
  slot->order = order;
  slot->watermark = watermark_;
  slot->push_ns = options_.measure_latency ? internal::SteadyNowNs() : 0;
  slot->partition = partition;
  if (!queue.TryPush(slot)) {
    // Before blocking, every worker must know all we have pushed: otherwise the sink
    // could wait for a worker that waits for us (docs/design/pipeline.md, deadlock).
    AdvanceAll();
    if (!queue.Push(slot)) return failure_.status();
  }
  last_order_ = order;
  if (++pushes_since_advance_ >= kAdvanceInterval) AdvanceAll();
  return Status::Ok();
}

Status PipelineImpl::Finish() {
  if (finished_) return FailedPreconditionError("pipeline: Finish called twice");
  finished_ = true;
  AdvanceAll();
  for (auto& in : inputs_) in->Close();
  Join();
  return failure_.status();
}

PipelineStats PipelineImpl::stats() const {
  PipelineStats s;
  s.events_in = events_in_.load(std::memory_order_relaxed);
  s.late = late_count_.load(std::memory_order_relaxed);
  for (const auto& worker : workers_) {
    s.processed_per_thread.push_back(worker->processed());
    s.processed += worker->processed();
    s.max_heap_depth = std::max(s.max_heap_depth, worker->max_heap_depth());
  }
  for (const auto& in : inputs_) {
    s.max_input_queue_depth = std::max(s.max_input_queue_depth, in->max_depth());
  }
  for (const auto& out : outputs_) {
    s.max_output_queue_depth = std::max(s.max_output_queue_depth, out->max_depth());
  }
  s.lines_out = merger_->lines_out();
  return s;
}

LatencySummary PipelineImpl::latency() const {
  std::vector<const internal::LatencyHistogram*> histograms;
  for (const auto& worker : workers_) histograms.push_back(&worker->latency());
  return internal::LatencyHistogram::Summarize(histograms);
}

}  // namespace

uint32_t PartitionOf(std::string_view subject_key, uint32_t partitions) {
  return static_cast<uint32_t>(XXH3_64bits(subject_key.data(), subject_key.size()) % partitions);
}

Result<std::unique_ptr<Pipeline>> Pipeline::Create(PipelineOptions options,
                                                   std::vector<StageFactory> stages, Sink* sink,
                                                   LateHandler late) {
  WUZHA_RETURN_IF_ERROR(ValidateOptions(options, sink));
  WUZHA_ASSIGN_OR_RETURN(internal::StageChains chains, BuildChains(options.partitions, stages));
  auto pipeline =
      std::make_unique<PipelineImpl>(options, std::move(chains), *sink, std::move(late));
  WUZHA_RETURN_IF_ERROR(pipeline->Start());
  return std::unique_ptr<Pipeline>(std::move(pipeline));
}

}  // namespace wuzha::pipeline
