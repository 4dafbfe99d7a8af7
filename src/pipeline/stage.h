// The processing contract of the pipeline: a Stage consumes the events of one partition
// in event-time order and writes output records (JSON lines: verdicts, signals ...)
// through an Emitter; a Sink receives every output line of the pipeline in one
// deterministic order. Each module that consumes events (intercept, risk, ledger ...)
// implements Stage; the application supplies the Sink.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/event.h"

namespace wuzha::pipeline {

// Where a stage writes its output records. The pipeline tags each line with the event
// being processed (or the partition being finished) and the order of the Emit call, and
// delivers it to the Sink in the global order described in pipeline.h. An Emitter is
// owned by the pipeline and valid only during the Process or Finish call it is passed
// to; it belongs to the calling worker thread and must not be shared.
class Emitter {
 public:
  virtual ~Emitter() = default;
  // Appends one output record, usually one JSON object without the trailing newline.
  // May block when the output is back-pressured (the sink is slower than the stages).
  virtual void Emit(std::string line) = 0;
};

// One step of the per-partition processing chain. The pipeline creates one instance per
// partition through a StageFactory and owns it until the pipeline is destroyed; all
// calls on an instance come from the single worker thread that owns the partition, in
// event-time order, so a stage keeps its per-subject state without locks. A stage sees
// an event after the stages before it in the chain have processed it. Stages must not
// throw; if one does, the pipeline stops and Pipeline::Finish reports kInternal naming
// the stage.
class Stage {
 public:
  virtual ~Stage() = default;
  // A short stable name ("intercept.calls"), used in error messages and stats.
  virtual std::string_view name() const = 0;
  // Processes one event of this stage's partition. Events arrive ordered by (ts, seq).
  virtual void Process(const Event& event, Emitter& out) = 0;
  // Called once after the partition's last event, at Pipeline::Finish; lines emitted
  // here come after every event line (see pipeline.h).
  virtual void Finish(Emitter& out) { (void)out; }
};

// Makes the stage instance for `partition` (0 .. partitions-1). Called on the thread
// that calls Pipeline::Create, once per partition and stage, before any event flows.
// Must not return null.
using StageFactory = std::function<std::unique_ptr<Stage>(uint32_t partition)>;

// The destination of the pipeline's output lines. Write is called from one thread only
// (the pipeline's sink thread), never concurrently, in the deterministic output order;
// a slow Write back-pressures the whole pipeline. The sink is owned by the caller and
// must outlive Pipeline::Finish. Write must not throw; if it does, the pipeline stops
// and Finish reports kInternal.
class Sink {
 public:
  virtual ~Sink() = default;
  // Receives one line as emitted by a stage (no newline added). `line` is valid only
  // during the call.
  virtual void Write(std::string_view line) = 0;
};

}  // namespace wuzha::pipeline
