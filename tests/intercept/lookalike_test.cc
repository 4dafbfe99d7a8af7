// Lookalike domains (BrandTable, rule url.lookalike) and newly seen domains
// (DomainHistory, rule url.new_domain): each technique on a table of known cases, the
// brands' own domains left alone, generated lookalikes of every protected brand, and the
// Tranco top-10k as the false-positive control.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "intercept/brand_table.h"
#include "intercept/checker.h"
#include "intercept/domain_history.h"
#include "lists/io.h"
#include "lists/store.h"

namespace wuzha::intercept {
namespace {

constexpr int64_t kNow = 1714537800000;  // 2024-05-01 12:30 +08:00

const std::string kTranco = std::string(WUZHA_SHARED_DATA_DIR) + "/domains/tranco_top10k.csv";

const Reason* FindReason(const Verdict& v, std::string_view rule) {
  for (const Reason& r : v.reasons) {
    if (r.rule == rule) return &r;
  }
  return nullptr;
}

bool Flagged(const Verdict& v) {
  return v.decision != Decision::kAllow && FindReason(v, "url.lookalike") != nullptr;
}

class LookalikeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CheckerOptions options;
    auto checker = Checker::Create(store_, options);
    ASSERT_TRUE(checker.ok()) << checker.error().message();
    checker_ = std::move(checker).value();
  }
  Verdict Url(const std::string& url) const { return checker_->CheckUrl({url, kNow}); }

  lists::Store store_;
  std::unique_ptr<Checker> checker_;
};

struct Case {
  const char* url;
  const char* want;  // "(technique:" expected in the reason's detail
  const char* brand;
};

TEST_F(LookalikeTest, FlagsEachTechniqueAndNamesIt) {
  const Case cases[] = {
      {"icbcc.com.cn", "(typo:", "icbc.com.cn"},
      {"alpiay.com", "(typo:", "alipay.com"},              // transposition
      {"allipay.com", "(typo:", "alipay.com"},             // doubled letter
      {"http://alipy.com/login", "(typo:", "alipay.com"},  // dropped letter
      {"taobap.com", "(typo:", "taobao.com"},              // keyboard neighbour
      {"ta0bao.com", "(homoglyph:", "taobao.com"},
      {"a1ipay.cn", "(homoglyph:", "alipay.com"},
      {"chinarnobile.com", "(homoglyph:", "10086.cn"},     // rn for m
      {"аlipay.com", "(homoglyph:", "alipay.com"},         // Cyrillic а
      {"xn--lipay-3ve.com", "(homoglyph:", "alipay.com"},  // the same, as punycode
      {"https://www.xn--lipay-3ve.com/", "(homoglyph:", "alipay.com"},
      {"ісbс.top", "(homoglyph:", "icbc.com.cn"},  // Cyrillic і and с
      {"工商银行.com", "(idn:", "icbc.com.cn"},
      {"支付宝-退款.cn", "(idn:", "alipay.com"},
      {"icbc-refund.com", "(added words:", "icbc.com.cn"},
      {"secure-alipay-login.net", "(added words:", "alipay.com"},
      {"alipaykefu.com", "(added words:", "alipay.com"},
      {"icbc95588.cn", "(added words:", "icbc.com.cn"},
      {"10086-kefu.cn", "(added words:", "10086.cn"},
      {"110-jubao.com", "(added words:", "mps.gov.cn"},
      {"gov-cn-verify.com", "(added words:", "gov.cn"},
      {"www.icbc.com.cn.verify-id.top", "(added words:", "icbc.com.cn"},
      {"icbc.com.secure-login.xyz", "(added words:", "icbc.com.cn"},
      {"https://chinamobile.jifen-duihuan.top/x", "(added words:", "10086.cn"},
      {"icbc.cc", "(tld swap:", "icbc.com.cn"},
      {"alipay.top", "(tld swap:", "alipay.com"},
      {"unionpay.vip", "(tld swap:", "unionpay.com"},
      {"chinatax.com", "(tld swap:", "chinatax.gov.cn"},
  };
  for (const Case& c : cases) {
    const Verdict v = Url(c.url);
    const Reason* r = FindReason(v, "url.lookalike");
    ASSERT_NE(r, nullptr) << c.url;
    EXPECT_NE(v.decision, Decision::kAllow) << c.url;
    EXPECT_NE(r->detail.find(c.want), std::string::npos) << c.url << ": " << r->detail;
    EXPECT_NE(r->detail.find(std::string("lookalike of ") + c.brand), std::string::npos)
        << c.url << ": " << r->detail;
  }
}

