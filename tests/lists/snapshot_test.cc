#include "lists/snapshot.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "lists/internal/key_filter.h"
#include "lists/internal/tag_map.h"
#include "lists/internal/u64_map.h"

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
  auto s = Snapshot::Build(
      {Make(IndicatorType::kNumber, "8613800138000", ListKind::kBlock, kNow),
       Make(IndicatorType::kDomain, "example.com"),
       Make(IndicatorType::kDomain, "pay.example.com", ListKind::kBlock, kNow + 1000)});
  EXPECT_EQ(s->Find(ListKind::kBlock, IndicatorType::kNumber, "8613800138000", kNow), nullptr);
  EXPECT_NE(s->Find(ListKind::kBlock, IndicatorType::kNumber, "8613800138000", kNow - 1), nullptr);
  // The expired subdomain rule falls back to its still-valid parent.
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "pay.example.com", kNow)->value, "pay.example.com");
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "pay.example.com", kNow + 1000)->value, "example.com");
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

// Expiry is kept beside a number's key in units of 2^16 ms and decided exactly near the
// boundary: every case must agree with Entry::Expired to the millisecond.
TEST(Snapshot, NumberExpiryIsExactAroundTheCoarseHint) {
  const int64_t unit_start = (kNow >> 16) << 16;
  const std::vector<int64_t> expiries = {0,
                                         -5,
                                         1,
                                         kNow - 70'000,
                                         kNow - 1,
                                         kNow,
                                         kNow + 1,
                                         unit_start,
                                         unit_start + 65'535,
                                         unit_start + 65'536,
                                         kNow + 70'000,
                                         int64_t{1} << 50,
                                         std::numeric_limits<int64_t>::max()};
  std::vector<Entry> entries;
  for (size_t i = 0; i < expiries.size(); ++i) {
    entries.push_back(Make(IndicatorType::kNumber, std::to_string(8613800000000 + i),
                           ListKind::kBlock, expiries[i]));
    entries.push_back(
        Make(IndicatorType::kRange, std::to_string(86150000 + i), ListKind::kBlock, expiries[i]));
  }
  auto s = Snapshot::Build(entries);
  for (int64_t now : {int64_t{-1}, int64_t{0}, kNow - 1, kNow, kNow + 1, unit_start - 1, unit_start,
                      unit_start + 65'535, unit_start + 65'536, kNow + 70'000, int64_t{1} << 50,
                      std::numeric_limits<int64_t>::max()}) {
    for (const Entry& e : entries) {
      const Entry* found = s->Find(e.kind, e.type, e.value, now);
      EXPECT_EQ(found != nullptr, !e.Expired(now))
          << e.value << " expires " << e.expires_ms << " now " << now;
      if (found != nullptr) {
        EXPECT_EQ(found->value, e.value);
      }
    }
  }
}

TEST(Snapshot, ExpiredDomainFallsBackThroughEveryLevel) {
  auto s =
      Snapshot::Build({Make(IndicatorType::kDomain, "example.com", ListKind::kBlock, kNow + 20),
                       Make(IndicatorType::kDomain, "b.example.com", ListKind::kBlock, kNow + 10),
                       Make(IndicatorType::kDomain, "a.b.example.com")});
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "x.a.b.example.com", kNow)->value, "a.b.example.com");
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "x.b.example.com", kNow)->value, "b.example.com");
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "x.b.example.com", kNow + 10)->value, "example.com");
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "x.b.example.com", kNow + 20), nullptr);
  EXPECT_EQ(s->FindDomain(ListKind::kAllow, "x.a.b.example.com", kNow), nullptr);
}

TEST(Snapshot, DomainKindsAreSeparate) {
  auto allowed = Make(IndicatorType::kDomain, "example.com", ListKind::kAllow);
  allowed.source = "allow";
  auto s = Snapshot::Build({Make(IndicatorType::kDomain, "a.b.c.example.com"), allowed});
  EXPECT_EQ(s->FindDomain(ListKind::kAllow, "a.b.c.example.com", kNow)->source, "allow");
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "a.b.c.example.com", kNow)->source, "test");
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "b.c.example.com", kNow), nullptr);
  EXPECT_EQ(s->FindDomain(ListKind::kProtected, "a.b.c.example.com", kNow), nullptr);
}

