// The context rules of the normalizer, each a pass over code points from `in` to `out`
// (cleared first). They run in the order they are declared; docs/text.md says why.
// Private to src/text.
#pragma once

#include <string>

namespace wuzha::text::internal {

// "w w w . x x . c o m" → "www.xx.com": five or more single URL characters separated by
// single spaces, with a dot (or 点) among them.
void JoinSpacedUrls(const std::u32string& in, std::u32string& out);
// "xx[.]cn", "xx(.)cn", "xx点com" → "xx.cn" between ASCII words (点 needs a letter after).
void ReplaceDotWords(const std::u32string& in, std::u32string& out);
// "新(xin)华社" → "新华社": a parenthesized pinyin syllable (tone marks or a tone digit
// allowed) right after a Han character.
void RemovePinyin(const std::u32string& in, std::u32string& out);
// "退-款", "退 * 款" → "退款": separator runs between two Han characters.
void StripHanSeparators(const std::u32string& in, std::u32string& out);
// "http://", "https://" at the start of a word are dropped.
void StripSchemes(const std::u32string& in, std::u32string& out);
// "五万元" → "50000元": Chinese numerals with a multiplier right before 元 or 块.
void ChineseAmounts(const std::u32string& in, std::u32string& out);
// 0/1/〇 ↔ o/l decided per word: letters among letters, digits among digits.
void ResolveLookalikeDigits(const std::u32string& in, std::u32string& out);

}  // namespace wuzha::text::internal
