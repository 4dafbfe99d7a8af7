#include "formats/line_reader.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace wuzha::formats {
namespace {
constexpr size_t kChunk = 1 << 20;
}  // namespace

Result<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path,
                                                     size_t max_line_bytes) {
  if (path == "-") {
    return std::unique_ptr<LineReader>(new LineReader(stdin, false, max_line_bytes, 0));
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    int err = errno;
    std::string msg = path + ": " + std::strerror(err);
    return err == ENOENT ? NotFoundError(msg) : IoError(msg);
  }
  struct stat st;
  uint64_t size = 0;
  if (fstat(fileno(f), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      std::fclose(f);
      return InvalidArgumentError(path + ": is a directory");
    }
    if (S_ISREG(st.st_mode)) size = static_cast<uint64_t>(st.st_size);
  }
  return std::unique_ptr<LineReader>(new LineReader(f, true, max_line_bytes, size));
}

LineReader::LineReader(std::FILE* f, bool owned, size_t max_line_bytes, uint64_t file_size)
    : file_(f), owned_(owned), max_line_bytes_(max_line_bytes), file_size_(file_size) {
  buf_.resize(kChunk + kPadding);
}

LineReader::~LineReader() {
  if (owned_) std::fclose(file_);
}

bool LineReader::Fill() {
  if (eof_) return false;
  // Compact, then grow if the unread part fills the buffer (a long line).
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - kPadding - end_ < kChunk / 2) buf_.resize(buf_.size() + kChunk);
  size_t want = buf_.size() - kPadding - end_;
  size_t got = std::fread(buf_.data() + end_, 1, want, file_);
  if (got < want) {
    if (std::ferror(file_)) status_ = IoError(std::string("read failed: ") + std::strerror(errno));
    eof_ = true;
  }
  end_ += got;
  std::memset(buf_.data() + end_, ' ', kPadding);
  return got > 0;
}

std::string_view LineReader::Peek(size_t n) {
  while (end_ - begin_ < n && Fill()) {
  }
  return std::string_view(buf_.data() + begin_, std::min(n, end_ - begin_));
}

bool LineReader::Next(Line& line) {
  if (!started_) {
    started_ = true;
    Peek(3);
    if (std::string_view(buf_.data() + begin_, end_ - begin_).starts_with("\xEF\xBB\xBF")) {
      begin_ += 3;
      consumed_ += 3;
    }
  }
  size_t scanned = 0;  // bytes of the current line already searched for '\n'
  for (;;) {
    const char* start = buf_.data() + begin_;
    const size_t avail = end_ - begin_;
    const void* nl = std::memchr(start + scanned, '\n', avail - scanned);
    if (nl != nullptr || (eof_ && avail > 0)) {
      size_t len = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : avail;
      size_t consumed = nl ? len + 1 : len;
      if (len > 0 && start[len - 1] == '\r') --len;
      line.number = ++line_number_;
      line.full_length = len;
      line.too_long = len > max_line_bytes_;
      line.text = std::string_view(start, line.too_long ? max_line_bytes_ : len);
      line.capacity = buf_.size() - begin_;
      begin_ += consumed;
      consumed_ += consumed;
      return true;
    }
    if (eof_) return false;
    scanned = avail;
    if (avail > max_line_bytes_ + 2) {
      // An over-long line: keep its head for quarantine, skip the rest without storing it.
      line.number = ++line_number_;
      line.too_long = true;
      uint64_t length = avail;
      char last = start[avail - 1];  // the byte before the next chunk: maybe CR of a CRLF
      std::string head(start, max_line_bytes_);
      begin_ = end_;
      consumed_ += avail;
      for (;;) {
        if (!Fill()) break;
        const char* p = buf_.data() + begin_;
        const void* nl2 = std::memchr(p, '\n', end_ - begin_);
        size_t take = nl2 ? static_cast<size_t>(static_cast<const char*>(nl2) - p) + 1 : end_ - begin_;
        char before_nl = take > 1 ? p[take - 2] : last;
        last = p[take - 1];
        length += take;
        begin_ += take;
        consumed_ += take;
        if (nl2) {
          length -= before_nl == '\r' ? 2 : 1;  // the line ending is not part of the line
          break;
        }
      }
      // Park the head at the start of the buffer, in front of the unread bytes.
      size_t unread = end_ - begin_;
      std::vector<char> rebuilt(head.size() + unread + kChunk + kPadding);
      std::memcpy(rebuilt.data(), head.data(), head.size());
      std::memcpy(rebuilt.data() + head.size(), buf_.data() + begin_, unread);
      buf_ = std::move(rebuilt);
      begin_ = head.size();
      end_ = head.size() + unread;
      std::memset(buf_.data() + end_, ' ', kPadding);
      line.full_length = length;
      line.text = std::string_view(buf_.data(), head.size());
      line.capacity = buf_.size();
      return true;
    }
    if (!Fill() && !eof_) return false;
  }
}

}  // namespace wuzha::formats
