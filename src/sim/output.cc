#include "sim/output.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "formats/csv.h"
#include "formats/jsonl.h"

namespace wuzha::sim {
namespace {

Status CreateDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("cannot create directory " + dir + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

BufferedFile::~BufferedFile() {
  if (file_ != nullptr) std::fclose(file_);
}

Status BufferedFile::Open(std::string path) {
  path_ = std::move(path);
  file_ = std::fopen(path_.c_str(), "wb");
  if (file_ == nullptr) return IoError("cannot create " + path_ + ": " + std::strerror(errno));
  buffer_.reserve(kFlushBytes + (64 << 10));
  return Status::Ok();
}

Status BufferedFile::Flush(bool all) {
  if (buffer_.empty() || (!all && buffer_.size() < kFlushBytes)) return Status::Ok();
  if (file_ == nullptr) return IoError("cannot write " + path_ + ": not open");
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    return IoError("cannot write " + path_ + ": " + std::strerror(errno));
  }
  bytes_written_ += buffer_.size();
  buffer_.clear();
  return Status::Ok();
}

Status BufferedFile::Close() {
  if (file_ == nullptr) return Status::Ok();
  Status s = Flush(true);
  // fclose flushes stdio's own buffer: a full disk may only show here.
  if (std::fclose(file_) != 0 && s.ok()) {
    s = IoError("cannot write " + path_ + ": " + std::strerror(errno));
  }
  file_ = nullptr;
  return s;
}

Result<std::unique_ptr<DirectorySink>> DirectorySink::Open(const std::string& dir) {
  WUZHA_RETURN_IF_ERROR(CreateDir(dir + "/events"));
  WUZHA_RETURN_IF_ERROR(CreateDir(dir + "/statements"));
  std::unique_ptr<DirectorySink> sink(new DirectorySink(dir));
  for (int t = 0; t < kEventTypeCount; ++t) {
    std::string path =
        dir + "/events/" + std::string(EventTypeName(static_cast<EventType>(t))) + ".jsonl";
    WUZHA_RETURN_IF_ERROR(sink->files_[static_cast<size_t>(t)].Open(std::move(path)));
  }
  return sink;
}

Status DirectorySink::Write(const Event& e) {
  if (!error_.ok()) return error_;
  BufferedFile& file = files_[static_cast<size_t>(e.type)];
  formats::AppendEventJson(e, file.buffer());
  file.buffer().push_back('\n');
  ++events_;
  error_ = file.Flush(false);
  return error_;
}

std::string StatementFileName(const Statement& statement) {
  std::string name;
  for (char c : statement.account) {
    bool plain = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    name.push_back(plain ? c : '_');
  }
  return name + "-" + std::to_string(statement.action_id) + ".csv";
}

Status DirectorySink::WriteStatement(const Statement& statement) {
  if (!error_.ok()) return error_;
  BufferedFile file;
  error_ = file.Open(dir_ + "/statements/" + StatementFileName(statement));
  if (!error_.ok()) return error_;
  row_ = formats::CsvHeader(EventType::kTransfer);
  row_.push_back('\n');
  for (const Event& e : statement.transfers) {
    // The bank does not know the ground truth: the rows go out without their labels.
    unlabelled_ = e;
    unlabelled_.has_label = false;
    unlabelled_.label = Label();
    formats::AppendEventCsv(unlabelled_, row_);
    row_.push_back('\n');
  }
  error_ = file.Append(row_);
  if (error_.ok()) error_ = file.Close();
  if (error_.ok()) ++statements_;
  return error_;
}

Status DirectorySink::Close() {
  Status first = error_;
  for (BufferedFile& file : files_) {
    Status s = file.Close();
    if (first.ok()) first = s;
  }
  error_ = first;
  return first;
}

uint64_t DirectorySink::bytes_written() const {
  uint64_t n = 0;
  for (const BufferedFile& file : files_) n += file.bytes_written();
  return n;
}

Status WriteSummary(const std::string& path, const CityOptions& city, const EngineOptions& options,
                    const Engine::Stats& stats) {
  BufferedFile file;
  WUZHA_RETURN_IF_ERROR(file.Open(path));
  WUZHA_RETURN_IF_ERROR(file.Append(SummaryJson(city, options, stats) + "\n"));
  return file.Close();
}

}  // namespace wuzha::sim
