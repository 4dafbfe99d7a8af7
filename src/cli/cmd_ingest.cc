// wuzha ingest FILE... : validate event files, quarantine bad records, print a summary.
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "cli/command.h"
#include "cli/run_files.h"
#include "formats/jsonl.h"
#include "ingest/ingest.h"

namespace wuzha::cli {
namespace {

struct IngestArgs {
  std::vector<std::string> files;
  std::string quarantine;
  std::string out;
  std::string type;
  std::string encoding;
  std::string progress;
  bool json = false;
};

int RunIngest(const GlobalOptions& global, const IngestArgs& args) {
  auto cfg_or = LoadEffectiveConfig(global);
  if (!cfg_or.ok()) return ReportError(cfg_or.error());
  config::Config cfg = *cfg_or;
  if (!args.encoding.empty()) cfg.ingest.csv_encoding = args.encoding;
  if (!args.progress.empty()) cfg.ingest.progress = args.progress;
  std::optional<EventType> csv_type;
  if (!args.type.empty()) {
    EventType t;
    if (!ParseEventType(args.type, t)) {
      return ReportError(InvalidArgumentError("--type: unknown event type '" + args.type + "'"));
    }
    csv_type = t;
  }
  auto options = IngestOptionsFrom(cfg, csv_type);
  if (!options.ok()) return ReportError(options.error());

  std::string qpath = args.quarantine.empty() ? cfg.ingest.quarantine : args.quarantine;
  std::unique_ptr<ingest::QuarantineWriter> quarantine;
  if (qpath == "-") {
    quarantine = ingest::QuarantineWriter::ToStream(stdout);
  } else {
    auto q = ingest::QuarantineWriter::Open(qpath);
    if (!q.ok()) return ReportError(q.error(), 1);
    quarantine = std::move(q).value();
  }

  std::FILE* out = nullptr;
  if (!args.out.empty()) {
    out = args.out == "-" ? stdout : std::fopen(args.out.c_str(), "wb");
    if (out == nullptr) {
      return ReportError(IoError("cannot create " + args.out + ": " + std::strerror(errno)), 1);
    }
  }
  ingest::Ingestor ingestor(*options, quarantine.get());
  std::string line;
  Status s = ingestor.Run(args.files, [&](Event& e) -> Status {
    if (out == nullptr) return Status::Ok();
    line.clear();
    formats::AppendEventJson(e, line);
    line.push_back('\n');
    if (std::fwrite(line.data(), 1, line.size(), out) != line.size()) {
      return IoError("cannot write " + args.out + ": " + std::strerror(errno));
    }
    return Status::Ok();
  });
  if (out != nullptr && out != stdout && std::fclose(out) != 0 && s.ok()) {
    s = IoError("cannot write " + args.out + ": " + std::strerror(errno));
  }
  if (!s.ok()) return ReportError(s, 1);

  const ingest::IngestSummary& summary = ingestor.summary();
  if (args.json) {
    std::printf("%s\n", summary.ToJson().c_str());
  } else {
    std::fputs(summary.ToText().c_str(), stderr);
  }
  // Non-zero only when nothing usable was read.
  return summary.accepted > 0 ? 0 : 1;
}

}  // namespace

void AddIngestCommand(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<IngestArgs>();
  auto* cmd = app.add_subcommand(
      "ingest", "Validate event files (JSON Lines or CSV); bad records go to quarantine");
  cmd->add_option("FILE", args->files, "event files; - reads standard input")->required();
  cmd->add_option("--quarantine", args->quarantine,
                  "where refused records go, JSON Lines (default: ingest.quarantine; - = stdout)");
  cmd->add_option("--out", args->out, "write accepted events as canonical JSON Lines (- = stdout)");
  cmd->add_option("--type", args->type, "event type of CSV rows when the file has no type column");
  cmd->add_option("--encoding", args->encoding, "CSV encoding: auto, utf-8, gbk");
  cmd->add_option("--progress", args->progress, "progress line on stderr: auto, always, never");
  cmd->add_flag("--json", args->json, "print the summary as JSON on stdout");
  cmd->callback([args, &global, &exit_code] { exit_code = RunIngest(global, *args); });
}

}  // namespace wuzha::cli
