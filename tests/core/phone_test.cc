#include "core/phone.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace wuzha {
namespace {

// One real-world way of writing a number and what it must normalize to.
struct PhoneCase {
  std::string_view name;  // test name suffix
  std::string_view text;
  std::string_view e164;
  PhoneKind kind;
};

void PrintTo(const PhoneCase& c, std::ostream* os) { *os << "'" << c.text << "'"; }

constexpr PhoneCase kValid[] = {
    // Mobiles in every prefix form people and systems use.
    {"MobilePlus86Spaced", "+86 138 0013 8000", "8613800138000", PhoneKind::kMobile},
    {"MobilePlus86Compact", "+8613800138000", "8613800138000", PhoneKind::kMobile},
    {"MobilePlus86Dashed", "+86-138-0013-8000", "8613800138000", PhoneKind::kMobile},
    {"Mobile0086Dashed", "0086-13800138000", "8613800138000", PhoneKind::kMobile},
    {"Mobile0086Spaced", "0086 138 0013 8000", "8613800138000", PhoneKind::kMobile},
    {"Mobile86WithoutPlus", "8613800138000", "8613800138000", PhoneKind::kMobile},
    {"MobileBare", "13800138000", "8613800138000", PhoneKind::kMobile},
    {"MobileDashed", "138-0013-8000", "8613800138000", PhoneKind::kMobile},
    {"MobileDotted", "138.0013.8000", "8613800138000", PhoneKind::kMobile},
    {"MobileSpacedWithTab", "\t138 0013 8000 ", "8613800138000", PhoneKind::kMobile},
    {"MobileParenthesizedCountryCode", "(+86) 139 1234 5678", "8613912345678", PhoneKind::kMobile},
    {"MobileFullWidthDigits", "１３８００１３８０００", "8613800138000", PhoneKind::kMobile},
    {"MobileFullWidthPlus", "＋８６１３８００１３８０００", "8613800138000", PhoneKind::kMobile},
    {"Mobile199Range", "199 1234 5678", "8619912345678", PhoneKind::kMobile},
    {"Mobile166IsNotVirtual", "16612345678", "8616612345678", PhoneKind::kMobile},
    // Virtual operators (虚拟运营商).
    {"Virtual170", "17012345678", "8617012345678", PhoneKind::kVirtualMobile},
    {"Virtual171", "171 2345 6789", "8617123456789", PhoneKind::kVirtualMobile},
    {"Virtual162", "+86 162 1234 5678", "8616212345678", PhoneKind::kVirtualMobile},
    {"Virtual165", "16512345678", "8616512345678", PhoneKind::kVirtualMobile},
    {"Virtual167", "16712345678", "8616712345678", PhoneKind::kVirtualMobile},
    // Landlines: trunk 0, parentheses, two- and three-digit area codes, 7 and 8 digits.
    {"WuhanParenthesized", "(027) 8888 6666", "862788886666", PhoneKind::kLandline},
    {"WuhanDashed", "027-88886666", "862788886666", PhoneKind::kLandline},
    {"WuhanPlus86", "+86 27 8888 6666", "862788886666", PhoneKind::kLandline},
    {"WuhanPlus86WithTrunk", "+86 (0)27 8888 6666", "862788886666", PhoneKind::kLandline},
    {"Wuhan86WithoutPlus", "86 27 8888 6666", "862788886666", PhoneKind::kLandline},
    {"BeijingDashed", "010-62345678", "861062345678", PhoneKind::kLandline},
    {"BeijingPlus86Not106Port", "+86 10 6512 2255", "861065122255", PhoneKind::kLandline},
    {"Beijing0086Not106Port", "0086 10 6234 5678", "861062345678", PhoneKind::kLandline},
    {"Beijing86WithoutPlus", "86-10-62345678", "861062345678", PhoneKind::kLandline},
    {"BeijingPlus86Starting8", "+86 10 8888 6666", "861088886666", PhoneKind::kLandline},
    {"ShanghaiDashed", "021-6234 5678", "862162345678", PhoneKind::kLandline},
    {"ShenzhenSpaced", "0755 2345 6789", "8675523456789", PhoneKind::kLandline},
    {"Shenzhen86WithoutPlus", "86 755 2345 6789", "8675523456789", PhoneKind::kLandline},
    {"HangzhouDashed", "0571-87654321", "8657187654321", PhoneKind::kLandline},
    {"WeinanSevenDigits", "0913-2123456", "869132123456", PhoneKind::kLandline},
    // Service numbers.
    {"Bank95588", "95588", "8695588", PhoneKind::kService},
    {"Bank95Six", "955555", "86955555", PhoneKind::kService},
    {"AntiFraud96110", "96110", "8696110", PhoneKind::kService},
    {"Carrier10086", "10086", "8610086", PhoneKind::kService},
    {"Carrier10010", "10010", "8610010", PhoneKind::kService},
    {"Government12345", "12345", "8612345", PhoneKind::kService},
    {"Railway12306", "12306", "8612306", PhoneKind::kService},
    {"Hotline400", "400-820-8820", "864008208820", PhoneKind::kService},
    {"Hotline800", "800 810 8888", "868008108888", PhoneKind::kService},
    {"SmsPort106", "1069012345678", "861069012345678", PhoneKind::kService},
    {"SmsPort106Short", "10690123", "8610690123", PhoneKind::kService},
    {"SmsPort106Plus86", "+86 1069 0123 4567 8", "861069012345678", PhoneKind::kService},
    {"ServicePlus86", "+86 95588", "8695588", PhoneKind::kService},
    // Emergency.
    {"Police110", "110", "86110", PhoneKind::kEmergency},
    {"Directory114", "114", "86114", PhoneKind::kService},
    {"Trunk0WithBare86", "86-0755-23456789", "8675523456789", PhoneKind::kLandline},
    {"Fire119", "119", "86119", PhoneKind::kEmergency},
    {"Ambulance120", "120", "86120", PhoneKind::kEmergency},
    {"Traffic122", "122", "86122", PhoneKind::kEmergency},
    // Foreign numbers keep their own country code.
    {"UnitedStatesPlus", "+1 415 555 2671", "14155552671", PhoneKind::kInternational},
    {"UnitedStatesParenthesized", "+1 (415) 555-2671", "14155552671", PhoneKind::kInternational},
    {"UnitedStates001", "001 415 555 2671", "14155552671", PhoneKind::kInternational},
    {"UnitedKingdom", "+44 20 7946 0958", "442079460958", PhoneKind::kInternational},
    {"Myanmar", "+95 9 123 456 789", "959123456789", PhoneKind::kInternational},
    {"Cambodia", "+855 12 345 678", "85512345678", PhoneKind::kInternational},
};

class PhoneNormalizes : public testing::TestWithParam<PhoneCase> {};

TEST_P(PhoneNormalizes, ToE164AndKind) {
  const PhoneCase& c = GetParam();
  Result<PhoneNumber> p = NormalizePhone(c.text);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->e164, c.e164);
  EXPECT_EQ(PhoneKindName(p->kind), PhoneKindName(c.kind));
}

