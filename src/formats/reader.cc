#include "formats/reader.h"

#include <iconv.h>

#include <cerrno>
#include <filesystem>
#include <vector>

#include "formats/csv.h"
#include "formats/event_builder.h"
#include "formats/jsonl.h"
#include "formats/line_reader.h"

namespace wuzha::formats {
namespace {

constexpr size_t kSniffBytes = 64 * 1024;

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Valid UTF-8 except possibly a sequence cut off by the end of the sample.
bool SampleIsUtf8(std::string_view s) {
  for (size_t cut = 0; cut < 4 && cut <= s.size(); ++cut) {
    if (IsValidUtf8(s.substr(0, s.size() - cut))) return true;
  }
  return false;
}

// Converts GB18030 (a superset of GBK and GB2312) to UTF-8 with glibc's iconv.
class GbkConverter {
 public:
  GbkConverter() : cd_(iconv_open("UTF-8", "GB18030")) {}
  ~GbkConverter() {
    if (ok()) iconv_close(cd_);
  }
  GbkConverter(const GbkConverter&) = delete;
  GbkConverter& operator=(const GbkConverter&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

  // False when `in` is not valid GB18030.
  bool Convert(std::string_view in, std::string& out) {
    out.resize(in.size() * 2 + 8);  // a GBK character (2 bytes) is 3 bytes of UTF-8
    char* src = const_cast<char*>(in.data());
    size_t src_left = in.size();
    char* dst = out.data();
    size_t dst_left = out.size();
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);
    while (src_left > 0) {
      if (iconv(cd_, &src, &src_left, &dst, &dst_left) == static_cast<size_t>(-1)) {
        if (errno != E2BIG) return false;
        size_t used = out.size() - dst_left;
        out.resize(out.size() * 2);
        dst = out.data() + used;
        dst_left = out.size() - used;
      }
    }
    out.resize(out.size() - dst_left);
    return true;
  }

  // True when the sample decodes (allowing a character cut at its end).
  bool SampleDecodes(std::string_view s) {
    std::string scratch;
    for (size_t cut = 0; cut < 4 && cut <= s.size(); ++cut) {
      if (Convert(s.substr(0, s.size() - cut), scratch)) return true;
    }
    return false;
  }

 private:
  iconv_t cd_;
};

class JsonlEventReader final : public EventReader {
 public:
  explicit JsonlEventReader(std::unique_ptr<LineReader> lines) : lines_(std::move(lines)) {}

  Step Next(Event& event, RecordError& error, RecordInfo& info) override {
    Line line;
    for (;;) {
      if (!lines_->Next(line)) return Step::kEnd;
      if (!line.too_long && IsBlank(line.text)) {
        ++blank_;
        continue;
      }
      break;
    }
    info.line = line.number;
    info.raw = line.text;
    info.raw_original = {};
    if (line.too_long) {
      error.Set(Reason::kLineTooLong, "",
                "line of " + std::to_string(line.full_length) + " bytes is over the limit of " +
                    std::to_string(line.text.size()) + " (ingest.max_line_bytes)");
      return Step::kRefused;
    }
    return parser_.Parse(line.text, line.capacity, event, error) ? Step::kEvent : Step::kRefused;
  }
  Status status() const override { return lines_->status(); }
  FileFormat format() const override { return FileFormat::kJsonl; }
  TextEncoding encoding() const override { return TextEncoding::kUtf8; }
  uint64_t bytes_read() const override { return lines_->bytes_read(); }
  uint64_t file_size() const override { return lines_->file_size(); }
  uint64_t blank_lines() const override { return blank_; }
  const std::map<std::string, uint64_t, std::less<>>& unknown_fields() const override {
    return parser_.unknown_fields();
  }

 private:
  std::unique_ptr<LineReader> lines_;
  JsonlParser parser_;
  uint64_t blank_ = 0;
};

class CsvEventReader final : public EventReader {
 public:
  CsvEventReader(std::unique_ptr<LineReader> lines, TextEncoding encoding,
                 std::optional<EventType> fixed_type, size_t max_record_bytes)
      : lines_(std::move(lines)), encoding_(encoding), fixed_type_(fixed_type),
        max_record_bytes_(max_record_bytes) {}

