#include "core/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace wuzha {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

// The fen `text` parses to; fails the test when it does not parse.
int64_t FenOf(std::string_view text) {
  Result<Money> m = Money::Parse(text);
  EXPECT_TRUE(m.ok()) << "'" << text << "': " << m.status().ToString();
  return m.ok() ? m->fen() : -1;
}

StatusCode CodeOf(std::string_view text) { return Money::Parse(text).status().code(); }

TEST(Money, ParsesPlainYuanWithTwoDecimals) { EXPECT_EQ(FenOf("123.45"), 12345); }

TEST(Money, ParsesYuanSignAndThousandsSeparators) {
  EXPECT_EQ(FenOf("¥1,234.50"), 123450);
  EXPECT_EQ(FenOf("1,234,567.89"), 123456789);
  EXPECT_EQ(FenOf("999,999"), 99999900);
}

TEST(Money, ParsesFullWidthYuanSign) { EXPECT_EQ(FenOf("￥88"), 8800); }

TEST(Money, ParsesYuanSuffixAndCurrencyCodes) {
  EXPECT_EQ(FenOf("12元"), 1200);
  EXPECT_EQ(FenOf("12 元"), 1200);
  EXPECT_EQ(FenOf("RMB 100"), 10000);
  EXPECT_EQ(FenOf("CNY100.5"), 10050);
  EXPECT_EQ(FenOf("100.5 CNY"), 10050);
}

TEST(Money, ParsesOneDecimalAsTenFen) {
  EXPECT_EQ(FenOf("0.1"), 10);
  EXPECT_EQ(FenOf("3.5"), 350);
}

TEST(Money, ParsesWholeYuanAndZero) {
  EXPECT_EQ(FenOf("0"), 0);
  EXPECT_EQ(FenOf("0.00"), 0);
  EXPECT_EQ(FenOf("7"), 700);
}

TEST(Money, ToleratesSurroundingSpaces) { EXPECT_EQ(FenOf("  ¥ 12.30\t"), 1230); }

TEST(Money, AcceptsTrailingZeroDecimalsBeyondFen) {
  EXPECT_EQ(FenOf("1.500"), 150);
  EXPECT_EQ(FenOf("1.50000000"), 150);
}

