#include "cli/stages.h"

#include <array>

#include "formats/jsonl.h"

namespace wuzha::cli {
namespace {

// Writes every event in canonical JSON, in event-time order: a normalized, sorted copy
// of the input (phones in E.164, money in fen, time in epoch ms).
class EventsStage final : public pipeline::Stage {
 public:
  std::string_view name() const override { return "events"; }
  void Process(const Event& event, pipeline::Emitter& out) override {
    line_.clear();
    formats::AppendEventJson(event, line_);
    out.Emit(line_);
  }

 private:
  std::string line_;
};

// Counts events per type in its partition and writes one summary line at the end.
class StatsStage final : public pipeline::Stage {
 public:
  explicit StatsStage(uint32_t partition) : partition_(partition) {}
  std::string_view name() const override { return "stats"; }
  void Process(const Event& event, pipeline::Emitter&) override {
    ++counts_[static_cast<size_t>(event.type)];
    if (event.has_label && event.label.fraud) ++fraud_;
  }
  void Finish(pipeline::Emitter& out) override {
    std::string line = "{\"stage\":\"stats\",\"partition\":" + std::to_string(partition_) +
                       ",\"by_type\":{";
    bool first = true;
    for (int t = 0; t < kEventTypeCount; ++t) {
      if (counts_[t] == 0) continue;
      if (!first) line += ',';
      first = false;
      line += "\"" + std::string(EventTypeName(static_cast<EventType>(t))) +
              "\":" + std::to_string(counts_[t]);
    }
    line += "},\"labelled_fraud\":" + std::to_string(fraud_) + "}";
    out.Emit(std::move(line));
  }

 private:
  uint32_t partition_;
  std::array<uint64_t, kEventTypeCount> counts_{};
  uint64_t fraud_ = 0;
};

}  // namespace

std::vector<StageInfo> AvailableStages() {
  return {{"events", "write every event as canonical JSON, in event-time order"},
          {"stats", "count events per type and partition; one line per partition at the end"}};
}

std::vector<std::string> DefaultStages() { return {"events", "stats"}; }

Result<std::vector<pipeline::StageFactory>> MakeStages(const std::vector<std::string>& names) {
  std::vector<pipeline::StageFactory> out;
  for (const std::string& name : names) {
    if (name == "events") {
      out.push_back([](uint32_t) { return std::make_unique<EventsStage>(); });
    } else if (name == "stats") {
      out.push_back([](uint32_t p) { return std::make_unique<StatsStage>(p); });
    } else {
      std::string known;
      for (const auto& s : AvailableStages()) known += (known.empty() ? "" : ", ") + s.name;
      return InvalidArgumentError("unknown stage '" + name + "' (known: " + known + ")");
    }
  }
  return out;
}

}  // namespace wuzha::cli
