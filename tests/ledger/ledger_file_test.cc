#include "ledger/ledger_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "../formats/temp_dir.h"

namespace wuzha::ledger {
namespace {

using ::testing::HasSubstr;
using wuzha::testing::ReadFileBytes;
using wuzha::testing::TempDir;

constexpr int64_t kT0 = 1'714'530'000'000;

std::string LogOf(const TempDir& dir) { return dir.path() + "/" + std::string(kLedgerFileName); }

// Appends `n` generated rows: late rows, cash, wide amounts and ts, ids of several shapes.
void Fill(Ledger& l, int n, uint64_t seed, int first_id = 0) {
  std::mt19937_64 rng(seed);
  int64_t t = kT0 + static_cast<int64_t>(first_id) * 10;
  for (int i = 0; i < n; ++i) {
    t += static_cast<int64_t>(rng() % 30);
    int64_t ts = rng() % 10 == 0 ? t - static_cast<int64_t>(rng() % 500000) : t;
    if (rng() % 5000 == 0) ts += int64_t{60} * 24 * 3600 * 1000;  // far off: a wide ts
    const std::string from = "6222" + std::to_string(10000000 + rng() % 700);
    const std::string to = rng() % 30 == 0 ? "" : "6228" + std::to_string(10000000 + rng() % 700);
    const int64_t fen =
        rng() % 1000 == 0 ? (int64_t{1} << 35) : 1 + static_cast<int64_t>(rng() % 99999);
    std::string id;
    switch (rng() % 4) {
      case 0: id = "E" + std::to_string(first_id + i); break;
      case 1: id = "T20240501-" + std::to_string(100000 + first_id + i); break;
      case 2: id = "x" + std::to_string(rng()) + "-" + std::to_string(i + first_id); break;
      default: id = ""; break;
    }
    const Channel ch = to.empty() ? Channel::kAtm : static_cast<Channel>(rng() % 6);
    const FlowKind kind = to.empty() ? FlowKind::kCash : static_cast<FlowKind>(rng() % 5);
    ASSERT_TRUE(l.Append(id, Timestamp::FromMillis(ts), from, to, fen, ch, kind).ok());
  }
}

void ExpectSame(const Ledger& a, const Ledger& b) {
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.account_count(), b.account_count());
  for (Row r = 0; r < a.size(); ++r) {
    ASSERT_EQ(a.ts(r), b.ts(r)) << r;
    ASSERT_EQ(a.from(r), b.from(r)) << r;
    ASSERT_EQ(a.to(r), b.to(r)) << r;
    ASSERT_EQ(a.fen(r), b.fen(r)) << r;
    ASSERT_EQ(a.channel(r), b.channel(r)) << r;
    ASSERT_EQ(a.kind(r), b.kind(r)) << r;
    ASSERT_EQ(a.TransactionId(r), b.TransactionId(r)) << r;
  }
  for (AccountId id = 0; id < a.account_count(); ++id) {
    ASSERT_EQ(a.AccountNumber(id), b.AccountNumber(id));
    ASSERT_EQ(b.FindAccount(a.AccountNumber(id)), id);
    const auto ao = a.Outgoing(id), bo = b.Outgoing(id), ai = a.Incoming(id), bi = b.Incoming(id);
    ASSERT_EQ(std::vector<Row>(ao.begin(), ao.end()), std::vector<Row>(bo.begin(), bo.end()));
    ASSERT_EQ(std::vector<Row>(ai.begin(), ai.end()), std::vector<Row>(bi.begin(), bi.end()));
    const auto aa = a.Anchor(id), ba = b.Anchor(id);
    ASSERT_EQ(aa.has_value(), ba.has_value()) << id;
    if (aa) {
      EXPECT_EQ(aa->at, ba->at);
      EXPECT_EQ(aa->fen, ba->fen);
    }
    ASSERT_EQ(a.OpeningBalance(id), b.OpeningBalance(id));
  }
}

TEST(LedgerFile, ReopenedLedgerEqualsTheOriginal) {
  TempDir dir;
  Ledger original;
  Fill(original, 150000, 1);  // more than one block of 65,536 rows
  original.SetBalance("622210000005", Timestamp::FromMillis(kT0 + 5000), 123456);
  original.SetBalance("999", Timestamp::FromMillis(kT0), 7);  // an account without rows
  ASSERT_TRUE(AttachLedgerDir(original, dir.path()).ok());
  EXPECT_TRUE(original.durable());
  original.SetBalance("622210000006", Timestamp::FromMillis(kT0 + 9000), -5);
  ASSERT_TRUE(original.Flush().ok());

  LedgerLoadReport report;
  auto loaded = LoadLedgerDir(dir.path(), &report);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_FALSE(loaded->durable());
  EXPECT_GE(report.blocks, 3u);
  EXPECT_EQ(report.dropped_bytes, 0u);
  EXPECT_TRUE(report.warning.empty());
  EXPECT_EQ(report.bytes, std::filesystem::file_size(LogOf(dir)));
  ExpectSame(original, *loaded);
}

TEST(LedgerFile, ReopenThenAppendContinues) {
  TempDir dir;
  Ledger reference;
  {
    auto l = OpenLedgerDir(dir.path());
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    EXPECT_EQ(l->size(), 0u);
    Fill(*l, 3000, 2);
    Fill(reference, 3000, 2);
    ASSERT_TRUE(l->Flush().ok());
    ASSERT_TRUE(l->Flush().ok());  // nothing new: no block
  }
  {
    auto l = OpenLedgerDir(dir.path());
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    ExpectSame(reference, *l);
    Fill(*l, 2000, 3, 100000);
    Fill(reference, 2000, 3, 100000);
    l->SetBalance("622210000001", Timestamp::FromMillis(kT0 + 1), 50);
    reference.SetBalance("622210000001", Timestamp::FromMillis(kT0 + 1), 50);
    ASSERT_TRUE(l->Flush().ok());
    Fill(*l, 10, 4, 200000);  // not flushed: not acknowledged, may be lost
  }
  auto l = OpenLedgerDir(dir.path());
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  ExpectSame(reference, *l);
}

TEST(LedgerFile, OneWriterAtATime) {
  TempDir dir;
  auto first = OpenLedgerDir(dir.path());
  ASSERT_TRUE(first.ok());
  auto second = OpenLedgerDir(dir.path());
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  // Reading does not take the lock.
  EXPECT_TRUE(LoadLedgerDir(dir.path()).ok());
  Ledger other;
  EXPECT_EQ(AttachLedgerDir(other, dir.path()).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(AttachLedgerDir(*first, dir.path() + "/x").code(), StatusCode::kFailedPrecondition);
}

TEST(LedgerFile, AttachRefusesADirectoryThatHoldsALog) {
  TempDir dir;
  { ASSERT_TRUE(OpenLedgerDir(dir.path()).ok()); }
  Ledger l;
  EXPECT_EQ(AttachLedgerDir(l, dir.path()).code(), StatusCode::kFailedPrecondition);
}

TEST(LedgerFile, InMemoryLedgerFlushesToNothing) {
  Ledger l;
  Fill(l, 10, 5);
  EXPECT_FALSE(l.durable());
  EXPECT_TRUE(l.Flush().ok());
}

TEST(LedgerFile, MissingLogIsNotFound) {
  TempDir dir;
  EXPECT_EQ(LoadLedgerDir(dir.path() + "/none").status().code(), StatusCode::kNotFound);
}

// A log of three flushes, and the row count after each.
struct ThreeFlushes {
  std::string bytes;
  std::vector<size_t> rows;  // 0, then after each flush
};

ThreeFlushes WriteThreeFlushes(const TempDir& dir) {
  ThreeFlushes t;
  auto l = OpenLedgerDir(dir.path());
  EXPECT_TRUE(l.ok());
  t.rows.push_back(0);
  for (int f = 0; f < 3; ++f) {
    Fill(*l, 40, 10 + f, f * 1000);
    EXPECT_TRUE(l->Flush().ok());
    t.rows.push_back(l->size());
  }
  t.bytes = ReadFileBytes(LogOf(dir));
  return t;
}

TEST(LedgerFile, EveryCutOfTheLogLoadsAFlushedPrefix) {
  TempDir dir;
  const ThreeFlushes t = WriteThreeFlushes(dir);
  const std::set<size_t> allowed(t.rows.begin(), t.rows.end());
  for (size_t cut = 0; cut < t.bytes.size(); ++cut) {
    LedgerLoadReport report;
    auto l = DecodeLedgerLog(std::string_view(t.bytes).substr(0, cut), &report);
    ASSERT_TRUE(l.ok()) << "cut at " << cut << ": " << l.status().ToString();
    ASSERT_TRUE(allowed.count(l->size())) << "cut at " << cut << " gave " << l->size();
    ASSERT_EQ(report.bytes + report.dropped_bytes, cut);
  }
}

TEST(LedgerFile, DropsATornTailAndTruncatesIt) {
  TempDir dir;
  const ThreeFlushes t = WriteThreeFlushes(dir);
  // The last flush's block cut in the middle, as a crash during its write leaves it.
  const std::string cut = t.bytes.substr(0, t.bytes.size() - 100);
  dir.Write(std::string(kLedgerFileName), cut);
  LedgerLoadReport report;
  auto l = OpenLedgerDir(dir.path(), &report);
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->size(), t.rows[2]);
  EXPECT_GT(report.dropped_bytes, 0u);
  EXPECT_THAT(report.warning, HasSubstr("torn tail"));
  EXPECT_THAT(report.warning, HasSubstr("offset"));
  EXPECT_EQ(std::filesystem::file_size(LogOf(dir)), report.bytes);
  // Appending goes on after the good blocks.
  Fill(*l, 5, 99, 50000);
  ASSERT_TRUE(l->Flush().ok());
  const size_t rows = l->size();
  l = Ledger();  // closes the log and its lock
  auto again = OpenLedgerDir(dir.path(), &report);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->size(), rows);
  EXPECT_TRUE(report.warning.empty());
}

