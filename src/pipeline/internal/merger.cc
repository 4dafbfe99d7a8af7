#include "pipeline/internal/merger.h"

#include <exception>
#include <string>

namespace wuzha::pipeline::internal {
namespace {

// A worker's stream as the merger sees it: the lines taken from its queue and not yet
// written, and the bound that applies once they are.
struct Stream {
  std::vector<OutputLine> lines;
  size_t next = 0;
  OutputKey bound;

  bool has_line() const { return next < lines.size(); }
};

}  // namespace

void Merger::Run() {
  std::vector<Stream> streams(queues_.size());
  while (true) {
    // Find the smallest head; on equal keys a line goes before a bound, because a bound
    // promises that later lines are strictly greater.
    size_t best = 0;
    for (size_t w = 1; w < streams.size(); ++w) {
      const Stream& a = streams[w];
      const Stream& b = streams[best];
      const OutputKey& ka = a.has_line() ? a.lines[a.next].key : a.bound;
      const OutputKey& kb = b.has_line() ? b.lines[b.next].key : b.bound;
      if (ka < kb || (ka == kb && a.has_line() && !b.has_line())) best = w;
    }
    Stream& s = streams[best];
    if (s.has_line()) {
      if (!Write(s.lines[s.next])) return;
      if (++s.next == s.lines.size()) {
        s.lines.clear();
        s.next = 0;
      }
      continue;
    }
    if (s.bound == kEndBound) return;  // the smallest head is an end: all streams ended
    if (!queues_[best]->Take(s.lines, s.bound)) return;
  }
}

bool Merger::Write(const OutputLine& line) {
  if (failure_.failed()) return false;
  try {
    sink_.Write(line.text);
  } catch (const std::exception& e) {
    failure_.Fail(InternalError(std::string("sink threw: ") + e.what()));
    return false;
  } catch (...) {
    failure_.Fail(InternalError("sink threw a non-standard exception"));
    return false;
  }
  lines_out_.store(lines_out_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  return true;
}

}  // namespace wuzha::pipeline::internal
