#include "pipeline_testing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <random>
#include <thread>
#include <tuple>

namespace wuzha::pipeline::testing {
namespace {

// 2024-05-01T00:00:00Z.
constexpr int64_t kStartMs = 1714521600000;

std::string Phone(size_t subject) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "86138%08zu", subject);
  return buf;
}

std::string Account(size_t subject) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "622202%010zu", subject);
  return buf;
}

std::string CountLine(const Event& e, uint32_t partition, uint64_t n) {
  std::string line = "{\"seq\":" + std::to_string(e.seq) +
                     ",\"ts\":" + std::to_string(e.ts.millis()) +
                     ",\"partition\":" + std::to_string(partition) + ",\"subject\":\"" +
                     std::string(SubjectKey(e)) + "\",\"n\":" + std::to_string(n) + "}";
  return line;
}

}  // namespace

std::vector<Event> GenerateEvents(const GeneratorOptions& o) {
  std::mt19937_64 rng(o.seed);
  std::vector<Event> events;
  events.reserve(o.events);
  std::vector<int64_t> last_ts(o.subjects, -1);
  int64_t clock = kStartMs;
  for (size_t i = 0; i < o.events; ++i) {
    clock += static_cast<int64_t>(rng() % static_cast<uint64_t>(2 * o.mean_step_ms + 1));
    const size_t subject = rng() % 10 == 0 ? rng() % 20 : rng() % o.subjects;
    int64_t ts = clock - static_cast<int64_t>(rng() % static_cast<uint64_t>(o.max_jitter_ms + 1));
    if (rng() % 1000 < o.late_per_mille) {
      ts = clock - o.late_by_ms;
    } else if (last_ts[subject] >= 0 && rng() % 100 < o.repeat_percent) {
      ts = last_ts[subject];
    }
    last_ts[subject] = ts;
    Event e;
    if (rng() % 10 < 7) {
      e.Reset(EventType::kCall);
      auto& call = e.as<CallEvent>();
      call.caller = Phone(subject);
      call.callee = Phone(rng() % o.subjects + 100000);
      call.duration_s = static_cast<int64_t>(rng() % 600);
      call.answered = call.duration_s > 0;
    } else {
      e.Reset(EventType::kTransfer);
      auto& t = e.as<TransferEvent>();
      t.from_account = Account(subject);
      t.to_account = Account(rng() % o.subjects + 100000);
      t.amount = Money::FromFen(static_cast<int64_t>(rng() % 10000000));
    }
    e.id = "e" + std::to_string(i);
    e.ts = Timestamp::FromMillis(ts);
    e.seq = i;
    events.push_back(std::move(e));
  }
  return events;
}

std::vector<LateVerdict> ExpectedLateness(const std::vector<Event>& events, int64_t watermark_ms) {
  std::vector<LateVerdict> verdicts;
  verdicts.reserve(events.size());
  bool any = false;
  int64_t max_ts = 0;
  for (const Event& e : events) {
    const int64_t watermark = any ? max_ts - watermark_ms : INT64_MIN;
    const bool late = e.ts.millis() < watermark;
    verdicts.push_back({watermark, late});
    if (!late && (!any || e.ts.millis() > max_ts)) {
      max_ts = e.ts.millis();
      any = true;
    }
  }
  return verdicts;
}

void SubjectCounterStage::Process(const Event& event, Emitter& out) {
  const std::string_view key = SubjectKey(event);
  auto it = counts_.find(key);
  if (it == counts_.end()) it = counts_.emplace(std::string(key), 0).first;
  ++events_;
  out.Emit(CountLine(event, partition_, ++it->second));
}

void SubjectCounterStage::Finish(Emitter& out) {
  out.Emit("{\"partition\":" + std::to_string(partition_) + ",\"subjects\":" +
           std::to_string(counts_.size()) + ",\"events\":" + std::to_string(events_) + "}");
}

void EveryTenthStage::Process(const Event& event, Emitter& out) {
  if (++seen_ % 10 == 0) {
    out.Emit("{\"tenth\":" + std::to_string(seen_) + ",\"partition\":" +
             std::to_string(partition_) + ",\"seq\":" + std::to_string(event.seq) + "}");
  }
}

void EveryTenthStage::Finish(Emitter& out) {
  out.Emit("{\"partition\":" + std::to_string(partition_) + ",\"seen\":" + std::to_string(seen_) +
           "}");
}

void RecordingStage::Process(const Event& event, Emitter&) {
  out_.push_back(Seen{std::string(SubjectKey(event)), event.ts.millis(), event.seq, partition_});
}

std::string ReferenceOutput(const std::vector<Event>& events, uint32_t partitions,
                            int64_t watermark_ms) {
  const std::vector<LateVerdict> lateness = ExpectedLateness(events, watermark_ms);
  std::vector<const Event*> order;
  for (size_t i = 0; i < events.size(); ++i) {
    if (!lateness[i].late) order.push_back(&events[i]);
  }
  std::stable_sort(order.begin(), order.end(), [](const Event* a, const Event* b) {
    return std::tie(a->ts, a->seq) < std::tie(b->ts, b->seq);
  });
  struct Chain {
    std::unique_ptr<SubjectCounterStage> counter;
    std::unique_ptr<EveryTenthStage> tenth;
  };
  std::vector<Chain> chains;
  for (uint32_t p = 0; p < partitions; ++p) {
    chains.push_back(
        {std::make_unique<SubjectCounterStage>(p), std::make_unique<EveryTenthStage>(p)});
  }
  struct Collect final : Emitter {
    void Emit(std::string line) override { text += line + "\n"; }
    std::string text;
  } out;
  for (const Event* e : order) {
    Chain& chain = chains[PartitionOf(SubjectKey(*e), partitions)];
    chain.counter->Process(*e, out);
    chain.tenth->Process(*e, out);
  }
  for (Chain& chain : chains) {
    chain.counter->Finish(out);
    chain.tenth->Finish(out);
  }
  return out.text;
}

std::string RunCounting(const std::vector<Event>& events, PipelineOptions options,
                        PipelineStats* stats) {
  StringSink sink;
  auto pipeline =
      Pipeline::Create(options,
                       {[](uint32_t p) { return std::make_unique<SubjectCounterStage>(p); },
                        [](uint32_t p) { return std::make_unique<EveryTenthStage>(p); }},
                       &sink, nullptr);
  EXPECT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  if (!pipeline.ok()) return "";
  for (const Event& e : events) {
    const Status s = (*pipeline)->Push(e);
    EXPECT_TRUE(s.ok()) << s.ToString();
    if (!s.ok()) break;
  }
  const Status s = (*pipeline)->Finish();
  EXPECT_TRUE(s.ok()) << s.ToString();
  if (stats != nullptr) *stats = (*pipeline)->stats();
  return std::move(sink.text);
}

void RunWithDeadline(std::chrono::seconds limit, const std::function<void()>& body) {
  std::promise<void> done;
  std::future<void> finished = done.get_future();
  std::thread runner([&] {
    body();
    done.set_value();
  });
  if (finished.wait_for(limit) == std::future_status::timeout) {
    std::fprintf(stderr, "FATAL: test body did not finish within %llds: the pipeline hangs\n",
                 static_cast<long long>(limit.count()));
    std::fflush(stderr);
    std::_Exit(1);
  }
  runner.join();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace wuzha::pipeline::testing
