#include "formats/reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <iconv.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "temp_dir.h"

namespace wuzha::formats {
namespace {

using ::testing::HasSubstr;
using wuzha::testing::TempDir;

const std::string kTestdata = std::string(WUZHA_TESTDATA_DIR) + "/formats/testdata/";

// One record as the reader returned it, copied out of the reader's buffers.
struct Record {
  EventReader::Step step;
  Event event;
  RecordError error;
  uint64_t line = 0;
  std::string raw;
  std::string raw_original;
};

std::unique_ptr<EventReader> Open(const std::string& path, const ReaderOptions& options = {}) {
  auto reader = OpenEventReader(path, options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return reader.ok() ? std::move(reader).value() : nullptr;
}

std::vector<Record> ReadAll(EventReader& reader) {
  std::vector<Record> out;
  for (;;) {
    Record r;
    RecordInfo info;
    r.step = reader.Next(r.event, r.error, info);
    if (r.step == EventReader::Step::kEnd) break;
    r.line = info.line;
    r.raw = std::string(info.raw);
    r.raw_original = std::string(info.raw_original);
    out.push_back(std::move(r));
  }
  EXPECT_TRUE(reader.status().ok()) << reader.status().ToString();
  return out;
}

// Text converted from UTF-8 to GB18030 (a superset of GBK), as a Chinese bank exports it.
std::string ToGb18030(std::string_view utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(utf8.data());
  size_t src_left = utf8.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  EXPECT_NE(iconv(cd, &src, &src_left, &dst, &dst_left), static_cast<size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

void ExpectEvent(const Record& r, EventType type, uint64_t line) {
  EXPECT_EQ(r.step, EventReader::Step::kEvent)
      << "line " << r.line << " refused: " << ReasonName(r.error.reason) << " field '"
      << r.error.field << "': " << r.error.message;
  EXPECT_EQ(r.event.type, type);
  EXPECT_EQ(r.line, line);
}

void ExpectRefused(const Record& r, Reason reason, std::string_view field, uint64_t line) {
  EXPECT_EQ(r.step, EventReader::Step::kRefused) << "line " << r.line;
  EXPECT_EQ(ReasonName(r.error.reason), ReasonName(reason)) << r.error.message;
  EXPECT_EQ(r.error.field, field) << r.error.message;
  EXPECT_EQ(r.line, line);
}

// ---- CSV --------------------------------------------------------------------------------

TEST(CsvReader, ReadsRowsOfSeveralTypesFromATypeColumn) {
  auto reader = Open(kTestdata + "mixed_types.csv");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->format(), FileFormat::kCsv);
  EXPECT_EQ(reader->encoding(), TextEncoding::kUtf8);
  auto records = ReadAll(*reader);
  ASSERT_EQ(records.size(), 2u);
  ExpectEvent(records[0], EventType::kCall, 2);
  EXPECT_EQ(records[0].event.id, "c1");
  EXPECT_EQ(records[0].event.as<CallEvent>().callee, "8613912345678");
  EXPECT_EQ(records[0].event.as<CallEvent>().duration_s, 60);
  ExpectEvent(records[1], EventType::kSms, 3);
  EXPECT_EQ(records[1].event.as<SmsEvent>().sender, "8695588");
  EXPECT_EQ(records[1].event.as<SmsEvent>().text, "您好,\"客户\"：账户异常");
  // "operator" is no field of either type; only the row that fills it counts.
  ASSERT_EQ(reader->unknown_fields().count("operator"), 1u);
  EXPECT_EQ(reader->unknown_fields().at("operator"), 1u);
}

TEST(CsvReader, TakesTheTypeFromTheFileNameAndKeepsGoingAfterBadRows) {
  auto reader = Open(kTestdata + "transfer.csv");
  ASSERT_NE(reader, nullptr);
  auto records = ReadAll(*reader);
  ASSERT_EQ(records.size(), 5u);

  ExpectEvent(records[0], EventType::kTransfer, 2);
  const auto& t1 = records[0].event.as<TransferEvent>();
  EXPECT_EQ(t1.from_account, "6222021234567890123");
  EXPECT_EQ(t1.amount.fen(), 4980000);
  EXPECT_EQ(t1.from_name, "张伟");
  EXPECT_EQ(t1.memo, "保证金");

  // A quoted memo over two lines: one record, numbered by its first line.
  ExpectEvent(records[1], EventType::kTransfer, 3);
  EXPECT_EQ(records[1].event.as<TransferEvent>().memo, "房租\n五月");
  EXPECT_EQ(records[1].event.as<TransferEvent>().amount.fen(), 123450);

  ExpectEvent(records[2], EventType::kTransfer, 5);
  EXPECT_EQ(records[2].event.as<TransferEvent>().channel, Channel::kAtm);

  ExpectRefused(records[3], Reason::kMalformed, "", 6);
  EXPECT_THAT(records[3].error.message, HasSubstr("5 columns where the header has 9"));
  EXPECT_THAT(records[3].raw, ::testing::StartsWith("T4,"));

  ExpectRefused(records[4], Reason::kInvalidValue, "amount", 7);
}

TEST(CsvReader, TakesTheTypeFromTheOptionWhenTheFileNameSaysNothing) {
  ReaderOptions options;
  options.csv_type = EventType::kTransfer;
  auto reader = Open(kTestdata + "bank_export.csv", options);
  ASSERT_NE(reader, nullptr);
  auto records = ReadAll(*reader);
  ASSERT_EQ(records.size(), 1u);
  ExpectEvent(records[0], EventType::kTransfer, 2);
  EXPECT_EQ(records[0].event.as<TransferEvent>().amount.fen(), 100);
}

TEST(CsvReader, RefusesAHeaderWithoutTypeWhenNothingGivesTheType) {
  auto reader = OpenEventReader(kTestdata + "bank_export.csv", ReaderOptions());
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidArgument);
  const std::string message(reader.status().message());
  EXPECT_THAT(message, HasSubstr(kTestdata + "bank_export.csv:1:"));
  EXPECT_THAT(message, HasSubstr("'type' column"));
  EXPECT_THAT(message, HasSubstr("--type"));
}

TEST(CsvReader, RefusesAnEmptyFile) {
  TempDir dir;
  auto reader = OpenEventReader(dir.Write("call.csv", ""), ReaderOptions());
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(reader.status().message()), HasSubstr("empty CSV file"));
}

const std::string_view kGbkTransfers =
    "id,ts,from_account,to_account,amount,from_name,to_name,memo\n"
    "T1,2024-05-01 10:21:05,6222021234567890123,6217002870012345678,¥49800,张伟,李娜,保证金\n"
    "T2,2024-05-01 10:22:05,6222021234567890123,6217002870012345678,100,,,\n"
    "T3,2024-05-01 10:23:05,6222021234567890123,6217002870012345678,200,欧阳娜娜,,\"刷单,返利\"\n";

TEST(CsvReader, DetectsGbkAndConvertsNamesToUtf8) {
  TempDir dir;
  const std::string gbk = ToGb18030(kGbkTransfers);
  ASSERT_NE(gbk, kGbkTransfers);
  auto reader = Open(dir.Write("transfers_icbc.csv", gbk));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->encoding(), TextEncoding::kGbk);
  auto records = ReadAll(*reader);
  ASSERT_EQ(records.size(), 3u);
  ExpectEvent(records[0], EventType::kTransfer, 2);
  const auto& t1 = records[0].event.as<TransferEvent>();
  EXPECT_EQ(t1.from_name, "张伟");
  EXPECT_EQ(t1.to_name, "李娜");
  EXPECT_EQ(t1.memo, "保证金");
  EXPECT_EQ(t1.amount.fen(), 4980000) << "the yuan sign converts too";
  // The raw record is the converted text; the bytes as read are kept beside it.
  EXPECT_THAT(records[0].raw, HasSubstr("张伟,李娜"));
  EXPECT_EQ(records[0].raw_original, ToGb18030(records[0].raw));
  ExpectEvent(records[1], EventType::kTransfer, 3);
  EXPECT_TRUE(records[1].raw_original.empty()) << "an ASCII row needs no conversion";
  ExpectEvent(records[2], EventType::kTransfer, 4);
  EXPECT_EQ(records[2].event.as<TransferEvent>().from_name, "欧阳娜娜");
  EXPECT_EQ(records[2].event.as<TransferEvent>().memo, "刷单,返利");
}

TEST(CsvReader, RefusesGbkRowsAsBadEncodingWhenUtf8IsForced) {
  TempDir dir;
  ReaderOptions options;
  options.csv_encoding = TextEncoding::kUtf8;
  auto reader = Open(dir.Write("transfers_icbc.csv", ToGb18030(kGbkTransfers)), options);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->encoding(), TextEncoding::kUtf8);
  auto records = ReadAll(*reader);
  ASSERT_EQ(records.size(), 3u);
  ExpectRefused(records[0], Reason::kBadEncoding, "", 2);
  EXPECT_THAT(records[0].error.message, HasSubstr("gbk"));
  ExpectEvent(records[1], EventType::kTransfer, 3);
  ExpectRefused(records[2], Reason::kBadEncoding, "", 4);
}

