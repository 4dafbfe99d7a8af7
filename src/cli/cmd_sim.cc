// wuzha sim: builds the seeded city, runs the simulator over it for some days (with the
// actions of a closed-loop file, if given) and writes everything it produced into one
// directory: events, city, ground truth, statements and a summary (docs/cli.md).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "cli/command.h"
#include "cli/sim_run.h"
#include "sim/action.h"
#include "sim/city.h"
#include "sim/engine.h"
#include "sim/output.h"
#include "sim/truth.h"

namespace wuzha::cli {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;


// What `wuzha sim` owns in its output directory: replaced on every run, nothing else is.
constexpr const char* kOwnedEntries[] = {"events", "city", "truth", "statements", "summary.json"};

// Reads one action per line; blank lines are skipped. kInvalidArgument "FILE:LINE: ...".
Result<std::vector<sim::Action>> ReadActions(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgumentError("--actions: cannot open " + path);
  std::vector<sim::Action> actions;
  std::string line;
  for (uint64_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto action = sim::ParseActionJson(line);
    if (!action.ok()) {
      return InvalidArgumentError(path + ":" + std::to_string(n) + ": " +
                                  std::string(action.error().message()));
    }
    actions.push_back(std::move(action).value());
  }
  if (in.bad()) return IoError("cannot read " + path);
  return actions;
}

// Removes the previous run's files from `dir` (only those the command owns) and makes
// sure `dir` exists.
Status PrepareOutput(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    return InvalidArgumentError("--out: " + dir + " exists and is not a directory");
  }
  std::string replaced;
  for (const char* entry : kOwnedEntries) {
    fs::path p = fs::path(dir) / entry;
    if (!fs::exists(fs::symlink_status(p, ec))) continue;
    fs::remove_all(p, ec);
    if (ec) return IoError("cannot remove " + p.string() + ": " + ec.message());
    replaced += replaced.empty() ? entry : std::string(", ") + entry;
  }
  if (!replaced.empty()) spdlog::info("{}: replacing the previous run's {}", dir, replaced);
  fs::create_directories(dir, ec);
  if (ec) return IoError("cannot create directory " + dir + ": " + ec.message());
  return Status::Ok();
}

// Progress: a line rewritten in place on a terminal, one log line per simulated day
// otherwise.
class Progress {
 public:
  Progress(Timestamp start, int days)
      : start_(start),
        days_(days),
        terminal_(isatty(STDERR_FILENO) != 0),
        t0_(std::chrono::steady_clock::now()) {}

  void Update(Timestamp now, uint64_t events, bool final_line) {
    int day = static_cast<int>((now.millis() - start_.millis()) / kDayMs);
    double secs = Seconds();
    double rate = events / std::max(secs, 1e-3);
    if (terminal_) {
      if (!final_line && secs - last_shown_ < 0.25) return;
      last_shown_ = secs;
      std::fprintf(stderr, "\r\033[Ksim: day %d/%d, %llu events, %.0f events/s%s",
                   std::min(day + 1, days_), days_, static_cast<unsigned long long>(events), rate,
                   final_line ? "\n" : "");
      return;
    }
    while (day_logged_ < day && day_logged_ < days_) {
      ++day_logged_;
      spdlog::info("sim: day {}/{} done, {} events, {:.0f} events/s", day_logged_, days_, events,
                   rate);
    }
  }
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
  }

 private:
  Timestamp start_;
  int days_;
  bool terminal_;
  std::chrono::steady_clock::time_point t0_;
  double last_shown_ = -1;
  int day_logged_ = 0;
};

}  // namespace

