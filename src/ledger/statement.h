// Bank statements into the ledger: the files a bank returns when asked for an account's
// transfers (查询流水), in the transfer layout of docs/formats.md (CSV, UTF-8 or GBK,
// with or without a `type` column; JSON Lines also read). The sim writes them as
// DIR/statements/<account>-<action id>.csv.
//
// Every record is read by the foundation's reader (formats::EventReader) and ends as
// exactly one of: added, duplicate (its transaction id is already in the ledger — the
// same transfer streamed earlier or in the other party's statement), not moved (held or
// blocked: no money moved), or quarantined. A refused record goes to the quarantine as
// ingest writes it (ingest::QuarantineWriter: file, line, field, reason, message, raw
// bytes), so nothing read is dropped silently. Not thread safe (it appends to `ledger`).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "formats/reader.h"
#include "ingest/quarantine.h"
#include "ledger/ledger.h"

namespace wuzha::ledger {

struct StatementOptions {
  // "auto" detects GBK exports from Excel (docs/formats.md).
  formats::TextEncoding encoding = formats::TextEncoding::kAuto;
  size_t max_line_bytes = 1 << 20;
};

// What one statement file gave.
struct StatementFileResult {
  std::string path;
  uint64_t read = 0;  // records: added + duplicate + not_moved + quarantined
  uint64_t added = 0, duplicate = 0, not_moved = 0, quarantined = 0;
  std::string error;  // a file that could not be read; empty if none
};

// Totals over the files of one import.
struct StatementImport {
  uint64_t files = 0, files_failed = 0;
  uint64_t read = 0, added = 0, duplicate = 0, not_moved = 0, quarantined = 0;
  std::vector<StatementFileResult> per_file;  // in the order imported

  // {"files":N,"files_failed":N,"read":N,"added":N,"duplicate":N,"not_moved":N,
  //  "quarantined":N,"errors":["..."]}
  std::string ToJson() const;
};

// Imports one statement file. Refused records go to `quarantine` (counted, not written,
// when it is null). kNotFound / kIoError / kInvalidArgument (e.g. a CSV header the reader
// refuses) for a file that cannot be read, naming it; kIoError when the quarantine
// cannot be written. Rows added before a read error stay in the ledger.
Result<StatementImport> ImportStatement(Ledger& ledger, const std::string& path,
                                        ingest::QuarantineWriter* quarantine,
                                        const StatementOptions& options = {});

// Imports every *.csv, *.jsonl file directly in `dir`, in byte order of their names (so
// the same directory always gives the same row numbers). A file that cannot be read is
// counted in files_failed with its error, and the import goes on. kNotFound when `dir`
// is not a directory; kIoError when the quarantine cannot be written.
Result<StatementImport> ImportStatementDir(Ledger& ledger, const std::string& dir,
                                           ingest::QuarantineWriter* quarantine,
                                           const StatementOptions& options = {});

}  // namespace wuzha::ledger
