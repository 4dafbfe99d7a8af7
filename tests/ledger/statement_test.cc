#include "ledger/statement.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "../formats/temp_dir.h"

namespace wuzha::ledger {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using wuzha::testing::ReadFileBytes;
using wuzha::testing::TempDir;

const std::string kDir = std::string(WUZHA_TESTDATA_DIR) + "/ledger/testdata/statements";
const std::string kPayerStatement = kDir + "/6222021234567890123-1.csv";
const std::string kPayeeStatement = kDir + "/6217002870012345678-2.csv";

// The quarantine file, one parsed JSON object a line.
std::vector<nlohmann::json> Quarantined(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::istringstream in(ReadFileBytes(path));
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

struct Quarantine {
  TempDir dir;
  std::string path = dir.path() + "/quarantine.jsonl";
  std::unique_ptr<ingest::QuarantineWriter> writer = *ingest::QuarantineWriter::Open(path);
};

TEST(Statement, ImportsASimStatementAndQuarantinesItsBadRows) {
  Ledger l;
  Quarantine q;
  auto r = ImportStatement(l, kPayerStatement, q.writer.get());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files, 1u);
  EXPECT_EQ(r->read, 7u);
  EXPECT_EQ(r->added, 3u);
  EXPECT_EQ(r->duplicate, 0u);
  EXPECT_EQ(r->not_moved, 1u);  // E104, held
  EXPECT_EQ(r->quarantined, 3u);
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l.TransactionId(2), "E103");
  EXPECT_EQ(l.kind(2), FlowKind::kCrypto);  // memo 买USDT
  EXPECT_EQ(l.fen(0), 4980000);

  const auto bad = Quarantined(q.path);
  ASSERT_EQ(bad.size(), 3u);
  EXPECT_EQ(bad[0]["file"], kPayerStatement);
  EXPECT_EQ(bad[0]["line"], 6);
  EXPECT_EQ(bad[0]["field"], "amount_fen");
  EXPECT_EQ(bad[0]["reason"], "invalid_value");
  EXPECT_THAT(bad[0]["raw"].get<std::string>(), HasSubstr("E105"));
  EXPECT_EQ(bad[1]["line"], 7);
  EXPECT_EQ(bad[1]["field"], "from_account");
  EXPECT_EQ(bad[1]["reason"], "missing_field");
  EXPECT_EQ(bad[2]["line"], 8);
  EXPECT_EQ(bad[2]["reason"], "missing_field");  // a call row: no caller column here
}

TEST(Statement, ReadsABankExportWithoutTypeColumnInYuanAndLocalTime) {
  Ledger l;
  Quarantine q;
  auto r = ImportStatement(l, kPayeeStatement, q.writer.get());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->read, 7u);
  EXPECT_EQ(r->added, 4u);
  EXPECT_EQ(r->not_moved, 1u);  // E110, blocked
  EXPECT_EQ(r->quarantined, 2u);
  EXPECT_EQ(r->read, r->added + r->duplicate + r->not_moved + r->quarantined);
  const AccountId payer = *l.FindAccount("6222021234567890123");  // spaces removed
  EXPECT_EQ(l.fen(0), 4980000);
  EXPECT_EQ(l.ts(0).millis(), 1714530065000);
  EXPECT_EQ(l.from(0), payer);
  EXPECT_EQ(l.kind(3), FlowKind::kCash);  // E109, no payee
  // E108 came late (10:20, before E101's 10:21): first in the payee's incoming rows.
  const AccountId payee = *l.FindAccount("6217002870012345678");
  EXPECT_THAT(std::vector<Row>(l.Incoming(payee).begin(), l.Incoming(payee).end()),
              ElementsAre(2, 0));
  const auto bad = Quarantined(q.path);
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0]["line"], 7);
  EXPECT_EQ(bad[0]["reason"], "malformed");  // three columns where the header has eight
  EXPECT_EQ(bad[1]["line"], 8);
  EXPECT_EQ(bad[1]["reason"], "malformed");  // an unclosed quote
}

TEST(Statement, DirectoryImportDeduplicatesAcrossStatementsInNameOrder) {
  Ledger l;
  Quarantine q;
  auto r = ImportStatementDir(l, kDir, q.writer.get());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->files, 3u);                          // not-a-statement.txt is not read
  EXPECT_EQ(r->per_file[0].path, kPayeeStatement);  // "6217..." sorts before "6222..."
  EXPECT_EQ(r->per_file[1].path, kPayerStatement);
  EXPECT_EQ(r->per_file[1].duplicate, 2u);  // E101 and E102, already in the payee's
  EXPECT_EQ(r->per_file[2].duplicate, 1u);  // E102 again, in the JSON Lines statement
  EXPECT_EQ(r->read, 17u);
  EXPECT_EQ(r->added, 6u);
  EXPECT_EQ(r->duplicate, 3u);
  EXPECT_EQ(r->not_moved, 2u);
  EXPECT_EQ(r->quarantined, 6u);
  EXPECT_EQ(r->files_failed, 0u);
  EXPECT_EQ(l.size(), 6u);
  const auto bad = Quarantined(q.path);
  ASSERT_EQ(bad.size(), 6u);
  EXPECT_EQ(bad[5]["field"], "type");  // a call event in a JSON Lines statement
  EXPECT_EQ(bad[5]["reason"], "invalid_value");
  EXPECT_THAT(bad[5]["message"].get<std::string>(), HasSubstr("transfers only"));
  EXPECT_EQ(r->ToJson(),
            R"({"files":3,"files_failed":0,"read":17,"added":6,"duplicate":3,"not_moved":2,)"
            R"("quarantined":6,"errors":[]})");

  // The same directory again gives the same rows in the same order.
  Ledger again;
  ASSERT_TRUE(ImportStatementDir(again, kDir, nullptr).ok());
  ASSERT_EQ(again.size(), l.size());
  for (Row row = 0; row < l.size(); ++row) {
    EXPECT_EQ(again.TransactionId(row), l.TransactionId(row));
  }
  // And importing it into the same ledger adds nothing.
  auto twice = ImportStatementDir(l, kDir, nullptr);
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice->added, 0u);
  EXPECT_EQ(twice->duplicate, 9u);
}

TEST(Statement, AFileThatCannotBeReadIsReportedAndSkipped) {
  TempDir dir;
  dir.Write("a-1.csv", "");  // no header row
  dir.Write("b-2.csv",
            "id,ts,from_account,to_account,amount_fen\nX1,1714530065000,111111,222222,5\n");
  Ledger l;
  auto r = ImportStatementDir(l, dir.path(), nullptr);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files, 2u);
  EXPECT_EQ(r->files_failed, 1u);
  EXPECT_THAT(r->per_file[0].error, HasSubstr("a-1.csv"));
  EXPECT_THAT(r->ToJson(), HasSubstr("empty CSV file"));
  EXPECT_EQ(r->added, 1u);

  EXPECT_EQ(ImportStatement(l, dir.path() + "/a-1.csv", nullptr).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ImportStatement(l, dir.path() + "/missing.csv", nullptr).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ImportStatementDir(l, dir.path() + "/missing", nullptr).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace wuzha::ledger
