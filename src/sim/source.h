// Source: the simulator as an in-process event source. It pulls events one at a time
// from an Engine, a slice at a time, without files: for the pipeline (wuzha bench
// --workload sim) and for closed-loop evaluations, which may Act() on the engine between
// two events (an action takes effect at the next slice boundary at or after its time).
#pragma once

#include <cstddef>
#include <vector>

#include "core/event.h"
#include "core/status.h"
#include "sim/engine.h"

namespace wuzha::sim {

class Source {
 public:
  // Borrows the city, which must outlive the Source.
  Source(const City& city, EngineOptions options);

  // The next event in the engine's order, with seq numbered from 0; false at the end.
  // An engine error is returned as is (and the source stays at its end).
  Result<bool> Next(Event& out);

  Engine& engine() { return engine_; }
  const Engine& engine() const { return engine_; }

 private:
  class Buffer : public EventSink {
   public:
    Status Write(const Event& e) override {
      events.push_back(e);
      return Status::Ok();
    }
    std::vector<Event> events;
  };

  Engine engine_;
  Buffer buffer_;
  size_t next_ = 0;
  uint64_t seq_ = 0;
};

}  // namespace wuzha::sim
