// QuarantineWriter: where refused records go, one JSON object per line, so that nothing
// that was read is ever silently dropped. Each line names the source file, the line,
// the field, the reason code and a message, and carries the raw record; a record that
// is not UTF-8 also carries its exact bytes in raw_base64 (raw then has U+FFFD for
// them). Format in docs/formats.md. Not thread safe: one writer per ingest run.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "formats/record_error.h"

namespace wuzha::ingest {

struct QuarantineRecord {
  std::string_view file;
  uint64_t line = 0;
  std::string_view field;
  formats::Reason reason = formats::Reason::kMalformed;
  std::string_view message;
  std::string_view raw;           // UTF-8 (or converted) text of the record
  std::string_view raw_original;  // the bytes as read when they differ from raw
};

class QuarantineWriter {
 public:
  // Creates or truncates `path`. kIoError names the path.
  static Result<std::unique_ptr<QuarantineWriter>> Open(const std::string& path);
  // A writer to an already open stream it does not own (`--quarantine -` is stdout).
  static std::unique_ptr<QuarantineWriter> ToStream(std::FILE* stream);
  ~QuarantineWriter();
  QuarantineWriter(const QuarantineWriter&) = delete;
  QuarantineWriter& operator=(const QuarantineWriter&) = delete;

  Status Write(const QuarantineRecord& record);
  // Flushes to the operating system; called at the end of a run.
  Status Flush();
  const std::string& path() const { return path_; }
  uint64_t written() const { return written_; }

 private:
  QuarantineWriter(std::FILE* f, bool owned, std::string path);
  std::FILE* file_;
  bool owned_;
  std::string path_;
  std::string line_;
  uint64_t written_ = 0;
};

// Standard base64 (RFC 4648) of `bytes`.
std::string Base64Encode(std::string_view bytes);

}  // namespace wuzha::ingest
