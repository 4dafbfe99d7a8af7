#include "core/interner.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace wuzha {
namespace {

// n distinct 11-digit mobile-like keys from a fixed seed.
std::vector<std::string> PhoneKeys(size_t n) {
  std::mt19937_64 rng(20240501);
  std::uniform_int_distribution<uint64_t> tail(0, 9'999'999'999ULL);
  std::unordered_set<std::string> seen;
  std::vector<std::string> keys;
  keys.reserve(n);
  while (keys.size() < n) {
    std::string k = std::to_string(10'000'000'000ULL + tail(rng));  // "1" + 10 digits
    if (seen.insert(k).second) keys.push_back(std::move(k));
  }
  return keys;
}

TEST(Interner, StartsEmpty) {
  Interner in;
  EXPECT_EQ(in.size(), 0u);
  EXPECT_FALSE(in.Find("8613800138000").has_value());
  EXPECT_GT(in.memory_bytes(), 0u);
}

TEST(Interner, AssignsDenseIdsInFirstSeenOrder) {
  Interner in;
  EXPECT_EQ(in.Intern("8613800138000"), 0u);
  EXPECT_EQ(in.Intern("862788886666"), 1u);
  EXPECT_EQ(in.Intern("6222020200112233445"), 2u);
  EXPECT_EQ(in.size(), 3u);
}

TEST(Interner, SameStringGetsSameId) {
  Interner in;
  Interner::Id a = in.Intern("alpha");
  Interner::Id b = in.Intern("beta");
  EXPECT_EQ(in.Intern("alpha"), a);
  EXPECT_EQ(in.Intern(std::string("beta")), b);
  EXPECT_EQ(in.size(), 2u);
}

TEST(Interner, FindReturnsIdOfPresentKeyOnly) {
  Interner in;
  in.Intern("present");
  EXPECT_EQ(in.Find("present"), std::optional<Interner::Id>(0));
  EXPECT_FALSE(in.Find("absent").has_value());
  EXPECT_FALSE(in.Find("presen").has_value());    // prefix
  EXPECT_FALSE(in.Find("present!").has_value());  // extension
  EXPECT_EQ(in.size(), 1u);                       // Find does not insert
}

TEST(Interner, EmptyStringIsAKeyLikeAnyOther) {
  Interner in;
  in.Intern("x");
  EXPECT_FALSE(in.Find("").has_value());
  Interner::Id empty = in.Intern("");
  EXPECT_EQ(empty, 1u);
  EXPECT_EQ(in.Intern(""), empty);
  EXPECT_EQ(in.Find(""), std::optional<Interner::Id>(empty));
  EXPECT_EQ(in.Lookup(empty), "");
  EXPECT_EQ(in.Lookup(0), "x");
}

TEST(Interner, KeysMayHoldAnyBytes) {
  Interner in;
  const std::string with_nul("a\0b", 3);
  Interner::Id id = in.Intern(with_nul);
  EXPECT_NE(in.Intern("a"), id);
  EXPECT_EQ(in.Lookup(id), with_nul);
  EXPECT_EQ(in.Intern("张三"), 2u);
  EXPECT_EQ(in.Lookup(2), "张三");
}

TEST(Interner, LookupRoundTripsTwoHundredThousandKeysThroughGrowth) {
  const std::vector<std::string> keys = PhoneKeys(200'000);
  Interner in;
  for (size_t i = 0; i < keys.size(); ++i) {
    ASSERT_EQ(in.Intern(keys[i]), static_cast<Interner::Id>(i)) << keys[i];
  }
  ASSERT_EQ(in.size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    ASSERT_EQ(in.Lookup(static_cast<Interner::Id>(i)), keys[i]);
    ASSERT_EQ(in.Find(keys[i]), std::optional<Interner::Id>(i));
    ASSERT_EQ(in.Intern(keys[i]), static_cast<Interner::Id>(i));  // no duplicate ids
  }
  EXPECT_EQ(in.size(), keys.size());
  EXPECT_FALSE(in.Find("99999999999999").has_value());
  EXPECT_GE(in.memory_bytes(), keys.size() * 11);
}

// Regression: the arena was one std::vector<char>, so growing it freed the bytes that
// earlier Lookup views pointed to, breaking the documented guarantee.
TEST(Interner, LookupViewsStayValidWhileInterning) {
  Interner in;
  in.Intern("8613800138000");
  const std::string_view first = in.Lookup(0);
  std::vector<std::string_view> views;
  const std::vector<std::string> keys = PhoneKeys(100'000);
  for (const std::string& k : keys) views.push_back(in.Lookup(in.Intern(k)));
  EXPECT_EQ(first, "8613800138000");
  for (size_t i = 0; i < keys.size(); ++i) ASSERT_EQ(views[i], keys[i]);
}

TEST(Interner, KeyLargerThanABlockIsStored) {
  Interner in;
  const std::string big(200'000, 'k');
  in.Intern("small");
  Interner::Id id = in.Intern(big);
  in.Intern("after");
  EXPECT_EQ(in.Lookup(id), big);
  EXPECT_EQ(in.Lookup(0), "small");
  EXPECT_EQ(in.Lookup(2), "after");
  EXPECT_EQ(in.Find(big), std::optional<Interner::Id>(id));
}

TEST(Interner, MoveKeepsIdsAndViews) {
  Interner in;
  in.Intern("one");
  const std::string_view view = in.Lookup(0);
  Interner moved = std::move(in);
  EXPECT_EQ(moved.Find("one"), std::optional<Interner::Id>(0));
  EXPECT_EQ(view, "one");
  EXPECT_EQ(moved.Intern("two"), 1u);
}

}  // namespace
}  // namespace wuzha