TEST_P(PhoneNormalizes, IntoAgreesWithNormalizePhone) {
  const PhoneCase& c = GetParam();
  std::string out = "left over from the previous number";
  Result<PhoneKind> kind = NormalizePhoneInto(c.text, out);
  ASSERT_TRUE(kind.ok()) << kind.status().ToString();
  EXPECT_EQ(out, c.e164);
  EXPECT_EQ(*kind, c.kind);
}

TEST_P(PhoneNormalizes, IsIdempotentOnItsPlusForm) {
  const PhoneCase& c = GetParam();
  std::string plus = "+" + std::string(c.e164);
  Result<PhoneNumber> p = NormalizePhone(plus);
  ASSERT_TRUE(p.ok()) << plus << ": " << p.status().ToString();
  EXPECT_EQ(p->e164, c.e164);
}

// The text form is what wuzha writes and reads back (JSON Lines, CSV): it must normalize
// to the same digits and kind. Regression: "8695588" and foreign numbers were refused.
TEST_P(PhoneNormalizes, IsIdempotentOnItsOwnOutput) {
  const PhoneCase& c = GetParam();
  std::string text = PhoneToText(c.e164);
  Result<PhoneNumber> p = NormalizePhone(text);
  ASSERT_TRUE(p.ok()) << text << ": " << p.status().ToString();
  EXPECT_EQ(p->e164, c.e164);
  EXPECT_EQ(p->kind, c.kind);
}