  // Reads the header row; a file-level error when it is unusable.
  Status ReadHeader(const std::string& path) {
    RecordInfo info;
    RecordError error;
    if (!NextRecord(info, error)) {
      if (!lines_->status().ok()) return lines_->status();
      return InvalidArgumentError(path + ": empty CSV file (no header row)");
    }
    if (!error.message.empty()) {
      return InvalidArgumentError(path + ":" + std::to_string(info.line) + ": header: " + error.message);
    }
    for (size_t i = 0; i < fields_.size(); ++i) {
      std::string name(fields_[i]);
      while (!name.empty() && name.back() == ' ') name.pop_back();
      while (!name.empty() && name.front() == ' ') name.erase(0, 1);
      if (name == "type") type_column_ = static_cast<int>(i);
      header_.push_back(std::move(name));
    }
    if (type_column_ < 0 && !fixed_type_) {
      return InvalidArgumentError(path + ":" + std::to_string(info.line) +
                                  ": the CSV header has no 'type' column; pass --type TYPE or "
                                  "name the file after its event type (transfer.csv)");
    }
    // Resolve every column once per event type it may carry.
    for (int t = 0; t < kEventTypeCount; ++t) {
      auto& cols = columns_[t];
      for (const std::string& name : header_) {
        cols.push_back(builder_.FieldIndex(static_cast<EventType>(t), name));
      }
    }
    return Status::Ok();
  }

  Step Next(Event& event, RecordError& error, RecordInfo& info) override {
    error.message.clear();
    if (!NextRecord(info, error)) return Step::kEnd;
    if (!error.message.empty()) return Step::kRefused;
    if (fields_.size() != header_.size()) {
      error.Set(Reason::kMalformed, "",
                std::to_string(fields_.size()) + " columns where the header has " +
                    std::to_string(header_.size()));
      return Step::kRefused;
    }
    EventType type;
    if (type_column_ >= 0 && !fields_[type_column_].empty()) {
      if (!ParseEventType(fields_[type_column_], type)) {
        error.Set(Reason::kUnknownType, "type",
                  "unknown event type '" + std::string(fields_[type_column_]) + "'");
        return Step::kRefused;
      }
    } else if (fixed_type_) {
      type = *fixed_type_;
    } else {
      error.Set(Reason::kMissingType, "type", "empty type column");
      return Step::kRefused;
    }
    builder_.Begin(type, event);
    const auto& cols = columns_[static_cast<size_t>(type)];
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (cols[i] < 0) {
        if (!fields_[i].empty()) NoteUnknown(header_[i]);
        continue;
      }
      if (!builder_.Set(cols[i], fields_[i], error)) return Step::kRefused;
    }
    return builder_.Finish(error) ? Step::kEvent : Step::kRefused;
  }

  Status status() const override { return lines_->status(); }
  FileFormat format() const override { return FileFormat::kCsv; }
  TextEncoding encoding() const override { return encoding_; }
  uint64_t bytes_read() const override { return lines_->bytes_read(); }
  uint64_t file_size() const override { return lines_->file_size(); }
  uint64_t blank_lines() const override { return blank_; }
  const std::map<std::string, uint64_t, std::less<>>& unknown_fields() const override {
    return unknown_;
  }

 private:
  void NoteUnknown(const std::string& name) {
    auto it = unknown_.find(name);
    if (it == unknown_.end()) unknown_.emplace(name, 1);
    else ++it->second;
  }

  // Joins physical lines into one record (a quoted field may hold newlines), converts
  // it to UTF-8 and splits it. Returns false at end of input. A refused record returns
  // true with `error.message` set.
  bool NextRecord(RecordInfo& info, RecordError& error) {
    Line line;
    for (;;) {
      if (!lines_->Next(line)) return false;
      if (line.too_long || !IsBlank(line.text)) break;
      ++blank_;
    }
    info.line = line.number;
    record_.assign(line.text);
    bool too_long = line.too_long;
    while (!too_long && !CsvRecordComplete(record_)) {
      Line more;
      if (!lines_->Next(more)) break;  // the split below reports the unclosed quote
      record_.push_back('\n');
      record_.append(more.text);
      too_long = more.too_long || record_.size() > max_record_bytes_;
    }
    info.raw = record_;
    info.raw_original = {};
    if (too_long) {
      error.Set(Reason::kLineTooLong, "", "record is over the limit of " +
                                              std::to_string(max_record_bytes_) +
                                              " bytes (ingest.max_line_bytes)");
      return true;
    }
    std::string_view text = record_;
    if (encoding_ == TextEncoding::kGbk && !IsValidUtf8Ascii(record_)) {
      if (!gbk_.Convert(record_, converted_)) {
        error.Set(Reason::kBadEncoding, "", "not valid GBK/GB18030 text");
        return true;
      }
      text = converted_;
      info.raw = converted_;
      info.raw_original = record_;
    } else if (encoding_ != TextEncoding::kGbk && !IsValidUtf8(record_)) {
      error.Set(Reason::kBadEncoding, "", "not UTF-8 (set ingest.csv_encoding = \"gbk\" if the "
                                          "file is GBK)");
      return true;
    }
    Status s = SplitCsvRecord(text, fields_, scratch_);
    if (!s.ok()) error.Set(Reason::kMalformed, "", std::string(s.message()));
    return true;
  }

