// Ingestor: reads event files, validates every record, hands accepted events on with
// Event::seq set to the order it hands them on, and sends every refused record to
// quarantine with its file, line, field and reason. It never stops on a bad record and
// never drops one silently: every record read is counted as accepted or quarantined.
//
// Several files are read side by side and merged by event time (the file whose next
// event is earliest goes first; ties go to the file named first), as feeds from a
// carrier and a bank covering the same day arrive: reading them one after the other
// would make every event of the second file late. The merge holds one event per file.
//
// Single-threaded: Run() is called from the source thread, and QuarantineCurrent() only
// from inside the callback Run() is calling (the pipeline's late-event handler runs
// there), so a record refused downstream is still reported with its file and line.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/status.h"
#include "formats/reader.h"
#include "ingest/quarantine.h"

namespace wuzha::ingest {

enum class Progress : uint8_t { kAuto, kAlways, kNever };
// "auto", "always", "never"; false when unknown.
bool ParseProgress(std::string_view name, Progress& out);

struct IngestOptions {
  formats::ReaderOptions reader;
  Progress progress = Progress::kAuto;
};

struct FileSummary {
  std::string path;
  std::string format;    // "jsonl" or "csv"
  std::string encoding;  // "utf-8" or "gbk"
  uint64_t read = 0, accepted = 0, quarantined = 0, blank_lines = 0;
  std::string error;  // a file-level failure (cannot open, bad CSV header); empty if none
};

struct IngestSummary {
  uint64_t read = 0;         // records read: accepted + quarantined
  uint64_t accepted = 0;
  uint64_t quarantined = 0;
  uint64_t blank_lines = 0;  // skipped, not records
  uint64_t files_failed = 0;
  std::map<std::string, uint64_t> by_reason;
  std::map<std::string, uint64_t> by_type;  // accepted events per event type
  std::map<std::string, uint64_t> unknown_fields;  // ignored fields/columns, with counts
  std::vector<FileSummary> files;
  std::string quarantine_path;

  // {"read":N,"accepted":N,"quarantined":N,"by_reason":{...},...}
  std::string ToJson() const;
  // A few lines for people.
  std::string ToText() const;
};

class Ingestor {
 public:
  // The callback takes each accepted event; a non-OK status stops the run (an output
  // failure, not a bad record) and Run returns it.
  using EventSink = std::function<Status(Event&)>;

  Ingestor(IngestOptions options, QuarantineWriter* quarantine);

  // Reads every file, merged by event time. A file that cannot be read is recorded in the
  // summary and skipped. Returns a non-OK status only when the sink or the quarantine
  // failed.
  Status Run(const std::vector<std::string>& paths, const EventSink& sink);

  // Refuses the record whose event the sink is handling now (e.g. a late event).
  // REQUIRES: called from inside the sink callback.
  Status QuarantineCurrent(formats::Reason reason, std::string_view field, std::string_view message);

  const IngestSummary& summary() const { return summary_; }

 private:
  struct OpenFile;
  // Advances `file` to its next accepted event, quarantining refused records on the way.
  // False at the end of the file.
  Result<bool> Advance(OpenFile& file);
  void CloseFile(OpenFile& file);
  Status Refuse(const formats::RecordError& error);
  void ShowProgress(bool final_line);

  IngestOptions options_;
  QuarantineWriter* quarantine_;
  IngestSummary summary_;
  uint64_t next_seq_ = 0;
  // The record being handled, for Refuse and QuarantineCurrent.
  FileSummary* current_file_ = nullptr;
  const formats::RecordInfo* current_info_ = nullptr;
  const formats::EventReader* current_reader_ = nullptr;
  bool current_refused_ = false;
  bool show_progress_ = false;
  int64_t last_progress_ms_ = 0;
  int64_t start_ms_ = 0;
};

}  // namespace wuzha::ingest
