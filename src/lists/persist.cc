#include "lists/persist.h"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "formats/jsonl.h"
#include "lists/internal/line_import.h"
#include "lists/io.h"

namespace wuzha::lists {
namespace {

namespace fs = std::filesystem;
using simdjson::dom::element;
using simdjson::dom::element_type;

std::string Errno(std::string_view what, const std::string& path) {
  return std::string(what) + " " + path + ": " + std::strerror(errno);
}

std::optional<ChangeOp> ParseChangeOp(std::string_view name) {
  for (ChangeOp op : {ChangeOp::kAdd, ChangeOp::kUpdate, ChangeOp::kRemove}) {
    if (ChangeOpName(op) == name) return op;
  }
  return std::nullopt;
}

Status FieldError(std::string_view field, std::string_view message) {
  return InvalidArgumentError(std::string(field) + ": " + std::string(message));
}

// A string member; `required` false gives "" when it is missing or null.
Status GetString(element object, std::string_view field, bool required, std::string& out) {
  element v;
  if (object[field].get(v) != simdjson::SUCCESS || v.type() == element_type::NULL_VALUE) {
    if (required) return FieldError(field, "missing");
    out.clear();
    return Status::Ok();
  }
  if (v.type() != element_type::STRING) return FieldError(field, "must be a string");
  out = std::string(v.get_string().value_unsafe());
  return Status::Ok();
}

// An integer member of at least `min`; 0 when missing and not required.
Status GetInt(element object, std::string_view field, bool required, int64_t min, int64_t& out) {
  element v;
  if (object[field].get(v) != simdjson::SUCCESS) {
    if (required) return FieldError(field, "missing");
    out = 0;
    return Status::Ok();
  }
  if (v.type() != element_type::INT64) return FieldError(field, "must be an integer");
  out = v.get_int64().value_unsafe();
  if (out < min) return FieldError(field, "must be " + std::to_string(min) + " or more");
  return Status::Ok();
}

Status ParseEntry(element object, Entry& e) {
  if (object.type() != element_type::OBJECT) return FieldError("entry", "must be an object");
  std::string text;
  WUZHA_RETURN_IF_ERROR(GetString(object, "kind", true, text));
  auto kind = ParseListKind(text);
  if (!kind) return FieldError("entry.kind", "unknown '" + text + "'");
  WUZHA_RETURN_IF_ERROR(GetString(object, "type", true, text));
  auto type = ParseIndicatorType(text);
  if (!type) return FieldError("entry.type", "unknown '" + text + "'");
  WUZHA_RETURN_IF_ERROR(GetString(object, "value", true, text));
  auto value = NormalizeIndicator(*type, text);
  if (!value.ok()) return value.error().WithContext("entry.value");
  e.kind = *kind;
  e.type = *type;
  e.value = std::move(*value);
  WUZHA_RETURN_IF_ERROR(GetString(object, "source", false, e.source));
  WUZHA_RETURN_IF_ERROR(GetString(object, "fraud_type", false, text));
  e.fraud_type.reset();
  if (!text.empty()) {
    e.fraud_type = ParseFraudType(text);
    if (!e.fraud_type) return FieldError("entry.fraud_type", "unknown '" + text + "'");
  }
  WUZHA_RETURN_IF_ERROR(GetInt(object, "first_seen", false, 0, e.first_seen_ms));
  WUZHA_RETURN_IF_ERROR(GetInt(object, "last_seen", false, 0, e.last_seen_ms));
  return GetInt(object, "expires", false, 0, e.expires_ms);
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IoError("cannot read " + path);
  return buffer.str();
}

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError(Errno("cannot write", path));
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError(Errno("cannot open directory", dir));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return IoError(Errno("cannot fsync directory", dir));
  return Status::Ok();
}

std::string ParentDir(const std::string& path) {
  const std::string parent = fs::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

// Appends `bytes` to `path` and fsyncs it. A last line left unterminated by a crash gets
// its newline first, so the new records start on a line of their own.
Status AppendDurably(const std::string& path, std::string bytes) {
  const int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return IoError(Errno("cannot open", path));
  const off_t size = ::lseek(fd, 0, SEEK_END);
  char last = '\n';
  if (size > 0 && ::pread(fd, &last, 1, size - 1) != 1) last = '\n';
  if (last != '\n') bytes.insert(bytes.begin(), '\n');
  Status s = WriteAll(fd, bytes, path);
  if (s.ok() && ::fsync(fd) != 0) s = IoError(Errno("cannot fsync", path));
  if (::close(fd) != 0 && s.ok()) s = IoError(Errno("cannot close", path));
  // A new file's directory entry must be durable too.
  if (s.ok() && size == 0) s = SyncDirectory(ParentDir(path));
  return s;
}

}  // namespace

std::string AuditRecordToJson(const AuditRecord& r) {
  const Entry& e = r.entry;
  std::string out = "{\"time\":" + std::to_string(r.time_ms) + ",\"actor\":";
  formats::AppendJsonString(r.actor, out);
  out.append(",\"op\":\"").append(ChangeOpName(r.op)).append("\",\"entry\":{\"kind\":\"");
  out.append(ListKindName(e.kind)).append("\",\"type\":\"").append(IndicatorTypeName(e.type));
  out.append("\",\"value\":");
  formats::AppendJsonString(IndicatorToText(e.type, e.value), out);
  out.append(",\"source\":");
  formats::AppendJsonString(e.source, out);
  if (e.fraud_type) out.append(",\"fraud_type\":\"").append(FraudTypeCode(*e.fraud_type)) += '"';
  out.append(",\"first_seen\":").append(std::to_string(e.first_seen_ms));
  out.append(",\"last_seen\":").append(std::to_string(e.last_seen_ms));
  out.append(",\"expires\":").append(std::to_string(e.expires_ms)).append("}}");
  return out;
}

Result<AuditRecord> ParseAuditRecordJson(std::string_view line) {
  // One parser per thread: its buffers are reused line after line.
  thread_local simdjson::dom::parser parser;
  element root;
  if (auto error = parser.parse(line.data(), line.size()).get(root)) {
    return InvalidArgumentError(std::string("not JSON: ") + simdjson::error_message(error));
  }
  if (root.type() != element_type::OBJECT) return InvalidArgumentError("not a JSON object");
  AuditRecord r;
  WUZHA_RETURN_IF_ERROR(GetInt(root, "time", true, INT64_MIN, r.time_ms));
  WUZHA_RETURN_IF_ERROR(GetString(root, "actor", true, r.actor));
  std::string op;
  WUZHA_RETURN_IF_ERROR(GetString(root, "op", true, op));
  auto parsed = ParseChangeOp(op);
  if (!parsed) return FieldError("op", "unknown '" + op + "' (add, update, remove)");
  r.op = *parsed;
  element entry;
  if (root["entry"].get(entry) != simdjson::SUCCESS) return FieldError("entry", "missing");
  WUZHA_RETURN_IF_ERROR(ParseEntry(entry, r.entry));
  return r;
}

AuditLogRead ReadAuditLog(std::string_view text, std::string_view file_name, size_t max_errors) {
  AuditLogRead out;
  internal::ForEachLine(text, [&](std::string_view line, size_t n) {
    ++out.lines;
    if (internal::Trim(line).empty()) return;
    auto record = ParseAuditRecordJson(line);
    if (record.ok()) {
      out.records.push_back(std::move(*record));
      return;
    }
    ++out.skipped;
    if (out.errors.size() < max_errors) {
      out.errors.push_back(std::string(file_name) + ":" + std::to_string(n) + ": " +
                           std::string(record.error().message()));
    }
  });
  return out;
}

Result<DirLoad> LoadDir(const std::string& dir, Store& store) {
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (!fs::exists(status)) return DirLoad{};
  if (!fs::is_directory(status)) return FailedPreconditionError(dir + " is not a directory");
  DirLoad load;
  std::vector<Entry> entries;
  const std::string entries_path = (fs::path(dir) / kEntriesFileName).string();
  if (fs::exists(entries_path, ec)) {
    WUZHA_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(entries_path));
    ImportOptions options;
    options.file_name = entries_path;
    options.max_errors = 1;
    ImportResult csv = ImportCsv(text, options);
    if (csv.skipped > 0) {
      return DataLossError(csv.errors.front() + " (" + std::to_string(csv.skipped) +
                           " bad line(s); fix or remove them before changing the lists)");
    }
    entries = std::move(csv.entries);
  }
  std::vector<AuditRecord> log;
  const std::string audit_path = (fs::path(dir) / kAuditFileName).string();
  if (fs::exists(audit_path, ec)) {
    WUZHA_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(audit_path));
    AuditLogRead read = ReadAuditLog(text, audit_path);
    log = std::move(read.records);
    load.audit_skipped = read.skipped;
    load.errors = std::move(read.errors);
  }
  load.entries = entries.size();
  load.audit_records = log.size();
  WUZHA_RETURN_IF_ERROR(store.Restore(std::move(entries), std::move(log)));
  return load;
}