TEST(CsvReader, RefusesUnknownAndEmptyTypes) {
  TempDir dir;
  auto reader = Open(dir.Write("events.csv",
                               "type,ts,warning_id,outcome\n"
                               "fax,1,W1,refused\n"
                               ",1,W1,refused\n"
                               "feedback,1,W1,refused\n"));
  ASSERT_NE(reader, nullptr);
  auto records = ReadAll(*reader);
  ASSERT_EQ(records.size(), 3u);
  ExpectRefused(records[0], Reason::kUnknownType, "type", 2);
  ExpectRefused(records[1], Reason::kMissingType, "type", 3);
  ExpectEvent(records[2], EventType::kFeedback, 4);
}

TEST(CsvReader, RefusesAnUnclosedQuoteAtTheEndOfTheFile) {
  TempDir dir;
  auto reader = Open(dir.Write("feedback.csv",
                               "ts,warning_id,outcome,note\n"
                               "1,W1,refused,ok\n"
                               "2,W2,refused,\"never closed\n"
                               "3,W3,refused,swallowed\n"));
  ASSERT_NE(reader, nullptr);
  auto records = ReadAll(*reader);
  ASSERT_EQ(records.size(), 2u);
  ExpectEvent(records[0], EventType::kFeedback, 2);
  ExpectRefused(records[1], Reason::kMalformed, "", 3);
  EXPECT_THAT(records[1].error.message, HasSubstr("unclosed quote"));
}