int Simulate(const GlobalOptions& global, const SimArgs& args) {
  auto cfg = LoadEffectiveConfig(global);
  if (!cfg.ok()) return ReportError(cfg.error());
  if (args.population < 1 || args.population > 20'000'000) {
    return ReportError(InvalidArgumentError("--population must be 1 to 20,000,000"));
  }
  if (args.days < 1) return ReportError(InvalidArgumentError("--days must be at least 1"));
  if (args.threads < 0) return ReportError(InvalidArgumentError("--threads must be 0 or more"));
  if (!(args.fraud_scale >= 0)) {
    return ReportError(InvalidArgumentError("--fraud-scale must be 0 or more"));
  }
  if (!args.geo.empty() && !fs::is_directory(args.geo)) {
    return ReportError(InvalidArgumentError("--geo: no such directory: " + args.geo));
  }
  sim::CityOptions city_options;
  city_options.seed = args.seed;
  city_options.population = args.population;
  city_options.geo_dir = args.geo;
  if (!args.start.empty()) {
    auto start = Timestamp::Parse(args.start);
    if (!start.ok()) {
      return ReportError(InvalidArgumentError("--start: " + std::string(start.error().message())));
    }
    city_options.start = *start;
  }
  std::vector<sim::Action> actions;
  if (!args.actions.empty()) {
    auto read = ReadActions(args.actions);
    if (!read.ok()) return ReportError(read.error());
    actions = std::move(read).value();
  }
  Status s = PrepareOutput(args.out);
  if (!s.ok()) return ReportError(s, s.code() == StatusCode::kInvalidArgument ? 2 : 1);

  auto t0 = std::chrono::steady_clock::now();
  spdlog::info("sim: building a city of {} residents (seed {})", args.population, args.seed);
  auto city = sim::City::Build(city_options);
  if (!city.ok()) {
    return ReportError(city.error(), city.error().code() == StatusCode::kInvalidArgument ? 2 : 1);
  }
  s = city->WriteTo(args.out + "/city");
  if (!s.ok()) return ReportError(s, 1);

  sim::EngineOptions options;
  options.seed = args.seed;
  options.days = args.days;
  unsigned cores = std::thread::hardware_concurrency();
  // Every core: the main thread waits while the sources are generated.
  options.threads = args.threads > 0 ? args.threads : std::max(1, static_cast<int>(cores));
  options.fraud.enabled = !args.no_fraud;
  options.fraud.scale = args.fraud_scale;
  auto sink = sim::DirectorySink::Open(args.out);
  if (!sink.ok()) return ReportError(sink.error(), 1);
  sim::Engine engine(*city, options);
  for (const sim::Action& a : actions) engine.Act(a);

  spdlog::info("sim: {} day{} from {} on {} thread{}, {} action{}", args.days,
               args.days == 1 ? "" : "s", city_options.start.ToDisplay(), options.threads,
               options.threads == 1 ? "" : "s", actions.size(), actions.size() == 1 ? "" : "s");
  Progress progress(city_options.start, args.days);
  while (!engine.done()) {
    s = engine.Step(**sink);
    if (!s.ok()) return ReportError(s, 1);
    progress.Update(engine.now(), (*sink)->events_written(), false);
  }
  progress.Update(engine.now(), (*sink)->events_written(), true);
  s = (*sink)->Close();
  if (s.ok()) s = sim::WriteTruth(engine.truth(), args.out + "/truth");
  const sim::Engine::Stats& stats = engine.stats();
  if (s.ok()) s = sim::WriteSummary(args.out + "/summary.json", city_options, options, stats);
  if (!s.ok()) return ReportError(s, 1);

  uint64_t fraud_events = 0;
  for (uint64_t n : stats.fraud_events_by_type) fraud_events += n;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "sim: %d day%s of a city of %u residents (seed %llu): %llu events, %llu of them fraud; "
      "%llu people targeted, %llu victims, %s stolen. Wrote %s/ (events/, city/, truth/, "
      "statements/ with %llu statements, summary.json) in %.1f s.\n",
      args.days, args.days == 1 ? "" : "s", args.population,
      static_cast<unsigned long long>(args.seed),
      static_cast<unsigned long long>((*sink)->events_written()),
      static_cast<unsigned long long>(fraud_events),
      static_cast<unsigned long long>(stats.targets_engaged),
      static_cast<unsigned long long>(stats.victims),
      Money::FromFen(stats.stolen_fen).ToDisplay().c_str(), args.out.c_str(),
      static_cast<unsigned long long>((*sink)->statements_written()), secs);
  return 0;
}

void AddSimCommand(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<SimArgs>();
  auto* cmd = app.add_subcommand(
      "sim", "Simulate the seeded city: events, city, ground truth and a summary into --out DIR");
  cmd->add_option("--seed", args->seed, "seed of the city and its traffic (default: 1)");
  cmd->add_option("--population", args->population, "residents, 1 to 20,000,000 (default: 100000)");
  cmd->add_option("--days", args->days, "simulated days (default: 7)");
  cmd->add_option("--out", args->out,
                  "output directory. A previous run's events/, city/, truth/, statements/ and "
                  "summary.json in it are removed and rewritten; other files are left alone")
      ->required();
  cmd->add_option("--threads", args->threads,
                  "threads generating traffic (default: the cores); the output is the "
                  "same for any number");
  cmd->add_option("--actions", args->actions,
                  "JSON Lines of actions (block_number, freeze, visit ...) applied as the run "
                  "goes (docs/cli.md)");
  cmd->add_flag("--no-fraud", args->no_fraud, "legitimate traffic only: no gangs");
  cmd->add_option("--fraud-scale", args->fraud_scale,
                  "multiply the fraud volumes (default: 1, calibrated to Wuhan)");
  cmd->add_option("--geo", args->geo,
                  "directory with Wuhan's division files (../shared/data/geo); default: a "
                  "synthetic org tree");
  cmd->add_option("--start", args->start,
                  "first simulated moment, epoch ms or ISO-8601 (default: 2024-05-01 00:00 "
                  "Shanghai)");
  cmd->callback([args, &global, &exit_code] { exit_code = Simulate(global, *args); });
}

}  // namespace wuzha::cli
