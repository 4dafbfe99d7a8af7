// RandomTraffic: a seeded stream of well-formed events of every type over a flat
// population, with a small share labelled as fraud. It is the load generator behind
// `wuzha bench` and the pipeline tests, and the first piece of the simulator: the city
// with residents, gangs and a closed loop (docs/design/sim.md) is built beside it.
//
// Same seed, same events, on every machine. Not thread safe; one per thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/random.h"

namespace wuzha::sim {

struct TrafficOptions {
  uint64_t seed = 1;
  uint32_t subscribers = 100000;  // distinct phones; accounts are one per subscriber
  Timestamp start = Timestamp::FromCivilUtc(2024, 4, 30, 16);  // 2024-05-01 00:00 Shanghai
  int64_t mean_gap_ms = 20;       // mean time between events
  int64_t max_jitter_ms = 60000;  // events arrive up to this much out of order
  bool transfers_only = false;   // only transfer events (the parse benchmark's workload)
};

class RandomTraffic {
 public:
  explicit RandomTraffic(TrafficOptions options);

  // Fills `event` with the next event (Event::seq is left to the caller).
  void Next(Event& event);

  const std::string& Phone(uint32_t subscriber) const { return phones_[subscriber]; }
  const std::string& Account(uint32_t subscriber) const { return accounts_[subscriber]; }

 private:
  void FillCall(Event& e);
  void FillSms(Event& e);
  void FillWeb(Event& e);
  void FillApp(Event& e);
  void FillTransfer(Event& e);
  void FillAccountOpen(Event& e);
  void FillSimOpen(Event& e);
  void FillReport(Event& e);
  void FillFeedback(Event& e);
  uint32_t Subscriber() { return static_cast<uint32_t>(rng_.Uniform(phones_.size())); }
  std::string PersonId(uint32_t subscriber) const;

  TrafficOptions options_;
  Rng rng_;
  int64_t clock_ms_;
  uint64_t count_ = 0;
  std::vector<std::string> phones_;
  std::vector<std::string> accounts_;
};

// `n` events of `options` as JSON Lines in one buffer, the way a file sits in memory:
// each line's offset and length, LF after each, and the padding the JSONL parser needs
// after the last. For benchmarks of everything downstream of the generator.
struct JsonlCorpus {
  std::string text;
  std::vector<std::pair<size_t, size_t>> lines;  // offset, length

  std::string_view line(size_t i) const { return {text.data() + lines[i].first, lines[i].second}; }
  // Readable bytes from the start of line i (for JsonlParser::Parse).
  size_t capacity(size_t i) const { return text.size() - lines[i].first; }
};
JsonlCorpus GenerateJsonlCorpus(const TrafficOptions& options, uint64_t n);

}  // namespace wuzha::sim
