#include "formats/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"

namespace wuzha::formats {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The fields of `record` as strings; fails the test when it does not split.
std::vector<std::string> Split(std::string_view record) {
  std::vector<std::string_view> fields;
  std::string scratch;
  Status s = SplitCsvRecord(record, fields, scratch);
  EXPECT_TRUE(s.ok()) << "'" << record << "': " << s.ToString();
  return std::vector<std::string>(fields.begin(), fields.end());
}

Status SplitError(std::string_view record) {
  std::vector<std::string_view> fields;
  std::string scratch;
  return SplitCsvRecord(record, fields, scratch);
}

TEST(SplitCsvRecord, SplitsPlainFieldsAtCommas) {
  EXPECT_THAT(Split("a,b,c"), ElementsAre("a", "b", "c"));
  EXPECT_THAT(Split("张伟, 李娜 ,x"), ElementsAre("张伟", " 李娜 ", "x"));
}

TEST(SplitCsvRecord, KeepsCommasAndNewlinesInsideQuotes) {
  EXPECT_THAT(Split("\"a,b\",c"), ElementsAre("a,b", "c"));
  EXPECT_THAT(Split("1,\"line one\nline two\",3"), ElementsAre("1", "line one\nline two", "3"));
  EXPECT_THAT(Split("\"\r\n\""), ElementsAre("\r\n"));
}

TEST(SplitCsvRecord, UnescapesDoubledQuotes) {
  EXPECT_THAT(Split("\"say \"\"hi\"\"\",x"), ElementsAre("say \"hi\"", "x"));
  EXPECT_THAT(Split("\"\"\"\",\"a\"\"b\",\"c\"\"d\"\"\""), ElementsAre("\"", "a\"b", "c\"d\""));
}

TEST(SplitCsvRecord, ReadsEmptyFieldsEverywhere) {
  EXPECT_THAT(Split(""), ElementsAre(""));
  EXPECT_THAT(Split(","), ElementsAre("", ""));
  EXPECT_THAT(Split("a,b,"), ElementsAre("a", "b", "")) << "a trailing comma is one more field";
  EXPECT_THAT(Split(",,x"), ElementsAre("", "", "x"));
  EXPECT_THAT(Split("\"\",\"\""), ElementsAre("", ""));
  EXPECT_THAT(Split("\"a\","), ElementsAre("a", ""));
}

TEST(SplitCsvRecord, KeepsAStrayQuoteInsideAnUnquotedField) {
  EXPECT_THAT(Split("5\" pipe,x"), ElementsAre("5\" pipe", "x"));
}

TEST(SplitCsvRecord, RefusesAnUnclosedQuoteNamingTheColumn) {
  Status s = SplitError("a,\"bc,d");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), HasSubstr("unclosed quote in column 2"));
  EXPECT_EQ(SplitError("\"").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitError("\"a\"\"").code(), StatusCode::kInvalidArgument);
}

TEST(SplitCsvRecord, RefusesTextAfterAClosingQuoteNamingTheColumn) {
  Status s = SplitError("x,\"ab\"c,d");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), HasSubstr("text after a closing quote in column 2"));
  EXPECT_EQ(SplitError("\"a\" ,b").code(), StatusCode::kInvalidArgument);
}

TEST(CsvRecordComplete, SaysWhetherAQuotedFieldIsStillOpen) {
  EXPECT_TRUE(CsvRecordComplete(""));
  EXPECT_TRUE(CsvRecordComplete("a,b"));
  EXPECT_TRUE(CsvRecordComplete("\"a,b\",c"));
  EXPECT_FALSE(CsvRecordComplete("1,\"line one"));
  EXPECT_TRUE(CsvRecordComplete("1,\"line one\nline two\""));
  EXPECT_FALSE(CsvRecordComplete("\"a\"\"")) << "a doubled quote does not close";
  EXPECT_TRUE(CsvRecordComplete("\"a\"\"\""));
  EXPECT_TRUE(CsvRecordComplete("5\" pipe")) << "a quote inside a field opens nothing";
  EXPECT_FALSE(CsvRecordComplete("x,\""));
}

