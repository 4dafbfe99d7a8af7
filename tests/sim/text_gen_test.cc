#include "sim/text_gen.h"

#include <gtest/gtest.h>

#include <bit>
#include <set>
#include <string>
#include <vector>

#include "sim/internal/text_templates.h"

namespace wuzha::sim {
namespace {

using internal::AppendUtf8;
using internal::DecodeUtf8;
using internal::IsHan;

constexpr uint32_t kAllEvasions = (1u << kEvasionKindCount) - 1;

std::vector<FraudType> AllTypes() {
  std::vector<FraudType> out;
  for (int t = 0; t < kFraudTypeCount; ++t) out.push_back(static_cast<FraudType>(t));
  return out;
}

std::vector<LegitSmsKind> AllKinds() {
  std::vector<LegitSmsKind> out;
  for (int k = 0; k < kLegitSmsKindCount; ++k) out.push_back(static_cast<LegitSmsKind>(k));
  return out;
}

// Strict UTF-8: shortest form, no surrogates, at most U+10FFFF.
bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len;
    char32_t cp;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xE0) == 0xC0) {
      len = 2, cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3, cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4, cp = b & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (int k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    const char32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

// Hostname syntax without regexes: LDH labels of 1-63 characters, not starting or ending
// with '-', lowercase, at most 253 characters, at least two labels.
bool ValidHostname(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  int labels = 0;
  size_t start = 0;
  while (true) {
    const size_t dot = host.find('.', start);
    const std::string_view label =
        host.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2;
}

std::vector<char32_t> CodePoints(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) out.push_back(DecodeUtf8(s, i));
  return out;
}

std::string FromCodePoints(const std::vector<char32_t>& cps) {
  std::string out;
  for (char32_t cp : cps) AppendUtf8(out, cp);
  return out;
}

bool IsZeroWidth(char32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF;
}
bool IsFullWidthAlnum(char32_t cp) {
  return (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
         (cp >= 0xFF41 && cp <= 0xFF5A);
}
bool IsSeparator(char32_t cp) {
  return cp == '-' || cp == '*' || cp == ' ' || cp == U'·' || cp == '|';
}

// --- test-local inverses of the evasions ---

std::string StripZeroWidth(std::string_view s) {
  std::vector<char32_t> out;
  for (char32_t cp : CodePoints(s)) {
    if (!IsZeroWidth(cp)) out.push_back(cp);
  }
  return FromCodePoints(out);
}

std::string StripSeparators(std::string_view s) {
  const std::vector<char32_t> cps = CodePoints(s);
  std::vector<char32_t> out;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (IsSeparator(cps[i]) && !out.empty() && IsHan(out.back()) && i + 1 < cps.size() &&
        IsHan(cps[i + 1])) {
      continue;
    }
    out.push_back(cps[i]);
  }
  return FromCodePoints(out);
}

std::string NarrowFullWidth(std::string_view s) {
  std::vector<char32_t> out;
  for (char32_t cp : CodePoints(s)) out.push_back(IsFullWidthAlnum(cp) ? cp - 0xFEE0 : cp);
  return FromCodePoints(out);
}

// Removes "(pinyin)" right after a Chinese character: 新(xin)华社 → 新华社.
std::string StripPinyin(std::string_view s) {
  const std::vector<char32_t> cps = CodePoints(s);
  std::vector<char32_t> out;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (cps[i] == '(' && !out.empty() && IsHan(out.back())) {
      size_t j = i + 1;
      while (j < cps.size() && cps[j] >= 'a' && cps[j] <= 'z') ++j;
      if (j > i + 1 && j < cps.size() && cps[j] == ')') {
        i = j;
        continue;
      }
    }
    out.push_back(cps[i]);
  }
  return FromCodePoints(out);
}

std::string Simplify(std::string_view s) {
  std::vector<char32_t> out;
  for (char32_t cp : CodePoints(s)) out.push_back(internal::ToSimplified(cp));
  return FromCodePoints(out);
}

bool HasZeroWidth(std::string_view s) {
  for (char32_t cp : CodePoints(s)) {
    if (IsZeroWidth(cp)) return true;
  }
  return false;
}
bool HasFullWidthAlnum(std::string_view s) {
  for (char32_t cp : CodePoints(s)) {
    if (IsFullWidthAlnum(cp)) return true;
  }
  return false;
}
bool HasPinyinAnnotation(std::string_view s) { return StripPinyin(s) != s; }
bool HasSeparatorBetweenHan(std::string_view s) { return StripSeparators(s) != s; }
bool HasTraditional(std::string_view s) { return Simplify(s) != s; }

// An input with a url and a contact of a varying kind.
FraudSmsInput Input(FraudType type, Rng& rng, bool url = true, bool contact = true) {
  FraudSmsInput in;
  in.type = type;
  if (url) in.url = LureUrl(FraudDomain(type, rng), rng);
  if (contact) {
    static const char* kContacts[] = {"13912345678", "4008123456", "2834567712", "kefu_8866",
                                      "vx95588a"};
    in.contact = kContacts[rng.Uniform(5)];
  }
  return in;
}

// --- templates ---

TEST(TextTemplates, EveryFraudTypeHasTwelveTemplatesEachWithOneCallToAction) {
  for (FraudType type : AllTypes()) {
    const auto templates = internal::FraudTemplates(type);
    EXPECT_GE(templates.size(), 12u) << FraudTypeName(type);
    std::set<std::string_view> distinct(templates.begin(), templates.end());
    EXPECT_EQ(distinct.size(), templates.size()) << FraudTypeName(type);
    for (std::string_view t : templates) {
      EXPECT_NE(t.find("{cta}"), std::string_view::npos) << t;
      EXPECT_EQ(t.find("{cta}"), t.rfind("{cta}")) << t;
      EXPECT_EQ(t.find("{url}"), std::string_view::npos) << t;
      EXPECT_EQ(t.find("{contact}"), std::string_view::npos) << t;
    }
  }
}

TEST(TextTemplates, EveryLegitKindHasTenTemplatesWithSignatures) {
  for (LegitSmsKind kind : AllKinds()) {
    const auto templates = internal::LegitTemplates(kind);
    EXPECT_GE(templates.size(), 10u) << LegitSmsKindName(kind);
    for (std::string_view t : templates) {
      if (kind != LegitSmsKind::kFamily) {
        EXPECT_TRUE(t.starts_with("【")) << t;
      }
    }
  }
}

// --- fraud SMS ---

TEST(FraudSms, SameSeedSameTexts) {
  for (FraudType type : AllTypes()) {
    Rng a(42), b(42);
    for (int i = 0; i < 50; ++i) {
      uint32_t ma = 0, mb = 0;
      const FraudSmsInput in_a = Input(type, a), in_b = Input(type, b);
      EXPECT_EQ(FraudSms(in_a, 0.5, a, &ma), FraudSms(in_b, 0.5, b, &mb));
      EXPECT_EQ(ma, mb);
    }
  }
}

TEST(FraudSms, TextsVaryWithinAType) {
  for (FraudType type : AllTypes()) {
    Rng rng(7);
    FraudSmsInput in;
    in.type = type;
    in.url = "http://abc-kefu.top/r/8KQ2";
    in.contact = "13912345678";
    std::set<std::string> texts;
    for (int i = 0; i < 1000; ++i) texts.insert(FraudSms(in, 0.0, rng));
    EXPECT_GE(texts.size(), 500u) << FraudTypeName(type);
  }
}

TEST(FraudSms, ContainsUrlAndContactWithoutEvasion) {
  Rng rng(11);
  for (FraudType type : AllTypes()) {
    for (int i = 0; i < 400; ++i) {
      const FraudSmsInput in = Input(type, rng, i % 3 != 1, i % 3 != 2);
      uint32_t applied = 123;
      const std::string text = FraudSms(in, 0.0, rng, &applied);
      EXPECT_EQ(applied, 0u);
      if (!in.url.empty()) {
        EXPECT_NE(text.find(in.url), std::string::npos) << text;
      }
      if (!in.contact.empty()) {
        EXPECT_NE(text.find(in.contact), std::string::npos) << text;
      }
    }
  }
}

TEST(FraudSms, PlainTextsAreCleanValidUtf8WithAllSlotsFilled) {
  Rng rng(12);
  for (FraudType type : AllTypes()) {
    for (int i = 0; i < 500; ++i) {
      // Brand and amount given half of the time.
      FraudSmsInput in = Input(type, rng, rng.Chance(0.7), rng.Chance(0.7));
      if (rng.Chance(0.5)) in.brand = &Brands()[rng.Uniform(Brands().size())];
      if (rng.Chance(0.5)) in.amount = Money::FromFen(rng.Range(100, 10000000));
      const std::string text = FraudSms(in, 0.0, rng);
      EXPECT_TRUE(ValidUtf8(text)) << text;
      EXPECT_EQ(text.find('{'), std::string::npos) << text;
      EXPECT_EQ(text.find('}'), std::string::npos) << text;
      EXPECT_FALSE(HasZeroWidth(text)) << text;
      EXPECT_FALSE(HasFullWidthAlnum(text)) << text;
      EXPECT_FALSE(HasPinyinAnnotation(text)) << text;
      EXPECT_FALSE(HasSeparatorBetweenHan(text)) << text;
      EXPECT_FALSE(HasTraditional(text)) << text;
    }
  }
}

TEST(FraudSms, FullEvasionRateShowsEveryKindAndTheMaskTellsWhich) {
  uint32_t seen = 0;
  Rng rng(13);
  for (FraudType type : AllTypes()) {
    for (int i = 0; i < 200; ++i) {
      uint32_t applied = 0;
      const std::string text = FraudSms(Input(type, rng), 1.0, rng, &applied);
      seen |= applied;
      EXPECT_TRUE(ValidUtf8(text));
      EXPECT_EQ(HasZeroWidth(text), (applied & kEvasionZeroWidth) != 0) << text;
      EXPECT_EQ(HasPinyinAnnotation(text), (applied & kEvasionPinyin) != 0) << text;
      if (applied & kEvasionFullWidth) {
        EXPECT_TRUE(HasFullWidthAlnum(text)) << text;
      }
      if (applied & kEvasionTraditional) {
        EXPECT_TRUE(HasTraditional(text)) << text;
      }
      if (applied & kEvasionDotWord) {
        // 点 becomes 點 when the whole text is also made traditional.
        EXPECT_TRUE(text.find("点") != std::string::npos || text.find("點") != std::string::npos ||
                    text.find("[.]") != std::string::npos)
            << text;
      }
    }
  }
  EXPECT_EQ(seen, kAllEvasions);
}

TEST(FraudSms, EvasionRateZeroAppliesNothingAndOneAppliesMost) {
  Rng rng(14);
  int changed_kinds = 0;
  for (int i = 0; i < 400; ++i) {
    const FraudType type = static_cast<FraudType>(i % kFraudTypeCount);
    uint32_t applied = 0;
    FraudSms(Input(type, rng), 1.0, rng, &applied);
    changed_kinds += std::popcount(applied);
  }
  EXPECT_GE(changed_kinds, 400 * 6);
}

// --- each evasion alone, undone by a simple inverse ---

class SingleEvasion : public ::testing::Test {
 protected:
  // Plain fraud texts of every type and the same texts with only `kind` applied.
  void Run(uint32_t kind, std::string (*inverse)(std::string_view)) {
    Rng rng(21);
    int changed = 0;
    for (FraudType type : AllTypes()) {
      for (int i = 0; i < 100; ++i) {
        const std::string plain = FraudSms(Input(type, rng), 0.0, rng);
        uint32_t applied = 0;
        const std::string evaded = ApplyEvasions(plain, type, kind, rng, &applied);
        EXPECT_EQ(applied == kind, evaded != plain) << evaded;
        EXPECT_EQ(applied & ~kind, 0u);
        if (applied != 0) ++changed;
        EXPECT_TRUE(ValidUtf8(evaded));
        if (inverse != nullptr) {
          EXPECT_EQ(inverse(evaded), plain) << evaded;
        }
      }
    }
    EXPECT_GE(changed, 8 * 100 * 9 / 10) << EvasionName(kind);
  }
};

TEST_F(SingleEvasion, ZeroWidthIsUndoneByStrippingIt) { Run(kEvasionZeroWidth, &StripZeroWidth); }
TEST_F(SingleEvasion, SeparatorIsUndoneByStrippingBetweenHan) {
  Run(kEvasionSeparator, &StripSeparators);
}
TEST_F(SingleEvasion, FullWidthIsUndoneByNarrowing) { Run(kEvasionFullWidth, &NarrowFullWidth); }
TEST_F(SingleEvasion, PinyinIsUndoneByStrippingAnnotations) { Run(kEvasionPinyin, &StripPinyin); }
TEST_F(SingleEvasion, TraditionalIsUndoneByTheInverseTable) { Run(kEvasionTraditional, &Simplify); }
TEST_F(SingleEvasion, HomoglyphChangesText) { Run(kEvasionHomoglyph, nullptr); }

TEST(Evasion, PinyinAnnotationHasTheSeedsForm) {
  Rng rng(1);
  const std::string out =
      ApplyEvasions("请联系客服办理退款", FraudType::kFakeCustomerService, kEvasionPinyin, rng);
  // One or two of 客服 / 退款 annotated on one character, e.g. 退(tui)款.
  const std::set<std::string> forms = {"客(ke)服", "客服(fu)", "退(tui)款", "退款(kuan)"};
  int found = 0;
  for (const std::string& f : forms) found += out.find(f) != std::string::npos;
  EXPECT_GE(found, 1) << out;
  EXPECT_EQ(StripPinyin(out), "请联系客服办理退款");
}

TEST(Evasion, SeparatorGoesBetweenEveryCharacterOfAKeyword) {
  Rng rng(3);
  const std::string out =
      ApplyEvasions("请转入安全账户", FraudType::kFakePolice, kEvasionSeparator, rng);
  bool spaced = false;
  for (std::string_view sep : {"-", "*", " ", "·", "|"}) {
    const std::string s(sep);
    spaced = spaced || out.find("安" + s + "全" + s + "账" + s + "户") != std::string::npos;
  }
  EXPECT_TRUE(spaced) << out;
}

TEST(Evasion, UrlsAreSpacedOrGetDotWords) {
  Rng rng(5);
  const std::string text = "详情：http://icbc-refund.top/r/8KQ2，请尽快处理";
  uint32_t applied = 0;
  const std::string spaced =
      ApplyEvasions(text, FraudType::kFakeCustomerService, kEvasionSpacedUrl, rng, &applied);
  EXPECT_EQ(applied, kEvasionSpacedUrl);
  EXPECT_EQ(spaced, "详情：i c b c - r e f u n d . t o p / r / 8 K Q 2，请尽快处理");

  const std::string dotted =
      ApplyEvasions(text, FraudType::kFakeCustomerService, kEvasionDotWord, rng, &applied);
  EXPECT_EQ(applied, kEvasionDotWord);
  EXPECT_TRUE(dotted.find("icbc-refund点top/r/8KQ2") != std::string::npos ||
              dotted.find("icbc-refund[.]top/r/8KQ2") != std::string::npos)
      << dotted;

  const std::string both = ApplyEvasions("官网www.abc.com", FraudType::kFakeLoan,
                                         kEvasionSpacedUrl | kEvasionDotWord, rng, &applied);
  EXPECT_EQ(applied, kEvasionSpacedUrl | kEvasionDotWord);
  EXPECT_TRUE(both == "官网w w w 点 a b c 点 c o m" || both == "官网w w w [.] a b c [.] c o m")
      << both;
}

TEST(Evasion, KindsWithNothingToActOnAreNotReported) {
  Rng rng(6);
  uint32_t applied = 99;
  const std::string out =
      ApplyEvasions("今天天气很好", FraudType::kRomance, kAllEvasions, rng, &applied);
  EXPECT_EQ(out, "今天天气很好");
  EXPECT_EQ(applied, 0u);
}

TEST(Evasion, HomoglyphsUseTheNamedLookalikes) {
  Rng rng(8);
  std::set<char32_t> seen;
  for (int i = 0; i < 300; ++i) {
    const std::string out = ApplyEvasions("加QQ1024 vip.apex.com 一万零五百", FraudType::kGameTrade,
                                          kEvasionHomoglyph, rng);
    for (char32_t cp : CodePoints(out)) {
      if (cp >= 0x400 || cp == 'l' || cp == 'O') seen.insert(cp);
    }
  }
  for (char32_t cp : {U'а', U'е', U'о', U'р', U'с', U'х', U'〇', U'①', U'l', U'O'}) {
    EXPECT_TRUE(seen.count(cp)) << static_cast<uint32_t>(cp);
  }
}

TEST(Evasion, NamesAreDistinct) {
  std::set<std::string_view> names;
  for (int k = 0; k < kEvasionKindCount; ++k) names.insert(EvasionName(1u << k));
  EXPECT_EQ(names.size(), static_cast<size_t>(kEvasionKindCount));
  EXPECT_EQ(EvasionName(kEvasionPinyin | kEvasionDotWord), "");
}

TEST(Evasion, TablesCoverKeywordsAndBrands) {
  auto check = [](std::string_view word) {
    for (char32_t cp : CodePoints(word)) {
      if (!IsHan(cp)) continue;
      const std::string_view py = internal::PinyinOf(cp);
      EXPECT_FALSE(py.empty()) << word;
      for (char c : py) {
        EXPECT_TRUE(c >= 'a' && c <= 'z') << word;
      }
      EXPECT_EQ(internal::PinyinOf(internal::ToTraditional(cp)), py) << word;
      EXPECT_EQ(internal::ToSimplified(internal::ToTraditional(cp)), cp) << word;
    }
  };
  for (FraudType type : AllTypes()) {
    EXPECT_GE(EvasionKeywords(type).size(), 20u);
    for (std::string_view kw : EvasionKeywords(type)) check(kw);
  }
  for (const Brand& b : Brands()) {
    check(b.name);
    check(b.short_name);
  }
  const std::pair<const char*, const char*> kPairs[] = {{"账", "賬"}, {"户", "戶"}, {"财", "財"},
                                                        {"务", "務"}, {"银", "銀"}, {"险", "險"},
                                                        {"贷", "貸"}, {"款", "款"}, {"客", "客"}};
  for (const auto& [s, t] : kPairs) {
    EXPECT_EQ(internal::ToTraditional(CodePoints(s)[0]), CodePoints(t)[0]) << s;
  }
}

// --- legitimate SMS ---

TEST(LegitSms, SameSeedSameTexts) {
  for (LegitSmsKind kind : AllKinds()) {
    Rng a(3), b(3);
    for (int i = 0; i < 50; ++i) {
      EXPECT_EQ(LegitSms(kind, a), LegitSms(kind, b));
    }
  }
}

TEST(LegitSms, ValidVariedAndFilled) {
  Rng rng(4);
  for (LegitSmsKind kind : AllKinds()) {
    std::set<std::string> texts;
    for (int i = 0; i < 300; ++i) {
      const std::string text = LegitSms(kind, rng);
      EXPECT_TRUE(ValidUtf8(text)) << text;
      EXPECT_EQ(text.find('{'), std::string::npos) << text;
      EXPECT_FALSE(HasZeroWidth(text));
      EXPECT_FALSE(HasFullWidthAlnum(text));
      if (kind != LegitSmsKind::kFamily) {
        EXPECT_TRUE(text.starts_with("【")) << text;
      }
      texts.insert(text);
    }
    EXPECT_GE(texts.size(), kind == LegitSmsKind::kFamily ? 10u : 100u) << LegitSmsKindName(kind);
  }
}

TEST(LegitSms, ShareFraudVocabulary) {
  Rng rng(9);
  std::set<std::string> hits;
  for (LegitSmsKind kind : AllKinds()) {
    for (int i = 0; i < 300; ++i) {
      const std::string text = LegitSms(kind, rng);
      for (const char* word : {"转账", "验证码", "账户", "安全账户", "退订", "退款", "理赔", "贷款",
                               "理财", "刷单", "百万保障", "http"}) {
        if (text.find(word) != std::string::npos) hits.insert(word);
      }
    }
  }
  EXPECT_EQ(hits.size(), 12u);
}

// --- brands, domains, apps ---

TEST(Brands, RealBrandsWithUniqueCodesAndValidDomains) {
  EXPECT_GE(Brands().size(), 25u);
  std::set<std::string_view> codes;
  for (const Brand& b : Brands()) {
    EXPECT_TRUE(codes.insert(b.code).second) << b.code;
    EXPECT_TRUE(ValidHostname(b.domain)) << b.domain;
    for (char c : b.code) {
      EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    }
    for (char c : b.service_number) {
      EXPECT_TRUE(c >= '0' && c <= '9');
    }
  }
  const Brand* icbc = FindBrand("icbc");
  ASSERT_NE(icbc, nullptr);
  EXPECT_EQ(icbc->domain, "icbc.com.cn");
  EXPECT_EQ(icbc->service_number, "95588");
  EXPECT_EQ(FindBrand("alipay")->service_number, "95188");
  EXPECT_EQ(FindBrand("10086")->kind, BrandKind::kCarrier);
  EXPECT_EQ(FindBrand("nope"), nullptr);
}

TEST(Punycode, MatchesRfc3492) {
  EXPECT_EQ(internal::Punycode("bücher"), "bcher-kva");
  EXPECT_EQ(internal::Punycode("münchen"), "mnchen-3ya");
  EXPECT_EQ(internal::Punycode("аpple"), "pple-43d");  // Cyrillic а
  EXPECT_EQ(internal::Punycode("中国"), "fiqs8s");
  EXPECT_EQ(internal::Punycode("中國"), "fiqz9s");
}

TEST(LookalikeDomain, ValidVariedAndUsingEveryStrategy) {
  Rng rng(31);
  int idn = 0, subdomain = 0, with_code = 0, total = 0;
  for (const Brand& b : Brands()) {
    std::set<std::string> distinct;
    for (int i = 0; i < 200; ++i) {
      const std::string d = LookalikeDomain(b, rng);
      EXPECT_TRUE(ValidHostname(d)) << d;
      EXPECT_NE(d, b.domain);
      distinct.insert(d);
      ++total;
      idn += d.starts_with("xn--");
      subdomain += d.starts_with(std::string(b.domain) + ".");
      with_code += d.find(b.code) != std::string::npos;
    }
    EXPECT_GE(distinct.size(), 100u) << b.code;
  }
  EXPECT_GT(idn, total / 50);
  EXPECT_GT(subdomain, total / 20);
  EXPECT_GT(with_code, total / 2);
  Rng a(1), b(1);
  EXPECT_EQ(LookalikeDomain(*FindBrand("icbc"), a), LookalikeDomain(*FindBrand("icbc"), b));
}

TEST(FraudDomain, ValidAndVaried) {
  Rng rng(32);
  for (FraudType type : AllTypes()) {
    std::set<std::string> distinct;
    for (int i = 0; i < 300; ++i) {
      const std::string d = FraudDomain(type, rng);
      EXPECT_TRUE(ValidHostname(d)) << d;
      distinct.insert(d);
    }
    EXPECT_GE(distinct.size(), 250u);
  }
}

TEST(LureUrl, SchemeThenDomain) {
  Rng rng(33);
  for (int i = 0; i < 300; ++i) {
    const std::string url = LureUrl("icbc-kefu.top", rng);
    EXPECT_TRUE(url.starts_with("http://icbc-kefu.top") || url.starts_with("https://icbc-kefu.top"))
        << url;
    for (char c : url) {
      EXPECT_TRUE(c > ' ' && c < 0x7F) << url;
    }
  }
}

TEST(MakeFraudApp, PackagesAndHashesLookReal) {
  Rng rng(34);
  for (FraudType type : AllTypes()) {
    std::set<std::string> packages;
    for (int i = 0; i < 200; ++i) {
      const FraudApp app = MakeFraudApp(type, rng);
      packages.insert(app.package);
      EXPECT_FALSE(app.name.empty());
      EXPECT_TRUE(ValidUtf8(app.name));
      EXPECT_NE(app.package.find('.'), std::string::npos) << app.package;
      bool segment_start = true;
      for (char c : app.package) {
        if (c == '.') {
          EXPECT_FALSE(segment_start) << app.package;
          segment_start = true;
          continue;
        }
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (segment_start) {
          EXPECT_TRUE(letter) << app.package;
        }
        EXPECT_TRUE(letter || (c >= '0' && c <= '9')) << app.package;
        segment_start = false;
      }
      for (const std::string* h : {&app.file_sha256, &app.cert_sha256}) {
        EXPECT_EQ(h->size(), 64u);
        for (char c : *h) {
          EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        }
      }
      EXPECT_NE(app.file_sha256, app.cert_sha256);
    }
    EXPECT_GE(packages.size(), 190u);
  }
}

TEST(ClassifyContact, TellsPhonesFromQqAndWechat) {
  using internal::ClassifyContact;
  using internal::ContactKind;
  EXPECT_EQ(ClassifyContact("13912345678"), ContactKind::kMobile);
  EXPECT_EQ(ClassifyContact("4008123456"), ContactKind::kLandline);
  EXPECT_EQ(ClassifyContact("02787654321"), ContactKind::kLandline);
  EXPECT_EQ(ClassifyContact("2834567712"), ContactKind::kQq);
  EXPECT_EQ(ClassifyContact("kefu_8866"), ContactKind::kWechat);
}

}  // namespace
}  // namespace wuzha::sim
