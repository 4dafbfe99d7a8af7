// RunFiles: the job behind `wuzha run` and `wuzha demo`: ingest files (quarantining bad
// records), push the accepted events through the partitioned pipeline, and write the
// stages' output lines to a file, in an order that does not depend on thread count.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"

namespace wuzha::cli {

struct RunRequest {
  std::vector<std::string> inputs;
  std::string output_path;      // "-" = standard output
  std::string quarantine_path;  // empty = config's ingest.quarantine
  std::vector<std::string> stages;
  std::optional<EventType> csv_type;
  config::Config config;
};

struct RunReport {
  ingest::IngestSummary ingest;
  pipeline::PipelineStats pipeline;
  uint32_t threads = 0;
  std::string output_hash;  // XXH3-128 of the output bytes, hex: equal outputs, equal hashes
  uint64_t output_bytes = 0;

  std::string ToJson() const;
};

// Converts the [ingest] configuration into reader and progress options.
Result<ingest::IngestOptions> IngestOptionsFrom(const config::Config& cfg,
                                                std::optional<EventType> csv_type);
// Threads to use: pipeline.threads, or when it is 0 the cores but one (at least one).
uint32_t EffectiveThreads(const config::Config& cfg);

Result<RunReport> RunFiles(const RunRequest& request);

}  // namespace wuzha::cli