TEST_F(LookalikeTest, BankAndGovernmentLookalikesNameTheFraudType) {
  EXPECT_EQ(Url("icbc-refund.com").fraud_type, "冒充客服");
  EXPECT_EQ(Url("chinatax-verify.com").fraud_type, "冒充公检法");
}

TEST_F(LookalikeTest, MixedScriptIdnWarnsWithoutABrand) {
  const Verdict v = Url("bаnk.com");  // Cyrillic а in a Latin word
  const Reason* r = FindReason(v, "url.lookalike");
  ASSERT_NE(r, nullptr);
  EXPECT_NE(r->detail.find("mixes scripts"), std::string::npos) << r->detail;
  EXPECT_EQ(v.decision, Decision::kWarn);
}

TEST_F(LookalikeTest, LeavesTheBrandsOwnDomainsAlone) {
  for (const char* url : {"icbc.com.cn",
                          "www.icbc.com.cn",
                          "mybank.icbc.com.cn",
                          "https://mybank.icbc.com.cn/icbc/",
                          "icbc.com",
                          "alipay.com",
                          "render.alipay.com",
                          "weixin.qq.com",
                          "pay.weixin.qq.com",
                          "10086.cn",
                          "www.10086.cn",
                          "189.cn",
                          "www.mps.gov.cn",
                          "beijing.gov.cn",
                          "12306.cn",
                          "www.12377.cn",
                          "jd.com",
                          "item.jd.com",
                          "taobao.com",
                          "www.tmall.com",
                          "unionpay.com",
                          "95516.com",
                          "bankofchina.com",
                          "www.boc.cn",
                          "ctrip.com",
                          "trip.com"}) {
    const Verdict v = Url(url);
    EXPECT_EQ(v.decision, Decision::kAllow) << url;
    EXPECT_EQ(FindReason(v, "url.lookalike"), nullptr) << url;
    EXPECT_EQ(FindReason(v, "url.new_domain"), nullptr) << url;
  }
}

TEST_F(LookalikeTest, LeavesUnrelatedDomainsAlone) {
  for (const char* url :
       {"example.com", "sina.com.cn", "wikipedia.org", "zhihu.com", "bilibili.com", "github.com",
        "163.com", "news.cctv.com", "whu.edu.cn", "hubei.gov.cn", "中文.com", "банк.рф"}) {
    EXPECT_EQ(FindReason(Url(url), "url.lookalike"), nullptr) << url;
  }
}

TEST_F(LookalikeTest, AllowAndProtectedListsWin) {
  lists::Entry allow;
  allow.kind = lists::ListKind::kAllow;
  allow.type = lists::IndicatorType::kDomain;
  allow.value = "icbc-refund.com";
  ASSERT_TRUE(store_.Upsert(allow, "test", 0).ok());
  lists::Entry own = allow;
  own.kind = lists::ListKind::kProtected;
  own.value = "alipay-partner.com";
  ASSERT_TRUE(store_.Upsert(own, "test", 0).ok());
  store_.Publish();
  EXPECT_EQ(FindReason(Url("icbc-refund.com"), "url.lookalike"), nullptr);
  EXPECT_EQ(FindReason(Url("www.alipay-partner.com"), "url.lookalike"), nullptr);
  EXPECT_NE(FindReason(Url("alipay-refund.com"), "url.lookalike"), nullptr);
}

