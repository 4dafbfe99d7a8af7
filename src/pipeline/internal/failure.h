// The pipeline's first error, and the switch that stops every thread when it happens.
// Private to src/pipeline.
#pragma once

#include <atomic>
#include <mutex>
#include <utility>
#include <vector>

#include "core/status.h"
#include "pipeline/internal/queues.h"

namespace wuzha::pipeline::internal {

// Shared by the source, the workers and the sink thread. The queue lists are filled
// before any thread starts and read-only afterwards; the status is guarded by mu_.
// Fail cancels every queue, so every blocked thread wakes up and exits: an error can
// never leave a thread waiting.
class Failure {
 public:
  void AddQueue(InputQueue* queue) { inputs_.push_back(queue); }
  void AddQueue(OutputQueue* queue) { outputs_.push_back(queue); }

  // Records `status` if it is the first error, then cancels all queues. Thread safe.
  void Fail(Status status) {
    {
      std::lock_guard lock(mu_);
      if (status_.ok()) status_ = std::move(status);
    }
    failed_.store(true, std::memory_order_release);
    for (InputQueue* q : inputs_) q->Cancel();
    for (OutputQueue* q : outputs_) q->Cancel();
  }

  bool failed() const { return failed_.load(std::memory_order_acquire); }

  Status status() const {
    std::lock_guard lock(mu_);
    return status_;
  }

 private:
  mutable std::mutex mu_;
  Status status_;  // GUARDED_BY(mu_)
  std::atomic<bool> failed_{false};
  std::vector<InputQueue*> inputs_;
  std::vector<OutputQueue*> outputs_;
};

}  // namespace wuzha::pipeline::internal
