// Event sinks the simulator's tests share: keep every event, or hash the canonical JSON
// of every event in order (FNV-1a), so that two runs can be compared byte for byte.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "formats/jsonl.h"
#include "sim/engine.h"

namespace wuzha::sim {

class VectorSink : public EventSink {
 public:
  Status Write(const Event& e) override {
    events.push_back(e);
    return Status::Ok();
  }
  std::vector<Event> events;
};

class HashSink : public EventSink {
 public:
  Status Write(const Event& e) override {
    line_.clear();
    formats::AppendEventJson(e, line_);
    for (char c : line_) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    hash = (hash ^ '\n') * 0x100000001b3ULL;
    ++count;
    return Status::Ok();
  }
  uint64_t hash = 0xcbf29ce484222325ULL;
  uint64_t count = 0;

 private:
  std::string line_;
};

}  // namespace wuzha::sim