TEST(BrandTable, SkeletonFoldsConfusables) {
  EXPECT_EQ(BrandTable::Skeleton("g00gle"), "google");
  EXPECT_EQ(BrandTable::Skeleton("paypa1"), "paypal");
  EXPECT_EQ(BrandTable::Skeleton("rnicrosoft"), "microsoft");
  EXPECT_EQ(BrandTable::Skeleton("vvechat"), "wechat");
  EXPECT_EQ(BrandTable::Skeleton("аlірау"), "alipay");  // Cyrillic а і р а у
  EXPECT_EQ(BrandTable::Skeleton("中文"), "中文");
}

TEST(BrandTable, RankedDomainsAreBrandsAndNeverLookalikes) {
  auto table = BrandTable::FromDomains({"google.com", "paypal.com", "google.de"});
  EXPECT_TRUE(table->IsProtected("google.de"));
  EXPECT_FALSE(table->Find("google.de", "google.de", "google.de").has_value());
  auto m = table->Find("g00gle.com", "g00gle.com", "g00gle.com");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->technique, Technique::kHomoglyph);
  EXPECT_EQ(m->brand->domain, "google.com");
  m = table->Find("paypal.top", "paypal.top", "paypal.top");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->technique, Technique::kTldSwap);
  m = table->Find("paypa.com", "paypa.com", "paypa.com");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->technique, Technique::kTypo);
}

// ---- Generated lookalikes of every protected brand -------------------------------

// QWERTY neighbours of each letter, for keyboard typos.
const std::map<char, std::string> kNeighbours = {
    {'q', "wa"},  {'w', "qes"}, {'e', "wrd"}, {'r', "etf"}, {'t', "ryg"}, {'y', "tuh"},
    {'u', "yij"}, {'i', "uok"}, {'o', "ipl"}, {'p', "ol"},  {'a', "qsz"}, {'s', "adw"},
    {'d', "sfe"}, {'f', "dgr"}, {'g', "fht"}, {'h', "gjy"}, {'j', "hku"}, {'k', "jli"},
    {'l', "ko"},  {'z', "xa"},  {'x', "zcs"}, {'c', "xvd"}, {'v', "cbf"}, {'b', "vng"},
    {'n', "bmh"}, {'m', "nj"}};

// Look-alike replacements of one character: ASCII tricks and Cyrillic / Greek letters.
const std::map<char, std::vector<std::string>> kHomoglyphs = {
    {'a', {"а", "α"}},      {'c', {"с"}},      {'d', {"ԁ"}}, {'e', {"е"}},       {'h', {"һ"}},
    {'i', {"і"}},           {'j', {"ј"}},      {'k', {"κ"}}, {'l', {"1", "ӏ"}},  {'m', {"rn"}},
    {'o', {"0", "о", "ο"}}, {'p', {"р", "ρ"}}, {'s', {"ѕ"}}, {'w', {"vv", "ԝ"}}, {'x', {"х"}},
    {'y', {"у"}},           {'0', {"o"}},      {'1', {"l"}}, {'n', {"п"}},       {'t', {"τ"}},
    {'u', {"υ"}},           {'v', {"ν"}},      {'b', {"Ь"}}, {'g', {"ɡ"}},       {'r', {"г"}},
    {'q', {"ԛ"}},           {'z', {"ᴢ"}}};

const char* const kLures[] = {"refund", "kefu",    "pay",    "login",   "verify",
                              "vip",    "service", "secure", "support", "account",
                              "update", "tuikuan", "95588"};
const char* const kTlds[] = {"com",  "cn",   "top", "xyz", "vip",    "shop", "online",
                             "site", "info", "net", "cc",  "com.cn", "hk",   "co"};

struct Generated {
  std::string technique;
  std::string url;
  const Brand* brand;
};

