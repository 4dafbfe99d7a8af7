#include "text/internal/rules.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "text/internal/unicode.h"

namespace wuzha::text::internal {
namespace {

bool IsUrlChar(char32_t c) {
  return IsAsciiAlnum(c) || (c < 0x80 && std::string_view("-._~:/?#=&%+").find(
                                             static_cast<char>(c)) != std::string_view::npos);
}
// 〇 counts too: ResolveLookalikeDigits may turn it into a digit after these passes ran.
bool IsUrlToken(char32_t c) { return IsUrlChar(c) || c == U'点' || c == 0x3007; }
bool IsWordOrLing(char32_t c) { return IsAsciiAlnum(c) || c == 0x3007; }

}  // namespace

void JoinSpacedUrls(const std::u32string& in, std::u32string& out, size_t from) {
  out.assign(in, 0, from);
  const size_t n = in.size();
  for (size_t i = from; i < n;) {
    if (!IsUrlToken(in[i]) || i + 2 >= n || in[i + 1] != ' ' || !IsUrlToken(in[i + 2])) {
      out.push_back(in[i++]);
      continue;
    }
    // The chain i, i+2, i+4 ...; the last element must stand alone on its right.
    size_t last = i;
    while (last + 2 < n && in[last + 1] == ' ' && IsUrlToken(in[last + 2]) &&
           (last + 3 >= n || in[last + 3] == ' ' || !IsUrlToken(in[last + 3]))) {
      last += 2;
    }
    const size_t count = (last - i) / 2 + 1;
    bool dot = false;
    for (size_t p = i + 2; p < last; p += 2) dot = dot || in[p] == '.' || in[p] == U'点';
    if (count >= 5 && dot) {
      for (size_t p = i; p <= last; p += 2) out.push_back(in[p]);
    } else {
      out.append(in, i, last + 1 - i);
    }
    i = last + 1;
  }
}

void ReplaceDotWords(const std::u32string& in, std::u32string& out, size_t from) {
  out.assign(in, 0, from);
  const size_t n = in.size();
  for (size_t i = from; i < n; ++i) {
    const char32_t c = in[i];
    const bool after_word = !out.empty() && (IsWordOrLing(out.back()) || out.back() == '-');
    if (after_word && (c == '[' || c == '(' || c == '{') && i + 2 < n &&
        (in[i + 1] == '.' || in[i + 1] == U'点') &&
        in[i + 2] == (c == '[' ? U']' : c == '(' ? U')' : U'}') && i + 3 < n &&
        IsWordOrLing(in[i + 3])) {
      out.push_back('.');
      i += 2;
      continue;
    }
    if (c == U'点' && after_word) {
      // A letter must follow within the ASCII word: "3点30" is a time, "x点c0m" a link.
      bool letter = false;
      for (size_t k = i + 1; k < n && (IsAsciiAlnum(in[k]) || in[k] == 0x3007); ++k) {
        letter = letter || IsAsciiLower(in[k]);
      }
      if (letter) {
        out.push_back('.');
        continue;
      }
    }
    out.push_back(c);
  }
}

namespace {

// A toneless form of a pinyin vowel with a tone mark, or 0.
char32_t Toneless(char32_t c) {
  static constexpr std::u32string_view kMarked[] = {U"āáǎà", U"ēéěè", U"īíǐì",
                                                    U"ōóǒò", U"ūúǔù", U"ǖǘǚǜü"};
  static constexpr char32_t kBase[] = {'a', 'e', 'i', 'o', 'u', 'v'};
  if (IsAsciiLower(c)) return c;
  for (size_t k = 0; k < std::size(kMarked); ++k) {
    if (kMarked[k].find(c) != std::u32string_view::npos) return kBase[k];
  }
  return 0;
}

bool IsPinyinSyllable(std::string_view s) {
  static constexpr std::string_view kInitials[] = {"zh", "ch", "sh", "b", "p", "m", "f", "d",
                                                   "t",  "n",  "l",  "g", "k", "h", "j", "q",
                                                   "x",  "r",  "z",  "c", "s", "y", "w"};
  static constexpr std::string_view kFinals[] = {
      "a",  "o",   "e",   "ai",   "ei",  "ao",   "ou",  "an",  "en",  "ang", "eng",
      "ong", "er", "i",   "ia",   "ie",  "iao",  "iu",  "ian", "in",  "iang", "ing",
      "iong", "u", "ua",  "uo",   "uai", "ui",   "uan", "un",  "uang", "ueng", "v",
      "ve",  "ue", "van", "vn",   "n",   "ng",   "m"};
  const auto is_final = [&](std::string_view f) {
    return std::find(std::begin(kFinals), std::end(kFinals), f) != std::end(kFinals);
  };
  if (is_final(s)) return true;
  for (std::string_view ini : kInitials) {
    if (s.size() > ini.size() && s.starts_with(ini) && is_final(s.substr(ini.size()))) {
      return true;
    }
  }
  return false;
}

// The length of a pinyin annotation "(xin)" / "(xīn)" / "(xin1)" starting at in[i] == '(',
// or 0. The content is judged as ResolveLookalikeDigits (a later pass) will write it, so
// that "(x0)" is removed now rather than once it reads "(xo)": idempotence.
size_t PinyinAnnotationAt(const std::u32string& in, size_t i) {
  thread_local std::u32string content;
  thread_local std::u32string resolved;
  content.clear();
  size_t k = i + 1;
  for (; k < in.size() && content.size() < 8 && in[k] != ')'; ++k) {
    if (Toneless(in[k]) == 0 && !IsAsciiDigit(in[k]) && in[k] != 0x3007) return 0;
    content.push_back(in[k]);
  }
  if (k >= in.size() || in[k] != ')' || content.empty()) return 0;
  ResolveLookalikeDigits(content, resolved);
  std::string syllable;
  for (char32_t c : resolved) {
    const char32_t t = Toneless(c);
    syllable += t != 0 ? static_cast<char>(t) : c >= '1' && c <= '5' ? static_cast<char>(c) : '#';
  }
  // A trailing tone digit; "1" reads "l" after a letter once resolved.
  if (!syllable.empty() && ((syllable.back() >= '1' && syllable.back() <= '5') ||
                            (syllable.back() == 'l' && !IsPinyinSyllable(syllable)))) {
    syllable.pop_back();
  }
  return IsPinyinSyllable(syllable) ? k + 1 - i : 0;
}

// Whether ASCII `c` is in the set given as two 64-bit masks (bits 0-63, 64-127); false
// above ASCII. One mask test instead of a chain of comparisons per character.
inline bool InAscii(char32_t c, uint64_t low, uint64_t high) {
  const uint64_t word = c < 64 ? low : high;
  return c < 128 && (word >> (c & 63) & 1) != 0;
}

bool IsSeparatorAboveAscii(char32_t c) {
  switch (c) {
    case 0x00B7: case 0x2022: case 0x2027: case 0x2013: case 0x2014: case 0x2015:
    case 0x30FB: case 0x2219: case 0x22C5: case 0x25CF:
      return true;
    default:
      return false;
  }
}

bool IsSeparator(char32_t c) {
  // " \t-*|/\\_.~+=#^`" as bits, then the others; Han (most of the text) is above them all.
  constexpr uint64_t kLow = 1ull << ' ' | 1ull << '\t' | 1ull << '-' | 1ull << '*' | 1ull << '/' |
                            1ull << '.' | 1ull << '+' | 1ull << '=' | 1ull << '#';
  constexpr uint64_t kHigh = 1ull << ('|' - 64) | 1ull << ('\\' - 64) | 1ull << ('_' - 64) |
                             1ull << ('~' - 64) | 1ull << ('^' - 64) | 1ull << ('`' - 64);
  return InAscii(c, kLow, kHigh) || (c >= 0xB7 && c <= 0x30FB && IsSeparatorAboveAscii(c));
}

}  // namespace

namespace {

bool IsWordCharOrLing(char32_t c) { return IsAsciiAlnum(c) || c == 0x3007; }

// Whether s[pos] is Han, or a 〇 in a word of 〇 alone, which ResolveLookalikeDigits may
// turn into 零 (a superset is enough: stripping a separator next to a 〇 that becomes a
// digit changes nothing a second pass would undo).
bool HanLike(const std::u32string& s, size_t pos) {
  if (IsHan(s[pos])) return true;
  if (s[pos] != 0x3007) return false;
  size_t b = pos, e = pos;
  while (b > 0 && IsWordCharOrLing(s[b - 1])) --b;
  while (e < s.size() && IsWordCharOrLing(s[e])) ++e;
  for (size_t k = b; k < e; ++k) {
    if (s[k] != 0x3007) return false;
  }
  return true;
}

}  // namespace

void RemovePinyin(const std::u32string& in, std::u32string& out, size_t from) {
  out.assign(in, 0, from);
  for (size_t i = from; i < in.size();) {
    if (in[i] == '(' && !out.empty() && HanLike(out, out.size() - 1)) {
      if (const size_t len = PinyinAnnotationAt(in, i); len != 0) {
        i += len;
        continue;
      }
    }
    out.push_back(in[i++]);
  }
}

void StripHanSeparators(const std::u32string& in, std::u32string& out, size_t from) {
  out.assign(in, 0, from);
  for (size_t i = from; i < in.size();) {
    if (IsSeparator(in[i]) && !out.empty() && HanLike(out, out.size() - 1)) {
      size_t k = i;
      while (k < in.size() && k - i < 4 && IsSeparator(in[k])) ++k;
      if (k < in.size() && HanLike(in, k)) {
        i = k;
        continue;
      }
    }
    out.push_back(in[i++]);
  }
}

void StripSchemes(const std::u32string& in, std::u32string& out, size_t from) {
  out.assign(in, 0, from);
  const std::u32string_view view(in);
  for (size_t i = from; i < in.size();) {
    if (in[i] == 'h' && (out.empty() || !IsAsciiAlnum(out.back()))) {
      const std::u32string_view rest = view.substr(i);
      if (rest.starts_with(U"http://")) {
        i += 7;
        continue;
      }
      if (rest.starts_with(U"https://")) {
        i += 8;
        continue;
      }
    }
    out.push_back(in[i++]);
  }
}

namespace {

int NumeralDigit(char32_t c) {
  static constexpr std::u32string_view kDigits = U"零一二三四五六七八九";
  if (c == 0x3007) return 0;
  if (c == U'两') return 2;
  const size_t p = kDigits.find(c);
  return p == std::u32string_view::npos ? -1 : static_cast<int>(p);
}
int64_t NumeralUnit(char32_t c) {
  switch (c) {
    case U'十': return 10;
    case U'百': return 100;
    case U'千': return 1000;
    case U'万': return 10000;
    case U'亿': return 100000000;
    default: return 0;
  }
}

// The value of a Chinese numeral such as 五万零三百 or 十二, or -1 when malformed.
int64_t ParseNumeral(std::u32string_view s) {
  int64_t total = 0;    // completed 亿 part
  int64_t section = 0;  // completed 万 part below 亿
  int64_t small = 0;    // below 万
  int64_t digit = -1;
  int64_t last_unit = 100000;
  for (char32_t c : s) {
    if (const int d = NumeralDigit(c); d >= 0) {
      if (digit > 0) return -1;  // two digits in a row ("五五")
      digit = d;
      continue;
    }
    const int64_t unit = NumeralUnit(c);
    if (unit == 100000000) {
      total = (section + small + std::max<int64_t>(digit, 0)) * unit;
      if (total == 0) return -1;
      section = small = 0;
      digit = -1;
      last_unit = 100000;
    } else if (unit == 10000) {
      section = (small + std::max<int64_t>(digit, 0)) * unit;
      if (section == 0) return -1;
      small = 0;
      digit = -1;
      last_unit = 100000;
    } else {
      if (unit >= last_unit) return -1;
      if (digit == 0) return -1;
      small += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
      last_unit = unit;
    }
  }
  return total + section + small + std::max<int64_t>(digit, 0);
}

bool IsNumeralChar(char32_t c) { return NumeralDigit(c) >= 0 || NumeralUnit(c) != 0; }

}  // namespace

void ChineseAmounts(const std::u32string& in, std::u32string& out, size_t from) {
  out.assign(in, 0, from);
  for (size_t i = from; i < in.size();) {
    if (!IsNumeralChar(in[i]) || (!out.empty() && IsNumeralChar(out.back()))) {
      out.push_back(in[i++]);
      continue;
    }
    size_t k = i;
    bool unit = false;
    while (k < in.size() && k - i < 16 && IsNumeralChar(in[k])) unit |= NumeralUnit(in[k++]) != 0;
    const bool currency = k < in.size() && (in[k] == U'元' || in[k] == U'块');
    const int64_t value = unit && k - i >= 2 && currency
                              ? ParseNumeral(std::u32string_view(in).substr(i, k - i))
                              : -1;
    if (value > 0) {
      for (char ch : std::to_string(value)) out.push_back(static_cast<char32_t>(ch));
    } else {
      out.append(in, i, k - i);
    }
    i = k;
  }
}

namespace {

bool IsAmbiguous(char32_t c) {
  constexpr uint64_t kLow = 1ull << '0' | 1ull << '1';
  constexpr uint64_t kHigh = 1ull << ('o' - 64) | 1ull << ('l' - 64);
  return InAscii(c, kLow, kHigh) || c == 0x3007;
}
bool IsWordChar(char32_t c) { return IsAsciiDigit(c) || IsAsciiLower(c) || c == 0x3007; }

// Resolves one word in[b, e) (ASCII lower-case letters, digits, 〇) into out.
void ResolveWord(const std::u32string& in, size_t b, size_t e, std::u32string& out) {
  bool only_ling = true;
  for (size_t k = b; k < e; ++k) {
    only_ling = only_ling && in[k] == 0x3007;
  }
  // 〇 on its own is the character 零, unless it continues a number: "7483.〇〇".
  const auto punct = [](char32_t c) { return c == '.' || c == ','; };
  const auto digit = [](char32_t c) { return IsAsciiDigit(c) || c == 0x3007; };
  // The word before is already resolved in `out`.
  const size_t o = out.size();
  const bool in_number = (o >= 2 && punct(out[o - 1]) && IsAsciiDigit(out[o - 2])) ||
                         (e + 1 < in.size() && punct(in[e]) && digit(in[e + 1]));
  if (only_ling && !in_number) {
    out.append(e - b, U'零');
    return;
  }
  for (size_t k = b; k < e;) {
    if (!IsAmbiguous(in[k])) {
      out.push_back(in[k++]);
      continue;
    }
    size_t j = k;
    while (j < e && IsAmbiguous(in[j])) ++j;
    const int left = k > b ? (IsAsciiDigit(in[k - 1]) ? 1 : 2) : 0;   // 1 digit, 2 letter
    const int right = j < e ? (IsAsciiDigit(in[j]) ? 1 : 2) : 0;
    // Letters only when every neighbour in the word is a letter; a digit on either side,
    // or no neighbour at all ("回复l", "33.OO"), makes them digits.
    const bool digits = !(left == 2 && (right == 2 || right == 0)) && !(left == 0 && right == 2);
    for (; k < j; ++k) {
      const char32_t c = in[k];
      const bool one = c == '1' || c == 'l';
      out.push_back(digits ? (one ? U'1' : U'0') : (one ? U'l' : U'o'));
    }
  }
}

}  // namespace

void ResolveLookalikeDigits(const std::u32string& in, std::u32string& out, size_t from) {
  out.assign(in, 0, from);
  for (size_t i = from; i < in.size();) {
    if (!IsWordChar(in[i])) {
      out.push_back(in[i++]);
      continue;
    }
    size_t k = i;
    while (k < in.size() && IsWordChar(in[k])) ++k;
    ResolveWord(in, i, k, out);
    i = k;
  }
}

}  // namespace wuzha::text::internal