  static bool IsValidUtf8Ascii(std::string_view s) {
    for (unsigned char c : s) {
      if (c >= 0x80) return false;
    }
    return true;
  }

  std::unique_ptr<LineReader> lines_;
  TextEncoding encoding_;
  std::optional<EventType> fixed_type_;
  size_t max_record_bytes_;
  GbkConverter gbk_;
  EventBuilder builder_;
  std::vector<std::string> header_;
  int type_column_ = -1;
  std::array<std::vector<int>, kEventTypeCount> columns_;
  std::string record_, converted_, scratch_;
  std::vector<std::string_view> fields_;
  std::map<std::string, uint64_t, std::less<>> unknown_;
  uint64_t blank_ = 0;
};

// "transfers_2024.csv" → transfer; "account_open.csv" → account_open.
std::optional<EventType> TypeFromFileName(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  std::optional<EventType> best;
  size_t best_len = 0;
  for (int t = 0; t < kEventTypeCount; ++t) {
    std::string_view name = EventTypeName(static_cast<EventType>(t));
    if (stem.starts_with(name) && name.size() > best_len) {
      best = static_cast<EventType>(t);
      best_len = name.size();
    }
  }
  return best;
}

FileFormat DetectFormat(const std::string& path, LineReader& lines) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return FileFormat::kJsonl;
  if (ext == ".csv") return FileFormat::kCsv;
  std::string_view head = lines.Peek(4096);
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  size_t first = head.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && head[first] == '{' ? FileFormat::kJsonl
                                                                : FileFormat::kCsv;
}

}  // namespace

bool ParseTextEncoding(std::string_view name, TextEncoding& out) {
  if (name == "auto") out = TextEncoding::kAuto;
  else if (name == "utf-8" || name == "utf8") out = TextEncoding::kUtf8;
  else if (name == "gbk" || name == "gb18030" || name == "gb2312") out = TextEncoding::kGbk;
  else return false;
  return true;
}

std::string_view TextEncodingName(TextEncoding e) {
  switch (e) {
    case TextEncoding::kAuto: return "auto";
    case TextEncoding::kUtf8: return "utf-8";
    case TextEncoding::kGbk: return "gbk";
  }
  return "auto";
}

Result<std::unique_ptr<EventReader>> OpenEventReader(const std::string& path,
                                                     const ReaderOptions& options) {
  WUZHA_ASSIGN_OR_RETURN(std::unique_ptr<LineReader> lines,
                         LineReader::Open(path, options.max_line_bytes));
  FileFormat format = options.format == FileFormat::kAuto ? DetectFormat(path, *lines)
                                                          : options.format;
  if (format == FileFormat::kJsonl) {
    return std::unique_ptr<EventReader>(new JsonlEventReader(std::move(lines)));
  }
  TextEncoding encoding = options.csv_encoding;
  if (encoding == TextEncoding::kAuto) {
    std::string_view sample = lines->Peek(kSniffBytes);
    GbkConverter probe;
    encoding = SampleIsUtf8(sample) || !probe.ok() || !probe.SampleDecodes(sample)
                   ? TextEncoding::kUtf8
                   : TextEncoding::kGbk;
  }
  std::optional<EventType> type = options.csv_type ? options.csv_type : TypeFromFileName(path);
  auto reader = std::make_unique<CsvEventReader>(std::move(lines), encoding, type,
                                                 options.max_line_bytes);
  WUZHA_RETURN_IF_ERROR(reader->ReadHeader(path));
  return std::unique_ptr<EventReader>(std::move(reader));
}

}  // namespace wuzha::formats