Result<size_t> SaveDir(const Store& store, const std::string& dir, size_t audit_saved) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return IoError("cannot create directory " + dir + ": " + ec.message());
  // Entries first, then the log: a change made in between is in the log and reaches
  // entries.csv at the next save; the log is never behind the entries.
  const std::vector<Entry> entries = store.Entries();
  const std::vector<AuditRecord> records = store.AuditLogSince(audit_saved);
  if (!records.empty()) {
    std::string lines;
    for (const AuditRecord& r : records) lines.append(AuditRecordToJson(r)).push_back('\n');
    WUZHA_RETURN_IF_ERROR(AppendDurably((fs::path(dir) / kAuditFileName).string(), std::move(lines)));
  }
  WUZHA_RETURN_IF_ERROR(
      WriteFileAtomically((fs::path(dir) / kEntriesFileName).string(), ExportCsv(entries)));
  return audit_saved + records.size();
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  const fs::path target(path);
  const std::string dir = ParentDir(path);
  const std::string temp = (fs::path(dir) / ("." + target.filename().string() + ".tmp")).string();
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return IoError(Errno("cannot create", temp));
  Status s = WriteAll(fd, bytes, temp);
  if (s.ok() && ::fsync(fd) != 0) s = IoError(Errno("cannot fsync", temp));
  if (::close(fd) != 0 && s.ok()) s = IoError(Errno("cannot close", temp));
  if (s.ok() && ::rename(temp.c_str(), path.c_str()) != 0) {
    s = IoError(Errno("cannot rename " + temp + " to", path));
  }
  if (!s.ok()) {
    ::unlink(temp.c_str());
    return s;
  }
  return SyncDirectory(dir);
}

Result<DirLock> DirLock::Acquire(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return IoError("cannot create directory " + dir + ": " + ec.message());
  const std::string path = (fs::path(dir) / ".lock").string();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return IoError(Errno("cannot open", path));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return UnavailableError(dir + " is being changed by another wuzha (lock " + path +
                              "); try again when it has finished");
    }
    errno = err;
    return IoError(Errno("cannot lock", path));
  }
  return DirLock(fd);
}

DirLock& DirLock::operator=(DirLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

DirLock::~DirLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace wuzha::lists
