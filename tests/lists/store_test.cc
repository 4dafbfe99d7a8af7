#include "lists/store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace wuzha::lists {
namespace {

constexpr int64_t kNow = 1'700'000'000'000;

Entry Make(IndicatorType type, std::string value) {
  Entry e;
  e.type = type;
  e.value = std::move(value);
  e.source = "center";
  e.first_seen_ms = e.last_seen_ms = kNow;
  return e;
}

TEST(Store, ChangesAreInvisibleUntilPublish) {
  Store store;
  ASSERT_TRUE(store.Upsert(Make(IndicatorType::kNumber, "13800138000"), "alice", kNow).ok());
  EXPECT_EQ(store.pending_changes(), 1u);
  EXPECT_EQ(store.snapshot()->FindPhone(ListKind::kBlock, "8613800138000", kNow), nullptr);
  store.Publish();
  EXPECT_EQ(store.pending_changes(), 0u);
  EXPECT_NE(store.snapshot()->FindPhone(ListKind::kBlock, "8613800138000", kNow), nullptr);
}

TEST(Store, RefusesValuesThatDoNotNormalize) {
  Store store;
  Status s = store.Upsert(Make(IndicatorType::kDomain, "com"), "alice", kNow);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(store.AuditLog().empty());
}

TEST(Store, RemoveOfAnUnlistedEntryIsNotFound) {
  Store store;
  EXPECT_EQ(store.Remove(ListKind::kBlock, IndicatorType::kDomain, "example.com", "bob", kNow)
                .code(),
            StatusCode::kNotFound);
}

TEST(Store, AuditTrailRecordsWhoChangedWhatAndWhen) {
  Store store;
  ASSERT_TRUE(store.Upsert(Make(IndicatorType::kDomain, "Evil.example.com"), "alice", kNow).ok());
  Entry update = Make(IndicatorType::kDomain, "evil.example.com");
  update.fraud_type = FraudType::kFakeInvestment;
  update.first_seen_ms = kNow + 5;  // later sighting: first_seen keeps the earliest
  update.last_seen_ms = kNow + 5;
  ASSERT_TRUE(store.Upsert(update, "bob", kNow + 10).ok());
  ASSERT_TRUE(store.Remove(ListKind::kBlock, IndicatorType::kDomain, "EVIL.example.com.", "carol",
                           kNow + 20)
                  .ok());
  auto history = store.History(ListKind::kBlock, IndicatorType::kDomain, "evil.example.com");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].op, ChangeOp::kAdd);
  EXPECT_EQ(history[0].actor, "alice");
  EXPECT_EQ(history[0].time_ms, kNow);
  EXPECT_EQ(history[1].op, ChangeOp::kUpdate);
  EXPECT_EQ(history[1].actor, "bob");
  EXPECT_EQ(history[1].entry.fraud_type, FraudType::kFakeInvestment);
  EXPECT_EQ(history[1].entry.first_seen_ms, kNow);
  EXPECT_EQ(history[1].entry.last_seen_ms, kNow + 5);
  EXPECT_EQ(history[2].op, ChangeOp::kRemove);
  EXPECT_EQ(history[2].actor, "carol");
  EXPECT_EQ(history[2].time_ms, kNow + 20);
  EXPECT_TRUE(store.Entries().empty());
  EXPECT_EQ(store.AuditLog().size(), 3u);
}

TEST(Store, ReaderHoldingAnOldSnapshotKeepsItsView) {
  Store store;
  ASSERT_TRUE(store.Upsert(Make(IndicatorType::kDomain, "old.example.com"), "a", kNow).ok());
  auto old_view = store.Publish();
  ASSERT_TRUE(store.Remove(ListKind::kBlock, IndicatorType::kDomain, "old.example.com", "a", kNow).ok());
  ASSERT_TRUE(store.Upsert(Make(IndicatorType::kDomain, "new.example.com"), "a", kNow).ok());
  auto new_view = store.Publish();
  EXPECT_NE(old_view->FindDomain(ListKind::kBlock, "old.example.com", kNow), nullptr);
  EXPECT_EQ(old_view->FindDomain(ListKind::kBlock, "new.example.com", kNow), nullptr);
  EXPECT_EQ(new_view->FindDomain(ListKind::kBlock, "old.example.com", kNow), nullptr);
  EXPECT_NE(new_view->FindDomain(ListKind::kBlock, "new.example.com", kNow), nullptr);
  EXPECT_GT(new_view->version(), old_view->version());
}

// A reader looks up while a writer publishes 100k changes: every snapshot it sees is
// whole (the numbers of one batch are all there or all absent), and nothing crashes.
TEST(Store, LookupsStayConsistentDuringAPublishOf100kChanges) {
  Store store;
  constexpr int kBatch = 100'000;
  ASSERT_TRUE(store.Upsert(Make(IndicatorType::kNumber, "13800000000"), "w", kNow).ok());
  store.Publish();
  std::atomic<bool> done{false};
  std::atomic<long> lookups{0}, torn{0};
  std::thread reader([&] {
    while (!done.load(std::memory_order_acquire)) {
      auto s = store.snapshot();
      const bool first = s->FindPhone(ListKind::kBlock, "8613900000000", kNow) != nullptr;
      const bool last = s->FindPhone(ListKind::kBlock, "8613900099999", kNow) != nullptr;
      if (first != last) torn.fetch_add(1);
      if (s->FindPhone(ListKind::kBlock, "8613800000000", kNow) == nullptr) torn.fetch_add(1);
      lookups.fetch_add(1, std::memory_order_relaxed);
    }
  });
  for (int i = 0; i < kBatch; ++i) {
    ASSERT_TRUE(store.Upsert(Make(IndicatorType::kNumber, std::to_string(13900000000LL + i)), "w", kNow).ok());
  }
  store.Publish();
  while (lookups.load() < 1000) std::this_thread::yield();
  done.store(true, std::memory_order_release);
  reader.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(store.snapshot()->size(), static_cast<size_t>(kBatch + 1));
  EXPECT_NE(store.snapshot()->FindPhone(ListKind::kBlock, "8613900099999", kNow), nullptr);
}

}  // namespace
}  // namespace wuzha::lists
