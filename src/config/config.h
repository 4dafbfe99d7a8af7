// Configuration: one TOML file read into one plain Config value.
//
// Every key lives in exactly one table (src/config/keys.cc) that gives its dotted name,
// documentation and allowed values and points at the field below; the struct's member
// initializers are the defaults. The same table drives parsing and validation, the
// commented default file (`wuzha config defaults`), the effective file (`wuzha config
// show`) and docs/configuration.md, so none of them can drift from the others.
//
// To add a key: add the field with its default here, then one Key<> entry in keys.cc,
// then regenerate docs/configuration.md (config_test prints the expected text).
//
// Config is a value type: copy it freely; reading it from several threads is safe.
// Parsing is strict: an unknown section or key, a wrong type or a value outside the
// allowed range is kInvalidArgument naming the source, line and key; an empty text is
// Config{} (all defaults).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace wuzha::config {

// [log]: diagnostics on stderr.
struct LogConfig {
  std::string level = "info";  // trace, debug, info, warn, error, off

  bool operator==(const LogConfig&) const = default;
};

// [ingest]: reading event files.
struct IngestConfig {
  std::string quarantine = "quarantine.jsonl";
  int64_t max_line_bytes = 1048576;
  std::string csv_encoding = "auto";  // auto, utf-8, gbk
  std::string progress = "auto";      // auto, always, never

  bool operator==(const IngestConfig&) const = default;
};

// [pipeline]: partitioned, event-time processing.
struct PipelineConfig {
  int64_t threads = 0;            // 0 = cores - 1, at least 1
  int64_t partitions = 64;        // 1..4096, fixed so results never depend on threads
  int64_t watermark_ms = 300000;  // allowed lateness; 0..7 days
  int64_t queue_capacity = 4096;  // events per worker queue, back-pressure bound

  bool operator==(const PipelineConfig&) const = default;
};

// [bench]: `wuzha bench` workloads.
struct BenchConfig {
  int64_t events = 1000000;
  int64_t seed = 1;

  bool operator==(const BenchConfig&) const = default;
};

// [intercept]: the resources of the pipeline's intercept stage (`wuzha run`, `wuzha demo`).
struct InterceptConfig {
  std::string classifier;  // fastText model (wuzha eval text --save-model); empty = none
  std::string phone_db;    // phone2region.zdb; empty = no 号段 rules
  std::string tranco;      // Tranco top-sites CSV as protected brands; empty = built-in brands

  bool operator==(const InterceptConfig&) const = default;
};

// [lists]: the indicator lists kept on disk (`wuzha lists`).
struct ListsConfig {
  std::string dir = "data/lists";  // entries.csv + audit.jsonl

  bool operator==(const ListsConfig&) const = default;
};

// [trace]: fund tracing and the orders it leads to (`wuzha trace`, docs/trace.md).
struct TraceConfig {
  std::string policy = "fifo";    // fifo, lifo, pro_rata, poison
  int64_t stop_pay_hours = 48;    // an emergency stop-payment (紧急止付) lapses after this
  int64_t freeze_days = 180;      // a freeze (冻结) lapses after this unless renewed

  bool operator==(const TraceConfig&) const = default;
};

struct Config {
  LogConfig log;
  IngestConfig ingest;
  PipelineConfig pipeline;
  BenchConfig bench;
  ListsConfig lists;
  InterceptConfig intercept;
  TraceConfig trace;

  bool operator==(const Config&) const = default;
};

// Parses TOML text into a Config; keys not present keep their defaults. `source_name`
// (usually the file path) prefixes every message: "wuzha.toml:7: unknown key ...".
// kInvalidArgument for a syntax error (with line and column), an unknown section or key
// (with a suggestion when one is close), a wrong type or a disallowed value.
Result<Config> ParseConfig(std::string_view toml_text, std::string_view source_name);

// Reads and parses the file at `path`. kNotFound if it does not exist, kIoError if it
// cannot be read, otherwise as ParseConfig with the path as source name.
Result<Config> LoadConfigFile(const std::string& path);

// The complete default file, every key with a comment above it; parsing it yields
// Config{} exactly. Equal to ConfigToToml(Config{}) apart from the heading comment.
std::string DefaultConfigToml();

// `config` as a complete, commented TOML file that parses back to an equal Config.
std::string ConfigToToml(const Config& config);

// docs/configuration.md: an introduction and the reference of every section and key.
std::string ConfigReferenceMarkdown();

}  // namespace wuzha::config