std::vector<Generated> Generate(const std::vector<const Brand*>& brands,
                                const std::set<std::string>& labels, std::mt19937& rng) {
  auto pick = [&rng](auto& items) -> decltype(auto) {
    return items[std::uniform_int_distribution<size_t>(0, std::size(items) - 1)(rng)];
  };
  auto random_index = [&rng](size_t n) {
    return std::uniform_int_distribution<size_t>(0, n - 1)(rng);
  };
  std::vector<Generated> out;
  for (const Brand* b : brands) {
    const std::string& label = b->label;
    const bool ranked = b->brand_class == BrandClass::kRanked;
    const bool digits =
        std::any_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; });
    // Typos of letter labels: keyboard substitution, transposition, doubled letter,
    // dropped letter.
    const size_t typo_min = ranked ? 6 : b->brand_class == BrandClass::kBank ? 4 : 5;
    if (!digits && label.size() >= typo_min) {
      for (int kind = 0; kind < 4; ++kind) {
        std::string t = label;
        const size_t i = random_index(t.size());
        if (kind == 0 && kNeighbours.contains(t[i])) t[i] = pick(kNeighbours.at(t[i]));
        if (kind == 1 && i + 1 < t.size()) std::swap(t[i], t[i + 1]);
        if (kind == 2) t.insert(i, 1, t[i]);
        if (kind == 3) t.erase(i, 1);
        if (t == label || labels.contains(t)) continue;
        out.push_back({"typo", t + "." + pick(kTlds), b});
      }
    }
    // Homoglyphs: one character replaced by a look-alike.
    std::vector<size_t> spots;
    for (size_t i = 0; i < label.size(); ++i) {
      if (kHomoglyphs.contains(label[i])) spots.push_back(i);
    }
    for (int n = 0; n < 2 && !spots.empty(); ++n) {
      const size_t i = pick(spots);
      std::string h = label.substr(0, i) + pick(kHomoglyphs.at(label[i])) + label.substr(i + 1);
      if (labels.contains(h)) continue;
      out.push_back({"homoglyph", h + "." + pick(kTlds), b});
    }
    // Added words: hyphenated, glued, and the official domain as a subdomain.
    out.push_back({"added words", label + "-" + pick(kLures) + "." + pick(kTlds), b});
    out.push_back({"added words", std::string(pick(kLures)) + "-" + label + "." + pick(kTlds), b});
    // Ranked brands glued to digits are honest too often (sport24): words only.
    std::string glued = pick(kLures);
    while (ranked && glued == "95588") glued = pick(kLures);
    out.push_back({"added words", label + glued + "." + pick(kTlds), b});
    out.push_back({"added words", "www." + b->domain + ".verify-id." + pick(kTlds), b});
    // TLD swap.
    for (int n = 0; n < 2; ++n) out.push_back({"tld swap", label + "." + pick(kTlds), b});
  }
  return out;
}

void CheckGenerated(const Checker& checker, const BrandTable& table,
                    const std::vector<const Brand*>& brands) {
  std::set<std::string> labels;
  for (const Brand& b : table.brands()) labels.insert(b.label);
  std::mt19937 rng(20240501);
  const std::vector<Generated> generated = Generate(brands, labels, rng);
  std::map<std::string, std::pair<int, int>> by_technique;  // flagged, total
  int flagged = 0, total = 0;
  std::vector<std::string> missed;
  for (const Generated& g : generated) {
    const Verdict v = checker.CheckUrl({g.url, kNow});
    // A generated name that happens to be a protected domain is not a lookalike.
    if (v.decision == Decision::kAllow && FindReason(v, "url.new_domain") == nullptr) continue;
    const bool hit = Flagged(v);
    auto& [f, n] = by_technique[g.technique];
    f += hit;
    ++n;
    flagged += hit;
    ++total;
    if (!hit && missed.size() < 40)
      missed.push_back(g.technique + " " + g.url + " (" + g.brand->label + ")");
  }
  for (const auto& [technique, fn] : by_technique) {
    std::printf("  %-12s %5d / %5d flagged (%.1f%%)\n", technique.c_str(), fn.first, fn.second,
                100.0 * fn.first / fn.second);
    EXPECT_GE(fn.first, 0.95 * fn.second) << technique;
  }
  std::printf("  all          %5d / %5d flagged (%.1f%%) over %zu brands\n", flagged, total,
              100.0 * flagged / total, brands.size());
  for (const std::string& m : missed) std::printf("  missed: %s\n", m.c_str());
  EXPECT_GE(flagged, 0.95 * total);
}