// Every string of up to seven characters from {a , " \n}: when CsvRecordComplete says
// the record is complete, splitting never finds an unclosed quote; when it says a quote
// is open, splitting fails.
TEST(CsvRecordComplete, AgreesWithSplitCsvRecordOnEveryShortString) {
  constexpr char kAlphabet[] = {'a', ',', '"', '\n'};
  std::string s;
  int checked = 0;
  for (size_t len = 0; len <= 7; ++len) {
    size_t combinations = size_t{1} << (2 * len);
    for (size_t code = 0; code < combinations; ++code) {
      s.clear();
      for (size_t i = 0, c = code; i < len; ++i, c >>= 2) s.push_back(kAlphabet[c & 3]);
      Status split = SplitError(s);
      bool unclosed = !split.ok() && split.message().find("unclosed") != std::string_view::npos;
      if (CsvRecordComplete(s)) {
        ASSERT_FALSE(unclosed) << "'" << s << "'";
      } else {
        ASSERT_FALSE(split.ok()) << "'" << s << "'";
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 21845);
}

TEST(AppendCsvField, QuotesOnlyWhenNeededAndSplitsBack) {
  for (std::string_view s :
       {"plain", "", "a,b", "say \"hi\"", "two\nlines", "cr\r", "\"", "张伟"}) {
    std::string out;
    AppendCsvField(s, out);
    EXPECT_EQ(out.front() == '"', s.find_first_of(",\"\r\n") != std::string_view::npos) << out;
    EXPECT_THAT(Split(out), ElementsAre(std::string(s))) << out;
  }
}

TEST(CsvHeader, ListsFieldsWithOneAmountSpellingThenLabels) {
  EXPECT_EQ(CsvHeader(EventType::kFeedback),
            "type,id,ts,warning_id,officer_id,outcome,note,label.fraud,label.fraud_type,"
            "label.gang,label.campaign,label.role,label.victim");
  const std::string transfer = CsvHeader(EventType::kTransfer);
  EXPECT_THAT(transfer, HasSubstr(",amount_fen,"));
  EXPECT_THAT(transfer, ::testing::Not(HasSubstr(",amount,")));
}

TEST(AppendEventCsv, WritesOneCellPerHeaderColumn) {
  Event e;
  e.Reset(EventType::kTransfer);
  e.ts = Timestamp::FromMillis(1714529700000);
  auto& t = e.as<TransferEvent>();
  t.from_account = "6222021234567890123";
  t.to_account = "6217002870012345678";
  t.amount = Money::FromFen(123450);
  t.memo = "房租, \"五月\"";
  std::string row;
  AppendEventCsv(e, row);
  EXPECT_EQ(Split(row).size(), Split(CsvHeader(EventType::kTransfer)).size());
  EXPECT_THAT(row, ::testing::StartsWith("transfer,,1714529700000,6222021234567890123,"
                                         "6217002870012345678,123450,"));
  EXPECT_THAT(row, HasSubstr(",\"房租, \"\"五月\"\"\","));
}

// Regression: a label saying "not fraud" left every label cell empty, which reads back
// as no label at all.
TEST(AppendEventCsv, WritesFraudFalseForALabelledEvent) {
  Event e;
  e.Reset(EventType::kFeedback);
  e.as<FeedbackEvent>().warning_id = "W1";
  e.has_label = true;
  std::string row;
  AppendEventCsv(e, row);
  EXPECT_EQ(row, "feedback,,0,W1,,in_progress,,false,,,,,");
  e.has_label = false;
  row.clear();
  AppendEventCsv(e, row);
  EXPECT_EQ(row, "feedback,,0,W1,,in_progress,,,,,,,");
}

}  // namespace
}  // namespace wuzha::formats