std::string CaseName(const testing::TestParamInfo<PhoneCase>& info) {
  return std::string(info.param.name);
}

INSTANTIATE_TEST_SUITE_P(RealWorldFormats, PhoneNormalizes, testing::ValuesIn(kValid), CaseName);

// Text that is not a phone number; every row must fail with kInvalidArgument.
struct BadPhoneCase {
  std::string_view name;
  std::string_view text;
};

void PrintTo(const BadPhoneCase& c, std::ostream* os) { *os << "'" << c.text << "'"; }

constexpr BadPhoneCase kInvalid[] = {
    {"Empty", ""},
    {"OnlySeparators", " - () "},
    {"TwoDigits", "12"},
    {"PlusOnly", "+86"},
    {"ShortMobile", "1380013800"},
    {"TwelveDigitMobile", "138001380001"},
    {"NoMobileRange12", "12345678901"},
    {"NoMobileRange11", "11234567890"},
    {"Letters", "138abc00138"},
    {"LetterO", "138OO138OOO"},
    {"Extension", "027-88886666 ext 12"},
    {"PlusInTheMiddle", "138+00138000"},
    {"TwoPluses", "++8613800138000"},
    {"LandlineSubscriberStartingWith0", "027-08886666"},
    {"LandlineSubscriberStartingWith1", "010-12345678"},
    {"LandlineTooShort", "027-888866"},
    {"LandlineTooLong", "027-888866661"},
    {"NotAnAreaCode", "0012"},
    {"TrunkOnly", "0"},
    {"InternationalTooShort", "+44 123"},
    {"InternationalTooLong", "+44 1234 5678 9012 34"},
    {"InternationalLeadingZero", "+0 123 4567 890"},
    {"MoreThanTwentyDigits", "123456789012345678901"},
    {"FullWidthLetter", "１３８ＡＢ"},
    {"Chinese", "一三八零零一三八零零零"},
};

class PhoneRejects : public testing::TestWithParam<BadPhoneCase> {};

TEST_P(PhoneRejects, WithInvalidArgument) {
  const BadPhoneCase& c = GetParam();
  Result<PhoneNumber> p = NormalizePhone(c.text);
  ASSERT_FALSE(p.ok()) << "got " << p->e164;
  EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(p.status().message().empty());
}

std::string BadCaseName(const testing::TestParamInfo<BadPhoneCase>& info) {
  return std::string(info.param.name);
}

INSTANTIATE_TEST_SUITE_P(NotPhoneNumbers, PhoneRejects, testing::ValuesIn(kInvalid), BadCaseName);

TEST(Phone, KindNamesAreStable) {
  EXPECT_EQ(PhoneKindName(PhoneKind::kMobile), "mobile");
  EXPECT_EQ(PhoneKindName(PhoneKind::kVirtualMobile), "virtual_mobile");
  EXPECT_EQ(PhoneKindName(PhoneKind::kLandline), "landline");
  EXPECT_EQ(PhoneKindName(PhoneKind::kService), "service");
  EXPECT_EQ(PhoneKindName(PhoneKind::kEmergency), "emergency");
  EXPECT_EQ(PhoneKindName(PhoneKind::kInternational), "international");
}

TEST(Phone, MobileErrorSaysHowManyDigits) {
  Result<PhoneNumber> p = NormalizePhone("1380013800");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("11 digits"), std::string_view::npos) << p.status().message();
}

TEST(Phone, IntoReusesTheOutputBuffer) {
  std::string out;
  out.reserve(64);
  const char* before = out.data();
  ASSERT_TRUE(NormalizePhoneInto("+86 138 0013 8000", out).ok());
  ASSERT_TRUE(NormalizePhoneInto("027-88886666", out).ok());
  EXPECT_EQ(out, "862788886666");
  EXPECT_EQ(out.data(), before);
}

}  // namespace
}  // namespace wuzha
