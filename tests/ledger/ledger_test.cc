#include "ledger/ledger.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace wuzha::ledger {
namespace {

using ::testing::ElementsAre;

constexpr int64_t kT0 = 1'714'530'000'000;  // 2024-05-01, ms

Timestamp At(int64_t offset_ms) { return Timestamp::FromMillis(kT0 + offset_ms); }

Event Transfer(std::string id, int64_t offset_ms, std::string from, std::string to, int64_t fen,
               Channel channel = Channel::kMobile, std::string memo = "",
               TransferStatus status = TransferStatus::kCompleted) {
  Event e;
  e.Reset(EventType::kTransfer);
  e.id = std::move(id);
  e.ts = At(offset_ms);
  auto& t = e.as<TransferEvent>();
  t.from_account = std::move(from);
  t.to_account = std::move(to);
  t.amount = Money::FromFen(fen);
  t.channel = channel;
  t.memo = std::move(memo);
  t.status = status;
  return e;
}

AppendOutcome Add(Ledger& l, std::string id, int64_t offset_ms, std::string from, std::string to,
                  int64_t fen) {
  auto r = l.Append(Transfer(std::move(id), offset_ms, std::move(from), std::move(to), fen));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : AppendOutcome::kNotMoved;
}

std::vector<Row> Rows(std::span<const Row> s) { return {s.begin(), s.end()}; }

TEST(Ledger, StoresEveryColumnOfARow) {
  Ledger l;
  ASSERT_EQ(Add(l, "E000000012345", 1000, "6222021234567890123", "6217002870012345678", 4980000),
            AppendOutcome::kAdded);
  auto cash =
      l.Append(Transfer("E000000012346", 2000, "6217002870012345678", "", 300000, Channel::kAtm));
  ASSERT_TRUE(cash.ok());
  EXPECT_EQ(*cash, AppendOutcome::kAdded);

  ASSERT_EQ(l.size(), 2u);
  ASSERT_EQ(l.account_count(), 2u);
  const AccountId a = *l.FindAccount("6222021234567890123");
  const AccountId b = *l.FindAccount("6217002870012345678");
  EXPECT_EQ(a, 0u);
  EXPECT_EQ(b, 1u);
  EXPECT_EQ(l.AccountNumber(b), "6217002870012345678");
  EXPECT_FALSE(l.FindAccount("6217002870012345679").has_value());
  EXPECT_EQ(l.ts(0), At(1000));
  EXPECT_EQ(l.from(0), a);
  EXPECT_EQ(l.to(0), b);
  EXPECT_EQ(l.fen(0), 4980000);
  EXPECT_EQ(l.channel(0), Channel::kMobile);
  EXPECT_EQ(l.kind(0), FlowKind::kTransfer);
  EXPECT_EQ(l.TransactionId(0), "E000000012345");
  EXPECT_EQ(l.to(1), kNoAccount);
  EXPECT_EQ(l.channel(1), Channel::kAtm);
  EXPECT_EQ(l.kind(1), FlowKind::kCash);
  EXPECT_THAT(Rows(l.Outgoing(b)), ElementsAre(1));
  EXPECT_THAT(Rows(l.Incoming(b)), ElementsAre(0));
  EXPECT_EQ(l.version(), 2u);
}

TEST(Ledger, KeepsValuesThatDoNotFitTheNarrowColumns) {
  Ledger l;
  // A chunk stores ts as an offset from its first row and fen in 32 bits; beyond that the
  // value is kept aside, and must read back the same.
  const int64_t big_fen = int64_t{1} << 40;
  const int64_t far = int64_t{40} * 24 * 3600 * 1000;  // 40 days: past a 32-bit ms offset
  ASSERT_EQ(Add(l, "a1", 0, "111111", "222222", 100), AppendOutcome::kAdded);
  ASSERT_EQ(Add(l, "a2", far, "111111", "222222", big_fen), AppendOutcome::kAdded);
  ASSERT_EQ(Add(l, "a3", -far, "111111", "222222", 4294967295), AppendOutcome::kAdded);
  ASSERT_EQ(Add(l, "a4", 5, "111111", "222222", 4294967296), AppendOutcome::kAdded);
  EXPECT_EQ(l.ts(1), At(far));
  EXPECT_EQ(l.fen(1), big_fen);
  EXPECT_EQ(l.ts(2), At(-far));
  EXPECT_EQ(l.fen(2), 4294967295);
  EXPECT_EQ(l.fen(3), 4294967296);
  EXPECT_THAT(Rows(l.Outgoing(0)), ElementsAre(2, 0, 3, 1));
}

TEST(Ledger, RefusesARepeatedTransactionId) {
  Ledger l;
  EXPECT_EQ(Add(l, "E000000000001", 0, "111111", "222222", 100), AppendOutcome::kAdded);
  EXPECT_EQ(Add(l, "E000000000001", 50, "333333", "444444", 999), AppendOutcome::kDuplicate);
  // Same digits, another prefix or width: another id.
  EXPECT_EQ(Add(l, "E1", 0, "111111", "222222", 100), AppendOutcome::kAdded);
  EXPECT_EQ(Add(l, "E01", 0, "111111", "222222", 100), AppendOutcome::kAdded);
  EXPECT_EQ(Add(l, "e1", 0, "111111", "222222", 100), AppendOutcome::kAdded);
  EXPECT_EQ(Add(l, "1", 0, "111111", "222222", 100), AppendOutcome::kAdded);
  EXPECT_EQ(Add(l, "E1", 9, "111111", "222222", 100), AppendOutcome::kDuplicate);
  // Ids that are not prefix + number, and long digit runs.
  EXPECT_EQ(Add(l, "T-abc", 0, "111111", "222222", 100), AppendOutcome::kAdded);
  EXPECT_EQ(Add(l, "T-abc", 0, "111111", "222222", 100), AppendOutcome::kDuplicate);
  EXPECT_EQ(Add(l, "20240501102105123456789", 0, "111111", "222222", 100), AppendOutcome::kAdded);
  EXPECT_EQ(Add(l, "20240501102105123456789", 0, "111111", "222222", 100),
            AppendOutcome::kDuplicate);
  // No id: never a duplicate.
  EXPECT_EQ(Add(l, "", 0, "111111", "222222", 100), AppendOutcome::kAdded);
  EXPECT_EQ(Add(l, "", 0, "111111", "222222", 100), AppendOutcome::kAdded);
  EXPECT_EQ(l.size(), 9u);
  EXPECT_EQ(l.fen(0), 100);  // the first one stays
}

TEST(Ledger, GivesEveryTransactionIdBackAsItArrived) {
  Ledger l;
  const std::vector<std::string> ids = {"E000000012345",
                                        "E12345",
                                        "E0",
                                        "E00",
                                        "0",
                                        "007",
                                        "T20240501-0001",
                                        "T20240501-0002",
                                        "abc",
                                        "id with spaces",
                                        "流水号123",
                                        "12345678901234567890123",
                                        "00000000000000000000",
                                        "x9999999999999999",
                                        "",
                                        "E000000012344",
                                        std::string(255, 'z')};
  int n = 0;
  for (const std::string& id : ids) {
    ASSERT_EQ(Add(l, id, n, "111111", "222222", 1), AppendOutcome::kAdded) << id;
    ++n;
  }
  for (Row r = 0; r < l.size(); ++r) EXPECT_EQ(l.TransactionId(r), ids[r]);
}

TEST(Ledger, FindsDuplicatesAmongSparseAndLateIds) {
  // Random 12-digit numbers are too sparse for bitmap pages: the format moves to the
  // hash set, and every id must still be found, before and after the move.
  Ledger l;
  std::mt19937_64 rng(7);
  std::vector<std::string> ids;
  for (int i = 0; i < 20000; ++i) {
    char b[32];
    std::snprintf(b, sizeof b, "B%012llu", static_cast<unsigned long long>(rng() % 1000000000000));
    ids.push_back(b);
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < ids.size(); ++i) {
    const auto want =
        seen.insert(ids[i]).second ? AppendOutcome::kAdded : AppendOutcome::kDuplicate;
    ASSERT_EQ(Add(l, ids[i], static_cast<int64_t>(i), "111111", "222222", 1), want);
  }
  for (size_t i = 0; i < ids.size(); i += 7) {
    EXPECT_EQ(Add(l, ids[i], 0, "111111", "222222", 1), AppendOutcome::kDuplicate);
  }
  // A dense sequence, then late repeats of its first and last ids.
  for (int i = 1; i <= 10000; ++i) {
    ASSERT_EQ(Add(l, "S" + std::to_string(i), i, "111111", "222222", 1), AppendOutcome::kAdded);
  }
  EXPECT_EQ(Add(l, "S1", 0, "111111", "222222", 1), AppendOutcome::kDuplicate);
  EXPECT_EQ(Add(l, "S10000", 0, "111111", "222222", 1), AppendOutcome::kDuplicate);
  EXPECT_EQ(Add(l, "S10001", 0, "111111", "222222", 1), AppendOutcome::kAdded);
}

TEST(Ledger, HeldAndBlockedTransfersAreNotRows) {
  Ledger l;
  auto held = l.Append(
      Transfer("h1", 0, "111111", "222222", 100, Channel::kMobile, "", TransferStatus::kHeld));
  auto blocked = l.Append(
      Transfer("b1", 0, "111111", "222222", 100, Channel::kMobile, "", TransferStatus::kBlocked));
  ASSERT_TRUE(held.ok() && blocked.ok());
  EXPECT_EQ(*held, AppendOutcome::kNotMoved);
  EXPECT_EQ(*blocked, AppendOutcome::kNotMoved);
  EXPECT_EQ(l.size(), 0u);
  EXPECT_EQ(l.version(), 0u);
  // Its id was not taken: the completed transfer that follows is added.
  EXPECT_EQ(Add(l, "h1", 5, "111111", "222222", 100), AppendOutcome::kAdded);
}

TEST(Ledger, RefusesWhatIsNotAMoneyMovement) {
  Ledger l;
  Event call;
  call.Reset(EventType::kCall);
  EXPECT_EQ(l.Append(call).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(l.Append(Transfer("x", 0, "111111", "222222", 0)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(l.Append("x", At(0), "111111", "222222", -5, Channel::kMobile, FlowKind::kTransfer)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(l.Append(Transfer("x", 0, "", "222222", 10)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(l.Append(std::string(256, '1'), At(0), "111111", "2", 5, Channel::kMobile,
                     FlowKind::kTransfer)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      l.Append("x", At(0), std::string(256, '1'), "2", 5, Channel::kMobile, FlowKind::kTransfer)
          .status()
          .code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(l.size(), 0u);
  EXPECT_EQ(l.account_count(), 0u);
}

TEST(Ledger, PutsLateRowsInTimeOrderInBothIndexes) {
  Ledger l;
  Add(l, "r0", 100, "A00001", "B00001", 10);  // row 0
  Add(l, "r1", 300, "A00001", "B00001", 10);  // row 1
  Add(l, "r2", 200, "A00001", "B00001", 10);  // row 2, late
  Add(l, "r3", 300, "A00001", "B00001", 10);  // row 3, same ts as row 1
  Add(l, "r4", 50, "B00001", "A00001", 10);   // row 4, before everything
  Add(l, "r5", 200, "A00001", "B00001", 10);  // row 5, ties row 2
  const AccountId a = *l.FindAccount("A00001"), b = *l.FindAccount("B00001");
  EXPECT_THAT(Rows(l.Outgoing(a)), ElementsAre(0, 2, 5, 1, 3));
  EXPECT_THAT(Rows(l.Incoming(b)), ElementsAre(0, 2, 5, 1, 3));
  EXPECT_THAT(Rows(l.Outgoing(b)), ElementsAre(4));
  EXPECT_THAT(Rows(l.Incoming(a)), ElementsAre(4));
}

// The model: rows as accepted, per account sorted by (ts, row).
struct Model {
  struct R {
    int64_t ts;
    std::string from, to;
    int64_t fen;
  };
  std::vector<R> rows;
};

void ExpectIndexesMatch(const Ledger& l, const Model& m) {
  std::map<std::string, std::vector<Row>> out, in;
  for (Row r = 0; r < m.rows.size(); ++r) {
    out[m.rows[r].from].push_back(r);
    if (!m.rows[r].to.empty()) in[m.rows[r].to].push_back(r);
  }
  auto sorted = [&](std::vector<Row> v) {
    std::stable_sort(v.begin(), v.end(), [&](Row x, Row y) { return m.rows[x].ts < m.rows[y].ts; });
    return v;
  };
  for (AccountId a = 0; a < l.account_count(); ++a) {
    const std::string number(l.AccountNumber(a));
    ASSERT_EQ(Rows(l.Outgoing(a)), sorted(out[number])) << number;
    ASSERT_EQ(Rows(l.Incoming(a)), sorted(in[number])) << number;
  }
}

TEST(Ledger, IndexesMatchAModelOnARandomLedgerWithLateRows) {
  // Enough rows that lists move between size classes, some pass 4096 rows (a hub
  // account) and the block pool is compacted along the way.
  Ledger l;
  Model m;
  std::mt19937_64 rng(11);
  int64_t t = 0;
  std::vector<std::string> accounts;
  for (int i = 0; i < 3000; ++i) accounts.push_back("62220" + std::to_string(100000 + i));
  for (int i = 0; i < 300000; ++i) {
    t += static_cast<int64_t>(rng() % 50);
    const int64_t ts = rng() % 10 == 0 ? t - static_cast<int64_t>(rng() % 100000) : t;
    std::string from = accounts[rng() % accounts.size()];
    std::string to = rng() % 40 == 0 ? "" : accounts[rng() % 4 == 0 ? 0 : rng() % accounts.size()];
    const int64_t fen = 1 + static_cast<int64_t>(rng() % 100000);
    const std::string id = "E" + std::to_string(rng() % 20 == 0 ? rng() % (i + 1) : i + 1000000);
    auto r = l.Append(id, Timestamp::FromMillis(ts), from, to, fen, Channel::kMobile,
                      to.empty() ? FlowKind::kCash : FlowKind::kTransfer);
    ASSERT_TRUE(r.ok());
    if (*r == AppendOutcome::kAdded) m.rows.push_back({ts, from, to, fen});
  }
  ASSERT_EQ(l.size(), m.rows.size());
  ExpectIndexesMatch(l, m);
  EXPECT_GT(l.Incoming(*l.FindAccount(accounts[0])).size(), 4096u);
}

TEST(Ledger, AppendBatchDoesWhatAppendDoes) {
  std::mt19937_64 rng(3);
  std::vector<std::string> strings;
  std::vector<TransferRow> rows;
  strings.reserve(30000);
  for (int i = 0; i < 10000; ++i) {
    strings.push_back("E" + std::to_string(rng() % 9000));
    strings.push_back("6222" + std::to_string(rng() % 500));
    strings.push_back(rng() % 30 == 0 ? "" : "6228" + std::to_string(rng() % 500));
  }
  for (int i = 0; i < 10000; ++i) {
    rows.push_back(TransferRow{strings[3 * i], Timestamp::FromMillis(rng() % 100000),
                               strings[3 * i + 1], strings[3 * i + 2],
                               1 + static_cast<int64_t>(rng() % 1000), Channel::kOnline,
                               FlowKind::kTransfer});
  }
  Ledger one, batch;
  std::vector<AppendOutcome> want;
  for (const TransferRow& r : rows) {
    auto o = one.Append(r.id, r.ts, r.from, r.to, r.fen, r.channel, r.kind);
    ASSERT_TRUE(o.ok());
    want.push_back(*o);
  }
  std::vector<AppendOutcome> got(rows.size());
  ASSERT_TRUE(batch.AppendBatch(rows, got).ok());
  EXPECT_EQ(got, want);
  ASSERT_EQ(batch.size(), one.size());
  ASSERT_EQ(batch.account_count(), one.account_count());
  for (Row r = 0; r < one.size(); ++r) {
    ASSERT_EQ(batch.TransactionId(r), one.TransactionId(r));
    ASSERT_EQ(batch.ts(r), one.ts(r));
    ASSERT_EQ(batch.from(r), one.from(r));
    ASSERT_EQ(batch.to(r), one.to(r));
  }
  for (AccountId a = 0; a < one.account_count(); ++a) {
    ASSERT_EQ(Rows(batch.Outgoing(a)), Rows(one.Outgoing(a)));
    ASSERT_EQ(Rows(batch.Incoming(a)), Rows(one.Incoming(a)));
  }
}

TEST(Ledger, AppendBatchStopsAtAnInvalidRowNamingIt) {
  Ledger l;
  const std::vector<TransferRow> rows = {
      {"a", At(0), "111111", "222222", 5, Channel::kMobile, FlowKind::kTransfer},
      {"b", At(1), "111111", "222222", 0, Channel::kMobile, FlowKind::kTransfer},
      {"c", At(2), "111111", "222222", 5, Channel::kMobile, FlowKind::kTransfer}};
  std::vector<AppendOutcome> out(rows.size());
  const Status s = l.AppendBatch(rows, out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), ::testing::HasSubstr("row 1"));
  EXPECT_EQ(l.size(), 1u);
  EXPECT_EQ(out[0], AppendOutcome::kAdded);
}

TEST(Ledger, BalanceAtEveryInstant) {
  Ledger l;
  Add(l, "1", 100, "V00001", "M00001", 5000);  // M +5000
  Add(l, "2", 200, "M00001", "N00001", 3000);  // M -3000
  Add(l, "3", 300, "W00001", "M00001", 1000);  // M +1000
  Add(l, "4", 150, "M00001", "N00001", 4000);  // late: M -4000 at 150
  Add(l, "5", 400, "M00001", "M00001", 9999);  // to itself: moves nothing
  const AccountId m = *l.FindAccount("M00001");
  // Running net: 100 +5000, 150 +1000, 200 -2000, 300 -1000: it reaches -2000, so without
  // an anchor the account held at least 2000 before the first row.
  EXPECT_EQ(l.OpeningBalance(m), 2000);
  EXPECT_EQ(l.BalanceAt(m, At(99)), 2000);
  EXPECT_EQ(l.BalanceAt(m, At(100)), 7000);
  EXPECT_EQ(l.BalanceAt(m, At(150)), 3000);
  EXPECT_EQ(l.BalanceAt(m, At(200)), 0);
  EXPECT_EQ(l.BalanceAt(m, At(300)), 1000);
  EXPECT_EQ(l.BalanceAt(m, At(1000)), 1000);
  // The payer of the first row never received anything: opening = what it sent.
  EXPECT_EQ(l.OpeningBalance(*l.FindAccount("V00001")), 5000);
  EXPECT_EQ(l.BalanceAt(*l.FindAccount("V00001"), At(100)), 0);
  EXPECT_EQ(l.OpeningBalance(*l.FindAccount("N00001")), 0);
  EXPECT_EQ(l.BalanceAt(*l.FindAccount("N00001"), At(250)), 7000);
}

TEST(Ledger, AnchorFixesTheOpeningBalance) {
  Ledger l;
  Add(l, "1", 100, "V00001", "M00001", 5000);
  Add(l, "2", 200, "M00001", "N00001", 3000);
  const AccountId m = *l.FindAccount("M00001");
  EXPECT_FALSE(l.Anchor(m).has_value());
  // The bank says M held 12,000 at 150 (after row 1): it opened with 7,000.
  l.SetBalance("M00001", At(150), 12000);
  EXPECT_EQ(l.OpeningBalance(m), 7000);
  EXPECT_EQ(l.BalanceAt(m, At(0)), 7000);
  EXPECT_EQ(l.BalanceAt(m, At(200)), 9000);
  // The latest anchor wins.
  l.SetBalance("M00001", At(300), 1000);
  EXPECT_EQ(l.OpeningBalance(m), -1000);
  ASSERT_TRUE(l.Anchor(m).has_value());
  EXPECT_EQ(l.Anchor(m)->at, At(300));
  EXPECT_EQ(l.Anchor(m)->fen, 1000);
  // An anchor on an account without rows interns it.
  const uint64_t v = l.version();
  l.SetBalance("Z00001", At(0), 77);
  EXPECT_EQ(l.version(), v + 1);
  const AccountId z = *l.FindAccount("Z00001");
  EXPECT_EQ(l.OpeningBalance(z), 77);
  EXPECT_TRUE(l.Outgoing(z).empty());
}

TEST(Ledger, ClassifiesHowMoneyLeaves) {
  auto kind = [](std::string to, Channel ch, std::string memo) {
    const Event e = Transfer("x", 0, "111111", std::move(to), 1, ch, std::move(memo));
    return ClassifyFlow(e.as<TransferEvent>());
  };
  EXPECT_EQ(kind("", Channel::kAtm, ""), FlowKind::kCash);
  EXPECT_EQ(kind("", Channel::kCounter, "USDT"), FlowKind::kCash);
  EXPECT_EQ(kind("222222", Channel::kThirdParty, ""), FlowKind::kThirdParty);
  EXPECT_EQ(kind("222222", Channel::kMobile, "买USDT"), FlowKind::kCrypto);
  EXPECT_EQ(kind("222222", Channel::kOnline, "泰达币 承兑"), FlowKind::kCrypto);
  EXPECT_EQ(kind("222222", Channel::kPos, "黄金"), FlowKind::kGoods);
  EXPECT_EQ(kind("222222", Channel::kPos, "USDT"), FlowKind::kCrypto);
  EXPECT_EQ(kind("222222", Channel::kMobile, "房租"), FlowKind::kTransfer);
  EXPECT_EQ(FlowKindName(FlowKind::kThirdParty), "third_party");
  Ledger l;
  ASSERT_TRUE(l.Append(Transfer("g", 0, "111111", "222222", 1, Channel::kPos, "金条")).ok());
  EXPECT_EQ(l.kind(0), FlowKind::kGoods);
  EXPECT_EQ(l.channel(0), Channel::kPos);
}

TEST(Ledger, HoldsAMillionTransfersInAtMost48BytesEach) {
  // A generated ledger: ids like the sim's streams, 100k accounts (10 rows each on
  // average), mostly in time order with 5% late rows. A byte count, not a timing.
  Ledger l;
  std::mt19937_64 rng(5);
  std::vector<TransferRow> batch(4096);
  std::vector<AppendOutcome> out(batch.size());
  std::vector<std::string> text(batch.size() * 3);
  int64_t t = kT0;
  constexpr int kRows = 1'000'000, kAccounts = 100'000;
  for (int i = 0; i < kRows;) {
    const size_t n = std::min<size_t>(batch.size(), kRows - i);
    for (size_t j = 0; j < n; ++j, ++i) {
      char id[24];
      std::snprintf(id, sizeof id, "E%012d", i + 1);
      text[3 * j] = id;
      text[3 * j + 1] = "6222" + std::to_string(100000000000000ULL + rng() % kAccounts);
      text[3 * j + 2] = "6222" + std::to_string(100000000000000ULL + rng() % kAccounts);
      t += static_cast<int64_t>(rng() % 20);
      const int64_t ts = rng() % 20 == 0 ? t - static_cast<int64_t>(rng() % 3'600'000) : t;
      batch[j] = TransferRow{text[3 * j], Timestamp::FromMillis(ts), text[3 * j + 1],
                             text[3 * j + 2], 1 + static_cast<int64_t>(rng() % 1'000'000)};
    }
    ASSERT_TRUE(l.AppendBatch(std::span(batch).first(n), std::span(out).first(n)).ok());
  }
  ASSERT_EQ(l.size(), static_cast<size_t>(kRows));
  const double per_row = static_cast<double>(l.memory_bytes()) / static_cast<double>(l.size());
  RecordProperty("bytes_per_transfer", std::to_string(per_row));
  EXPECT_LE(per_row, 48.0);
}

}  // namespace
}  // namespace wuzha::ledger
