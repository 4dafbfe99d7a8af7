// The lists directory: a Store saved as files, so entries and the audit trail of who
// changed what survive restarts. Two files (layout in docs/operations.md):
//   entries.csv  every entry, in the CSV of lists/io.h (ExportCsv); replaced as a whole
//                by writing a temporary file, fsync, rename over the old one, fsync of
//                the directory, so a reader or a crash sees the old file or the new one.
//   audit.jsonl  the audit log, one AuditRecord as a JSON object per line, only ever
//                appended to (and fsync'ed) before entries.csv is replaced: after a crash
//                the log may be ahead of entries.csv, never behind.
// Writers take an exclusive lock on the directory (DirLock) for the whole
// load-change-save, so two concurrent imports cannot lose each other's changes. Readers
// need no lock. Functions are thread safe; a DirLock is owned by one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "lists/indicator.h"
#include "lists/store.h"

namespace wuzha::lists {

inline constexpr std::string_view kEntriesFileName = "entries.csv";
inline constexpr std::string_view kAuditFileName = "audit.jsonl";

// One audit record as one JSON object, no newline:
//   {"time":1714537800000,"actor":"alice","op":"add","entry":{"kind":"block",
//    "type":"domain","value":"scam.example.com","source":"tw165","fraud_type":"police",
//    "first_seen":1714537800000,"last_seen":1714537800000,"expires":0}}
// "fraud_type" is left out when there is none; values are in their text form
// (IndicatorToText).
std::string AuditRecordToJson(const AuditRecord& record);
// The inverse of AuditRecordToJson: unknown fields are ignored, missing optional ones
// (source, fraud_type, times) are empty or 0. kInvalidArgument names the bad field.
Result<AuditRecord> ParseAuditRecordJson(std::string_view line);

// An audit.jsonl text read back. Bad lines (a line cut short by a crash, a hand edit) are
// counted, reported as "file:line: message" (at most max_errors kept) and skipped.
struct AuditLogRead {
  std::vector<AuditRecord> records;
  size_t lines = 0;
  size_t skipped = 0;
  std::vector<std::string> errors;
};
AuditLogRead ReadAuditLog(std::string_view text, std::string_view file_name,
                          size_t max_errors = 100);

// What LoadDir read.
struct DirLoad {
  size_t entries = 0;        // entries restored from entries.csv
  size_t audit_records = 0;  // audit records restored: the first ones of Store::AuditLog()
  size_t audit_skipped = 0;  // unreadable audit lines, reported in `errors`
  std::vector<std::string> errors;
};

// Restores `store` from `dir`. A missing directory or file is an empty list, not an
// error. kDataLoss when entries.csv has a bad line (naming file and line: saving after
// skipping it would delete the entry for good), kFailedPrecondition when `dir` is not a
// directory, kIoError when a file cannot be read.
Result<DirLoad> LoadDir(const std::string& dir, Store& store);

// Saves `store` into `dir` (created if missing): appends the audit records from index
// `audit_saved` on (DirLoad::audit_records, or what the last SaveDir returned) to
// audit.jsonl, then replaces entries.csv atomically. Returns the number of audit records
// now saved. kIoError naming the path when a write, fsync or rename fails; no partial
// entries.csv is ever left in place of the old one.
Result<size_t> SaveDir(const Store& store, const std::string& dir, size_t audit_saved);

// Writes `bytes` to `path` atomically: a temporary file in the same directory, fsync,
// rename over `path`, fsync of the directory. kIoError naming the path.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// An exclusive, advisory lock (flock) on `dir`/.lock, held until destruction. Movable.
class DirLock {
 public:
  // Creates `dir` if missing. kUnavailable when another process holds the lock,
  // kIoError when the directory or lock file cannot be created.
  static Result<DirLock> Acquire(const std::string& dir);
  DirLock(DirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DirLock& operator=(DirLock&& other) noexcept;
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;
  ~DirLock();

 private:
  explicit DirLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace wuzha::lists
