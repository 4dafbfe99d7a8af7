#include "pipeline/internal/worker.h"

#include <algorithm>
#include <exception>
#include <limits>
#include <string_view>
#include <utility>

namespace wuzha::pipeline::internal {
namespace {

// pop_heap / push_heap build a max-heap; ordering by "later" makes it a min-heap.
constexpr auto kLater = [](const auto& a, const auto& b) {
  return a.ts != b.ts ? a.ts > b.ts : a.order > b.order;
};

Status StageError(const Stage& stage, uint32_t partition, std::string_view call,
                  std::string_view what) {
  return InternalError("stage '" + std::string(stage.name()) + "' (partition " +
                       std::to_string(partition) + ") threw in " + std::string(call) + ": " +
                       std::string(what));
}

// Runs fn(stage) for stages [0, chain.size()) and turns an exception into the
// pipeline's error: exceptions never leave the worker thread.
template <typename Fn>
bool CallChain(const std::vector<std::unique_ptr<Stage>>& chain, uint32_t partition,
               std::string_view call, Failure& failure, Fn&& fn) {
  size_t i = 0;
  try {
    for (; i < chain.size(); ++i) fn(*chain[i]);
    return true;
  } catch (const std::exception& e) {
    failure.Fail(StageError(*chain[i], partition, call, e.what()));
  } catch (...) {
    failure.Fail(StageError(*chain[i], partition, call, "a non-standard exception"));
  }
  return false;
}

}  // namespace

void LineEmitter::Emit(std::string line) {
  if (dropped_) return;
  pending_.push_back(OutputLine{key_, std::move(line)});
  ++key_.index;
  if (pending_.size() >= chunk_) Flush();
}

bool LineEmitter::Flush() {
  if (dropped_) return false;
  if (pending_.empty()) return true;
  if (!out_.Push(pending_)) {
    dropped_ = true;
    pending_.clear();
  }
  return !dropped_;
}

Worker::Worker(std::vector<uint32_t> partitions, StageChains& chains, InputQueue& in,
               OutputQueue& out, Failure& failure, size_t chunk_lines, bool measure_latency)
    : partitions_(std::move(partitions)),
      chains_(chains),
      in_(in),
      out_(out),
      failure_(failure),
      measure_latency_(measure_latency),
      emitter_(out, chunk_lines) {}

void Worker::Run() {
  std::vector<EventSlot*> batch;
  Progress progress;
  while (true) {
    const InputQueue::TakeResult result = in_.Take(batch, progress, processed_slots_);
    if (result == InputQueue::TakeResult::kCancelled) return;
    for (EventSlot* slot : batch) {
      progress.watermark = std::max(progress.watermark, slot->watermark);
      progress.order = std::max(progress.order, slot->order);
      Admit(slot);
    }
    batch.clear();
    if (result == InputQueue::TakeResult::kClosed) break;
    if (!ReleaseUpTo(progress.watermark) || !emitter_.Flush()) return;
    // Everything with ts <= watermark is out; whatever comes later has ts > watermark,
    // or ts == watermark and a push order above progress.order (see BoundAfter).
    out_.SetBound(BoundAfter(progress));
  }
  if (!ReleaseUpTo(std::numeric_limits<int64_t>::max()) || !FinishPartitions()) return;
  out_.SetBound(kEndBound);
}

void Worker::Admit(EventSlot* slot) {
  heap_.push_back(HeapEntry{slot->event.ts.millis(), slot->order, slot});
  std::push_heap(heap_.begin(), heap_.end(), kLater);
  if (heap_.size() > max_heap_depth_.load(std::memory_order_relaxed)) {
    max_heap_depth_.store(heap_.size(), std::memory_order_relaxed);
  }
}

bool Worker::ReleaseUpTo(int64_t watermark) {
  while (!heap_.empty() && heap_.front().ts <= watermark) {
    std::pop_heap(heap_.begin(), heap_.end(), kLater);
    const HeapEntry entry = heap_.back();
    heap_.pop_back();
    if (!RunChain(entry)) return false;
  }
  return true;
}

bool Worker::RunChain(const HeapEntry& entry) {
  EventSlot& slot = *entry.slot;
  emitter_.Begin(OutputKey{OutputKey::kEvents, entry.ts, entry.order, 0});
  const bool ok = CallChain(chains_[slot.partition], slot.partition, "Process", failure_,
                            [&](Stage& stage) { stage.Process(slot.event, emitter_); });
  if (!ok) return false;
  if (measure_latency_) latency_.Record(static_cast<uint64_t>(SteadyNowNs() - slot.push_ns));
  processed_.store(processed_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  processed_slots_.push_back(entry.slot);
  return !emitter_.dropped() && !failure_.failed();
}

bool Worker::FinishPartitions() {
  for (uint32_t partition : partitions_) {
    emitter_.Begin(OutputKey{OutputKey::kFinish, 0, partition, 0});
    const bool ok = CallChain(chains_[partition], partition, "Finish", failure_,
                              [&](Stage& stage) { stage.Finish(emitter_); });
    if (!ok || emitter_.dropped()) return false;
  }
  return emitter_.Flush();
}

}  // namespace wuzha::pipeline::internal
