// The Checker: list rules per channel, how findings combine into a verdict, and that
// the rule registry is what the checker runs.
#include "intercept/checker.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "lists/store.h"

namespace wuzha::intercept {
namespace {

using lists::Entry;
using lists::IndicatorType;
using lists::ListKind;

constexpr int64_t kNow = 1714537800000;  // 2024-05-01 12:30 +08:00

Entry MakeEntry(ListKind kind, IndicatorType type, std::string value, int64_t expires_ms = 0) {
  Entry e;
  e.kind = kind;
  e.type = type;
  e.value = std::move(value);
  e.source = "test";
  e.fraud_type = FraudType::kFakeCustomerService;
  e.expires_ms = expires_ms;
  return e;
}

bool HasRule(const Verdict& v, std::string_view rule) {
  return std::any_of(v.reasons.begin(), v.reasons.end(),
                     [&](const Reason& r) { return r.rule == rule; });
}

class CheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Add(ListKind::kBlock, IndicatorType::kNumber, "8617012345678");
    Add(ListKind::kBlock, IndicatorType::kRange, "86165");
    Add(ListKind::kAllow, IndicatorType::kNumber, "8616500000001");
    Add(ListKind::kBlock, IndicatorType::kDomain, "icbc-refund.top");
    Add(ListKind::kBlock, IndicatorType::kDomain, "expired-scam.top", kNow - 1);
    Add(ListKind::kAllow, IndicatorType::kDomain, "good.example.com");
    Add(ListKind::kBlock, IndicatorType::kDomain, "example.com");
    Add(ListKind::kBlock, IndicatorType::kAppPackage, "com.fake.pay");
    Add(ListKind::kBlock, IndicatorType::kAppFile, std::string(64, 'a'));
    Add(ListKind::kAllow, IndicatorType::kAppCert, std::string(64, 'b'));
    Add(ListKind::kBlock, IndicatorType::kAccount, "6222020200112233446");
    store_.Publish();
    auto checker = Checker::Create(store_);
    ASSERT_TRUE(checker.ok()) << checker.error().message();
    checker_ = std::move(checker).value();
  }
  void Add(ListKind kind, IndicatorType type, std::string value, int64_t expires_ms = 0) {
    ASSERT_TRUE(store_.Upsert(MakeEntry(kind, type, std::move(value), expires_ms), "test", 0).ok());
  }
  Verdict Call(std::string caller) const {
    CallQuery q;
    q.caller = std::move(caller);
    q.time_ms = kNow;
    return checker_->CheckCall(q);
  }
  Verdict Url(std::string url) const { return checker_->CheckUrl({std::move(url), kNow}); }
  Verdict Sms(std::string text, std::string sender = "8613800138000") const {
    return checker_->CheckSms({std::move(sender), "8613900139000", std::move(text), kNow});
  }

  lists::Store store_;
  std::unique_ptr<Checker> checker_;
};

TEST_F(CheckerTest, BlocksListedCallerInAnyWrittenForm) {
  for (const char* form : {"8617012345678", "+86 170 1234 5678", "17012345678"}) {
    const Verdict v = Call(form);
    EXPECT_EQ(v.decision, Decision::kBlock) << form;
    EXPECT_TRUE(HasRule(v, "call.list")) << form;
    EXPECT_EQ(v.fraud_type, "冒充客服") << form;
  }
  EXPECT_EQ(Call("13800138000").decision, Decision::kAllow);
  EXPECT_TRUE(Call("13800138000").reasons.empty());
}

TEST_F(CheckerTest, RangeHitWarnsAndAllowListWins) {
  EXPECT_EQ(Call("16512345678").decision, Decision::kWarn);
  const Verdict allowed = Call("16500000001");
  EXPECT_EQ(allowed.decision, Decision::kAllow);
  EXPECT_TRUE(HasRule(allowed, "call.list"));
  EXPECT_TRUE(allowed.fraud_type.empty());
}

TEST_F(CheckerTest, DomainRuleCoversSubdomainsAndUrls) {
  for (const char* q : {"icbc-refund.top", "www.icbc-refund.top", "https://m.icbc-refund.top/r/8KQ2",
                        "HTTP://WWW.ICBC-REFUND.TOP.", "user@icbc-refund.top:8080/x"}) {
    EXPECT_EQ(Url(q).decision, Decision::kBlock) << q;
  }
  EXPECT_EQ(Url("icbc.com.cn").decision, Decision::kAllow);
}

TEST_F(CheckerTest, ExpiredEntriesDoNotBlock) {
  EXPECT_EQ(Url("expired-scam.top").decision, Decision::kAllow);
  EXPECT_EQ(checker_->CheckUrl({"expired-scam.top", kNow - 10}).decision, Decision::kBlock);
}

TEST_F(CheckerTest, AllowListedSubdomainOverridesBlockedParent) {
  EXPECT_EQ(Url("shop.example.com").decision, Decision::kBlock);
  EXPECT_EQ(Url("a.good.example.com").decision, Decision::kAllow);
}

TEST_F(CheckerTest, UnicodeHostIsCheckedAsPunycode) {
  Add(ListKind::kBlock, IndicatorType::kDomain, "xn--fiq228c.com");  // 中文.com
  store_.Publish();
  EXPECT_EQ(Url("http://中文.com/login").decision, Decision::kBlock);
  EXPECT_EQ(Url("中文.com").decision, Decision::kBlock);
}

