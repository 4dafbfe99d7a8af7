// wuzha demo: the main job. Simulates the demo city (wuzha sim: residents, legitimate
// traffic, fraud gangs, ground truth), adds a feed with the dirt real feeds have (broken
// lines, bad values, a GBK export), runs everything through the whole pipeline and says
// what happened. It grows with every module that lands.
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <filesystem>

#include "cli/command.h"
#include "cli/run_files.h"
#include "cli/sim_run.h"
#include "cli/stages.h"
#include "formats/csv.h"
#include "formats/jsonl.h"
#include "sim/traffic.h"

namespace wuzha::cli {
namespace {

struct DemoArgs {
  std::string out = "out/demo";
  int64_t events = 20000;  // of the dirty feed
  int64_t seed = 7;
  uint32_t population = 100000;
  int days = 3;
  std::string geo;  // default: ../shared/data/geo when it exists
};

Status WriteFile(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return IoError("cannot create " + path + ": " + std::strerror(errno));
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fclose(f) == 0 && ok;
  return ok ? Status::Ok() : IoError("cannot write " + path + ": " + std::strerror(errno));
}

// A second carrier and bank feed as JSON Lines, one in a thousand lines damaged the way
// real feeds are, and account openings as a GBK CSV export: what ingest must survive.
Status WriteFeeds(const DemoArgs& args, const std::string& dir) {
  sim::TrafficOptions opts;
  opts.seed = static_cast<uint64_t>(args.seed);
  opts.subscribers = 20000;
  sim::RandomTraffic traffic(opts);
  Rng damage(static_cast<uint64_t>(args.seed) ^ 0xdeadbeef);
  std::string jsonl, csv = formats::CsvHeader(EventType::kAccountOpen) + "\n";
  Event e;
  for (int64_t i = 0; i < args.events; ++i) {
    traffic.Next(e);
    if (e.type == EventType::kAccountOpen) {
      formats::AppendEventCsv(e, csv);
      csv.push_back('\n');
      continue;
    }
    std::string line;
    formats::AppendEventJson(e, line);
    if (damage.Chance(0.001)) {
      switch (damage.Uniform(4)) {
        case 0: line.resize(line.size() / 2); break;                        // cut off
        case 1: line.insert(line.find(":") + 1, "\"?\","); break;           // key broken
        case 2: line.replace(line.find("\"ts\":") + 5, 13, "\"yesterday\""); break;  // bad time
        case 3: line = "{\"type\":\"transfer\",\"amount\":\"abc\"}"; break;  // half a record
      }
    }
    jsonl += line;
    jsonl.push_back('\n');
  }
  WUZHA_RETURN_IF_ERROR(WriteFile(dir + "/dirty_feed.jsonl", jsonl));
  WUZHA_RETURN_IF_ERROR(WriteFile(dir + "/dirty_account_open.csv", csv));
  return Status::Ok();
}

int Demo(const GlobalOptions& global, const DemoArgs& args) {
  auto cfg = LoadEffectiveConfig(global);
  if (!cfg.ok()) return ReportError(cfg.error());
  std::error_code ec;
  std::filesystem::create_directories(args.out, ec);
  if (ec) return ReportError(IoError("cannot create " + args.out + ": " + ec.message()), 1);

  SimArgs sim;
  sim.seed = static_cast<uint64_t>(args.seed);
  sim.population = args.population;
  sim.days = args.days;
  sim.out = args.out + "/sim";
  sim.geo = args.geo;
  if (sim.geo.empty() && std::filesystem::is_directory("../shared/data/geo", ec))
    sim.geo = "../shared/data/geo";
  std::fprintf(stderr, "demo city: simulating %u residents for %d days (seed %lld) into %s/\n",
               sim.population, sim.days, static_cast<long long>(args.seed), sim.out.c_str());
  if (int code = Simulate(global, sim); code != 0) return code;
  Status s = WriteFeeds(args, args.out);
  if (!s.ok()) return ReportError(s, 1);

  RunRequest req;
  req.config = *cfg;
  for (const auto& entry : std::filesystem::directory_iterator(sim.out + "/events", ec))
    req.inputs.push_back(entry.path().string());
  std::sort(req.inputs.begin(), req.inputs.end());
  req.inputs.push_back(args.out + "/dirty_feed.jsonl");
  req.inputs.push_back(args.out + "/dirty_account_open.csv");
  req.output_path = args.out + "/output.jsonl";
  req.quarantine_path = args.out + "/quarantine.jsonl";
  req.stages = DefaultStages();
  auto t0 = std::chrono::steady_clock::now();
  auto report = RunFiles(req);
  if (!report.ok()) return ReportError(report.error(), 1);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  std::fputs(report->ingest.ToText().c_str(), stdout);
  std::printf("pipeline: %llu events processed on %u worker thread%s in %.2f s (%.0f events/s)\n",
              static_cast<unsigned long long>(report->pipeline.processed), report->threads,
              report->threads == 1 ? "" : "s", secs, report->pipeline.processed / secs);
  std::printf("output: %s/output.jsonl (%llu lines, hash %s)\n", args.out.c_str(),
              static_cast<unsigned long long>(report->pipeline.lines_out),
              report->output_hash.c_str());
  std::printf("summary: %s/summary.json\n", args.out.c_str());
  s = WriteFile(args.out + "/summary.json", report->ToJson() + "\n");
  if (!s.ok()) return ReportError(s, 1);
  return 0;
}

}  // namespace

void AddDemoCommand(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<DemoArgs>();
  auto* cmd = app.add_subcommand("demo", "The main job: the demo city's feeds through the whole pipeline");
  cmd->add_option("--out", args->out, "output directory (default: out/demo)");
  cmd->add_option("--events", args->events, "events in the dirty extra feed (default: 20000)");
  cmd->add_option("--seed", args->seed, "seed of the demo city (default: 7)");
  cmd->add_option("--population", args->population, "residents (default: 100000)");
  cmd->add_option("--days", args->days, "simulated days (default: 3)");
  cmd->add_option("--geo", args->geo,
                  "Wuhan's division files (default: ../shared/data/geo when it exists)");
  cmd->callback([args, &global, &exit_code] { exit_code = Demo(global, *args); });
}

}  // namespace wuzha::cli
