#include "pipeline/internal/queues.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace wuzha::pipeline::internal {
namespace {

// Only the owning thread writes a max-depth counter, under the queue's lock; stats()
// reads it from anywhere.
void RaiseMax(std::atomic<size_t>& max, size_t value) {
  if (value > max.load(std::memory_order_relaxed)) max.store(value, std::memory_order_relaxed);
}

}  // namespace

EventSlot* InputQueue::Allocate() {
  if (spare_.empty()) {
    std::lock_guard lock(mu_);
    spare_.swap(returned_);
  }
  if (spare_.empty()) return &storage_.emplace_back();
  EventSlot* slot = spare_.back();
  spare_.pop_back();
  return slot;
}

bool InputQueue::TryPush(EventSlot* slot) {
  std::lock_guard lock(mu_);
  if (cancelled_ || items_.size() >= capacity_) return false;
  items_.push_back(slot);
  NoteDepthLocked();
  return true;
}

bool InputQueue::Push(EventSlot* slot) {
  std::unique_lock lock(mu_);
  while (!cancelled_ && items_.size() >= capacity_) {
    producer_waiting_ = true;
    not_full_.wait(lock);
    producer_waiting_ = false;
  }
  if (cancelled_) return false;
  items_.push_back(slot);
  NoteDepthLocked();
  return true;
}

void InputQueue::NoteDepthLocked() {
  RaiseMax(max_depth_, items_.size());
  if (consumer_waiting_ && items_.size() >= wake_at_) not_empty_.notify_one();
}

void InputQueue::Advance(const Progress& progress) {
  std::lock_guard lock(mu_);
  tail_.watermark = std::max(tail_.watermark, progress.watermark);
  tail_.order = std::max(tail_.order, progress.order);
  if (consumer_waiting_) not_empty_.notify_one();
}

void InputQueue::Close() {
  std::lock_guard lock(mu_);
  closed_ = true;
  not_empty_.notify_one();
}

void InputQueue::Cancel() {
  std::lock_guard lock(mu_);
  cancelled_ = true;
  not_empty_.notify_all();
  not_full_.notify_all();
}

InputQueue::TakeResult InputQueue::Take(std::vector<EventSlot*>& out, Progress& progress,
                                        std::vector<EventSlot*>& processed) {
  std::unique_lock lock(mu_);
  if (returned_.empty()) {
    returned_.swap(processed);
  } else {
    returned_.insert(returned_.end(), processed.begin(), processed.end());
  }
  processed.clear();
  while (!cancelled_ && !closed_ && items_.empty() && tail_.watermark <= progress.watermark &&
         tail_.order <= progress.order) {
    consumer_waiting_ = true;
    not_empty_.wait(lock);
    consumer_waiting_ = false;
  }
  if (cancelled_) return TakeResult::kCancelled;
  out.swap(items_);
  progress.watermark = std::max(progress.watermark, tail_.watermark);
  progress.order = std::max(progress.order, tail_.order);
  if (producer_waiting_) not_full_.notify_one();
  return closed_ ? TakeResult::kClosed : TakeResult::kOpen;
}

bool OutputQueue::Push(std::vector<OutputLine>& lines) {
  std::unique_lock lock(mu_);
  size_t next = 0;
  // Moves what fits and waits for room for the rest, so that a stalled sink sees the
  // queue exactly full and the queue never holds more than its capacity.
  while (next < lines.size()) {
    while (!cancelled_ && items_.size() >= capacity_) {
      producer_waiting_ = true;
      not_full_.wait(lock);
      producer_waiting_ = false;
    }
    if (cancelled_) return false;
    if (next == 0 && items_.empty() && lines.size() <= capacity_) {
      items_.swap(lines);
      next = items_.size();
    } else {
      const size_t n = std::min(capacity_ - items_.size(), lines.size() - next);
      std::move(lines.begin() + next, lines.begin() + next + n, std::back_inserter(items_));
      next += n;
    }
    RaiseMax(max_depth_, items_.size());
    if (consumer_waiting_) not_empty_.notify_one();
  }
  lines.clear();
  return true;
}

void OutputQueue::SetBound(const OutputKey& bound) {
  std::lock_guard lock(mu_);
  if (bound > bound_) bound_ = bound;
  if (consumer_waiting_) not_empty_.notify_one();
}

void OutputQueue::Cancel() {
  std::lock_guard lock(mu_);
  cancelled_ = true;
  not_empty_.notify_all();
  not_full_.notify_all();
}

bool OutputQueue::Take(std::vector<OutputLine>& out, OutputKey& bound) {
  std::unique_lock lock(mu_);
  while (!cancelled_ && items_.empty() && bound_ <= bound) {
    consumer_waiting_ = true;
    not_empty_.wait(lock);
    consumer_waiting_ = false;
  }
  if (cancelled_) return false;
  out.swap(items_);
  if (bound_ > bound) bound = bound_;
  if (producer_waiting_) not_full_.notify_one();
  return true;
}

}  // namespace wuzha::pipeline::internal
