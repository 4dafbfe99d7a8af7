// PhoneRegionDb: home region and carrier of Chinese mobile numbers by their first seven
// digits (号段), loaded from ALI1416/phone2region's phone2region.zdb (data from
// xluohome/phonedata). The file layout is in docs/lists.md. Loading validates every
// offset and the CRC once and decodes the index into a flat array, so a lookup is one
// array read and never touches the file bytes. Immutable after loading: safe for
// concurrent readers. Movable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace wuzha::lists {

enum class Carrier : uint8_t { kUnknown, kChinaMobile, kChinaUnicom, kChinaTelecom, kChinaBroadnet };
// "移动", "联通", "电信", "广电", "未知".
std::string_view CarrierName(Carrier carrier);

struct PhoneRegion {
  std::string province;   // "湖北"
  std::string city;       // "武汉"
  std::string zip_code;   // "430000"
  std::string area_code;  // "027"
  Carrier carrier = Carrier::kUnknown;
  bool virtual_operator = false;  // 虚拟运营商 (MVNO) on that carrier's network
  friend bool operator==(const PhoneRegion&, const PhoneRegion&) = default;
};

class PhoneRegionDb {
 public:
  // Reads a .zdb file (a ZIP holding one database) or the bare database.
  // kNotFound when it cannot be opened; kDataLoss for a bad ZIP, a CRC mismatch or any
  // offset out of bounds.
  static Result<PhoneRegionDb> Open(const std::string& path);
  // Same from bytes in memory: a ZIP (starts with "PK\3\4") or the bare database.
  static Result<PhoneRegionDb> Parse(std::string_view bytes);

  // The region of a mobile number: E.164 ("8613912345678"), national 11 digits, or
  // just the first seven digits ("1391234"). nullopt for anything else or an unlisted
  // prefix.
  std::optional<PhoneRegion> Lookup(std::string_view number) const;

  uint32_t version() const { return version_; }  // e.g. 20250201
  size_t prefix_count() const { return prefix_count_; }
  size_t region_count() const { return regions_.size(); }

 private:
  static constexpr uint32_t kFirstPrefix = 1300000;  // the format covers 130.. to 199..
  static constexpr uint32_t kPrefixCount = 700000;
  static constexpr uint16_t kNoRegion = 0xFFFF;

  std::vector<PhoneRegion> regions_;
  std::vector<uint16_t> by_prefix_;  // prefix - kFirstPrefix -> index into regions_
  uint32_t version_ = 0;
  size_t prefix_count_ = 0;
};

}  // namespace wuzha::lists
