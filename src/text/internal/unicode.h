// Code-point level helpers of the normalizer: UTF-8 decoding with replacement, encoding,
// the character classes the rules test, and the per-character stage (ICU NFKC_Casefold,
// zero-width stripping, traditional → simplified, confusables). Private to src/text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/utf8.h"

namespace wuzha::text::internal {

inline constexpr char32_t kReplacement = 0xFFFD;

// The code point at s[i] and advances i past it. An invalid or truncated sequence, an
// overlong form, a surrogate or a value above U+10FFFF yields U+FFFD and advances by one
// byte, so every invalid byte becomes one U+FFFD.
using wuzha::AppendUtf8;
using wuzha::DecodeUtf8;

inline bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}
inline bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiLower(char32_t c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiAlnum(char32_t c) {
  return IsAsciiDigit(c) || IsAsciiLower(c) || (c >= 'A' && c <= 'Z');
}

// Loads ICU's NFKC_Casefold and OpenCC's t2s table once; the status of that load.
const Status& LoadTables();
size_t TraditionalCount();

// Stage one: decodes `utf8`, applies NFKC_Casefold and the per-character maps, and
// appends the code points to `out`.
void MapCharacters(std::string_view utf8, std::u32string& out);

// The same as MapCharacters through a per-code-point table built with the others, for
// text in which no character interacts with the one before it (no combining marks, no
// Greek or Cyrillic): nearly every SMS. False, with `out` in an unspecified state, when
// the text needs MapCharacters. ORs the Trigger bits (rules.h) of what it appends into
// `triggers`.
bool MapCharactersFast(std::string_view utf8, std::u32string& out, uint32_t& triggers);

}  // namespace wuzha::text::internal
