// The files `wuzha sim` writes (docs/cli.md): the events, one JSON Lines file per type;
// the banks' statements as transfer CSV files; summary.json with the run's volumes and
// their Wuhan-scale equivalents. The city (City::WriteTo) and the truth (WriteTruth)
// have their own writers.
//
//   DIR/events/<type>.jsonl                  canonical JSON (formats::AppendEventJson)
//   DIR/statements/<account>-<action id>.csv transfer CSV layout of docs/formats.md
//   DIR/summary.json
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "sim/city.h"
#include "sim/engine.h"

namespace wuzha::sim {

// One output file written through a large buffer (flushed past 1 MiB), so that a
// Wuhan-scale run makes few write calls. Errors name the file. Owns its FILE; the
// destructor closes it without reporting errors (call Close to see them). Not thread
// safe.
class BufferedFile {
 public:
  static constexpr size_t kFlushBytes = 1 << 20;

  BufferedFile() = default;
  ~BufferedFile();
  BufferedFile(const BufferedFile&) = delete;
  BufferedFile& operator=(const BufferedFile&) = delete;

  // Creates (or truncates) `path`. kIoError naming the file.
  Status Open(std::string path);
  // Callers append to buffer() and then call Flush(false), which writes only when the
  // buffer is past kFlushBytes; Flush(true) writes it all.
  std::string& buffer() { return buffer_; }
  Status Flush(bool all);
  Status Append(std::string_view bytes) {
    buffer_.append(bytes);
    return Flush(false);
  }
  // Writes what is buffered and closes. kIoError naming the file. Idempotent.
  Status Close();

  const std::string& path() const { return path_; }
  uint64_t bytes_written() const { return bytes_written_; }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  uint64_t bytes_written_ = 0;
};

// An EventSink writing a run into a directory: DIR/events/<type>.jsonl for every event
// type (all created when it opens, so a type with no events has an empty file), in the
// order the engine writes them (event time), and each statement the engine delivers as
// DIR/statements/<account>-<action id>.csv (CsvHeader(kTransfer) then one row per
// transfer). A statement is what a bank returns: its rows carry no ground-truth label.
// After the first failure every call returns that failure. Not thread safe.
class DirectorySink final : public EventSink {
 public:
  // Creates DIR/events/ (with one empty file per type) and DIR/statements/. Files already
  // there are truncated. kIoError naming the directory or file.
  static Result<std::unique_ptr<DirectorySink>> Open(const std::string& dir);

  Status Write(const Event& e) override;
  Status WriteStatement(const Statement& statement) override;
  // Flushes and closes every file. kIoError naming the first file that failed.
  Status Close();

  uint64_t events_written() const { return events_; }
  uint64_t statements_written() const { return statements_; }
  // Bytes of events written to disk so far (buffered bytes not included).
  uint64_t bytes_written() const;

 private:
  explicit DirectorySink(std::string dir) : dir_(std::move(dir)) {}

  std::string dir_;
  std::array<BufferedFile, kEventTypeCount> files_;
  Status error_;
  uint64_t events_ = 0;
  uint64_t statements_ = 0;
  Event unlabelled_;  // scratch for statement rows
  std::string row_;
};

// The statement file name: "<account>-<action id>.csv", with any character of the
// account other than [0-9A-Za-z_] replaced by '_'.
std::string StatementFileName(const Statement& statement);

// Residents of Wuhan (2023 yearbook): the scale of the reference figures in summary.json.
inline constexpr double kWuhanResidents = 13'700'000;

// The JSON object of summary.json: the run's options, events and fraud events per type
// (total and per day), the engine's counters, and the daily fraud figures scaled to
// kWuhanResidents (and divided by options.fraud.scale) beside Wuhan's published ones
// (docs/sim-calibration.md §1). Depends only on its arguments: the same run gives the
// same bytes (no wall-clock time, no thread count).
std::string SummaryJson(const CityOptions& city, const EngineOptions& options,
                        const Engine::Stats& stats);
// Writes SummaryJson and a newline to `path`. kIoError naming the file.
Status WriteSummary(const std::string& path, const CityOptions& city, const EngineOptions& options,
                    const Engine::Stats& stats);

}  // namespace wuzha::sim
