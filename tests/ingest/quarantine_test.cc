#include "ingest/quarantine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "../formats/temp_dir.h"

namespace wuzha::ingest {
namespace {

using ::testing::HasSubstr;
using wuzha::testing::ReadFileBytes;
using wuzha::testing::TempDir;

TEST(Base64Encode, MatchesTheRfc4648TestVectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64Encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
}

TEST(Base64Encode, EncodesHighAndZeroBytes) {
  EXPECT_EQ(Base64Encode(std::string("\xFF\xFE\xFD", 3)), "//79");
  EXPECT_EQ(Base64Encode(std::string("\0\0\0\0", 4)), "AAAAAA==");
  EXPECT_EQ(Base64Encode("\xC4\xE3\xBA\xC3"), "xOO6ww==");  // "你好" in GBK
}

TEST(QuarantineWriter, WritesOneJsonObjectPerRecord) {
  TempDir dir;
  auto writer = QuarantineWriter::Open(dir.path() + "/q.jsonl");
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  QuarantineRecord r;
  r.file = "in/calls.jsonl";
  r.line = 7;
  r.field = "caller";
  r.reason = formats::Reason::kInvalidValue;
  r.message = "a mobile number has 11 digits, got 10";
  r.raw = "{\"type\":\"call\",\"caller\":\"1380013800\"}";
  ASSERT_TRUE((*writer)->Write(r).ok());
  ASSERT_TRUE((*writer)->Flush().ok());
  EXPECT_EQ((*writer)->written(), 1u);
  EXPECT_EQ(
      ReadFileBytes(dir.path() + "/q.jsonl"),
      "{\"file\":\"in/calls.jsonl\",\"line\":7,\"field\":\"caller\",\"reason\":\"invalid_value\","
      "\"message\":\"a mobile number has 11 digits, got 10\","
      "\"raw\":\"{\\\"type\\\":\\\"call\\\",\\\"caller\\\":\\\"1380013800\\\"}\"}\n");
}

TEST(QuarantineWriter, KeepsBytesThatAreNotUtf8InRawBase64) {
  TempDir dir;
  const std::string path = dir.path() + "/q.jsonl";
  {
    auto writer = QuarantineWriter::Open(path);
    ASSERT_TRUE(writer.ok());
    QuarantineRecord r;
    r.file = "gbk.jsonl";
    r.line = 1;
    r.reason = formats::Reason::kBadEncoding;
    r.raw = "x\xC4\xE3";
    ASSERT_TRUE((*writer)->Write(r).ok());
    r.raw = "转换后";
    r.raw_original = "\xD7\xAA\xBB\xBB\xBA\xF3";
    ASSERT_TRUE((*writer)->Write(r).ok());
  }  // closing flushes
  std::string text = ReadFileBytes(path);
  size_t nl = text.find('\n');
  ASSERT_NE(nl, std::string::npos);
  auto first = nlohmann::json::parse(text.substr(0, nl));
  EXPECT_EQ(first["raw"], "x\xEF\xBF\xBD\xEF\xBF\xBD") << "U+FFFD for each byte that is not UTF-8";
  EXPECT_EQ(first["raw_base64"], Base64Encode("x\xC4\xE3"));
  auto second = nlohmann::json::parse(text.substr(nl + 1));
  EXPECT_EQ(second["raw"], "转换后");
  EXPECT_EQ(second["raw_base64"], Base64Encode("\xD7\xAA\xBB\xBB\xBA\xF3"));
}

TEST(QuarantineWriter, OpenNamesAPathItCannotCreate) {
  auto writer = QuarantineWriter::Open("/nonexistent/wuzha/quarantine.jsonl");
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), StatusCode::kIoError);
  EXPECT_THAT(std::string(writer.status().message()),
              HasSubstr("/nonexistent/wuzha/quarantine.jsonl"));
}

}  // namespace
}  // namespace wuzha::ingest
