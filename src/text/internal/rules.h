// The context rules of the normalizer, each a pass over code points from `in` to `out`
// (cleared first). They run in the order NormalizeReference calls them; docs/text.md
// says why. Each pass P has a PStart(in): the first position where P can change
// anything (in.size() when nowhere); P(in, out, from) copies in[0, from) and starts
// there, which for any from <= PStart(in) gives the output of P(in, out).
// Private to src/text.
#pragma once

#include <cstddef>
#include <string>

namespace wuzha::text::internal {

// What can make a context rule change its input, as bits. A rule none of whose trigger
// characters is present is the identity, so NormalizeInto skips it. The rules only
// delete characters, except ReplaceDotWords ('.') and ChineseAmounts (digits), so the
// characters present after stage one are a superset of those present later, once those
// two passes' outputs are added.
enum Trigger : uint32_t {
  kColon = 1,       // StripSchemes: "http://", "https://"
  kSpace = 2,       // JoinSpacedUrls
  kDotWord = 4,     // ReplaceDotWords: "[.]", "(.)", "{.}", 点
  kParen = 8,       // RemovePinyin
  kSeparator = 16,  // StripHanSeparators
  kCurrency = 32,   // ChineseAmounts: 元, 块
  kAmbiguous = 64,  // ResolveLookalikeDigits: 0, 1, o, l, 〇
};
inline constexpr int kTriggerBits = 7;
uint32_t CharTriggers(char32_t c);
uint32_t Triggers(const std::u32string& s);  // of every character

// "w w w . x x . c o m" → "www.xx.com": five or more single URL characters separated by
// single spaces, with a dot (or 点) among them.
void JoinSpacedUrls(const std::u32string& in, std::u32string& out, size_t from = 0);
size_t JoinSpacedUrlsStart(const std::u32string& in);
// "xx[.]cn", "xx(.)cn", "xx点com" → "xx.cn" between ASCII words (点 needs a letter after).
void ReplaceDotWords(const std::u32string& in, std::u32string& out, size_t from = 0);
size_t ReplaceDotWordsStart(const std::u32string& in);
// "新(xin)华社" → "新华社": a parenthesized pinyin syllable (tone marks or a tone digit
// allowed) right after a Han character.
void RemovePinyin(const std::u32string& in, std::u32string& out, size_t from = 0);
size_t RemovePinyinStart(const std::u32string& in);
// "退-款", "退 * 款" → "退款": separator runs between two Han characters.
void StripHanSeparators(const std::u32string& in, std::u32string& out, size_t from = 0);
size_t StripHanSeparatorsStart(const std::u32string& in);
// "http://", "https://" at the start of a word are dropped.
void StripSchemes(const std::u32string& in, std::u32string& out, size_t from = 0);
size_t StripSchemesStart(const std::u32string& in);
// "五万元" → "50000元": Chinese numerals with a multiplier right before 元 or 块.
void ChineseAmounts(const std::u32string& in, std::u32string& out, size_t from = 0);
size_t ChineseAmountsStart(const std::u32string& in);
// 0/1/〇 ↔ o/l decided per word: letters among letters, digits among digits.
void ResolveLookalikeDigits(const std::u32string& in, std::u32string& out, size_t from = 0);
size_t ResolveLookalikeDigitsStart(const std::u32string& in);

}  // namespace wuzha::text::internal
