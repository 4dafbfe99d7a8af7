#include "cli/run_files.h"

#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <thread>

#include "cli/stages.h"
#include "formats/jsonl.h"

namespace wuzha::cli {
namespace {

// Writes lines to a file and hashes them as they pass, for the determinism check.
class FileSink final : public pipeline::Sink {
 public:
  FileSink(std::FILE* f) : file_(f), state_(XXH3_createState()) { XXH3_128bits_reset(state_); }
  ~FileSink() override { XXH3_freeState(state_); }
  void Write(std::string_view line) override {
    buffer_.append(line);
    buffer_.push_back('\n');
    bytes_ += line.size() + 1;
    if (buffer_.size() >= (1 << 20)) Drain();
  }
  Status Close() {
    Drain();
    if (!ok_ || std::fflush(file_) != 0) return IoError(std::string("write failed: ") + std::strerror(errno));
    return Status::Ok();
  }
  std::string Hash() const {
    XXH128_hash_t h = XXH3_128bits_digest(state_);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                  static_cast<unsigned long long>(h.low64));
    return buf;
  }
  uint64_t bytes() const { return bytes_; }

 private:
  void Drain() {
    XXH3_128bits_update(state_, buffer_.data(), buffer_.size());
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) ok_ = false;
    buffer_.clear();
  }
  std::FILE* file_;
  XXH3_state_t* state_;
  std::string buffer_;
  uint64_t bytes_ = 0;
  bool ok_ = true;
};

}  // namespace

Result<ingest::IngestOptions> IngestOptionsFrom(const config::Config& cfg,
                                                std::optional<EventType> csv_type) {
  ingest::IngestOptions o;
  if (!formats::ParseTextEncoding(cfg.ingest.csv_encoding, o.reader.csv_encoding)) {
    return InvalidArgumentError("ingest.csv_encoding: unknown encoding '" + cfg.ingest.csv_encoding + "'");
  }
  if (!ingest::ParseProgress(cfg.ingest.progress, o.progress)) {
    return InvalidArgumentError("ingest.progress: must be auto, always or never");
  }
  o.reader.max_line_bytes = static_cast<size_t>(cfg.ingest.max_line_bytes);
  o.reader.csv_type = csv_type;
  return o;
}

uint32_t EffectiveThreads(const config::Config& cfg) {
  if (cfg.pipeline.threads > 0) return static_cast<uint32_t>(cfg.pipeline.threads);
  // The source (parsing) and the sink (merging, writing) keep a core busy between them:
  // on 2 cores one worker is faster than two (wuzha bench).
  unsigned cores = std::thread::hardware_concurrency();
  return cores > 2 ? cores - 1 : 1;
}

std::string RunReport::ToJson() const {
  std::string out = "{\"ingest\":" + ingest.ToJson();
  out += ",\"pipeline\":{\"threads\":" + std::to_string(threads) +
         ",\"events_in\":" + std::to_string(pipeline.events_in) +
         ",\"late\":" + std::to_string(pipeline.late) +
         ",\"processed\":" + std::to_string(pipeline.processed) +
         ",\"lines_out\":" + std::to_string(pipeline.lines_out) + "}";
  out += ",\"output_bytes\":" + std::to_string(output_bytes);
  out += ",\"output_hash\":\"" + output_hash + "\"}";
  return out;
}

Result<RunReport> RunFiles(const RunRequest& request) {
  const config::Config& cfg = request.config;
  WUZHA_ASSIGN_OR_RETURN(ingest::IngestOptions ingest_options,
                         IngestOptionsFrom(cfg, request.csv_type));
  WUZHA_ASSIGN_OR_RETURN(std::vector<pipeline::StageFactory> stages, MakeStages(request.stages, cfg));

  std::string qpath = request.quarantine_path.empty() ? cfg.ingest.quarantine : request.quarantine_path;
  WUZHA_ASSIGN_OR_RETURN(auto quarantine, ingest::QuarantineWriter::Open(qpath));

  std::FILE* out = stdout;
  if (request.output_path != "-") {
    out = std::fopen(request.output_path.c_str(), "wb");
    if (out == nullptr) {
      return IoError("cannot create " + request.output_path + ": " + std::strerror(errno));
    }
  }
  FileSink sink(out);
  auto close_out = [&] {
    if (out != stdout) std::fclose(out);
  };

  RunReport report;
  report.threads = EffectiveThreads(cfg);
  pipeline::PipelineOptions popts;
  popts.threads = report.threads;
  popts.partitions = static_cast<uint32_t>(cfg.pipeline.partitions);
  popts.watermark_ms = cfg.pipeline.watermark_ms;
  popts.queue_capacity = static_cast<size_t>(cfg.pipeline.queue_capacity);

  ingest::Ingestor ingestor(ingest_options, quarantine.get());
  Status late_status;
  auto on_late = [&](const Event& e, Timestamp watermark) {
    Status s = ingestor.QuarantineCurrent(
        formats::Reason::kLateEvent, "ts",
        "event at " + e.ts.ToString() + " is older than the watermark " + watermark.ToString() +
            " (pipeline.watermark_ms)");
    if (!s.ok() && late_status.ok()) late_status = s;
  };
  auto pipe_or = pipeline::Pipeline::Create(popts, std::move(stages), &sink, on_late);
  if (!pipe_or.ok()) {
    close_out();
    return pipe_or.error();
  }
  auto pipe = std::move(pipe_or).value();
  Status run = ingestor.Run(request.inputs, [&](Event& e) {
    WUZHA_RETURN_IF_ERROR(late_status);
    return pipe->Push(std::move(e));
  });
  Status finished = pipe->Finish();
  Status closed = sink.Close();
  close_out();
  WUZHA_RETURN_IF_ERROR(run);
  WUZHA_RETURN_IF_ERROR(late_status);
  WUZHA_RETURN_IF_ERROR(finished);
  WUZHA_RETURN_IF_ERROR(closed.WithContext(request.output_path));
  report.ingest = ingestor.summary();
  report.pipeline = pipe->stats();
  report.output_hash = sink.Hash();
  report.output_bytes = sink.bytes();
  return report;
}

}  // namespace wuzha::cli
