#include "text/normalize.h"

#include <gtest/gtest.h>

#include <string>

namespace wuzha::text {
namespace {

TEST(Normalizer, LoadsIcuAndOpenCc) {
  EXPECT_TRUE(InitNormalizer().ok()) << InitNormalizer().ToString();
  EXPECT_GT(TraditionalTableSize(), 2000u);
}

struct Case {
  const char* kind;
  const char* input;
  const char* expected;
};

// Each evasive form beside the plain text it must read as.
const Case kCases[] = {
    {"plain", "您的账户已冻结，请联系客服", "您的账户已冻结,请联系客服"},
    {"fullwidth", "ＡＢＣ１２３退款", "abc123退款"},
    {"fullwidth", "登录ｗｗｗ．ｉｃｂｃ．ｃｏｍ", "登录www.icbc.com"},
    {"case", "ICBC客服", "icbc客服"},
    {"zerowidth", "退\u200B款\u200C到\u200D安\u2060全\uFEFF账户", "退款到安全账户"},
    {"separator", "退-款", "退款"},
    {"separator", "退*款", "退款"},
    {"separator", "退 款", "退款"},
    {"separator", "安·全|账/户_", "安全账户_"},
    {"separator_kept", "a-b 1*2 x|y", "a-b 1*2 x|y"},
    {"separator_kept", "退款 abc", "退款 abc"},
    {"pinyin", "新(xin)华社", "新华社"},
    {"pinyin", "新（xin）华社", "新华社"},
    {"pinyin", "新(xīn)华社", "新华社"},
    {"pinyin", "新(XIN1)华社", "新华社"},
    {"pinyin", "旅(lv)游", "旅游"},
    {"pinyin_kept", "工行(icbc)客服", "工行(icbc)客服"},
    {"pinyin_kept", "(xin)开头", "(xin)开头"},
    {"homoglyph", "\u0430pple", "apple"},
    {"homoglyph", "ic\u0431c", "ic\u0431c"},
    {"homoglyph", "\u0441\u043E\u0440\u0443", "copy"},
    {"homoglyph", "g00gle", "google"},
    {"homoglyph", "paypa1", "paypal"},
    {"homoglyph", "qql2345678", "qq12345678"},
    {"homoglyph", "退款l00元", "退款100元"},
    {"homoglyph", "1〇0元", "100元"},
    {"homoglyph", "〇钱", "零钱"},
    {"circled", "验证码①②③④", "验证码1234"},
    {"traditional", "賬戶凍結，請聯繫客服", "账户冻结,请联系客服"},
    {"traditional", "財務轉賬", "财务转账"},
    {"spaced_url", "点击 w w w . x x . c o m 领取", "点击 www.xx.com 领取"},
    {"spaced_url_kept", "a b c d e", "a b c d e"},
    {"dot_word", "登录icbc-refund点top/r/1", "登录icbc-refund.top/r/1"},
    {"dot_word", "登录xx[.]cn", "登录xx.cn"},
    {"dot_word_kept", "下午3点30分", "下午3点30分"},
    {"scheme", "http://icbc-refund.top/r/8KQ2", "icbc-refund.top/r/8kq2"},
    {"amount", "返还五万元", "返还50000元"},
    {"amount", "日赚三千块", "日赚3000块"},
    {"amount", "一万零五百元", "10500元"},
    {"amount_kept", "一元", "一元"},
    {"amount_kept", "万元户", "万元户"},
};

class NormalizeTable : public ::testing::TestWithParam<Case> {};

TEST_P(NormalizeTable, ReadsAsPlainText) {
  const Case& c = GetParam();
  EXPECT_EQ(Normalize(c.input), c.expected) << c.kind << ": " << c.input;
  EXPECT_EQ(Normalize(Normalize(c.input)), Normalize(c.input)) << "not idempotent";
}

INSTANTIATE_TEST_SUITE_P(Forms, NormalizeTable, ::testing::ValuesIn(kCases));

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (int k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

TEST(Normalize, ReplacesEachInvalidByteWithReplacementCharacter) {
  EXPECT_EQ(Normalize("a\xFF" "b"), "a\uFFFD" "b");
  EXPECT_EQ(Normalize("\xE9\x80"), "\uFFFD\uFFFD");       // truncated 退
  EXPECT_EQ(Normalize("\xC0\xAF"), "\uFFFD\uFFFD");       // overlong '/'
  EXPECT_EQ(Normalize("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");  // a surrogate
  const std::string junk("\x80\xBF\xFE\xF5\xF4\x90\x80\x80\x00z", 10);
  EXPECT_TRUE(ValidUtf8(Normalize(junk)));
}

// Inputs the fuzzer found not to be fixed points, now fixed (tests/fuzz/corpus/text_fuzz).
TEST(Normalize, IsIdempotentOnFuzzFindings) {
  const std::string cases[] = {
      "xx[http://.]cn", "新(x0)n)华", std::string("a\0\u030A", 4),
      "\u0430\u030A", "】〇 〇 .", "1〇(.)j", "〇(r0)hhhh", "a b c 〇 . e f",
  };
  for (const std::string& c : cases) {
    const std::string once = Normalize(c);
    EXPECT_EQ(Normalize(once), once) << c;
  }
  EXPECT_EQ(Normalize(std::string("a\0\u030A", 4)), "\u00E5");
}

TEST(NormalizeInto, ReusesOutputAndMatchesNormalize) {
  std::string out = "stale";
  NormalizeInto("ＱＱ：１２３４５", out);
  EXPECT_EQ(out, Normalize("ＱＱ：１２３４５"));
  EXPECT_EQ(out, "qq:12345");
}

}  // namespace
}  // namespace wuzha::text
