#include "lists/persist.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lists/io.h"

namespace wuzha::lists {
namespace {

namespace fs = std::filesystem;
constexpr int64_t kNow = 1714537800000;

// A fresh directory under the test's temporary directory, removed afterwards.
class PersistTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (fs::temp_directory_path() / ("wuzha_persist_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(std::string_view name) const { return (fs::path(dir_) / name).string(); }
  std::string Read(std::string_view name) const {
    std::ifstream in(Path(name), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  std::string dir_;
};

Entry Domain(ListKind kind, std::string value, std::string source = "tw165") {
  Entry e;
  e.kind = kind;
  e.type = IndicatorType::kDomain;
  e.value = std::move(value);
  e.source = std::move(source);
  e.first_seen_ms = e.last_seen_ms = kNow;
  return e;
}

void Fill(Store& store) {
  Entry number{ListKind::kBlock, IndicatorType::kNumber, "+86 138 0013 8000", "wuhan-center",
               FraudType::kFakePolice, kNow, kNow, kNow + 86400000};
  ASSERT_TRUE(store.Upsert(number, "alice", kNow).ok());
  ASSERT_TRUE(store.Upsert(Domain(ListKind::kBlock, "scam.example.com"), "alice", kNow).ok());
  ASSERT_TRUE(store.Upsert(Domain(ListKind::kAllow, "bank.example.org", "ops"), "bob", kNow + 1).ok());
  ASSERT_TRUE(store.Upsert(Domain(ListKind::kBlock, "scam.example.com", "twnic"), "carol", kNow + 2).ok());
  ASSERT_TRUE(store.Remove(ListKind::kAllow, IndicatorType::kDomain, "bank.example.org", "dave",
                           kNow + 3).ok());
}

TEST_F(PersistTest, SaveThenLoadGivesTheSameEntriesAndAuditLog) {
  Store store;
  Fill(store);
  auto saved = SaveDir(store, dir_, 0);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(*saved, 5u);

  Store again;
  auto load = LoadDir(dir_, again);
  ASSERT_TRUE(load.ok()) << load.status().ToString();
  EXPECT_EQ(load->entries, 2u);
  EXPECT_EQ(load->audit_records, 5u);
  EXPECT_EQ(load->audit_skipped, 0u);
  EXPECT_EQ(again.Entries(), store.Entries());
  ASSERT_EQ(again.AuditLog().size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(again.AuditLog()[i].actor, store.AuditLog()[i].actor);
    EXPECT_EQ(again.AuditLog()[i].op, store.AuditLog()[i].op);
    EXPECT_EQ(again.AuditLog()[i].time_ms, store.AuditLog()[i].time_ms);
    EXPECT_EQ(again.AuditLog()[i].entry, store.AuditLog()[i].entry);
  }
  // History survives the restart, also for the removed entry.
  auto history = again.History(ListKind::kAllow, IndicatorType::kDomain, "bank.example.org");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].op, ChangeOp::kRemove);
  EXPECT_EQ(history[1].actor, "dave");
  // Restoring is not a change, and the restored entries are what a snapshot finds.
  EXPECT_NE(again.Publish()->Find(ListKind::kBlock, IndicatorType::kDomain, "a.scam.example.com",
                                  kNow),
            nullptr);
}

TEST_F(PersistTest, LaterSavesAppendOnlyTheNewAuditRecords) {
  Store store;
  Fill(store);
  ASSERT_TRUE(SaveDir(store, dir_, 0).ok());
  Store again;
  auto load = LoadDir(dir_, again);
  ASSERT_TRUE(load.ok());
  ASSERT_TRUE(again.Upsert(Domain(ListKind::kBlock, "new.example.net"), "erin", kNow + 9).ok());
  auto saved = SaveDir(again, dir_, load->audit_records);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(*saved, 6u);
  const std::string log = Read(kAuditFileName);
  EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 6);
  EXPECT_NE(log.find("\"actor\":\"erin\""), std::string::npos);

  Store third;
  ASSERT_TRUE(LoadDir(dir_, third).ok());
  EXPECT_EQ(third.Entries().size(), 3u);
  EXPECT_EQ(third.AuditLog().size(), 6u);
}

TEST_F(PersistTest, MissingDirectoryIsAnEmptyList) {
  Store store;
  auto load = LoadDir(dir_ + "/nothing", store);
  ASSERT_TRUE(load.ok());
  EXPECT_EQ(load->entries, 0u);
  EXPECT_TRUE(store.Entries().empty());
}

TEST_F(PersistTest, APathThatIsAFileIsFailedPrecondition) {
  fs::create_directories(dir_);
  std::ofstream(Path("file")) << "x";
  Store store;
  auto load = LoadDir(Path("file"), store);
  ASSERT_FALSE(load.ok());
  EXPECT_EQ(load.error().code(), StatusCode::kFailedPrecondition);
}

// After a crash mid-append the last audit line is cut short: it is skipped and
// reported, the rest loads, and the next save starts on a fresh line.
TEST_F(PersistTest, ATruncatedAuditLineIsSkippedAndTheNextSaveStartsAFreshLine) {
  Store store;
  Fill(store);
  ASSERT_TRUE(SaveDir(store, dir_, 0).ok());
  std::ofstream(Path(kAuditFileName), std::ios::app) << "{\"time\":1714537800009,\"actor\":\"x";
  Store again;
  auto load = LoadDir(dir_, again);
  ASSERT_TRUE(load.ok());
  EXPECT_EQ(load->audit_records, 5u);
  EXPECT_EQ(load->audit_skipped, 1u);
  ASSERT_EQ(load->errors.size(), 1u);
  EXPECT_NE(load->errors[0].find("audit.jsonl:6: "), std::string::npos) << load->errors[0];
  ASSERT_TRUE(again.Upsert(Domain(ListKind::kBlock, "late.example.net"), "erin", kNow).ok());
  ASSERT_TRUE(SaveDir(again, dir_, load->audit_records).ok());
  Store third;
  auto reload = LoadDir(dir_, third);
  ASSERT_TRUE(reload.ok());
  EXPECT_EQ(reload->audit_records, 6u);
  EXPECT_EQ(reload->audit_skipped, 1u);
}

// entries.csv is rewritten whole on every save: a bad line cannot be skipped without
// deleting that entry at the next save, so loading refuses and names the line.
TEST_F(PersistTest, ABadEntriesLineIsDataLossNamingFileAndLine) {
  Store store;
  Fill(store);
  ASSERT_TRUE(SaveDir(store, dir_, 0).ok());
  std::ofstream(Path(kEntriesFileName), std::ios::app) << "block,planet,x,s,,0,0,0\n";
  Store again;
  auto load = LoadDir(dir_, again);
  ASSERT_FALSE(load.ok());
  EXPECT_EQ(load.error().code(), StatusCode::kDataLoss);
  EXPECT_NE(load.error().message().find("entries.csv:4: type"), std::string::npos)
      << load.error().message();
}

// A temporary file left by a crash before the rename is neither read nor left behind,
// and the old entries.csv stays whole until the new one replaces it.
TEST_F(PersistTest, AtomicWriteLeavesNoPartialFile) {
  Store store;
  Fill(store);
  ASSERT_TRUE(SaveDir(store, dir_, 0).ok());
  const std::string before = Read(kEntriesFileName);
  std::ofstream(Path(".entries.csv.tmp")) << "kind,type,value,sou";  // a crash mid-write
  Store again;
  auto load = LoadDir(dir_, again);
  ASSERT_TRUE(load.ok());
  EXPECT_EQ(Read(kEntriesFileName), before);
  ASSERT_TRUE(again.Upsert(Domain(ListKind::kBlock, "more.example.net"), "erin", kNow).ok());
  ASSERT_TRUE(SaveDir(again, dir_, load->audit_records).ok());
  std::vector<std::string> names;
  for (const auto& f : fs::directory_iterator(dir_)) names.push_back(f.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"audit.jsonl", "entries.csv"}));
  EXPECT_EQ(ImportCsv(Read(kEntriesFileName), {}).entries, again.Entries());
}

