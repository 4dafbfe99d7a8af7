// wuzha run FILE... : the pipeline over files.
#include <cstdio>

#include "cli/command.h"
#include "cli/run_files.h"
#include "cli/stages.h"

namespace wuzha::cli {
namespace {

struct RunArgs {
  std::vector<std::string> files;
  std::string out = "-";
  std::string quarantine;
  std::string stages;
  std::string type;
  int64_t threads = -1;
  bool json = false;
};

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

int Run(const GlobalOptions& global, const RunArgs& args) {
  auto cfg = LoadEffectiveConfig(global);
  if (!cfg.ok()) return ReportError(cfg.error());
  RunRequest req;
  req.config = *cfg;
  if (args.threads >= 0) req.config.pipeline.threads = args.threads;
  req.inputs = args.files;
  req.output_path = args.out;
  req.quarantine_path = args.quarantine;
  req.stages = args.stages.empty() ? DefaultStages() : SplitCommas(args.stages);
  if (!args.type.empty()) {
    EventType t;
    if (!ParseEventType(args.type, t)) {
      return ReportError(InvalidArgumentError("--type: unknown event type '" + args.type + "'"));
    }
    req.csv_type = t;
  }
  if (args.json && args.out == "-") {
    return ReportError(InvalidArgumentError("--json prints the summary on stdout: give --out FILE"));
  }
  auto report = RunFiles(req);
  if (!report.ok()) return ReportError(report.error(), 1);
  if (args.json) std::printf("%s\n", report->ToJson().c_str());
  else std::fputs(report->ingest.ToText().c_str(), stderr);
  return report->ingest.accepted > 0 ? 0 : 1;
}

}  // namespace

void AddRunCommand(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand(
      "run", "Run events from files through the partitioned pipeline; output in event-time order");
  cmd->add_option("FILE", args->files, "event files (JSON Lines or CSV)")->required();
  cmd->add_option("--out", args->out, "where the stages' output lines go (default: stdout)");
  cmd->add_option("--quarantine", args->quarantine, "refused records (default: ingest.quarantine)");
  std::string stage_help = "comma-separated stage chain (default: events,stats). Stages:";
  for (const auto& s : AvailableStages()) stage_help += " " + s.name + " (" + s.help + ");";
  cmd->add_option("--stages", args->stages, stage_help);
  cmd->add_option("--threads", args->threads, "worker threads (default: pipeline.threads)");
  cmd->add_option("--type", args->type, "event type of CSV rows when the file has no type column");
  cmd->add_flag("--json", args->json, "print the run summary as JSON on stdout (needs --out)");
  cmd->callback([args, &global, &exit_code] { exit_code = Run(global, *args); });
}

}  // namespace wuzha::cli
