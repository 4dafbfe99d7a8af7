#include "ledger/ledger_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "ledger/internal/crc32c.h"
#include "ledger/internal/ledger_impl.h"
#include "ledger/internal/log_format.h"

namespace wuzha::ledger {
namespace {

using internal::LedgerAccess;
using Impl = LedgerAccess::Impl;

Status Errno(std::string_view what, const std::string& path) {
  return IoError(std::string(what) + " " + path + ": " + std::strerror(errno));
}

std::string LogPath(const std::string& dir) { return dir + "/" + std::string(kLedgerFileName); }

// Closes a descriptor unless released.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("cannot write", path);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status SyncDir(const std::string& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return Errno("cannot open directory", dir);
  if (::fsync(fd.get()) != 0) return Errno("cannot fsync directory", dir);
  return Status::Ok();
}

// Appends one block: accounts [a0, a1), rows [r0, r0 + n), anchors [k0, k0 + k).
void EncodeBlock(const Impl& m, uint32_t a0, uint32_t a1, Row r0, uint32_t n, size_t k0, uint32_t k,
                 std::string& out) {
  using namespace internal;
  const size_t start = out.size();
  out.append(kBlockHeaderBytes, '\0');
  for (uint32_t a = a0; a < a1; ++a) {
    const std::string_view key = m.accounts.Key(a);
    out.push_back(static_cast<char>(key.size()));
    out.append(key);
  }
  for (Row r = r0; r < r0 + n; ++r) PutLe<int64_t>(out, m.Ts(r));
  for (Row r = r0; r < r0 + n; ++r) PutLe<int64_t>(out, m.Fen(r));
  for (Row r = r0; r < r0 + n; ++r) PutLe<uint32_t>(out, m.From(r));
  for (Row r = r0; r < r0 + n; ++r) PutLe<uint32_t>(out, m.To(r));
  for (Row r = r0; r < r0 + n; ++r) out.push_back(static_cast<char>(m.Flags(r)));
  for (Row r = r0; r < r0 + n; ++r) {
    const std::string id = m.ids.Get(r);
    out.push_back(static_cast<char>(id.size()));
    out.append(id);
  }
  for (size_t i = k0; i < k0 + k; ++i) {
    const internal::AnchorUpdate& u = m.pending_anchors[i];
    PutLe<uint32_t>(out, u.account);
    PutLe<int64_t>(out, u.at);
    PutLe<int64_t>(out, u.fen);
  }
  std::string header(kBlockMagic, sizeof kBlockMagic);
  PutLe<uint32_t>(header, static_cast<uint32_t>(out.size() - start - kBlockHeaderBytes));
  PutLe<uint32_t>(header, r0);
  PutLe<uint32_t>(header, n);
  PutLe<uint32_t>(header, a0);
  PutLe<uint32_t>(header, a1 - a0);
  PutLe<uint32_t>(header, k);
  uint32_t crc = Crc32c(0, header.data(), header.size());
  crc = Crc32c(crc, out.data() + start + kBlockHeaderBytes, out.size() - start - kBlockHeaderBytes);
  PutLe<uint32_t>(header, crc);
  std::memcpy(out.data() + start, header.data(), kBlockHeaderBytes);
}

// The log of an open ledger: appends blocks for what was added since the last Flush.
class FileLog final : public internal::LedgerLog {
 public:
  FileLog(int fd, std::string path, uint32_t rows, uint32_t accounts)
      : fd_(fd), path_(std::move(path)), rows_(rows), accounts_(accounts) {}
  ~FileLog() override { ::close(fd_); }

  Status Flush(Ledger& ledger) override {
    if (!failed_.ok()) return failed_;
    Status s = WriteNew(LedgerAccess::Of(ledger));
    if (s.ok() && ::fdatasync(fd_) != 0) s = Errno("cannot fdatasync", path_);
    // After a failed write the file's tail is unknown: refuse to go on appending to it
    // (reopening drops a torn tail).
    if (!s.ok()) failed_ = s;
    return s;
  }

 private:
  Status WriteNew(Impl& m) {
    using namespace internal;
    std::string buf;
    size_t anchor = 0;
    const uint32_t accounts = static_cast<uint32_t>(m.accounts.size());
    const Row rows = static_cast<Row>(m.rows);
    while (rows_ < rows || accounts_ < accounts || anchor < m.pending_anchors.size()) {
      // The new accounts go first; then as many rows and anchors as refer only to accounts
      // up to the block's last.
      const uint32_t a_end = std::min<uint64_t>(accounts, uint64_t{accounts_} + kMaxBlockAccounts);
      uint32_t n = 0;
      while (rows_ + n < rows && n < kMaxBlockRows && m.From(rows_ + n) < a_end &&
             (m.To(rows_ + n) == kNoAccount || m.To(rows_ + n) < a_end)) {
        ++n;
      }
      uint32_t k = 0;
      while (anchor + k < m.pending_anchors.size() && k < kMaxBlockAnchors &&
             m.pending_anchors[anchor + k].account < a_end) {
        ++k;
      }
      buf.clear();
      EncodeBlock(m, accounts_, a_end, rows_, n, anchor, k, buf);
      WUZHA_RETURN_IF_ERROR(WriteAll(fd_, buf, path_));
      accounts_ = a_end;
      rows_ += n;
      anchor += k;
    }
    m.pending_anchors.clear();
    return Status::Ok();
  }