TEST_F(PersistTest, WriteFileAtomicallyIntoAMissingDirectoryIsIoError) {
  Status s = WriteFileAtomically(dir_ + "/no/such/dir/zone.rpz", "x");
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("no/such/dir"), std::string_view::npos) << s.message();
}

TEST_F(PersistTest, ASecondWriterIsTurnedAwayWhileTheLockIsHeld) {
  auto first = DirLock::Acquire(dir_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  // flock locks belong to the open file description: a second open conflicts even in
  // the same process.
  auto second = DirLock::Acquire(dir_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), StatusCode::kUnavailable);
  { DirLock released = std::move(*first); }
  EXPECT_TRUE(DirLock::Acquire(dir_).ok());
}

TEST(AuditRecordJson, RoundTripsEveryField) {
  AuditRecord r;
  r.time_ms = kNow;
  r.actor = "张三 \"ops\"";
  r.op = ChangeOp::kUpdate;
  r.entry = {ListKind::kProtected, IndicatorType::kNumber, "447700900123", "carrier-x",
             FraudType::kRomance, 1, 2, 3};
  const std::string json = AuditRecordToJson(r);
  EXPECT_NE(json.find("\"value\":\"+447700900123\""), std::string::npos) << json;
  auto back = ParseAuditRecordJson(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->time_ms, r.time_ms);
  EXPECT_EQ(back->actor, r.actor);
  EXPECT_EQ(back->op, r.op);
  EXPECT_EQ(back->entry, r.entry);
}

TEST(AuditRecordJson, NamesTheBadField) {
  auto no_op = ParseAuditRecordJson(
      R"({"time":1,"actor":"a","entry":{"kind":"block","type":"domain","value":"x.com"}})");
  ASSERT_FALSE(no_op.ok());
  EXPECT_EQ(no_op.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_op.error().message(), "op: missing");
  auto bad_value = ParseAuditRecordJson(
      R"({"time":1,"actor":"a","op":"add","entry":{"kind":"block","type":"domain","value":"com"}})");
  ASSERT_FALSE(bad_value.ok());
  EXPECT_EQ(bad_value.error().message().rfind("entry.value: ", 0), 0u) << bad_value.error().message();
  auto bad_kind = ParseAuditRecordJson(
      R"({"time":1,"actor":"a","op":"add","entry":{"kind":"grey","type":"domain","value":"x.com"}})");
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_EQ(bad_kind.error().message(), "entry.kind: unknown 'grey'");
  EXPECT_FALSE(ParseAuditRecordJson("[1,2]").ok());
  EXPECT_FALSE(ParseAuditRecordJson("").ok());
}

TEST(ReadAuditLog, CountsAndNamesBadLines) {
  const std::string good = AuditRecordToJson(
      {kNow, "a", ChangeOp::kAdd, Domain(ListKind::kBlock, "scam.example.com")});
  auto read = ReadAuditLog(good + "\n\nnot json\n" + good + "\n", "audit.jsonl");
  EXPECT_EQ(read.lines, 4u);
  EXPECT_EQ(read.records.size(), 2u);
  EXPECT_EQ(read.skipped, 1u);
  ASSERT_EQ(read.errors.size(), 1u);
  EXPECT_EQ(read.errors[0].rfind("audit.jsonl:3: not JSON", 0), 0u) << read.errors[0];
}

}  // namespace
}  // namespace wuzha::lists