TEST(CsvReader, CountsBlankLinesWithoutMakingRecords) {
  TempDir dir;
  auto reader = Open(dir.Write("feedback.csv", "ts,warning_id,outcome\n\n1,W1,refused\n  \n"));
  ASSERT_NE(reader, nullptr);
  auto records = ReadAll(*reader);
  ASSERT_EQ(records.size(), 1u);
  ExpectEvent(records[0], EventType::kFeedback, 3);
  EXPECT_EQ(reader->blank_lines(), 2u);
}

// ---- JSON Lines and format detection ----------------------------------------------------

TEST(JsonlReader, ReadsByExtensionOrByTheFirstByte) {
  TempDir dir;
  const std::string line = R"({"type":"feedback","ts":1,"warning_id":"W1","outcome":"refused"})";
  for (std::string name : {"a.jsonl", "b.ndjson", "c.json", "d.txt", "noextension"}) {
    SCOPED_TRACE(name);
    auto reader = Open(dir.Write(name, "\xEF\xBB\xBF\n  " + line + "\n"));
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->format(), FileFormat::kJsonl);
    auto records = ReadAll(*reader);
    ASSERT_EQ(records.size(), 1u);
    ExpectEvent(records[0], EventType::kFeedback, 2);
    EXPECT_EQ(reader->blank_lines(), 1u);
  }
}

TEST(JsonlReader, RefusesALineOverTheLimitAndReadsTheNext) {
  TempDir dir;
  ReaderOptions options;
  options.max_line_bytes = 80;
  const std::string good = R"({"type":"feedback","ts":1,"warning_id":"W1","outcome":"refused"})";
  const std::string long_line =
      R"({"type":"feedback","ts":1,"warning_id":"W1","outcome":"refused","note":")" +
      std::string(200, 'x') + "\"}";
  auto reader = Open(dir.Write("e.jsonl", good + "\n" + long_line + "\n" + good + "\n"), options);
  ASSERT_NE(reader, nullptr);
  auto records = ReadAll(*reader);
  ASSERT_EQ(records.size(), 3u);
  ExpectEvent(records[0], EventType::kFeedback, 1);
  ExpectRefused(records[1], Reason::kLineTooLong, "", 2);
  EXPECT_THAT(records[1].error.message, HasSubstr(std::to_string(long_line.size()) + " bytes"));
  EXPECT_EQ(records[1].raw.size(), 80u);
  ExpectEvent(records[2], EventType::kFeedback, 3);
}

TEST(OpenEventReader, NamesAMissingFile) {
  auto reader = OpenEventReader("/nonexistent/wuzha/calls.jsonl", ReaderOptions());
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(std::string(reader.status().message()), HasSubstr("/nonexistent/wuzha/calls.jsonl"));
}

TEST(TextEncoding, ParsesNamesAndNamesThemBack) {
  TextEncoding e;
  ASSERT_TRUE(ParseTextEncoding("gb18030", e));
  EXPECT_EQ(e, TextEncoding::kGbk);
  ASSERT_TRUE(ParseTextEncoding("utf8", e));
  EXPECT_EQ(TextEncodingName(e), "utf-8");
  EXPECT_FALSE(ParseTextEncoding("latin1", e));
}

}  // namespace
}  // namespace wuzha::formats