// Labels are found eight bytes at a time and hashed from overlapping loads: every
// label length, and a difference in any one byte, must be told apart.
TEST(Snapshot, DomainLabelsOfEveryLengthAndEveryByte) {
  std::vector<Entry> entries;
  for (size_t n = 1; n <= 63; ++n) {
    entries.push_back(Make(IndicatorType::kDomain, std::string(n, 'a' + n % 26) + ".example.com"));
  }
  auto s = Snapshot::Build(entries);
  for (size_t n = 1; n <= 63; ++n) {
    const std::string label(n, 'a' + n % 26);
    SCOPED_TRACE(n);
    EXPECT_NE(s->FindDomain(ListKind::kBlock, label + ".example.com", kNow), nullptr);
    EXPECT_NE(s->FindDomain(ListKind::kBlock, "www." + label + ".example.com", kNow), nullptr);
    EXPECT_NE(
        s->FindDomain(ListKind::kBlock, "a-much-longer-label." + label + ".example.com", kNow),
        nullptr);
    EXPECT_EQ(s->FindDomain(ListKind::kBlock, label + "x.example.com", kNow), nullptr);
    for (size_t i = 0; i < n; ++i) {
      std::string other = label;
      other[i] = '-';
      EXPECT_EQ(s->FindDomain(ListKind::kBlock, other + ".example.com", kNow), nullptr) << i;
    }
  }
}

TEST(Snapshot, HostsWithManyLabels) {
  std::string deep;  // a rule of 70 labels: the label-count mask's last bit means ">= 63"
  for (int i = 0; i < 68; ++i) deep += "l.";
  deep += "example.com";
  auto s = Snapshot::Build({Make(IndicatorType::kDomain, "example.com"),
                            Make(IndicatorType::kDomain, deep, ListKind::kAllow)});
  std::string host;
  for (int i = 0; i < 200; ++i) host += "a.";
  EXPECT_NE(s->FindDomain(ListKind::kBlock, host + "example.com", kNow), nullptr);
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, host + "example.org", kNow), nullptr);
  EXPECT_EQ(s->FindDomain(ListKind::kAllow, deep, kNow)->value, deep);
  EXPECT_EQ(s->FindDomain(ListKind::kAllow, "x.y." + deep, kNow)->value, deep);
  EXPECT_EQ(s->FindDomain(ListKind::kAllow, deep.substr(2), kNow), nullptr);
}

TEST(Snapshot, OddHostsMatchOnlyThroughWellFormedSuffixes) {
  auto s = Snapshot::Build({Make(IndicatorType::kDomain, "example.com")});
  for (std::string_view host : {".", "..", "com", ".com", "example.com.", "..example.com",
                                "a..example.com", "example..com", "\x80\xff.example.org"}) {
    if (host == "..example.com" || host == "a..example.com") {
      EXPECT_NE(s->FindDomain(ListKind::kBlock, host, kNow), nullptr) << host;
    } else {
      EXPECT_EQ(s->FindDomain(ListKind::kBlock, host, kNow), nullptr) << host;
    }
  }
}

