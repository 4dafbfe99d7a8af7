// EventReader: reads events from one file, JSON Lines or CSV, record by record, and
// says for each record either "here is the event" or "this record is refused, because".
// It never stops on a bad record; only a file-level problem (cannot open, CSV header
// without a type) is a Status from OpenEventReader.
//
// Format: by extension (.jsonl .ndjson .json → JSON Lines, .csv → CSV), else sniffed
// (first non-blank byte '{' → JSON Lines). Encoding: JSON Lines must be UTF-8; CSV is
// UTF-8 or GBK/GB18030, detected from the first 64 KiB (or forced) and converted to
// UTF-8 record by record. One reader per thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/event.h"
#include "core/status.h"
#include "formats/record_error.h"

namespace wuzha::formats {

enum class FileFormat : uint8_t { kAuto, kJsonl, kCsv };
enum class TextEncoding : uint8_t { kAuto, kUtf8, kGbk };

// "auto", "utf-8", "gbk" (also "gb18030"); false when unknown.
bool ParseTextEncoding(std::string_view name, TextEncoding& out);
std::string_view TextEncodingName(TextEncoding e);

struct ReaderOptions {
  FileFormat format = FileFormat::kAuto;
  TextEncoding csv_encoding = TextEncoding::kAuto;
  // Event type of every CSV row when the file has no "type" column. When unset, a file
  // named after a type ("transfer.csv", "transfers_2024.csv") gives it.
  std::optional<EventType> csv_type;
  size_t max_line_bytes = 1 << 20;
};

// Where a record came from, for quarantine and error messages.
struct RecordInfo {
  uint64_t line = 0;     // first line of the record, 1-based
  std::string_view raw;  // the record as read (UTF-8 when converted); valid until Next()
  std::string_view raw_original;  // the bytes before conversion, when they differ
};

class EventReader {
 public:
  enum class Step { kEvent, kRefused, kEnd };
  virtual ~EventReader() = default;

  // Reads the next record. kEvent: `event` is valid. kRefused: `error` says why.
  // kEnd: no more records (check status() for a read error).
  virtual Step Next(Event& event, RecordError& error, RecordInfo& info) = 0;
  virtual Status status() const = 0;
  virtual FileFormat format() const = 0;
  // The encoding in use (detected or forced).
  virtual TextEncoding encoding() const = 0;
  virtual uint64_t bytes_read() const = 0;
  virtual uint64_t file_size() const = 0;
  virtual uint64_t blank_lines() const = 0;
  // Field or column names that are not in the schema, with counts.
  virtual const std::map<std::string, uint64_t, std::less<>>& unknown_fields() const = 0;
};

Result<std::unique_ptr<EventReader>> OpenEventReader(const std::string& path,
                                                     const ReaderOptions& options);

}  // namespace wuzha::formats
