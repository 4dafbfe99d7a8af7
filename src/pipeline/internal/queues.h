// The bounded queues between the pipeline's threads, and the ordering keys they carry.
// Private to src/pipeline.
#pragma once

#include <atomic>
#include <compare>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

#include "core/event.h"

namespace wuzha::pipeline::internal {

inline constexpr int64_t kNoWatermark = std::numeric_limits<int64_t>::min();

// What the source has told a worker: every event for the worker whose push order is <=
// `order` has been queued, and no event with ts < `watermark` will follow. Both fields
// only grow.
struct Progress {
  int64_t watermark = kNoWatermark;
  uint64_t order = 0;
};

// One event on its way from the source through a worker's reorder heap to its stage
// chain. Slots are pooled per worker (see InputQueue): an event is moved once, into its
// slot, and only pointers travel, so the hot path neither allocates nor copies events.
struct EventSlot {
  Event event;
  uint64_t order = 0;                // push order, 1-based; breaks ties in ts
  int64_t watermark = kNoWatermark;  // the source's watermark right after this push
  int64_t push_ns = 0;               // steady_clock at Push, 0 when latency is off
  uint32_t partition = 0;
};

// Position of an output line in the global order. Event lines: (kEvents, ts, order,
// emit index); Finish lines: (kFinish, 0, partition, emit index). Also used as a bound:
// "every later line from this worker has a greater key".
struct OutputKey {
  enum Phase : uint32_t { kEvents = 0, kFinish = 1, kEnd = 2 };
  uint32_t phase = kEvents;
  int64_t ts = kNoWatermark;
  uint64_t order = 0;
  uint64_t index = 0;
  friend auto operator<=>(const OutputKey&, const OutputKey&) = default;
};

// The bound a worker reports after releasing everything up to `p`: its later lines come
// from events with ts > p.watermark, or ts == p.watermark and order > p.order.
inline OutputKey BoundAfter(const Progress& p) {
  return {OutputKey::kEvents, p.watermark, p.order, std::numeric_limits<uint64_t>::max()};
}
inline constexpr OutputKey kEndBound{OutputKey::kEnd, 0, 0, 0};

struct OutputLine {
  OutputKey key;
  std::string text;
};

// Source → worker queue: at most `capacity` events, plus a "tail" Progress that applies
// once every queued event is taken (a coalesced watermark marker, so that markers never
// take space or block). One producer (the source), one consumer (the worker). The
// consumer takes everything at once, so a lock is taken per event on the producer side
// only. A waiting consumer is woken once `wake_at` events are queued, or by Advance,
// Close or Cancel, not on every push: the source advances every few hundred pushes and
// before it blocks, so no event waits for long.
//
// The queue also owns the worker's pool of EventSlots: the source allocates slots, the
// worker hands processed ones back with Take, and the source reuses them. The pool only
// grows when every slot is queued, in the worker's heap or just processed, so its size
// is bounded by those. Thread safe; Allocate belongs to the producer thread.
class InputQueue {
 public:
  enum class TakeResult { kOpen, kClosed, kCancelled };

  InputQueue(size_t capacity, size_t wake_at) : capacity_(capacity), wake_at_(wake_at) {}

  // A free slot (its event holds stale contents to be overwritten). Producer only.
  EventSlot* Allocate();

  // Queues `slot` and returns true when there is room.
  bool TryPush(EventSlot* slot);
  // Queues `slot`, waiting for room. False when cancelled.
  bool Push(EventSlot* slot);
  // Raises the tail progress. Never blocks.
  void Advance(const Progress& progress);
  // No more pushes; the consumer gets kClosed with the last events.
  void Close();
  // Wakes every waiter; pushes fail and Take returns kCancelled from now on.
  void Cancel();

  // Returns the slots in `processed` to the pool, then waits until there are events, or
  // the tail is ahead of `progress`, or the queue is closed or cancelled. Swaps the
  // queued events into `out` (REQUIRES: out empty) and raises `progress` to the tail.
  TakeResult Take(std::vector<EventSlot*>& out, Progress& progress,
                  std::vector<EventSlot*>& processed);

  size_t max_depth() const { return max_depth_.load(std::memory_order_relaxed); }

 private:
  void NoteDepthLocked();

  const size_t capacity_;
  const size_t wake_at_;
  std::mutex mu_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::vector<EventSlot*> items_;     // GUARDED_BY(mu_)
  std::vector<EventSlot*> returned_;  // GUARDED_BY(mu_): processed, free for reuse
  Progress tail_;                     // GUARDED_BY(mu_)
  bool closed_ = false;               // GUARDED_BY(mu_)
  bool cancelled_ = false;            // GUARDED_BY(mu_)
  bool consumer_waiting_ = false;     // GUARDED_BY(mu_)
  bool producer_waiting_ = false;     // GUARDED_BY(mu_)
  std::atomic<size_t> max_depth_{0};

  // Producer thread only. The deque never moves its elements, so slot pointers stay valid.
  std::deque<EventSlot> storage_;
  std::vector<EventSlot*> spare_;
};

// Worker → sink queue: at most `capacity` lines in key order, plus the worker's latest
// bound (see OutputKey). One producer (a worker), one consumer (the sink thread).
// Thread safe.
class OutputQueue {
 public:
  explicit OutputQueue(size_t capacity) : capacity_(capacity) {}

  // Moves all of `lines` in, as many at a time as there is room for; `lines` is left
  // empty. False when cancelled.
  bool Push(std::vector<OutputLine>& lines);
  // Raises the bound. Never blocks.
  void SetBound(const OutputKey& bound);
  void Cancel();

  // Waits until there are lines or the bound is above `bound`; swaps the lines into
  // `out` (REQUIRES: out empty) and raises `bound`. False when cancelled.
  bool Take(std::vector<OutputLine>& out, OutputKey& bound);

  size_t max_depth() const { return max_depth_.load(std::memory_order_relaxed); }

 private:
  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::vector<OutputLine> items_;  // GUARDED_BY(mu_)
  OutputKey bound_;                // GUARDED_BY(mu_)
  bool cancelled_ = false;         // GUARDED_BY(mu_)
  bool consumer_waiting_ = false;  // GUARDED_BY(mu_)
  bool producer_waiting_ = false;  // GUARDED_BY(mu_)
  std::atomic<size_t> max_depth_{0};
};

}  // namespace wuzha::pipeline::internal
