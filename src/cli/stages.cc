#include "cli/stages.h"

#include <array>
#include <cstdio>
#include <memory>

#include "formats/jsonl.h"
#include "intercept/checker.h"
#include "lists/persist.h"
#include "lists/store.h"

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

// Interception verdicts for every call, SMS, web visit and app install of its partition
// (the partition key is the caller, the sender, the subscriber: each one's behaviour
// stays in one checker). One line per warn or block, naming the event by id (no personal
// data), and a count per channel at the end.
class InterceptStage final : public pipeline::Stage {
 public:
  InterceptStage(uint32_t partition, std::unique_ptr<intercept::Checker> checker,
                 std::shared_ptr<const lists::Store> lists)
      : partition_(partition), checker_(std::move(checker)), lists_(std::move(lists)) {}
  std::string_view name() const override { return "intercept"; }
  void Process(const Event& event, pipeline::Emitter& out) override {
    int channel;
    switch (event.type) {
      case EventType::kCall: channel = 0; break;
      case EventType::kSms: channel = 1; break;
      case EventType::kWeb: channel = 2; break;
      case EventType::kApp:
        if (event.as<AppEvent>().action != AppAction::kInstall) return checker_->Observe(event);
        channel = 3;
        break;
      default: return checker_->Observe(event);
    }
    const intercept::Verdict v = checker_->CheckEvent(event);
    checker_->Observe(event);
    ++checked_[channel];
    if (v.decision == intercept::Decision::kAllow) return;
    ++(v.decision == intercept::Decision::kBlock ? blocked_ : warned_)[channel];
    line_ = "{\"stage\":\"intercept\",\"event\":";
    formats::AppendJsonString(event.id, line_);
    line_ += ",\"ts\":" + std::to_string(event.ts.millis()) + ",\"type\":\"";
    line_ += EventTypeName(event.type);
    line_ += "\",\"verdict\":";
    line_ += intercept::VerdictToJson(v);
    line_ += '}';
    out.Emit(line_);
  }
  void Finish(pipeline::Emitter& out) override {
    static constexpr const char* kChannels[] = {"call", "sms", "web", "app"};
    std::string line = "{\"stage\":\"intercept\",\"partition\":" + std::to_string(partition_);
    for (const char* what : {"checked", "warned", "blocked"}) {
      const auto& counts = what[0] == 'c' ? checked_ : what[0] == 'w' ? warned_ : blocked_;
      line += ",\"" + std::string(what) + "\":{";
      for (int c = 0; c < 4; ++c) {
        line += (c ? ",\"" : "\"") + std::string(kChannels[c]) + "\":" + std::to_string(counts[c]);
      }
      line += '}';
    }
    out.Emit(line + '}');
  }

 private:
  uint32_t partition_;
  std::unique_ptr<intercept::Checker> checker_;
  std::shared_ptr<const lists::Store> lists_;  // outlives checker_'s reads
  std::array<uint64_t, 4> checked_{}, warned_{}, blocked_{};
  std::string line_;
};

// The lists the intercept stage reads: `lists_dir` loaded once (missing = empty).
Result<std::shared_ptr<lists::Store>> LoadLists(const std::string& lists_dir) {
  auto store = std::make_shared<lists::Store>();
  if (!lists_dir.empty()) {
    WUZHA_ASSIGN_OR_RETURN(lists::DirLoad load, lists::LoadDir(lists_dir, *store));
    for (const std::string& e : load.errors) std::fprintf(stderr, "wuzha: warning: %s\n", e.c_str());
  }
  store->Publish();
  return store;
}

}  // namespace

std::vector<StageInfo> AvailableStages() {
  return {{"events", "write every event as canonical JSON, in event-time order"},
          {"stats", "count events per type and partition; one line per partition at the end"},
          {"intercept", "interception verdicts for calls, SMS, web visits and app installs against "
                        "the lists (lists.dir); one line per warn or block"}};
}

std::vector<std::string> DefaultStages() { return {"events", "stats", "intercept"}; }

Result<std::vector<pipeline::StageFactory>> MakeStages(const std::vector<std::string>& names,
                                                       const config::Config& cfg) {
  std::vector<pipeline::StageFactory> out;
  for (const std::string& name : names) {
    if (name == "events") {
      out.push_back([](uint32_t) { return std::make_unique<EventsStage>(); });
    } else if (name == "stats") {
      out.push_back([](uint32_t p) { return std::make_unique<StatsStage>(p); });
    } else if (name == "intercept") {
      WUZHA_ASSIGN_OR_RETURN(std::shared_ptr<lists::Store> store, LoadLists(cfg.lists.dir));
      intercept::CheckerOptions options;
      options.classifier_model = cfg.intercept.classifier;
      options.phone_db = cfg.intercept.phone_db;
      options.tranco = cfg.intercept.tranco;
      // The resources are loaded here, once, so that a bad file fails the run now; each
      // partition's checker shares them and keeps its own trackers.
      WUZHA_ASSIGN_OR_RETURN(auto shared, intercept::SharedResources::Create(*store, options));
      out.push_back([store, shared, options](uint32_t p) -> std::unique_ptr<pipeline::Stage> {
        auto checker = intercept::Checker::Create(*store, shared, options);
        WUZHA_CHECK(checker.ok());  // the same resources built above
        return std::make_unique<InterceptStage>(p, std::move(checker).value(), store);
      });
    } else {
      std::string known;
      for (const auto& s : AvailableStages()) known += (known.empty() ? "" : ", ") + s.name;
      return InvalidArgumentError("unknown stage '" + name + "' (known: " + known + ")");
    }
  }
  return out;
}

}  // namespace wuzha::cli