namespace wuzha::text::internal {

// Where each pass can first act (the size of `in` when nowhere). Before that position a
// pass copies its input unchanged, so a pass started there with that prefix already
// copied gives the same output (tests/text/normalize_fast_test.cc checks it against
// passes started at 0).

size_t StripSchemesStart(const std::u32string& in) {
  // A scheme's ':' is 4 or 5 characters after its 'h'.
  const size_t colon = in.find(U':');
  return colon == std::u32string::npos ? in.size() : colon < 5 ? 0 : colon - 5;
}

size_t JoinSpacedUrlsStart(const std::u32string& in) {
  // A chain starts one character before a space.
  const size_t space = in.find(U' ');
  return space == std::u32string::npos ? in.size() : space == 0 ? 0 : space - 1;
}

size_t ReplaceDotWordsStart(const std::u32string& in) {
  // A 点, or an opening bracket with a dot after it.
  for (size_t i = 0; i < in.size(); ++i) {
    const char32_t c = in[i];
    if (c == U'点') return i;
    if ((c == '[' || c == '(' || c == '{') && i + 1 < in.size() &&
        (in[i + 1] == '.' || in[i + 1] == U'点')) {
      return i;
    }
  }
  return in.size();
}

size_t RemovePinyinStart(const std::u32string& in) {
  // A '(' right after a Han character (or 〇, which HanLike may count).
  for (size_t i = 1; i < in.size(); ++i)
    if (in[i] == '(' && (IsHan(in[i - 1]) || in[i - 1] == 0x3007)) return i;
  return in.size();
}

size_t StripHanSeparatorsStart(const std::u32string& in) {
  // A separator right after a Han character (or 〇, which HanLike may count).
  for (size_t i = 1; i < in.size(); ++i)
    if (IsSeparator(in[i]) && (IsHan(in[i - 1]) || in[i - 1] == 0x3007)) return i;
  return in.size();
}

namespace {

constexpr std::array<uint8_t, 128> AsciiTriggers() {
  std::array<uint8_t, 128> t{};
  t[':'] = kColon;
  t['['] = t['{'] = kDotWord;
  t['('] = kDotWord | kParen;
  for (char c : std::string_view(" \t-*|/\\_.~+=#^`")) t[static_cast<size_t>(c)] |= kSeparator;
  t[' '] |= kSpace;
  for (char c : std::string_view("01ol")) t[static_cast<size_t>(c)] = kAmbiguous;
  return t;
}

}  // namespace

uint32_t CharTriggers(char32_t c) {
  static constexpr std::array<uint8_t, 128> kAscii = AsciiTriggers();
  if (c < 0x80) return kAscii[c];
  if (c == U'点') return kDotWord;
  if (c == U'元' || c == U'块') return kCurrency;
  if (c == 0x3007) return kAmbiguous;
  return IsSeparator(c) ? uint32_t{kSeparator} : 0;
}

uint32_t Triggers(const std::u32string& s) {
  uint32_t m = 0;
  for (const char32_t c : s) m |= CharTriggers(c);
  return m;
}

size_t ChineseAmountsStart(const std::u32string& in) {
  // An amount is a numeral run right before 元 or 块; the pass reaches the first such
  // run at its start, with a non-numeral before it.
  for (size_t k = 1; k < in.size(); ++k) {
    if ((in[k] == U'元' || in[k] == U'块') && IsNumeralChar(in[k - 1])) {
      size_t r = k - 1;
      while (r > 0 && IsNumeralChar(in[r - 1])) --r;
      return r;
    }
  }
  return in.size();
}

namespace {

// Whether ResolveWord changes the word in[b, e): a 〇, or a 0/1/o/l not already in the
// form (digit or letter) its neighbours decide.
bool WordChanges(const std::u32string& in, size_t b, size_t e) {
  for (size_t k = b; k < e;) {
    if (!IsAmbiguous(in[k])) {
      ++k;
      continue;
    }
    size_t j = k;
    while (j < e && IsAmbiguous(in[j])) ++j;
    // As ResolveWord.
    const int left = k > b ? (IsAsciiDigit(in[k - 1]) ? 1 : 2) : 0;
    const int right = j < e ? (IsAsciiDigit(in[j]) ? 1 : 2) : 0;
    const bool digits = !(left == 2 && (right == 2 || right == 0)) && !(left == 0 && right == 2);
    for (; k < j; ++k) {
      const char32_t c = in[k];
      if (c == 0x3007) return true;
      const bool one = c == '1' || c == 'l';
      if (c != (digits ? (one ? U'1' : U'0') : (one ? U'l' : U'o'))) return true;
    }
  }
  return false;
}

}  // namespace

size_t ResolveLookalikeDigitsStart(const std::u32string& in) {
  // The start of the first word the pass changes; only words with a 0/1/o/l/〇 can.
  for (size_t i = 0; i < in.size(); ++i) {
    if (!IsAmbiguous(in[i])) continue;
    size_t b = i, e = i + 1;
    while (b > 0 && IsWordChar(in[b - 1])) --b;
    while (e < in.size() && IsWordChar(in[e])) ++e;
    if (WordChanges(in, b, e)) return b;
    i = e;
  }
  return in.size();
}

}  // namespace wuzha::text::internal
