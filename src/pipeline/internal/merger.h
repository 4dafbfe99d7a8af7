// The pipeline's sink thread: merges the workers' output streams, each already in key
// order, into the one global order and writes it to the Sink. Private to src/pipeline.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "pipeline/internal/failure.h"
#include "pipeline/internal/queues.h"
#include "pipeline/stage.h"

namespace wuzha::pipeline::internal {

// A k-way merge with punctuation. A line is written once its key is no greater than
// every other worker's next line or, for a worker with nothing queued, its reported
// bound; otherwise the merger waits on the worker that holds the smallest bound. The
// pipeline owns the Merger and joins the thread running Run() before destroying it.
// lines_out() is thread safe; everything else belongs to the sink thread.
class Merger {
 public:
  Merger(std::vector<OutputQueue*> queues, Sink& sink, Failure& failure)
      : queues_(std::move(queues)), sink_(sink), failure_(failure) {}

  // The thread body: returns when every worker has reported its end bound and all
  // lines are written, or when the pipeline fails.
  void Run();

  uint64_t lines_out() const { return lines_out_.load(std::memory_order_relaxed); }

 private:
  bool Write(const OutputLine& line);

  const std::vector<OutputQueue*> queues_;
  Sink& sink_;
  Failure& failure_;
  std::atomic<uint64_t> lines_out_{0};
};

}  // namespace wuzha::pipeline::internal
