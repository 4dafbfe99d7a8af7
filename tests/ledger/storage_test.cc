// The ledger's private storage pieces (src/ledger/internal): the row-list pool, the
// transaction-id column and set, the account table.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "ledger/internal/account_table.h"
#include "ledger/internal/row_lists.h"
#include "ledger/internal/transaction_ids.h"

namespace wuzha::ledger::internal {
namespace {

TEST(RowLists, SizeClassesHoldEverySizeWithLittleSlack) {
  for (uint32_t size = 1; size <= 4096; ++size) {
    const uint32_t cap = RowLists::CapacityOf(size);
    ASSERT_GE(cap, size);
    ASSERT_LE(cap, size + std::max<uint32_t>(2, size / 4)) << size;
  }
  EXPECT_EQ(RowLists::CapacityOf(1), 2u);
  EXPECT_EQ(RowLists::CapacityOf(9), 10u);
  EXPECT_EQ(RowLists::CapacityOf(17), 20u);
  EXPECT_EQ(RowLists::CapacityOf(4096), 4096u);
}

TEST(RowLists, ListsMatchVectorsThroughGrowthInsertsAndCompaction) {
  RowLists pool;
  constexpr int kLists = 2000;
  std::vector<RowLists::List> lists(kLists, RowLists::kEmptyList);
  std::vector<std::vector<RowNum>> model(kLists);
  std::mt19937_64 rng(1);
  int compactions = 0;
  for (RowNum row = 0; row < 600000; ++row) {
    // One list grows past the pooled sizes into its own vector.
    const size_t i = rng() % 3 == 0 ? 0 : rng() % kLists;
    const size_t pos = rng() % 8 == 0 ? rng() % (model[i].size() + 1) : model[i].size();
    if (pos == model[i].size())
      pool.PushBack(lists[i], row);
    else
      pool.Insert(lists[i], pos, row);
    model[i].insert(model[i].begin() + static_cast<ptrdiff_t>(pos), row);
    if (pool.WantsCompaction()) {
      pool.Compact([&](auto&& fn) {
        for (auto& l : lists) fn(l);
      });
      ++compactions;
    }
  }
  EXPECT_GT(compactions, 0);
  EXPECT_GT(model[0].size(), 4096u);
  for (int i = 0; i < kLists; ++i) {
    const auto v = pool.View(lists[i]);
    ASSERT_EQ(std::vector<RowNum>(v.begin(), v.end()), model[i]) << i;
  }
  // Compaction keeps the pool mostly lists: at most ~1/8 free, plus class rounding.
  size_t rows = 0;
  for (const auto& m : model) rows += m.size();
  EXPECT_LT(static_cast<double>(pool.memory_bytes()), 1.6 * 4.0 * static_cast<double>(rows));
}

TEST(TransactionIds, SequencesUseBitmapsAndScatteredNumbersTheHashSet) {
  TransactionIds ids;
  for (int i = 0; i < 100000; ++i) ASSERT_TRUE(ids.Add(ids.Parse("E" + std::to_string(i))));
  auto s = ids.stats();
  EXPECT_EQ(s.formats, 1u);
  EXPECT_EQ(s.dense_formats, 1u);
  EXPECT_EQ(s.hashed_ids, 0u);
  // About 8 bytes an id: the cell, plus a bit of bitmap.
  EXPECT_LT(ids.memory_bytes(), 100000u * 8 + 600000u);

  std::mt19937_64 rng(2);
  std::vector<std::string> scattered;
  for (int i = 0; i < 5000; ++i) scattered.push_back("R" + std::to_string(rng() % 1000000000000));
  for (const auto& id : scattered) ids.Add(ids.Parse(id));
  s = ids.stats();
  EXPECT_EQ(s.formats, 2u);
  EXPECT_EQ(s.dense_formats, 1u);  // "R" went to the hash set
  EXPECT_GE(s.hashed_ids, 4990u);
  for (const auto& id : scattered) EXPECT_FALSE(ids.Add(ids.Parse(id))) << id;
  EXPECT_FALSE(ids.Add(ids.Parse("E99999")));

  ASSERT_TRUE(ids.Add(ids.Parse("no digits")));
  EXPECT_FALSE(ids.Add(ids.Parse("no digits")));
  EXPECT_EQ(ids.stats().arena_ids, 1u);
  EXPECT_EQ(ids.Get(static_cast<uint32_t>(ids.size() - 1)), "no digits");
}

TEST(TransactionIds, PastTheFormatTableIdsGoToTheArena) {
  TransactionIds ids;
  // 300 prefixes: formats 1..254, then the arena, all found again.
  for (int p = 0; p < 300; ++p) {
    ASSERT_TRUE(ids.Add(ids.Parse("P" + std::to_string(p) + "-" + std::to_string(p * 7))));
  }
  for (int p = 0; p < 300; ++p) {
    EXPECT_FALSE(ids.Add(ids.Parse("P" + std::to_string(p) + "-" + std::to_string(p * 7))));
    EXPECT_EQ(ids.Get(static_cast<uint32_t>(p)),
              "P" + std::to_string(p) + "-" + std::to_string(p * 7));
  }
  EXPECT_EQ(ids.stats().formats, 254u);
  EXPECT_EQ(ids.stats().arena_ids, 46u);
}

TEST(AccountTable, PacksDigitsWithoutConfusingLengthsOrLeadingZeros) {
  AccountTable t;
  const std::vector<std::string> keys = {"123",
                                         "0123",
                                         "00123",
                                         "1230",
                                         "",
                                         "999999999999999999999999",   // 24 digits: packed
                                         "9999999999999999999999999",  // 25: hashed
                                         "6222-0212",
                                         "ABC123",
                                         std::string(255, '7')};
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(t.Intern(keys[i], AccountTable::Pack(keys[i])).id, i) << keys[i];
  }
  EXPECT_FALSE(AccountTable::Pack("123").is_long);
  EXPECT_TRUE(AccountTable::Pack("9999999999999999999999999").is_long);
  EXPECT_TRUE(AccountTable::Pack("").is_long);
  // Growing the table keeps every id.
  for (int i = 0; i < 50000; ++i) {
    const std::string k = "6222" + std::to_string(i);
    t.Intern(k, AccountTable::Pack(k));
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(t.Find(keys[i]), i);
    EXPECT_EQ(t.Key(static_cast<uint32_t>(i)), keys[i]);
    EXPECT_EQ(t.entry(static_cast<uint32_t>(i)).id, i);
  }
  EXPECT_EQ(t.Find("62221"), keys.size() + 1);
  EXPECT_FALSE(t.Find("12").has_value());
}

}  // namespace
}  // namespace wuzha::ledger::internal
