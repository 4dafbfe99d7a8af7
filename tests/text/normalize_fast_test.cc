// Normalize (table-driven stage one, rules skipped when nothing triggers them) against
// NormalizeReference (every pass, ICU per segment): byte-identical output on the real
// SMS of ../shared/data/sms/, on those SMS disguised, on the evasion table's inputs, and
// on random strings over the characters where the two paths part (combining marks,
// Hangul, Greek and Cyrillic, compatibility forms, invalid bytes).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "text/normalize.h"

namespace wuzha::text {
namespace {

std::vector<std::string> RealSms() {
  std::vector<std::string> out;
  const std::string dir = std::string(WUZHA_SHARED_DATA_DIR) + "/sms";
  if (!std::filesystem::exists(dir)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".csv") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    for (std::string line; std::getline(in, line);) out.push_back(line);
  }
  return out;
}

// The message with its ASCII written full width and a zero-width space after every
// third character, traditional forms left to the corpus.
std::string Disguise(const std::string& s) {
  std::string out;
  int n = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t c = DecodeUtf8(s, i);
    if (c > 0x20 && c < 0x7F) c += 0xFEE0;
    AppendUtf8(out, c);
    if (++n % 3 == 0) AppendUtf8(out, 0x200B);
  }
  return out;
}

void ExpectSame(const std::string& in) { ASSERT_EQ(Normalize(in), NormalizeReference(in)) << in; }

TEST(NormalizeFast, MatchesTheReferenceOnRealSms) {
  const std::vector<std::string> sms = RealSms();
  if (sms.empty()) GTEST_SKIP() << "no SMS data at " << WUZHA_SHARED_DATA_DIR << "/sms";
  for (const std::string& s : sms) {
    ExpectSame(s);
    ExpectSame(Disguise(s));
  }
}

TEST(NormalizeFast, MatchesTheReferenceWhereThePathsPart) {
  const char* cases[] = {
      "",
      "a",
      "e\u0301",
      "a\u200B\u030A",
      "а\u030A",
      "Ωmega ΑΒΓ",
      "ｶﾞｷﾞ",
      "한국어 문자",
      "\u1100\u1161\u11A8",
      "ﬁﬂﬃ ㈱ ① ㎏",
      "😀🎉 𠀀𪚥",
      "\xff\xfe\xe4\xbd",
      "\xed\xa0\x80",
      "\xe0\x80\x80",
      "\xf0\x9f\x98",
      "退(tui)款 w w w . x x . c o m",
      "五万元 〇〇7 l0l",
      "http://ICBC.com 点 com",
      "\u00AD\u034F\u180B\uFE0F",
      "ǅ ß ẞ İ ﬅ",
      "\r\n\t\v\f",
  };
  for (const char* c : cases) ExpectSame(c);
}

TEST(NormalizeFast, MatchesTheReferenceOnRandomStrings) {
  // Characters that exercise each branch, mixed with plain Han and ASCII.
  const std::vector<char32_t> pool = {
      U'退',  U'款',  U'點',  U'點',  U'元',  U'块',  U'五',  U'万',   U'〇',   U'点',
      0x3007, 'a',    'O',    'l',    '0',    '1',    ' ',    '.',     '(',     ')',
      '[',    ']',    ':',    '/',    'h',    't',    'p',    's',     '-',     'x',
      0x0301, 0x030A, 0x0430, 0x03BF, 0x0391, 0x200B, 0xFEFF, 0xFF21,  0xFF0C,  0x3000,
      0xFF9E, 0x1100, 0x1161, 0xAC00, 0x11A8, 0xFB01, 0x2460, 0x1F600, 0x20000, 0x00B7,
      0x2014, 0x00C5, 0x212B, 0x1E9B, 0x0323, 0x3099, 0x304B, 0xFFFD,  0x00AD,  0x034F};
  std::mt19937 rng(20261124);
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    const int len = static_cast<int>(rng() % 24);
    for (int k = 0; k < len; ++k) {
      if (rng() % 16 == 0) {
        s.push_back(static_cast<char>(0x80 + rng() % 0x80));  // a stray byte
      } else {
        AppendUtf8(s, pool[rng() % pool.size()]);
      }
    }
    ExpectSame(s);
  }
}

// Strings made of the rules' own syntax (schemes, spaced-out and dot-word URLs, pinyin,
// separators, amounts, look-alike digits), so that every rule acts often, alone and
// after the others.
TEST(NormalizeFast, MatchesTheReferenceOnRuleSyntax) {
  const std::vector<std::vector<std::string>> pieces = {
      {"http://", "https://", "h", "ttp", ":", "/", " ", ".", "x", "退", "a", "http:/"},
      {"w", " ", ".", "点", "c o m", "com", "退", "1", "[.]", "(.)", "{点}", "ab"},
      {"新", "(xin)", "(xīn)", "(x0)", "(", ")", "-", " ", "华", "1", "l", "〇"},
      {"退", "-", "*", "·", " ", ".", "款", "a", "〇", "(tui)", "|", "/"},
      {"五", "万", "元", "块", "十", "二", "两", "〇", "1", "o", "3点", "零"},
      {"l", "0", "1", "o", "〇", " ", ".", ",", "a", "7", "退", "ol"},
      {"ｈｔｔｐ：／／", "Ｗ", "。", "．", "ｃｏｍ", " ", "退", "а", "о", "ｌ", "1", "ー"},
  };
  std::mt19937 rng(7);
  for (const std::vector<std::string>& set : pieces) {
    for (int n = 0; n < 20000; ++n) {
      std::string s;
      for (int k = static_cast<int>(rng() % 12); k > 0; --k) s += set[rng() % set.size()];
      ExpectSame(s);
    }
  }
}

TEST(NormalizeFast, MatchesTheReferenceOnEveryBmpCharacterBetweenHan) {
  for (char32_t c = 1; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string s = "退";
    AppendUtf8(s, c);
    s += "款a";
    AppendUtf8(s, c);
    ExpectSame(s);
  }
}

}  // namespace
}  // namespace wuzha::text