  int fd_;
  std::string path_;
  Row rows_;           // rows written so far
  uint32_t accounts_;  // accounts written so far
  Status failed_;
};

// Opens (creating) the log for writing and takes the lock.
Result<int> OpenForWrite(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("cannot create directory " + dir + ": " + ec.message());
  const std::string path = LogPath(dir);
  Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (fd.get() < 0) return Errno("cannot open", path);
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return FailedPreconditionError(path + " is open for writing elsewhere (locked)");
    }
    return Errno("cannot lock", path);
  }
  return fd.release();
}

// Maps the file and decodes it.
Result<Ledger> DecodeFile(int fd, const std::string& path, LedgerLoadReport* report) {
  struct stat st;
  if (::fstat(fd, &st) != 0) return Errno("cannot stat", path);
  const size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) return DecodeLedgerLog({}, report, path);
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) return Errno("cannot map", path);
  ::madvise(p, size, MADV_SEQUENTIAL);
  Result<Ledger> ledger = DecodeLedgerLog({static_cast<const char*>(p), size}, report, path);
  ::munmap(p, size);
  return ledger;
}

void Attach(Ledger& ledger, int fd, const std::string& path) {
  Impl& m = LedgerAccess::Of(ledger);
  m.log = std::make_unique<FileLog>(fd, path, static_cast<uint32_t>(m.rows),
                                    static_cast<uint32_t>(m.accounts.size()));
}

Status StartLog(int fd, const std::string& dir) {
  const std::string path = LogPath(dir);
  WUZHA_RETURN_IF_ERROR(WriteAll(fd, internal::FileHeader(), path));
  if (::fdatasync(fd) != 0) return Errno("cannot fdatasync", path);
  return SyncDir(dir);
}

}  // namespace

Result<Ledger> OpenLedgerDir(const std::string& dir, LedgerLoadReport* report) {
  LedgerLoadReport local;
  LedgerLoadReport& rep = report ? *report : local;
  WUZHA_ASSIGN_OR_RETURN(int raw_fd, OpenForWrite(dir));
  Fd fd(raw_fd);
  const std::string path = LogPath(dir);
  WUZHA_ASSIGN_OR_RETURN(Ledger ledger, DecodeFile(fd.get(), path, &rep));
  if (rep.bytes < internal::kFileHeaderBytes) {
    // New, or only a torn header: start over.
    if (::ftruncate(fd.get(), 0) != 0) return Errno("cannot truncate", path);
    WUZHA_RETURN_IF_ERROR(StartLog(fd.get(), dir));
    rep.bytes = internal::kFileHeaderBytes;
  } else if (rep.dropped_bytes > 0) {
    if (::ftruncate(fd.get(), static_cast<off_t>(rep.bytes)) != 0) {
      return Errno("cannot truncate the torn tail of", path);
    }
    if (::fdatasync(fd.get()) != 0) return Errno("cannot fdatasync", path);
  }
  Attach(ledger, fd.release(), path);
  return ledger;
}

Result<Ledger> LoadLedgerDir(const std::string& dir, LedgerLoadReport* report) {
  const std::string path = LogPath(dir);
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return NotFoundError("no ledger log " + path);
    return Errno("cannot open", path);
  }
  return DecodeFile(fd.get(), path, report);
}

Status AttachLedgerDir(Ledger& ledger, const std::string& dir) {
  if (ledger.durable()) return FailedPreconditionError("the ledger already has a log");
  WUZHA_ASSIGN_OR_RETURN(int raw_fd, OpenForWrite(dir));
  Fd fd(raw_fd);
  const std::string path = LogPath(dir);
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return Errno("cannot stat", path);
  if (st.st_size != 0) return FailedPreconditionError(path + " already holds a ledger");
  WUZHA_RETURN_IF_ERROR(StartLog(fd.get(), dir));
  Impl& m = LedgerAccess::Of(ledger);
  // The anchors set so far go out with the first Flush, in account order.
  m.pending_anchors.clear();
  for (const auto& [account, anchor] : m.anchors) {
    m.pending_anchors.push_back(internal::AnchorUpdate{account, anchor.at.millis(), anchor.fen});
  }
  std::sort(m.pending_anchors.begin(), m.pending_anchors.end(),
            [](const auto& a, const auto& b) { return a.account < b.account; });
  m.log = std::make_unique<FileLog>(fd.release(), path, 0, 0);
  return Status::Ok();
}

}  // namespace wuzha::ledger