TEST(LedgerFile, DropsGarbageAfterTheLastBlock) {
  TempDir dir;
  const ThreeFlushes t = WriteThreeFlushes(dir);
  // A file extended but never written (zeros), then a stray half header.
  dir.Write(std::string(kLedgerFileName), t.bytes + std::string(4096, '\0') + "WZLB\x10");
  LedgerLoadReport report;
  auto l = LoadLedgerDir(dir.path(), &report);
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->size(), t.rows[3]);
  EXPECT_EQ(report.dropped_bytes, 4096u + 5u);
}

TEST(LedgerFile, DamageBeforeTheLastBlockIsDataLoss) {
  TempDir dir;
  const ThreeFlushes t = WriteThreeFlushes(dir);
  std::string bad = t.bytes;
  bad[16 + 40] ^= 0x5A;  // inside the first block: its CRC no longer matches
  dir.Write(std::string(kLedgerFileName), bad);
  auto l = OpenLedgerDir(dir.path());
  EXPECT_EQ(l.status().code(), StatusCode::kDataLoss);
  EXPECT_THAT(std::string(l.status().message()), HasSubstr("offset 16"));
  EXPECT_EQ(ReadFileBytes(LogOf(dir)), bad);  // left for repair
}

TEST(LedgerFile, RefusesAFileThatIsNotALedgerLog) {
  EXPECT_EQ(DecodeLedgerLog("hello, this is not a ledger").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(DecodeLedgerLog("WZLEDGER\x02\0\0\0\0\0\0\0").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(DecodeLedgerLog("abc").status().code(), StatusCode::kDataLoss);
  // A header cut short (a crash right after creating the file) is an empty ledger.
  LedgerLoadReport report;
  auto l = DecodeLedgerLog("WZLED", &report);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->size(), 0u);
  EXPECT_EQ(report.dropped_bytes, 5u);
  auto empty = DecodeLedgerLog("");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->size(), 0u);
}

TEST(LedgerFile, AnchorsOnManyAccountsWithoutRowsSpanBlocks) {
  TempDir dir;
  Ledger l;
  ASSERT_TRUE(AttachLedgerDir(l, dir.path()).ok());
  for (int i = 0; i < 70000; ++i) {
    l.SetBalance(std::to_string(1000000 + i), Timestamp::FromMillis(kT0 + i), i);
  }
  Fill(l, 100, 8);
  ASSERT_TRUE(l.Flush().ok());
  auto loaded = LoadLedgerDir(dir.path());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ExpectSame(l, *loaded);
}

}  // namespace
}  // namespace wuzha::ledger
