#include "ingest/ingest.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

#include <spdlog/spdlog.h>

#include "formats/jsonl.h"

namespace wuzha::ingest {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void AppendCountMap(const std::map<std::string, uint64_t>& m, std::string& out) {
  out += '{';
  bool first = true;
  for (const auto& [k, v] : m) {
    if (!first) out += ',';
    first = false;
    formats::AppendJsonString(k, out);
    out += ':';
    out += std::to_string(v);
  }
  out += '}';
}

}  // namespace

bool ParseProgress(std::string_view name, Progress& out) {
  if (name == "auto") out = Progress::kAuto;
  else if (name == "always") out = Progress::kAlways;
  else if (name == "never") out = Progress::kNever;
  else return false;
  return true;
}

std::string IngestSummary::ToJson() const {
  std::string out = "{\"read\":" + std::to_string(read) + ",\"accepted\":" +
                    std::to_string(accepted) + ",\"quarantined\":" + std::to_string(quarantined) +
                    ",\"by_reason\":";
  AppendCountMap(by_reason, out);
  out += ",\"by_type\":";
  AppendCountMap(by_type, out);
  out += ",\"blank_lines\":" + std::to_string(blank_lines);
  out += ",\"files_failed\":" + std::to_string(files_failed);
  out += ",\"unknown_fields\":";
  AppendCountMap(unknown_fields, out);
  out += ",\"quarantine\":";
  formats::AppendJsonString(quarantine_path, out);
  out += ",\"files\":[";
  for (size_t i = 0; i < files.size(); ++i) {
    const FileSummary& f = files[i];
    if (i) out += ',';
    out += "{\"path\":";
    formats::AppendJsonString(f.path, out);
    out += ",\"format\":\"" + f.format + "\",\"encoding\":\"" + f.encoding +
           "\",\"read\":" + std::to_string(f.read) + ",\"accepted\":" + std::to_string(f.accepted) +
           ",\"quarantined\":" + std::to_string(f.quarantined);
    if (!f.error.empty()) {
      out += ",\"error\":";
      formats::AppendJsonString(f.error, out);
    }
    out += '}';
  }
  out += "]}";
  return out;
}

std::string IngestSummary::ToText() const {
  std::string out = "read " + std::to_string(read) + " records: " + std::to_string(accepted) +
                    " accepted, " + std::to_string(quarantined) + " quarantined";
  if (quarantined > 0) out += " (to " + quarantine_path + ")";
  out += '\n';
  for (const auto& [reason, n] : by_reason) out += "  " + reason + ": " + std::to_string(n) + '\n';
  for (const auto& [field, n] : unknown_fields) {
    out += "  ignored unknown field '" + field + "' (" + std::to_string(n) + " records)\n";
  }
  for (const FileSummary& f : files) {
    if (!f.error.empty()) out += "  file not read: " + f.error + '\n';
  }
  return out;
}

Ingestor::Ingestor(IngestOptions options, QuarantineWriter* quarantine)
    : options_(std::move(options)), quarantine_(quarantine) {
  summary_.quarantine_path = quarantine_ ? quarantine_->path() : "";
  show_progress_ = options_.progress == Progress::kAlways ||
                   (options_.progress == Progress::kAuto && isatty(STDERR_FILENO));
}

struct Ingestor::OpenFile {
  FileSummary* summary;
  std::unique_ptr<formats::EventReader> reader;
  Event event;  // the file's next accepted event, valid while `has_event`
  formats::RecordInfo info;
  bool has_event = false;
};

