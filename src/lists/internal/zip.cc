#include "lists/internal/zip.h"

#include <zlib.h>

#include <cstdint>

namespace wuzha::lists::internal {
namespace {

uint32_t Le16(std::string_view b, size_t at) {
  return static_cast<uint8_t>(b[at]) | static_cast<uint32_t>(static_cast<uint8_t>(b[at + 1])) << 8;
}
uint32_t Le32(std::string_view b, size_t at) { return Le16(b, at) | Le16(b, at + 2) << 16; }

}  // namespace

Result<std::string> UnzipFirst(std::string_view zip, size_t max_bytes) {
  // The end-of-central-directory record is in the last 22 + 65535 bytes.
  constexpr size_t kEocd = 22;
  if (zip.size() < kEocd) return DataLossError("zip: too short");
  size_t eocd = std::string_view::npos;
  const size_t lowest = zip.size() > kEocd + 65535 ? zip.size() - kEocd - 65535 : 0;
  for (size_t at = zip.size() - kEocd + 1; at-- > lowest;) {
    if (Le32(zip, at) == 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd == std::string_view::npos) return DataLossError("zip: no end of central directory");
  if (Le16(zip, eocd + 10) == 0) return DataLossError("zip: no members");
  const size_t cd = Le32(zip, eocd + 16);
  if (cd > zip.size() || zip.size() - cd < 46 || Le32(zip, cd) != 0x02014b50) {
    return DataLossError("zip: bad central directory");
  }
  const uint32_t method = Le16(zip, cd + 10);
  const uint32_t crc = Le32(zip, cd + 16);
  const size_t packed = Le32(zip, cd + 20);
  const size_t size = Le32(zip, cd + 24);
  const size_t local = Le32(zip, cd + 42);
  if (local > zip.size() || zip.size() - local < 30 || Le32(zip, local) != 0x04034b50) {
    return DataLossError("zip: bad local header");
  }
  const size_t data = local + 30 + Le16(zip, local + 26) + Le16(zip, local + 28);
  if (data > zip.size() || zip.size() - data < packed) return DataLossError("zip: truncated member");
  if (size > max_bytes) return DataLossError("zip: member too large");
  std::string out;
  if (method == 0) {
    if (packed != size) return DataLossError("zip: stored sizes differ");
    out.assign(zip.substr(data, size));
  } else if (method == 8) {
    out.resize(size);
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return DataLossError("zip: inflateInit2 failed");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
    z.avail_in = static_cast<uInt>(packed);
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(size);
    const int rc = inflate(&z, Z_FINISH);
    const size_t produced = z.total_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END || produced != size) return DataLossError("zip: deflate stream is corrupt");
  } else {
    return UnimplementedError("zip: compression method " + std::to_string(method));
  }
  const uLong actual = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(out.data()),
                             static_cast<uInt>(out.size()));
  if (actual != crc) return DataLossError("zip: CRC mismatch");
  return out;
}

}  // namespace wuzha::lists::internal