TEST(Money, ParseRejectsFractionsOfAFen) {
  EXPECT_EQ(CodeOf("1.505"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("0.001"), StatusCode::kInvalidArgument);
}

TEST(Money, ParseRejectsMisplacedThousandsSeparators) {
  EXPECT_EQ(CodeOf("1,23"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(",123"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("1,2345"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("1234,567"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("1,234,56"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("1,,234"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("123,"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("1.234,5"), StatusCode::kInvalidArgument);
}

TEST(Money, ParseRejectsEmptyAndNonNumericText) {
  EXPECT_EQ(CodeOf(""), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("   "), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("abc"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("¥"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("元"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("12a"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("1e3"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("+5"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("--5"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("1 000"), StatusCode::kInvalidArgument);
}

TEST(Money, ParseRejectsDotWithoutDigits) {
  EXPECT_EQ(CodeOf("."), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("1."), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(".5"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("1.2.3"), StatusCode::kInvalidArgument);
}

TEST(Money, ParsesNegativeAmounts) {
  EXPECT_EQ(FenOf("-3.5"), -350);
  EXPECT_EQ(FenOf("-¥1,234.50"), -123450);
  EXPECT_EQ(FenOf("¥-1,234.50"), -123450);
  EXPECT_EQ(FenOf("-12元"), -1200);
}

TEST(Money, ParsesLargestAmountAndRejectsOneFenMore) {
  EXPECT_EQ(FenOf("92233720368547758.07"), kMax);
  EXPECT_EQ(FenOf("92,233,720,368,547,758.07"), kMax);
  EXPECT_EQ(CodeOf("92233720368547758.08"), StatusCode::kOutOfRange);
  EXPECT_EQ(CodeOf("92233720368547759"), StatusCode::kOutOfRange);
  EXPECT_EQ(CodeOf("100000000000000000000"), StatusCode::kOutOfRange);
}

TEST(Money, ParsesSmallestAmountAndRejectsOneFenLess) {
  EXPECT_EQ(FenOf("-92233720368547758.08"), kMin);
  EXPECT_EQ(CodeOf("-92233720368547758.09"), StatusCode::kOutOfRange);
}

TEST(Money, AddsSubtractsAndMultiplies) {
  Money a = Money::FromYuan(12);
  Money b = Money::FromFen(34);
  EXPECT_EQ(a.Add(b)->fen(), 1234);
  EXPECT_EQ(a.Sub(b)->fen(), 1166);
  EXPECT_EQ(b.Sub(a)->fen(), -1166);
  EXPECT_EQ(b.Mul(3)->fen(), 102);
  EXPECT_EQ(b.Mul(-2)->fen(), -68);
  EXPECT_EQ(b.Mul(0)->fen(), 0);
}

TEST(Money, AddOverflowIsOutOfRange) {
  EXPECT_EQ(Money::FromFen(kMax).Add(Money::FromFen(1)).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(Money::FromFen(kMin).Add(Money::FromFen(-1)).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(Money::FromFen(kMax).Add(Money::FromFen(kMin))->fen(), -1);
}

TEST(Money, SubOverflowIsOutOfRange) {
  EXPECT_EQ(Money::FromFen(kMin).Sub(Money::FromFen(1)).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(Money::FromFen(0).Sub(Money::FromFen(kMin)).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(Money::FromFen(-1).Sub(Money::FromFen(kMax))->fen(), kMin);
}

TEST(Money, MulOverflowIsOutOfRange) {
  EXPECT_EQ(Money::FromFen(kMax / 2 + 1).Mul(2).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(Money::FromFen(kMin).Mul(-1).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(Money::FromFen(kMax / 2).Mul(2)->fen(), kMax - 1);
}

TEST(Money, ComparesByFen) {
  EXPECT_LT(Money::FromFen(-1), Money());
  EXPECT_EQ(Money::FromYuan(1), Money::FromFen(100));
  EXPECT_GT(Money::FromFen(101), Money::FromYuan(1));
}

TEST(Money, ToStringHasTwoDecimalsAndNoSeparators) {
  EXPECT_EQ(Money().ToString(), "0.00");
  EXPECT_EQ(Money::FromFen(5).ToString(), "0.05");
  EXPECT_EQ(Money::FromFen(-5).ToString(), "-0.05");
  EXPECT_EQ(Money::FromFen(123450).ToString(), "1234.50");
  EXPECT_EQ(Money::FromFen(kMax).ToString(), "92233720368547758.07");
  EXPECT_EQ(Money::FromFen(kMin).ToString(), "-92233720368547758.08");
}

TEST(Money, ToDisplayGroupsThousandsWithYuanSign) {
  EXPECT_EQ(Money().ToDisplay(), "¥0.00");
  EXPECT_EQ(Money::FromFen(99999).ToDisplay(), "¥999.99");
  EXPECT_EQ(Money::FromFen(123450).ToDisplay(), "¥1,234.50");
  EXPECT_EQ(Money::FromYuan(1000000).ToDisplay(), "¥1,000,000.00");
  EXPECT_EQ(Money::FromFen(-123450).ToDisplay(), "-¥1,234.50");
  EXPECT_EQ(Money::FromFen(kMin).ToDisplay(), "-¥92,233,720,368,547,758.08");
}

TEST(Money, ToStringAndToDisplayRoundTripThroughParse) {
  const int64_t values[] = {0,       1,         -1,           10,   99,   100,      123450,
                            -123450, 100000000, 123456789012, kMax, kMin, kMax - 1, kMin + 1};
  for (int64_t fen : values) {
    Money m = Money::FromFen(fen);
    EXPECT_EQ(FenOf(m.ToString()), fen) << m.ToString();
    EXPECT_EQ(FenOf(m.ToDisplay()), fen) << m.ToDisplay();
  }
}

}  // namespace
}  // namespace wuzha
