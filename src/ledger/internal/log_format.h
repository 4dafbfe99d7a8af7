// The ledger log's layout (docs/ledger.md, "File format"): constants and little-endian
// helpers shared by the writer (ledger_file.cc) and the decoder (log_decode.cc).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace wuzha::ledger::internal {

inline constexpr char kFileMagic[8] = {'W', 'Z', 'L', 'E', 'D', 'G', 'E', 'R'};
inline constexpr uint32_t kFileVersion = 1;
inline constexpr size_t kFileHeaderBytes = 16;  // magic, version, CRC of the 12 before
inline constexpr char kBlockMagic[4] = {'W', 'Z', 'L', 'B'};
inline constexpr size_t kBlockHeaderBytes = 32;
// magic, payload bytes, first row, rows, first account, accounts, anchors, CRC.
inline constexpr size_t kBlockCrcOffset = 28;
inline constexpr uint32_t kMaxBlockRows = 65536;
inline constexpr uint32_t kMaxBlockAccounts = 65536;
inline constexpr uint32_t kMaxBlockAnchors = 65536;
inline constexpr size_t kFixedRowBytes = 8 + 8 + 4 + 4 + 1;  // ts, fen, from, to, flags
inline constexpr size_t kAnchorBytes = 4 + 8 + 8;            // account, at, fen

template <typename T>
inline void PutLe(std::string& out, T v) {
  static_assert(std::endian::native == std::endian::little, "the log is little-endian");
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}
template <typename T>
inline T GetLe(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

// The file header, ready to write.
std::string FileHeader();

}  // namespace wuzha::ledger::internal
