#include "sim/source.h"

#include <utility>

namespace wuzha::sim {

Source::Source(const City& city, EngineOptions options) : engine_(city, std::move(options)) {}

Result<bool> Source::Next(Event& out) {
  while (next_ == buffer_.events.size()) {
    if (engine_.done()) return false;
    buffer_.events.clear();
    next_ = 0;
    WUZHA_RETURN_IF_ERROR(engine_.Step(buffer_));
  }
  out = std::move(buffer_.events[next_++]);
  out.seq = seq_++;
  return true;
}

}  // namespace wuzha::sim