// Every built-in name that stands alone (ASCII, not marked words-only).
std::vector<const Brand*> BuiltinBrands(const BrandTable& table) {
  std::vector<const Brand*> out;
  for (const Brand& b : table.brands()) {
    const bool ascii = std::all_of(b.label.begin(), b.label.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (b.brand_class != BrandClass::kRanked && ascii && !b.words_only) out.push_back(&b);
  }
  return out;
}

TEST_F(LookalikeTest, FlagsGeneratedLookalikesOfEveryChineseBrand) {
  auto table = BrandTable::FromDomains({});
  CheckGenerated(*checker_, *table, BuiltinBrands(*table));
}

TEST(LookalikeTranco, FlagsGeneratedLookalikesOfTopRankedBrands) {
  if (!std::filesystem::exists(kTranco)) GTEST_SKIP() << kTranco << " missing";
  lists::Store store;
  CheckerOptions options;
  options.tranco = kTranco;
  auto checker = Checker::Create(store, options);
  ASSERT_TRUE(checker.ok()) << checker.error().message();
  auto table = BrandTable::Create(kTranco);
  ASSERT_TRUE(table.ok());
  // The Chinese brands and the top 500 ranked brands with labels of 4+ characters
  // (shorter ranked labels, t.co or x.com, are protected only as spelled-out domains).
  std::vector<const Brand*> brands = BuiltinBrands(**table);
  for (const Brand& b : (*table)->brands()) {
    if (b.brand_class == BrandClass::kRanked && b.rank > 0 && b.rank <= 500 &&
        b.label.size() >= 4) {
      brands.push_back(&b);
    }
  }
  CheckGenerated(**checker, **table, brands);
}

TEST(LookalikeTranco, FlagsAtMostOnePerMilleOfTheTopTenThousand) {
  if (!std::filesystem::exists(kTranco)) GTEST_SKIP() << kTranco << " missing";
  auto imported = lists::ImportFile(lists::ListFormat::kRanked, kTranco, {});
  ASSERT_TRUE(imported.ok());
  lists::Store store;
  CheckerOptions options;
  options.tranco = kTranco;
  auto checker = Checker::Create(store, options);
  ASSERT_TRUE(checker.ok());
  int flagged = 0;
  for (const lists::Entry& e : imported->entries) {
    const Verdict v = (*checker)->CheckUrl({e.value, kNow});
    if (v.decision != Decision::kAllow) {
      ++flagged;
      std::printf("  flagged: %s %s\n", e.value.c_str(),
                  v.reasons.empty() ? "" : v.reasons[0].detail.c_str());
    }
  }
  std::printf("  %d of %zu Tranco domains flagged\n", flagged, imported->entries.size());
  EXPECT_LE(flagged, 10);
}

// The honest false-positive figure: the lower half of Tranco checked against a table
// built from the upper half (popular domains the table does not know are protected).
TEST(LookalikeTranco, ReportsFlagsOnRankedDomainsOutsideTheTable) {
  if (!std::filesystem::exists(kTranco)) GTEST_SKIP() << kTranco << " missing";
  auto imported = lists::ImportFile(lists::ListFormat::kRanked, kTranco, {});
  ASSERT_TRUE(imported.ok());
  std::vector<std::string> top;
  for (size_t i = 0; i < 5000 && i < imported->entries.size(); ++i) {
    top.push_back(imported->entries[i].value);
  }
  auto table = BrandTable::FromDomains(top);
  int flagged = 0, checked = 0;
  std::map<std::string, int> by_technique;
  for (size_t i = 5000; i < imported->entries.size(); ++i) {
    const std::string& d = imported->entries[i].value;
    const std::string registrable = lists::RegistrableDomain(d).value_or("");
    if (registrable.empty() || table->IsProtected(registrable)) continue;
    ++checked;
    if (auto m = table->Find(d, registrable, d)) {
      ++flagged;
      const std::string technique(TechniqueName(m->technique));
      if (by_technique[technique]++ < 10) {
        std::printf("    %s: %s ~ %s\n", technique.c_str(), d.c_str(),
                    m->brand != nullptr ? m->brand->domain.c_str() : "");
      }
    }
  }
  std::printf("  ranks 5001-10000 against a table of ranks 1-5000: %d of %d flagged (%.2f%%)\n",
              flagged, checked, 100.0 * flagged / std::max(checked, 1));
  for (const auto& [t, n] : by_technique) std::printf("    %s: %d\n", t.c_str(), n);
  EXPECT_LE(flagged, checked / 10);  // a guard against regressions, not the target
}

// ---- Newly seen domains ----------------------------------------------------------

Event WebVisit(const std::string& url, int64_t ms) {
  Event e;
  e.type = EventType::kWeb;
  e.ts = Timestamp::FromMillis(ms);
  WebEvent web;
  web.url = url;
  e.body = web;
  return e;
}

TEST_F(LookalikeTest, NewDomainScoresLowUntilAWeekOld) {
  constexpr int64_t kDay = DomainHistory::kDayMs;
  checker_->Observe(WebVisit("https://fresh-shop.top/item/1", kNow - kDay));
  checker_->Observe(WebVisit("https://old-shop.top/", kNow - 30 * kDay));
  Verdict v = Url("http://www.fresh-shop.top/pay");
  const Reason* r = FindReason(v, "url.new_domain");
  ASSERT_NE(r, nullptr);
  EXPECT_NE(r->detail.find("first seen 1.0 days ago"), std::string::npos) << r->detail;
  EXPECT_EQ(v.decision, Decision::kAllow);  // alone it does not warn
  EXPECT_EQ(FindReason(Url("old-shop.top"), "url.new_domain"), nullptr);
  r = FindReason(Url("never-visited.top"), "url.new_domain");
  ASSERT_NE(r, nullptr);
  EXPECT_NE(r->detail.find("never seen before"), std::string::npos) << r->detail;
  EXPECT_EQ(checker_->CheckUrl({"fresh-shop.top", kNow + 7 * kDay}).reasons.size(), 0u);
  // Together with a lookalike it tips the verdict to block.
  checker_->Observe(WebVisit("icbc-kefu.top", kNow - kDay));
  v = Url("icbc-kefu.top");
  EXPECT_NE(FindReason(v, "url.new_domain"), nullptr);
  EXPECT_EQ(v.decision, Decision::kBlock);
}

TEST(DomainHistory, KeepsEarliestTimeAndForgetsLeastRecentlySeenWhenFull) {
  DomainHistory history(7 * DomainHistory::kDayMs, 4);
  history.Observe("HTTPS://User@Shop.Example.COM:8443/x", 50);
  history.Observe("example.com", 10);
  EXPECT_EQ(history.FirstSeen("example.com"), 10);
  history.Observe("a.com", 100);
  history.Observe("b.com", 200);
  history.Observe("c.com", 300);
  history.Observe("example.com", 400);  // seen again: the most recent
  history.Observe("d.com", 500);        // full: the two least recently seen go
  EXPECT_LE(history.size(), 4u);
  EXPECT_TRUE(history.FirstSeen("example.com").has_value());
  EXPECT_FALSE(history.FirstSeen("a.com").has_value());
  EXPECT_TRUE(history.FirstSeen("d.com").has_value());
  history.Observe("192.168.1.1", 1);  // no registrable domain
  history.Observe("", 1);
  EXPECT_FALSE(history.FirstSeen("192.168.1.1").has_value());
}

}  // namespace
}  // namespace wuzha::intercept
