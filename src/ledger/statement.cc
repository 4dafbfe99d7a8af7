#include "ledger/statement.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "formats/jsonl.h"
#include "formats/record_error.h"

namespace wuzha::ledger {
namespace {

namespace fs = std::filesystem;

// Quarantines the record the reader is on.
Status Refuse(ingest::QuarantineWriter* quarantine, const std::string& path,
              const formats::RecordInfo& info, formats::Reason reason, std::string_view field,
              std::string_view message, StatementFileResult& result) {
  ++result.quarantined;
  if (quarantine == nullptr) return Status::Ok();
  ingest::QuarantineRecord record;
  record.file = path;
  record.line = info.line;
  record.field = field;
  record.reason = reason;
  record.message = message;
  record.raw = info.raw;
  record.raw_original = info.raw_original;
  return quarantine->Write(record);
}

// The field a ledger refusal is about, from what Append checks beyond the reader.
std::string_view FieldOf(const Event& e) {
  if (e.id.size() > 255) return "id";
  return "";
}

// Reads one file into `ledger`. A file-level failure is the returned status (and goes
// into result.error); a quarantine write failure too.
Status ImportFile(Ledger& ledger, const std::string& path, ingest::QuarantineWriter* quarantine,
                  const StatementOptions& options, StatementFileResult& result) {
  formats::ReaderOptions reader_options;
  reader_options.csv_encoding = options.encoding;
  reader_options.csv_type = EventType::kTransfer;
  reader_options.max_line_bytes = options.max_line_bytes;
  auto reader_or = formats::OpenEventReader(path, reader_options);
  if (!reader_or.ok()) {
    result.error = std::string(reader_or.error().message());
    return reader_or.error();
  }
  formats::EventReader& reader = **reader_or;
  Event event;
  formats::RecordError error;
  formats::RecordInfo info;
  for (;;) {
    const auto step = reader.Next(event, error, info);
    if (step == formats::EventReader::Step::kEnd) break;
    ++result.read;
    if (step == formats::EventReader::Step::kRefused) {
      WUZHA_RETURN_IF_ERROR(
          Refuse(quarantine, path, info, error.reason, error.field, error.message, result));
      continue;
    }
    if (event.type != EventType::kTransfer) {
      const std::string message =
          "a statement holds transfers only, not '" + std::string(EventTypeName(event.type)) + "'";
      WUZHA_RETURN_IF_ERROR(
          Refuse(quarantine, path, info, formats::Reason::kInvalidValue, "type", message, result));
      continue;
    }
    auto outcome = ledger.Append(event);
    if (!outcome.ok()) {
      WUZHA_RETURN_IF_ERROR(Refuse(quarantine, path, info, formats::Reason::kInvalidValue,
                                   FieldOf(event), outcome.error().message(), result));
      continue;
    }
    switch (*outcome) {
      case AppendOutcome::kAdded: ++result.added; break;
      case AppendOutcome::kDuplicate: ++result.duplicate; break;
      case AppendOutcome::kNotMoved: ++result.not_moved; break;
    }
  }
  if (!reader.status().ok()) {
    result.error = path + ": " + std::string(reader.status().message()) + " (stopped after line " +
                   std::to_string(info.line) + ")";
    return Status(reader.status().code(), result.error);
  }
  return Status::Ok();
}

void AddUp(const StatementFileResult& f, StatementImport& total) {
  ++total.files;
  if (!f.error.empty()) ++total.files_failed;
  total.read += f.read;
  total.added += f.added;
  total.duplicate += f.duplicate;
  total.not_moved += f.not_moved;
  total.quarantined += f.quarantined;
  total.per_file.push_back(f);
}

bool IsStatementFile(const fs::directory_entry& entry) {
  std::error_code ec;
  if (!entry.is_regular_file(ec)) return false;
  const std::string ext = entry.path().extension().string();
  return ext == ".csv" || ext == ".CSV" || ext == ".jsonl";
}

}  // namespace

std::string StatementImport::ToJson() const {
  std::string out = "{\"files\":" + std::to_string(files) +
                    ",\"files_failed\":" + std::to_string(files_failed) +
                    ",\"read\":" + std::to_string(read) + ",\"added\":" + std::to_string(added) +
                    ",\"duplicate\":" + std::to_string(duplicate) +
                    ",\"not_moved\":" + std::to_string(not_moved) +
                    ",\"quarantined\":" + std::to_string(quarantined) + ",\"errors\":[";
  bool first = true;
  for (const StatementFileResult& f : per_file) {
    if (f.error.empty()) continue;
    if (!first) out += ',';
    first = false;
    formats::AppendJsonString(f.error, out);
  }
  out += "]}";
  return out;
}

Result<StatementImport> ImportStatement(Ledger& ledger, const std::string& path,
                                        ingest::QuarantineWriter* quarantine,
                                        const StatementOptions& options) {
  StatementFileResult file;
  file.path = path;
  WUZHA_RETURN_IF_ERROR(ImportFile(ledger, path, quarantine, options, file));
  if (quarantine) WUZHA_RETURN_IF_ERROR(quarantine->Flush());
  StatementImport total;
  AddUp(file, total);
  return total;
}

Result<StatementImport> ImportStatementDir(Ledger& ledger, const std::string& dir,
                                           ingest::QuarantineWriter* quarantine,
                                           const StatementOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return NotFoundError("not a directory: " + dir);
  std::vector<std::string> paths;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (IsStatementFile(*it)) paths.push_back(it->path().string());
  }
  if (ec) return IoError("cannot list " + dir + ": " + ec.message());
  std::sort(paths.begin(), paths.end());
  StatementImport total;
  for (const std::string& path : paths) {
    StatementFileResult file;
    file.path = path;
    Status s = ImportFile(ledger, path, quarantine, options, file);
    // A file that cannot be read is reported and skipped; a quarantine that cannot be
    // written would drop records silently, so it stops the import.
    if (!s.ok() && file.error.empty()) return s;
    AddUp(file, total);
  }
  if (quarantine) WUZHA_RETURN_IF_ERROR(quarantine->Flush());
  return total;
}

}  // namespace wuzha::ledger
