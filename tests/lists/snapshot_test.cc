#include "lists/snapshot.h"

#include <gtest/gtest.h>

namespace wuzha::lists {
namespace {

Entry Make(IndicatorType type, std::string value, ListKind kind = ListKind::kBlock,
           int64_t expires = 0) {
  Entry e;
  e.kind = kind;
  e.type = type;
  e.value = std::move(value);
  e.source = "test";
  e.fraud_type = FraudType::kFakePolice;
  e.expires_ms = expires;
  return e;
}

constexpr int64_t kNow = 1'700'000'000'000;

TEST(Snapshot, NumberMatchesExactlyOnly) {
  auto s = Snapshot::Build({Make(IndicatorType::kNumber, "8613800138000")});
  const Entry* e = s->Find(ListKind::kBlock, IndicatorType::kNumber, "8613800138000", kNow);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source, "test");
  EXPECT_EQ(e->fraud_type, FraudType::kFakePolice);
  EXPECT_EQ(s->Find(ListKind::kBlock, IndicatorType::kNumber, "8613800138001", kNow), nullptr);
  EXPECT_EQ(s->Find(ListKind::kBlock, IndicatorType::kNumber, "861380013800", kNow), nullptr);
  EXPECT_EQ(s->Find(ListKind::kAllow, IndicatorType::kNumber, "8613800138000", kNow), nullptr);
}

TEST(Snapshot, RangeMatchesTheLongestPrefix) {
  auto longer = Make(IndicatorType::kRange, "861700");
  longer.source = "longer";
  auto s = Snapshot::Build(
      {Make(IndicatorType::kRange, "86170"), longer, Make(IndicatorType::kRange, "8627")});
  const Entry* e = s->FindPhone(ListKind::kBlock, "8617001234567", kNow);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source, "longer");
  e = s->FindPhone(ListKind::kBlock, "8617101234567", kNow);
  EXPECT_EQ(e, nullptr);
  e = s->FindPhone(ListKind::kBlock, "8617091234567", kNow);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->value, "86170");
  EXPECT_NE(s->FindPhone(ListKind::kBlock, "862788886666", kNow), nullptr);
  EXPECT_EQ(s->FindPhone(ListKind::kBlock, "86", kNow), nullptr);  // shorter than any range
}

TEST(Snapshot, ExactNumberWinsOverRange) {
  auto s = Snapshot::Build(
      {Make(IndicatorType::kRange, "86170"), Make(IndicatorType::kNumber, "8617001234567")});
  const Entry* e = s->FindPhone(ListKind::kBlock, "8617001234567", kNow);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->type, IndicatorType::kNumber);
}

TEST(Snapshot, DomainCoversSubdomainsButNotParentsOrLookalikes) {
  auto s = Snapshot::Build({Make(IndicatorType::kDomain, "pay.example.com")});
  EXPECT_NE(s->FindDomain(ListKind::kBlock, "pay.example.com", kNow), nullptr);
  EXPECT_NE(s->FindDomain(ListKind::kBlock, "a.b.pay.example.com", kNow), nullptr);
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "example.com", kNow), nullptr);
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "www.example.com", kNow), nullptr);
  auto t = Snapshot::Build({Make(IndicatorType::kDomain, "example.com")});
  EXPECT_EQ(t->FindDomain(ListKind::kBlock, "badexample.com", kNow), nullptr);
  EXPECT_EQ(t->FindDomain(ListKind::kBlock, "example.com.evil.net", kNow), nullptr);
  EXPECT_NE(t->FindDomain(ListKind::kBlock, "x.example.com", kNow), nullptr);
}

TEST(Snapshot, MostSpecificDomainWins) {
  auto a = Make(IndicatorType::kDomain, "example.com");
  auto b = Make(IndicatorType::kDomain, "pay.example.com");
  b.source = "specific";
  auto s = Snapshot::Build({a, b});
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "x.pay.example.com", kNow)->source, "specific");
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "x.example.com", kNow)->source, "test");
}

TEST(Snapshot, ExpiredEntriesDoNotMatch) {
  auto s = Snapshot::Build({Make(IndicatorType::kNumber, "8613800138000", ListKind::kBlock, kNow),
                            Make(IndicatorType::kDomain, "example.com"),
                            Make(IndicatorType::kDomain, "pay.example.com", ListKind::kBlock,
                                 kNow + 1000)});
  EXPECT_EQ(s->Find(ListKind::kBlock, IndicatorType::kNumber, "8613800138000", kNow), nullptr);
  EXPECT_NE(s->Find(ListKind::kBlock, IndicatorType::kNumber, "8613800138000", kNow - 1), nullptr);
  // The expired subdomain rule falls back to its still-valid parent.
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "pay.example.com", kNow)->value, "pay.example.com");
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "pay.example.com", kNow + 1000)->value,
            "example.com");
}

TEST(Snapshot, ExactTypesKeepKindsAndTypesApart) {
  const std::string hash(64, 'a');
  auto s = Snapshot::Build({Make(IndicatorType::kAppFile, hash),
                            Make(IndicatorType::kUrl, "http://example.com/x"),
                            Make(IndicatorType::kAccount, "6222021234567890", ListKind::kAllow),
                            Make(IndicatorType::kAppPackage, "com.fake.bank")});
  EXPECT_NE(s->Find(ListKind::kBlock, IndicatorType::kAppFile, hash, kNow), nullptr);
  EXPECT_EQ(s->Find(ListKind::kBlock, IndicatorType::kAppCert, hash, kNow), nullptr);
  EXPECT_NE(s->Find(ListKind::kBlock, IndicatorType::kUrl, "http://example.com/x", kNow), nullptr);
  EXPECT_EQ(s->Find(ListKind::kBlock, IndicatorType::kUrl, "http://example.com/y", kNow), nullptr);
  EXPECT_NE(s->Find(ListKind::kAllow, IndicatorType::kAccount, "6222021234567890", kNow), nullptr);
  EXPECT_EQ(s->Find(ListKind::kBlock, IndicatorType::kAccount, "6222021234567890", kNow), nullptr);
  EXPECT_NE(s->Find(ListKind::kBlock, IndicatorType::kAppPackage, "com.fake.bank", kNow), nullptr);
}

TEST(Snapshot, EmptyAndMalformedQueriesFindNothing) {
  auto s = Snapshot::Build({});
  EXPECT_EQ(s->Find(ListKind::kBlock, IndicatorType::kNumber, "", kNow), nullptr);
  EXPECT_EQ(s->Find(ListKind::kBlock, IndicatorType::kNumber, "12345678901234567890", kNow),
            nullptr);
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "", kNow), nullptr);
  EXPECT_EQ(s->size(), 0u);
}

}  // namespace
}  // namespace wuzha::lists
