#include "text/extract.h"

#include <gtest/gtest.h>

#include <string>

#include "text/normalize.h"

namespace wuzha::text {
namespace {

struct Case {
  const char* input;
  EntityKind kind;
  const char* value;
  int64_t fen = 0;
};

const Case kCases[] = {
    {"点击 http://icbc-refund.top/r/8KQ2 办理", EntityKind::kUrl, "http://icbc-refund.top/r/8KQ2"},
    {"登录icbc-refund.top/r/8KQ2办理", EntityKind::kUrl, "icbc-refund.top/r/8KQ2"},
    {"访问 w w w . x x . c o m 领取", EntityKind::kUrl, "www.xx.com"},
    {"访问xx点com领取", EntityKind::kUrl, "xx.com"},
    {"访问xx[.]cn领取", EntityKind::kUrl, "xx.cn"},
    {"点击 icbc-refund . top 办理", EntityKind::kUrl, "icbc-refund.top"},
    {"点击 icbc-refund 点 top 办理", EntityKind::kUrl, "icbc-refund.top"},
    {"登录 kefu-95588 .cc/app 下载", EntityKind::kUrl, "kefu-95588.cc/app"},
    {"网址：WWW.ICBC.COM.CN", EntityKind::kUrl, "www.icbc.com.cn"},
    {"请拨打13800138000", EntityKind::kPhone, "8613800138000"},
    {"请拨打 138-0013-8000 咨询", EntityKind::kPhone, "8613800138000"},
    {"客服热线95588", EntityKind::kPhone, "8695588"},
    {"致电400-820-8820", EntityKind::kPhone, "864008208820"},
    {"座机027-88886666", EntityKind::kPhone, "862788886666"},
    {"卡号6222020200112233446", EntityKind::kBankCard, "6222020200112233446"},
    {"加QQ12345678", EntityKind::kQq, "12345678"},
    {"扣扣：987654321", EntityKind::kQq, "987654321"},
    {"加微信 abc_123", EntityKind::kWechat, "abc_123"},
    {"V信：kefu888", EntityKind::kWechat, "kefu888"},
    {"返还5万元", EntityKind::kAmount, "5万元", 5000000},
    {"到账¥1,234.50", EntityKind::kAmount, "¥1,234.50", 123450},
    {"佣金3000元", EntityKind::kAmount, "3000元", 300000},
    {"额度2.5万元", EntityKind::kAmount, "2.5万元", 2500000},
};

class ExtractTable : public ::testing::TestWithParam<Case> {};

TEST_P(ExtractTable, FindsEntity) {
  const Case& c = GetParam();
  const std::vector<Entity> got = Extract(c.input);
  bool found = false;
  for (const Entity& e : got) {
    if (e.kind == c.kind && e.value == c.value) {
      found = true;
      if (c.kind == EntityKind::kAmount) {
        EXPECT_EQ(e.fen, c.fen);
      }
      EXPECT_LT(e.begin, e.end);
      EXPECT_LE(e.end, std::string_view(c.input).size());
    }
  }
  std::string all;
  for (const Entity& e : got) all += std::string(EntityKindName(e.kind)) + "=" + e.value + " ";
  EXPECT_TRUE(found) << c.input << " gave: " << all;
}

INSTANTIATE_TEST_SUITE_P(Forms, ExtractTable, ::testing::ValuesIn(kCases));

TEST(Extract, SpansPointIntoInput) {
  const std::string text = "加QQ12345678领取3000元";
  const std::vector<Entity> got = Extract(text);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(text.substr(got[0].begin, got[0].end - got[0].begin), "12345678");
  EXPECT_EQ(text.substr(got[1].begin, got[1].end - got[1].begin), "3000元");
}

// A spaced dot joins only before a known top-level domain: numbers and prose stay apart.
TEST(Extract, SpacedDotJoinsOnlyBeforeAKnownTopLevelDomain) {
  for (const char* text : {"版本 3 . 5 更新", "第 2 点 说明", "他 . 说了 abc"}) {
    for (const Entity& e : Extract(text)) EXPECT_NE(e.kind, EntityKind::kUrl) << text;
  }
  const std::string text = "点击 icbc-refund . top 办理";
  const auto got = Extract(text);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(text.substr(got[0].begin, got[0].end - got[0].begin), "icbc-refund . top");
}

TEST(Extract, RejectsNonLuhnCardAndPlainNumbers) {
  for (const Entity& e : Extract("卡号6222020200112233445 验证码123456 订单号20240601")) {
    EXPECT_NE(e.kind, EntityKind::kBankCard) << e.value;
  }
}

TEST(Extract, WorksOnNormalizedText) {
  const std::vector<Entity> got = Extract(Normalize("加ｑｑ１２３４５６７８，转账五万元"));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].kind, EntityKind::kQq);
  EXPECT_EQ(got[1].fen, 5000000);
}

TEST(Extract, NeverFailsOnInvalidUtf8) {
  EXPECT_NO_FATAL_FAILURE(Extract(std::string("\xFF\xFE 138\x80" "00138000 \xE9", 17)));
}

}  // namespace
}  // namespace wuzha::text