// Every lookup against a brute-force reading of the documented semantics, on random
// lists dense in parents, prefixes, shared tags and expiries.
TEST(Snapshot, AgreesWithBruteForce) {
  std::mt19937_64 rng(5);
  const std::vector<std::string> labels = {
      "a", "b", "pay", "bank-of-x", "0", "xn--p1ai", "a-rather-long-label-name"};
  auto random_domain = [&] {
    std::string d = labels[rng() % labels.size()] + (rng() % 2 ? ".com" : ".cn");
    for (int n = static_cast<int>(rng() % 4); n > 0; --n)
      d = labels[rng() % labels.size()] + "." + d;
    return d;
  };
  auto random_digits = [&](int n) {
    std::string d = "86";
    while (static_cast<int>(d.size()) < n) d.push_back(static_cast<char>('0' + rng() % 3));
    return d;
  };
  const std::vector<int64_t> expiries = {0, 0, 0, kNow - 1, kNow, kNow + 1, kNow + 100'000};
  std::vector<Entry> entries;
  std::set<std::tuple<ListKind, IndicatorType, std::string>> seen;
  for (int i = 0; i < 3000; ++i) {
    const auto kind = static_cast<ListKind>(rng() % 2);
    const auto type = static_cast<IndicatorType>(rng() % 4);
    std::string value = type == IndicatorType::kNumber ? random_digits(13)
                        : type == IndicatorType::kRange
                            ? random_digits(3 + static_cast<int>(rng() % 8))
                        : type == IndicatorType::kDomain ? random_domain()
                                                         : "https://" + random_domain() + "/";
    if (!seen.emplace(kind, type, value).second) continue;
    Entry e = Make(type, value, kind, expiries[rng() % expiries.size()]);
    e.source = std::to_string(i);
    entries.push_back(e);
  }
  auto s = Snapshot::Build(entries);
  auto live = [&](ListKind kind, IndicatorType type, std::string_view value) -> const Entry* {
    for (const Entry& e : entries) {
      if (e.kind == kind && e.type == type && e.value == value && !e.Expired(kNow)) return &e;
    }
    return nullptr;
  };
  auto expect_same = [](const Entry* got, const Entry* want) {
    ASSERT_EQ(got != nullptr, want != nullptr);
    if (got != nullptr) {
      EXPECT_EQ(got->source, want->source);
    }
  };
  for (int i = 0; i < 3000; ++i) {
    const auto kind = static_cast<ListKind>(rng() % 3);
    const std::string host = (rng() % 2 ? "w." : "") + random_domain();
    SCOPED_TRACE(host);
    const Entry* want = nullptr;
    for (size_t at = 0; want == nullptr && at != std::string::npos;) {
      want = live(kind, IndicatorType::kDomain, std::string_view(host).substr(at));
      at = host.find('.', at);
      if (at != std::string::npos) ++at;
    }
    expect_same(s->FindDomain(kind, host, kNow), want);
    const std::string url = "https://" + host + "/";
    expect_same(s->Find(kind, IndicatorType::kUrl, url, kNow),
                live(kind, IndicatorType::kUrl, url));
    const std::string number = random_digits(13);
    const Entry* exact = live(kind, IndicatorType::kNumber, number);
    expect_same(s->Find(kind, IndicatorType::kNumber, number, kNow), exact);
    const Entry* range = nullptr;
    for (size_t n = number.size(); range == nullptr && n > 0; --n) {
      range = live(kind, IndicatorType::kRange, std::string_view(number).substr(0, n));
    }
    expect_same(s->FindPhone(kind, number, kNow), exact != nullptr ? exact : range);
  }
}

TEST(TagMap, ConfirmsEveryCandidateUnderOneHash) {
  // Three values under the same 64-bit hash (a full collision) and one whose tag alone
  // collides: the confirm callback decides, in insertion order.
  internal::TagMap map;
  const uint64_t h = 0x1234'5678'9abc'def0ull;
  map.Build({{h, 10}, {h, 11}, {h ^ (uint64_t{1} << 63), 12}, {h, 13}});
  EXPECT_EQ(map.Find(h, [](uint32_t v) { return v == 11; }), 11u);
  EXPECT_EQ(map.Find(h, [](uint32_t v) { return v == 13; }), 13u);
  EXPECT_EQ(map.Find(h, [](uint32_t v) { return v >= 10; }), 10u);
  EXPECT_EQ(map.Find(h, [](uint32_t v) { return v == 12; }), internal::TagMap::kNone);
  EXPECT_EQ(map.Find(h ^ (uint64_t{1} << 63), [](uint32_t v) { return v == 12; }), 12u);
  EXPECT_EQ(map.Find(h + 2, [](uint32_t) { return true; }), internal::TagMap::kNone);
}

TEST(U64Map, FindsEveryKeyThroughProbeChains) {
  std::mt19937_64 rng(9);
  std::vector<internal::U64Map::Slot> slots;
  for (uint32_t i = 0; i < 5000; ++i) slots.push_back({rng() >> 1, i, i * 7});
  slots.push_back({slots[17].key, 99'999, 1});  // a later duplicate overwrites
  for (int spread : {1, 2}) {
    internal::U64Map map;
    map.Build(slots, spread);
    for (size_t i = 0; i + 1 < slots.size(); ++i) {
      const internal::U64Map::Slot* s = map.Find(slots[i].key);
      ASSERT_NE(s, nullptr);
      if (i == 17) {
        EXPECT_EQ(s->value, 99'999u);
      } else {
        EXPECT_EQ(s->value, slots[i].value);
        EXPECT_EQ(s->hint, slots[i].hint);
      }
    }
    for (int i = 0; i < 5000; ++i) EXPECT_EQ(map.Find((rng() >> 1) | (uint64_t{1} << 62)), nullptr);
  }
}

TEST(KeyFilter, HasNoFalseNegativesAndFewFalsePositives) {
  std::mt19937_64 rng(3);
  std::vector<uint64_t> keys(20'000);
  for (uint64_t& k : keys) k = rng();
  internal::KeyFilter filter;
  filter.Build(keys);
  for (uint64_t k : keys) ASSERT_TRUE(filter.MayContain(k));
  int positives = 0;
  for (int i = 0; i < 100'000; ++i) positives += filter.MayContain(rng());
  EXPECT_LT(positives, 5'000);  // ~2% expected
  internal::KeyFilter empty;
  empty.Build({});
  EXPECT_FALSE(empty.MayContain(rng()));
}

}  // namespace
}  // namespace wuzha::lists