Status Ingestor::Run(const std::vector<std::string>& paths, const EventSink& sink) {
  start_ms_ = NowMs();
  summary_.files.reserve(summary_.files.size() + paths.size());  // OpenFile points into it
  std::vector<OpenFile> files;
  files.reserve(paths.size());
  for (const std::string& path : paths) {
    summary_.files.push_back(FileSummary{path, "", "", 0, 0, 0, 0, ""});
    FileSummary& summary = summary_.files.back();
    auto reader_or = formats::OpenEventReader(path, options_.reader);
    if (!reader_or.ok()) {
      summary.error = std::string(reader_or.error().message());
      ++summary_.files_failed;
      spdlog::error("not read: {}", summary.error);
      continue;
    }
    files.push_back(OpenFile{&summary, std::move(reader_or).value(), Event(), {}, false});
    OpenFile& f = files.back();
    f.summary->format = f.reader->format() == formats::FileFormat::kJsonl ? "jsonl" : "csv";
    f.summary->encoding = std::string(formats::TextEncodingName(f.reader->encoding()));
    if (f.reader->encoding() == formats::TextEncoding::kGbk) {
      spdlog::info("{}: GBK text, converted to UTF-8 record by record", path);
    }
    spdlog::debug("{}: {}, {}", path, f.summary->format, f.summary->encoding);
  }
  for (OpenFile& f : files) {
    WUZHA_ASSIGN_OR_RETURN(f.has_event, Advance(f));
    if (!f.has_event) CloseFile(f);
  }
  // Few files: a linear scan for the earliest head is cheaper than a heap.
  for (;;) {
    OpenFile* next = nullptr;
    for (OpenFile& f : files) {
      if (f.has_event && (next == nullptr || f.event.ts < next->event.ts)) next = &f;
    }
    if (next == nullptr) break;
    next->event.seq = next_seq_++;
    current_file_ = next->summary;
    current_info_ = &next->info;
    current_reader_ = next->reader.get();
    current_refused_ = false;
    EventType type = next->event.type;
    WUZHA_RETURN_IF_ERROR(sink(next->event));
    if (!current_refused_) ++summary_.by_type[std::string(EventTypeName(type))];
    WUZHA_ASSIGN_OR_RETURN(next->has_event, Advance(*next));
    if (!next->has_event) CloseFile(*next);
  }
  current_file_ = nullptr;
  current_info_ = nullptr;
  current_reader_ = nullptr;
  if (show_progress_) ShowProgress(true);
  if (quarantine_) WUZHA_RETURN_IF_ERROR(quarantine_->Flush());
  return Status::Ok();
}

Result<bool> Ingestor::Advance(OpenFile& f) {
  current_file_ = f.summary;
  current_info_ = &f.info;
  current_reader_ = f.reader.get();
  formats::RecordError error;
  for (;;) {
    auto step = f.reader->Next(f.event, error, f.info);
    if (step == formats::EventReader::Step::kEnd) return false;
    ++f.summary->read;
    ++summary_.read;
    if (show_progress_ && (summary_.read & 4095) == 0) ShowProgress(false);
    if (step == formats::EventReader::Step::kEvent) {
      ++f.summary->accepted;
      ++summary_.accepted;
      return true;
    }
    WUZHA_RETURN_IF_ERROR(Refuse(error));
  }
}

void Ingestor::CloseFile(OpenFile& f) {
  f.summary->blank_lines = f.reader->blank_lines();
  summary_.blank_lines += f.summary->blank_lines;
  for (const auto& [name, n] : f.reader->unknown_fields()) summary_.unknown_fields[name] += n;
  if (!f.reader->status().ok()) {
    f.summary->error = f.summary->path + ": " + std::string(f.reader->status().message()) +
                       " (stopped after line " + std::to_string(f.info.line) + ")";
    ++summary_.files_failed;
    spdlog::error("{}", f.summary->error);
  }
  if (f.summary->quarantined > 0) {
    if (show_progress_) std::fputs("\r\033[K", stderr);  // a log line must not land mid-progress
    spdlog::warn("{}: {} of {} records quarantined", f.summary->path, f.summary->quarantined,
                 f.summary->read);
  }
}

Status Ingestor::Refuse(const formats::RecordError& error) {
  ++current_file_->quarantined;
  ++summary_.quarantined;
  ++summary_.by_reason[std::string(formats::ReasonName(error.reason))];
  if (quarantine_ == nullptr) return Status::Ok();
  QuarantineRecord record;
  record.file = current_file_->path;
  record.line = current_info_->line;
  record.field = error.field;
  record.reason = error.reason;
  record.message = error.message;
  record.raw = current_info_->raw;
  record.raw_original = current_info_->raw_original;
  return quarantine_->Write(record);
}

Status Ingestor::QuarantineCurrent(formats::Reason reason, std::string_view field,
                                   std::string_view message) {
  WUZHA_CHECK(current_file_ != nullptr && !current_refused_);
  current_refused_ = true;
  --current_file_->accepted;
  --summary_.accepted;
  formats::RecordError error;
  error.Set(reason, field, std::string(message));
  return Refuse(error);
}

void Ingestor::ShowProgress(bool final_line) {
  int64_t now = NowMs();
  if (!final_line && now - last_progress_ms_ < 250) return;
  last_progress_ms_ = now;
  double secs = std::max<int64_t>(1, now - start_ms_) / 1000.0;
  char buf[256];
  std::string pct;
  if (current_reader_ && current_reader_->file_size() > 0) {
    pct = std::to_string(100 * current_reader_->bytes_read() / current_reader_->file_size()) + "% ";
  }
  std::snprintf(buf, sizeof buf, "\r\033[Kingest: %s%llu records, %llu quarantined, %.0f/s%s",
                pct.c_str(), static_cast<unsigned long long>(summary_.read),
                static_cast<unsigned long long>(summary_.quarantined), summary_.read / secs,
                final_line ? "\n" : "");
  std::fputs(buf, stderr);
}

}  // namespace wuzha::ingest
