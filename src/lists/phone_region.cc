#include "lists/phone_region.h"

#include <zlib.h>

#include <fstream>
#include <sstream>
#include <unordered_map>

#include "lists/internal/zip.h"

namespace wuzha::lists {
namespace {

uint32_t Le32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(static_cast<uint8_t>(b[at])) |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 3])) << 24;
}

// "省份|城市|邮编|区号|运营商", e.g. "湖北|武汉|430000|027|移动虚拟".
bool ParseRecord(std::string_view text, PhoneRegion& r) {
  std::string_view f[5];
  for (int i = 0; i < 5; ++i) {
    size_t bar = text.find('|');
    if ((bar == std::string_view::npos) != (i == 4)) return false;
    f[i] = text.substr(0, bar);
    text.remove_prefix(i == 4 ? text.size() : bar + 1);
  }
  r.province = f[0];
  r.city = f[1];
  r.zip_code = f[2];
  r.area_code = f[3];
  const std::string_view isp = f[4];
  r.carrier = isp.starts_with("移动")   ? Carrier::kChinaMobile
              : isp.starts_with("联通") ? Carrier::kChinaUnicom
              : isp.starts_with("电信") ? Carrier::kChinaTelecom
              : isp.starts_with("广电") ? Carrier::kChinaBroadnet
                                        : Carrier::kUnknown;
  r.virtual_operator = isp.ends_with("虚拟");
  return true;
}

}  // namespace

std::string_view CarrierName(Carrier carrier) {
  switch (carrier) {
    case Carrier::kChinaMobile: return "移动";
    case Carrier::kChinaUnicom: return "联通";
    case Carrier::kChinaTelecom: return "电信";
    case Carrier::kChinaBroadnet: return "广电";
    case Carrier::kUnknown: break;
  }
  return "未知";
}

Result<PhoneRegionDb> PhoneRegionDb::Open(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  auto db = Parse(buffer.str());
  if (!db.ok()) return db.error().WithContext(path);
  return db;
}

Result<PhoneRegionDb> PhoneRegionDb::Parse(std::string_view bytes) {
  std::string unzipped;
  if (bytes.starts_with("PK\x03\x04")) {
    WUZHA_ASSIGN_OR_RETURN(unzipped, internal::UnzipFirst(bytes));
    bytes = unzipped;
  }
  if (bytes.size() < 20) return DataLossError("phone2region: shorter than its header");
  const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data() + 4),
                          static_cast<uInt>(bytes.size() - 4));
  if (crc != Le32(bytes, 0)) return DataLossError("phone2region: CRC mismatch");
  PhoneRegionDb db;
  db.version_ = Le32(bytes, 4);
  const size_t records = Le32(bytes, 8), blocks = Le32(bytes, 12), index = Le32(bytes, 16);
  if (!(20 <= records && records <= blocks && blocks <= index && index <= bytes.size()) ||
      (index - blocks) % 4 != 0 || index - blocks < 8) {
    return DataLossError("phone2region: header offsets out of order");
  }
  // Records: a length byte, then that many bytes of UTF-8.
  std::unordered_map<uint32_t, uint16_t> region_at;
  for (size_t at = records; at < blocks;) {
    const size_t len = static_cast<uint8_t>(bytes[at]);
    if (blocks - at - 1 < len) return DataLossError("phone2region: record runs past its area");
    PhoneRegion r;
    if (!ParseRecord(bytes.substr(at + 1, len), r)) {
      return DataLossError("phone2region: record at " + std::to_string(at) + " lacks 5 fields");
    }
    if (db.regions_.size() >= kNoRegion) return DataLossError("phone2region: too many records");
    region_at.emplace(static_cast<uint32_t>(at), static_cast<uint16_t>(db.regions_.size()));
    db.regions_.push_back(std::move(r));
    at += 1 + len;
  }
  // Second-level index: block b (prefix - 1300000 >> 8) spans [start[b], start[b + 1]) of
  // 5-byte entries: the prefix's low byte and the offset of its record.
  db.by_prefix_.assign(kPrefixCount, kNoRegion);
  const size_t block_count = (index - blocks) / 4 - 1;
  for (size_t b = 0; b < block_count; ++b) {
    const size_t left = Le32(bytes, blocks + 4 * b), right = Le32(bytes, blocks + 4 * b + 4);
    if (left < index || right < left || right > bytes.size() || (right - left) % 5 != 0) {
      return DataLossError("phone2region: index block " + std::to_string(b) + " out of bounds");
    }
    for (size_t at = left; at < right; at += 5) {
      const size_t offset = (b << 8) | static_cast<uint8_t>(bytes[at]);
      auto region = region_at.find(Le32(bytes, at + 1));
      if (offset >= kPrefixCount || region == region_at.end()) {
        return DataLossError("phone2region: index entry at " + std::to_string(at) + " is bad");
      }
      if (db.by_prefix_[offset] == kNoRegion) ++db.prefix_count_;
      db.by_prefix_[offset] = region->second;
    }
  }
  return db;
}

std::optional<PhoneRegion> PhoneRegionDb::Lookup(std::string_view number) const {
  if (number.size() == 13 && number.starts_with("86")) number.remove_prefix(2);
  if (number.size() != 11 && number.size() != 7) return std::nullopt;
  uint32_t prefix = 0;
  for (char c : number.substr(0, 7)) {
    if (c < '0' || c > '9') return std::nullopt;
    prefix = prefix * 10 + static_cast<uint32_t>(c - '0');
  }
  for (char c : number.substr(7)) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  if (prefix < kFirstPrefix || prefix - kFirstPrefix >= by_prefix_.size()) return std::nullopt;
  const uint16_t region = by_prefix_[prefix - kFirstPrefix];
  if (region == kNoRegion) return std::nullopt;
  return regions_[region];
}

}  // namespace wuzha::lists