TEST_F(CheckerTest, SmsLinksNumbersAndCardsAreCheckedAgainstTheLists) {
  const Verdict link = Sms("您的快递丢失，点击 w w w . i c b c - r e f u n d . t o p 办理理赔");
  EXPECT_EQ(link.decision, Decision::kBlock);
  EXPECT_TRUE(HasRule(link, "sms.link_list"));
  const Verdict number = Sms("客服专线 170-1234-5678，请尽快联系");
  EXPECT_EQ(number.decision, Decision::kBlock);
  const Verdict card = Sms("请将资金转入 6222 0202 0011 2233 446 完成验证");
  EXPECT_EQ(card.decision, Decision::kBlock);
  EXPECT_TRUE(HasRule(card, "sms.link_list"));
}

TEST_F(CheckerTest, SmsFromListedSenderIsBlocked) {
  const Verdict v = Sms("你好", "+8617012345678");
  EXPECT_EQ(v.decision, Decision::kBlock);
  EXPECT_TRUE(HasRule(v, "sms.sender_list"));
}

TEST_F(CheckerTest, KeywordsAloneNeverBlock) {
  const Verdict v = Sms("【客服】您的订单异常，需要退款，请提供银行卡号和验证码完成理赔，解冻账户");
  EXPECT_TRUE(HasRule(v, "sms.keywords"));
  EXPECT_NE(v.decision, Decision::kBlock);
  EXPECT_GT(v.score, 0.3);
}

TEST_F(CheckerTest, AppFileAndPackageBlockAllowedCertAllows) {
  AppQuery app;
  app.package = "com.fake.pay";
  app.time_ms = kNow;
  EXPECT_EQ(checker_->CheckApp(app).decision, Decision::kBlock);
  app.cert_sha256 = std::string(64, 'B');
  EXPECT_EQ(checker_->CheckApp(app).decision, Decision::kAllow);
  AppQuery by_hash;
  by_hash.package = "com.other";
  by_hash.file_sha256 = std::string(64, 'a');
  by_hash.time_ms = kNow;
  EXPECT_EQ(checker_->CheckApp(by_hash).decision, Decision::kBlock);
}

TEST_F(CheckerTest, PublishedChangesAreSeenByTheNextCheck) {
  EXPECT_EQ(Call("13912345678").decision, Decision::kAllow);
  Add(ListKind::kBlock, IndicatorType::kNumber, "8613912345678");
  EXPECT_EQ(Call("13912345678").decision, Decision::kAllow);  // not published yet
  store_.Publish();
  EXPECT_EQ(Call("13912345678").decision, Decision::kBlock);
}

TEST_F(CheckerTest, EveryChannelHasItsListRule) {
  std::vector<std::string> names;
  for (const RuleInfo& r : checker_->rules()) names.push_back(r.channel + ":" + r.name);
  for (const char* want : {"call:call.list", "sms:sms.sender_list", "sms:sms.link_list",
                           "sms:sms.keywords", "url:url.list", "app:app.list"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
  }
  // No classifier was given, so its rule is not built.
  EXPECT_EQ(std::find(names.begin(), names.end(), "sms:sms.classifier"), names.end());
}

// Checkers on one SharedResources (one per pipeline partition) share the rules'
// resources but not their trackers: what one observes, the other has not seen.
TEST_F(CheckerTest, CheckersOnSharedResourcesKeepTheirOwnTrackers) {
  auto shared = SharedResources::Create(store_, CheckerOptions{});
  ASSERT_TRUE(shared.ok());
  auto a = Checker::Create(store_, *shared);
  auto b = Checker::Create(store_, *shared);
  ASSERT_TRUE(a.ok() && b.ok());
  Event visit;
  visit.Reset(EventType::kWeb);
  visit.ts = Timestamp::FromMillis(kNow - 30LL * 86400000);
  visit.as<WebEvent>().url = "http://steady-shop.example.org/";
  visit.as<WebEvent>().domain = "steady-shop.example.org";
  (*a)->Observe(visit);
  auto has_new_domain = [](const Verdict& v) { return HasRule(v, "url.new_domain"); };
  EXPECT_FALSE(has_new_domain((*a)->CheckUrl({"steady-shop.example.org", kNow})));
  EXPECT_TRUE(has_new_domain((*b)->CheckUrl({"steady-shop.example.org", kNow})));
  // Both read the same lists through the shared rules.
  EXPECT_EQ((*a)->CheckUrl({"icbc-refund.top", kNow}).decision, Decision::kBlock);
  EXPECT_EQ((*b)->CheckUrl({"icbc-refund.top", kNow}).decision, Decision::kBlock);
}

TEST(VerdictJson, EscapesAndListsReasons) {
  Verdict v;
  v.decision = Decision::kWarn;
  v.fraud_type = "刷单返利";
  v.score = 0.5;
  v.reasons.push_back({"sms.keywords", "2 keywords: \"刷单\" 返利"});
  EXPECT_EQ(VerdictToJson(v),
            "{\"decision\":\"warn\",\"fraud_type\":\"刷单返利\",\"score\":0.5000,"
            "\"reasons\":[{\"rule\":\"sms.keywords\",\"detail\":\"2 keywords: \\\"刷单\\\" 返利\"}]}");
}

}  // namespace
}  // namespace wuzha::intercept
