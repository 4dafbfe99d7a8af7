#include "lists/indicator.h"

#include <gtest/gtest.h>

namespace wuzha::lists {
namespace {

std::string Norm(IndicatorType type, std::string_view text) {
  auto r = NormalizeIndicator(type, text);
  return r.ok() ? *r : "ERR:" + std::string(r.error().message());
}

bool Refused(IndicatorType type, std::string_view text) {
  auto r = NormalizeIndicator(type, text);
  return !r.ok() && r.error().code() == StatusCode::kInvalidArgument;
}

TEST(NormalizeIndicator, NumbersBecomeE164Digits) {
  EXPECT_EQ(Norm(IndicatorType::kNumber, "+86 138-0013-8000"), "8613800138000");
  EXPECT_EQ(Norm(IndicatorType::kNumber, "027-8888 6666"), "862788886666");
  EXPECT_TRUE(Refused(IndicatorType::kNumber, "12"));
}

TEST(NormalizeIndicator, RangesGetTheCountryCode) {
  EXPECT_EQ(Norm(IndicatorType::kRange, "170"), "86170");
  EXPECT_EQ(Norm(IndicatorType::kRange, "027"), "8627");
  EXPECT_EQ(Norm(IndicatorType::kRange, "+44 20"), "4420");
  EXPECT_EQ(Norm(IndicatorType::kRange, "86165"), "86165");
  EXPECT_TRUE(Refused(IndicatorType::kRange, "17x"));
  EXPECT_TRUE(Refused(IndicatorType::kRange, "1234567890123456"));
}

TEST(NormalizeIndicator, DomainsAreLowerCaseWithoutWildcardOrDot) {
  EXPECT_EQ(Norm(IndicatorType::kDomain, "WWW.Example.COM."), "www.example.com");
  EXPECT_EQ(Norm(IndicatorType::kDomain, "*.example.com"), "example.com");
  EXPECT_TRUE(Refused(IndicatorType::kDomain, "com"));
  EXPECT_TRUE(Refused(IndicatorType::kDomain, "co.uk"));       // public suffix
  EXPECT_EQ(Norm(IndicatorType::kDomain, "github.io"), "github.io");  // private suffix: allowed
  EXPECT_TRUE(Refused(IndicatorType::kDomain, "a..com"));
  EXPECT_TRUE(Refused(IndicatorType::kDomain, "例子.中国"));   // needs punycode first
  EXPECT_EQ(Norm(IndicatorType::kDomain, "xn--fsqu00a.xn--fiqs8s"), "xn--fsqu00a.xn--fiqs8s");
}

TEST(NormalizeIndicator, UrlsDropDefaultPortFragmentAndCase) {
  EXPECT_EQ(Norm(IndicatorType::kUrl, "HTTPS://User@Example.COM:443/Pay?x=1#top"),
            "https://example.com/Pay?x=1");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "example.com"), "http://example.com/");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "http://example.com:8080"), "http://example.com:8080/");
  EXPECT_EQ(Norm(IndicatorType::kUrl, "http://1.2.3.4:80/a"), "http://1.2.3.4/a");
  EXPECT_TRUE(Refused(IndicatorType::kUrl, "http://exa mple.com/"));
}

TEST(NormalizeIndicator, AppsAndAccounts) {
  EXPECT_EQ(Norm(IndicatorType::kAppPackage, "com.fake.Bank"), "com.fake.Bank");
  EXPECT_TRUE(Refused(IndicatorType::kAppPackage, "com/fake"));
  const std::string hex(64, 'A');
  EXPECT_EQ(Norm(IndicatorType::kAppFile, hex), std::string(64, 'a'));
  std::string colons;
  for (int i = 0; i < 32; ++i) colons += (i ? ":" : "") + std::string("AB");
  EXPECT_EQ(Norm(IndicatorType::kAppCert, colons), [] {
    std::string s;
    for (int i = 0; i < 32; ++i) s += "ab";
    return s;
  }());
  EXPECT_TRUE(Refused(IndicatorType::kAppFile, "abc"));
  EXPECT_EQ(Norm(IndicatorType::kAccount, "6222 0212 3456 7890"), "6222021234567890");
  EXPECT_TRUE(Refused(IndicatorType::kAccount, "123"));
}

TEST(RegistrableDomain, UsesThePublicSuffixList) {
  EXPECT_EQ(RegistrableDomain("a.b.example.co.uk"), "example.co.uk");
  EXPECT_EQ(RegistrableDomain("pay.example.com.cn"), "example.com.cn");
  EXPECT_EQ(RegistrableDomain("com"), std::nullopt);
}

TEST(Names, RoundTrip) {
  for (int i = 0; i < kIndicatorTypeCount; ++i) {
    auto t = static_cast<IndicatorType>(i);
    EXPECT_EQ(ParseIndicatorType(IndicatorTypeName(t)), t);
  }
  for (int i = 0; i < kListKindCount; ++i) {
    auto k = static_cast<ListKind>(i);
    EXPECT_EQ(ParseListKind(ListKindName(k)), k);
  }
  EXPECT_EQ(ParseListKind("nope"), std::nullopt);
}

}  // namespace
}  // namespace wuzha::lists

namespace wuzha::lists {
namespace {

TEST(UrlHost, TakesTheHostAsWrittenFromAnyUrlForm) {
  EXPECT_EQ(UrlHost("icbc-refund.top"), "icbc-refund.top");
  EXPECT_EQ(UrlHost("https://user:pw@M.Icbc-Refund.top:8443/r/8KQ2?x=1#f"), "M.Icbc-Refund.top");
  EXPECT_EQ(UrlHost("icbc-refund.top/r/8KQ2"), "icbc-refund.top");
  EXPECT_EQ(UrlHost("中文.com?q"), "中文.com");
  EXPECT_EQ(UrlHost(""), "");
}

}  // namespace
}  // namespace wuzha::lists
