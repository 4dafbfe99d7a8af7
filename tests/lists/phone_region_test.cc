#include "lists/phone_region.h"

#include <gtest/gtest.h>

#include <filesystem>

#include <fstream>
#include <sstream>

namespace wuzha::lists {
namespace {

const std::string kZdb = std::string(WUZHA_SHARED_DATA_DIR) + "/phone/phone2region.zdb";

const PhoneRegionDb& Db() {
  static const PhoneRegionDb* db = [] {
    auto r = PhoneRegionDb::Open(kZdb);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? new PhoneRegionDb(std::move(*r)) : nullptr;
  }();
  return *db;
}

TEST(PhoneRegionDb, LoadsTheRealFile) {
  if (!std::filesystem::exists(kZdb)) GTEST_SKIP() << "no real data at " << kZdb;
  ASSERT_TRUE(PhoneRegionDb::Open(kZdb).ok());
  EXPECT_EQ(Db().version(), 20250201u);
  EXPECT_EQ(Db().prefix_count(), 517258u);
  EXPECT_GT(Db().region_count(), 1000u);
}

TEST(PhoneRegionDb, KnownPrefixes) {
  if (!std::filesystem::exists(kZdb)) GTEST_SKIP() << "no real data at " << kZdb;
  auto r = Db().Lookup("8613800138000");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->province, "北京");
  EXPECT_EQ(r->area_code, "010");
  EXPECT_EQ(r->carrier, Carrier::kChinaMobile);
  EXPECT_FALSE(r->virtual_operator);

  r = Db().Lookup("1390000");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->carrier, Carrier::kChinaMobile);
  EXPECT_EQ(r->city, "乌鲁木齐");

  r = Db().Lookup("17030001234");  // 1703: 电信 virtual operators
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->carrier, Carrier::kChinaTelecom);
  EXPECT_TRUE(r->virtual_operator);
  EXPECT_EQ(r->city, "青岛");

  r = Db().Lookup("19212345678");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->carrier, Carrier::kChinaBroadnet);
  EXPECT_EQ(CarrierName(r->carrier), "广电");
}

TEST(PhoneRegionDb, VirtualOperatorRangesAreFlagged) {
  if (!std::filesystem::exists(kZdb)) GTEST_SKIP() << "no real data at " << kZdb;
  int virtual_170 = 0, virtual_171 = 0;
  for (int p = 1700000; p < 1720000; ++p) {
    auto r = Db().Lookup(std::to_string(p));
    if (!r) continue;
    (p < 1710000 ? virtual_170 : virtual_171) += r->virtual_operator;
  }
  EXPECT_GT(virtual_170, 1000);
  EXPECT_GT(virtual_171, 1000);
}

TEST(PhoneRegionDb, MalformedNumbersFindNothing) {
  if (!std::filesystem::exists(kZdb)) GTEST_SKIP() << "no real data at " << kZdb;
  EXPECT_FALSE(Db().Lookup("").has_value());
  EXPECT_FALSE(Db().Lookup("12345").has_value());
  EXPECT_FALSE(Db().Lookup("1290000").has_value());   // below 130
  EXPECT_FALSE(Db().Lookup("139000a").has_value());
  EXPECT_FALSE(Db().Lookup("862788886666").has_value());  // a landline
}

TEST(PhoneRegionDb, CorruptBytesAreDataLoss) {
  EXPECT_EQ(PhoneRegionDb::Parse("").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(PhoneRegionDb::Parse(std::string(100, '\0')).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(PhoneRegionDb::Parse("PK\x03\x04garbage").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(PhoneRegionDb::Open("/nonexistent.zdb").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace wuzha::lists

namespace wuzha::lists {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The synthetic database of the fuzz corpus: two made-up regions, three prefixes.
const std::string kTiny = std::string(WUZHA_TESTDATA_DIR) + "/fuzz/corpus/lists_zdb_fuzz/";

TEST(PhoneRegionDb, ReadsTheSyntheticDatabaseBareAndZipped) {
  for (const char* name : {"tiny.db", "tiny.zdb"}) {
    auto db = PhoneRegionDb::Parse(ReadFile(kTiny + name));
    ASSERT_TRUE(db.ok()) << name << ": " << db.status().ToString();
    EXPECT_EQ(db->prefix_count(), 3u);
    auto r = db->Lookup("8613900001234");
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->city, "武汉");
    r = db->Lookup("1700001");
    ASSERT_TRUE(r.has_value());
    EXPECT_TRUE(r->virtual_operator);
    EXPECT_EQ(r->carrier, Carrier::kChinaTelecom);
    EXPECT_FALSE(db->Lookup("1700003").has_value());
  }
}

TEST(PhoneRegionDb, EveryTruncationOrFlippedByteIsRefusedNotCrashed) {
  const std::string db = ReadFile(kTiny + "tiny.db");
  ASSERT_FALSE(db.empty());
  for (size_t n = 0; n < db.size(); n += 97) {
    EXPECT_EQ(PhoneRegionDb::Parse(db.substr(0, n)).status().code(), StatusCode::kDataLoss);
  }
  for (size_t i = 0; i < db.size(); i += 13) {
    std::string bad = db;
    bad[i] = static_cast<char>(bad[i] ^ 0x5A);
    EXPECT_EQ(PhoneRegionDb::Parse(bad).status().code(), StatusCode::kDataLoss);  // CRC
  }
}

}  // namespace
}  // namespace wuzha::lists
