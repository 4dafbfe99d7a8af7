// wuzha bench: end-to-end throughput and latency on generated events, each figure beside
// a baseline measured in the same run (docs/cli.md).
#include <algorithm>
#include <array>
#include <chrono>
#include <thread>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"
#include "sim/source.h"
#include "cli/run_files.h"
#include "cli/stages.h"
#include "formats/jsonl.h"
#include "pipeline/pipeline.h"
#include "sim/traffic.h"

namespace wuzha::cli {
namespace {

struct BenchArgs {
  bool json = false;
  int64_t events = -1;
  int64_t threads = -1;
  int64_t seed = -1;
  std::string workload = "pipeline";
};

using Corpus = sim::JsonlCorpus;

Corpus Generate(uint64_t seed, uint64_t n, bool transfers_only) {
  sim::TrafficOptions opts;
  opts.seed = seed;
  opts.transfers_only = transfers_only;
  return sim::GenerateJsonlCorpus(opts, n);
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Baseline: parse and validate every line on one thread, nothing else.
double ParseOnly(const Corpus& c, uint64_t& accepted) {
  formats::JsonlParser parser;
  Event e;
  formats::RecordError err;
  accepted = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (auto [off, len] : c.lines) {
    accepted += parser.Parse(std::string_view(c.text.data() + off, len), c.text.size() - off, e, err);
  }
  return c.lines.size() / Seconds(t0);
}

// Per-event parse + validate latency in a second pass (two clock reads per event would
// otherwise distort the throughput figure), as p50/p99/p999 in microseconds.
std::array<double, 3> ParseLatencies(const Corpus& c) {
  formats::JsonlParser parser;
  Event e;
  formats::RecordError err;
  std::vector<double> us;
  us.reserve(c.lines.size());
  for (auto [off, len] : c.lines) {
    auto t0 = std::chrono::steady_clock::now();
    parser.Parse(std::string_view(c.text.data() + off, len), c.text.size() - off, e, err);
    us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(us.begin(), us.end());
  auto at = [&us](double q) { return us.empty() ? 0.0 : us[static_cast<size_t>(q * (us.size() - 1))]; };
  return {at(0.5), at(0.99), at(0.999)};
}

class NullSink final : public pipeline::Sink {
 public:
  void Write(std::string_view line) override { bytes_ += line.size(); }
  uint64_t bytes_ = 0;
};

// The pipeline both workloads measure: the configuration's threads, partitions,
// watermark and queues, the stats stage, latency measured, late events counted.
pipeline::PipelineOptions BenchPipelineOptions(const config::Config& cfg) {
  pipeline::PipelineOptions popts;
  popts.threads = EffectiveThreads(cfg);
  popts.partitions = static_cast<uint32_t>(cfg.pipeline.partitions);
  popts.watermark_ms = cfg.pipeline.watermark_ms;
  popts.queue_capacity = static_cast<size_t>(cfg.pipeline.queue_capacity);
  popts.measure_latency = true;
  return popts;
}

Result<std::unique_ptr<pipeline::Pipeline>> MakeBenchPipeline(const pipeline::PipelineOptions& popts,
                                                              pipeline::Sink& sink, uint64_t& late) {
  auto stages = MakeStages({"stats"});
  return pipeline::Pipeline::Create(popts, std::move(*stages), &sink,
                                    [&late](const Event&, Timestamp) { ++late; });
}

// One JSON object, or for people one figure a line ("events_per_s: 1468721"), nested
// objects flattened.
void PrintFigures(const std::string& out, bool json) {
  if (json) {
    std::printf("%s\n", out.c_str());
    return;
  }
  std::string pretty;
  for (char ch : out.substr(1, out.size() - 2)) {
    if (ch == ',') pretty += '\n';
    else if (ch == ':') pretty += ": ";
    else if (ch != '"' && ch != '{' && ch != '}') pretty += ch;
  }
  std::printf("%s\n", pretty.c_str());
}

// --workload sim: the simulator as an in-process source (sim::Source) feeding the
// pipeline, for one day of a city sized to give about `n` events; the baseline is the
// same day generated into a sink that drops everything.
int BenchSim(const config::Config& cfg, uint64_t n, uint64_t seed, bool json) {
  sim::CityOptions co;
  co.seed = seed;
  co.population = static_cast<uint32_t>(std::clamp<uint64_t>(n / 16, 1000, 20'000'000));
  auto city = sim::City::Build(co);
  if (!city.ok()) return ReportError(city.error(), 1);
  sim::EngineOptions eo;
  eo.seed = seed;
  eo.days = 1;
  eo.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (!json) std::fprintf(stderr, "simulating a day of %u residents ...\n", co.population);
  class Drop : public sim::EventSink {
   public:
    Status Write(const Event&) override {
      ++count;
      return Status::Ok();
    }
    uint64_t count = 0;
  } drop;
  auto t0 = std::chrono::steady_clock::now();
  {
    sim::Engine engine(*city, eo);
    Status s = engine.Run(drop);
    if (!s.ok()) return ReportError(s, 1);
  }
  const double sim_rate = drop.count / Seconds(t0);

  NullSink sink;
  uint64_t late = 0;
  pipeline::PipelineOptions popts = BenchPipelineOptions(cfg);
  auto pipe_or = MakeBenchPipeline(popts, sink, late);
  if (!pipe_or.ok()) return ReportError(pipe_or.error(), 1);
  auto pipe = std::move(pipe_or).value();
  sim::Source source(*city, eo);
  Event e;
  uint64_t events = 0;
  t0 = std::chrono::steady_clock::now();
  while (true) {
    auto more = source.Next(e);
    if (!more.ok()) return ReportError(more.error(), 1);
    if (!*more) break;
    ++events;
    Status s = pipe->Push(std::move(e));
    if (!s.ok()) return ReportError(s, 1);
  }
  Status s = pipe->Finish();
  if (!s.ok()) return ReportError(s, 1);
  const double rate = events / Seconds(t0);
  auto lat = pipe->latency();
  char buf[640];
  std::snprintf(buf, sizeof buf,
                "{\"workload\":\"sim\",\"events\":%llu,\"population\":%u,\"threads\":%u,"
                "\"events_per_s\":%.0f,\"p50_us\":%.1f,\"p99_us\":%.1f,\"p999_us\":%.1f,"
                "\"max_us\":%.1f,\"late\":%llu,\"baseline\":{\"name\":\"sim_only\","
                "\"events_per_s\":%.0f},\"ratio_to_baseline\":%.3f}",
                static_cast<unsigned long long>(events), co.population, popts.threads, rate,
                lat.p50_us, lat.p99_us, lat.p999_us, lat.max_us,
                static_cast<unsigned long long>(late), sim_rate, rate / sim_rate);
  PrintFigures(buf, json);
  return 0;
}

int Bench(const GlobalOptions& global, const BenchArgs& args) {
  auto cfg_or = LoadEffectiveConfig(global);
  if (!cfg_or.ok()) return ReportError(cfg_or.error());
  config::Config cfg = *cfg_or;
  if (args.threads >= 0) cfg.pipeline.threads = args.threads;
  const uint64_t n = static_cast<uint64_t>(args.events > 0 ? args.events : cfg.bench.events);
  const uint64_t seed = static_cast<uint64_t>(args.seed >= 0 ? args.seed : cfg.bench.seed);
  if (args.workload != "pipeline" && args.workload != "ingest" && args.workload != "sim") {
    return ReportError(InvalidArgumentError("--workload must be pipeline, ingest or sim"));
  }
  if (args.workload == "sim") return BenchSim(cfg, n, seed, args.json);
  const bool ingest_only = args.workload == "ingest";
  if (!args.json) std::fprintf(stderr, "generating %llu events ...\n", static_cast<unsigned long long>(n));
  Corpus corpus = Generate(seed, n, ingest_only);

  uint64_t accepted = 0;
  const double parse_rate = ParseOnly(corpus, accepted);
  std::string out = "{\"workload\":\"" + args.workload + "\",\"events\":" + std::to_string(n);
  char buf[512];
  if (ingest_only) {
    auto [p50, p99, p999] = ParseLatencies(corpus);
    std::snprintf(buf, sizeof buf,
                  ",\"events_per_s\":%.0f,\"mb_per_s\":%.1f,\"accepted\":%llu,\"p50_us\":%.3f,"
                  "\"p99_us\":%.3f,\"p999_us\":%.3f}",
                  parse_rate, parse_rate * corpus.text.size() / n / 1e6,
                  static_cast<unsigned long long>(accepted), p50, p99, p999);
    out += buf;
  } else {
    NullSink sink;
    uint64_t late = 0;
    pipeline::PipelineOptions popts = BenchPipelineOptions(cfg);
    auto pipe_or = MakeBenchPipeline(popts, sink, late);
    if (!pipe_or.ok()) return ReportError(pipe_or.error(), 1);
    auto pipe = std::move(pipe_or).value();
    formats::JsonlParser parser;
    Event e;
    formats::RecordError err;
    uint64_t seq = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (auto [off, len] : corpus.lines) {
      if (!parser.Parse(std::string_view(corpus.text.data() + off, len), corpus.text.size() - off,
                        e, err)) {
        continue;
      }
      e.seq = seq++;
      Status s = pipe->Push(std::move(e));
      if (!s.ok()) return ReportError(s, 1);
    }
    Status s = pipe->Finish();
    if (!s.ok()) return ReportError(s, 1);
    const double rate = n / Seconds(t0);
    auto lat = pipe->latency();
    std::snprintf(buf, sizeof buf,
                  ",\"threads\":%u,\"partitions\":%u,\"watermark_ms\":%lld,\"events_per_s\":%.0f,"
                  "\"p50_us\":%.1f,\"p99_us\":%.1f,\"p999_us\":%.1f,\"max_us\":%.1f,\"late\":%llu,"
                  "\"baseline\":{\"name\":\"parse_only_1_thread\",\"events_per_s\":%.0f},"
                  "\"ratio_to_baseline\":%.3f}",
                  popts.threads, popts.partitions, static_cast<long long>(popts.watermark_ms), rate,
                  lat.p50_us, lat.p99_us, lat.p999_us, lat.max_us,
                  static_cast<unsigned long long>(late), parse_rate, rate / parse_rate);
    out += buf;
  }
  PrintFigures(out, args.json);
  return 0;
}

}  // namespace

void AddBenchCommand(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<BenchArgs>();
  auto* cmd = app.add_subcommand(
      "bench", "Measure throughput and per-event latency end to end on generated events");
  cmd->add_flag("--json", args->json, "print the figures as one JSON object");
  cmd->add_option("--events", args->events, "how many events (default: bench.events)");
  cmd->add_option("--threads", args->threads, "pipeline worker threads (default: pipeline.threads)");
  cmd->add_option("--seed", args->seed, "generator seed (default: bench.seed)");
  cmd->add_option("--workload", args->workload,
                  "pipeline: parse, validate, partition, reorder, stages (default); "
                  "ingest: JSON Lines parse and validate only, transfers; "
                  "sim: the simulator in process feeding the pipeline");
  cmd->callback([args, &global, &exit_code] { exit_code = Bench(global, *args); });
}

}  // namespace wuzha::cli
