// LineReader: streams a file (or standard input) line by line in large chunks.
//
// Handles a UTF-8 byte-order mark at the start, CRLF and LF endings, a last line
// without a newline, and lines longer than a limit (returned as too long, with the
// first bytes kept for quarantine, instead of growing without bound). Every returned
// line is followed in memory by at least kPadding readable bytes, so simdjson can parse
// it in place. Not thread safe; one reader per file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace wuzha::formats {

struct Line {
  std::string_view text;  // without the line ending; valid until the next Next()
  uint64_t number = 0;    // 1-based
  bool too_long = false;  // text then holds the first bytes of the line only
  uint64_t full_length = 0;  // length of the whole line in bytes
  size_t capacity = 0;       // readable bytes from text.data(): >= text.size() + kPadding
};

class LineReader {
 public:
  static constexpr size_t kPadding = 64;

  // Opens `path` ("-" is standard input). kNotFound / kIoError name the path.
  static Result<std::unique_ptr<LineReader>> Open(const std::string& path, size_t max_line_bytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Reads the next line into `line`. Returns false at end of input (check status()).
  bool Next(Line& line);
  // kIoError if a read failed; OK otherwise.
  Status status() const { return status_; }
  // Bytes consumed so far and the file size (0 when unknown, e.g. a pipe): for progress.
  uint64_t bytes_read() const { return consumed_; }
  uint64_t file_size() const { return file_size_; }
  // Up to the first `n` bytes of the file, without consuming them (for format and
  // encoding detection). Must be called before the first Next().
  std::string_view Peek(size_t n);

 private:
  LineReader(std::FILE* f, bool owned, size_t max_line_bytes, uint64_t file_size);
  bool Fill();  // appends more bytes to buf_; false at EOF or error

  std::FILE* file_;
  bool owned_;
  size_t max_line_bytes_;
  uint64_t file_size_;
  std::vector<char> buf_;
  size_t begin_ = 0, end_ = 0;  // unread bytes are buf_[begin_, end_)
  bool eof_ = false;
  bool started_ = false;
  uint64_t line_number_ = 0;
  uint64_t consumed_ = 0;
  Status status_;
};

}  // namespace wuzha::formats
