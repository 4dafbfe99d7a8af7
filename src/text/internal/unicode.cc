#include "text/internal/unicode.h"

#include "text/internal/rules.h"

#include <opencc.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#ifndef WUZHA_OPENCC_T2S
#define WUZHA_OPENCC_T2S "t2s.json"
#endif

namespace wuzha::text::internal {
namespace {

// The range OpenCC's character table is probed over: the BMP unified ideographs and
// extension A. Compatibility ideographs (U+F900..) are folded by NFKC before the lookup.
constexpr char32_t kHanFirst = 0x3400;
constexpr char32_t kHanLast = 0x9FFF;

struct Tables {
  Status status;
  const UNormalizer2* nfkc_cf = nullptr;
  std::bitset<0x10000> inert;                    // BMP code points NFKC_Casefold leaves alone
  std::vector<char16_t> t2s;                     // index cp - kHanFirst; 0 = unchanged
  size_t t2s_count = 0;
  // The whole of stage one per BMP code point (see FastEntry), for MapCharactersFast;
  // empty when ICU could not be loaded.
  std::vector<uint32_t> fast;
  std::vector<char32_t> fast_pool;  // outputs of more than one code point
};

// A fast-table entry is 0 (the character is dropped), one output code point (bits
// 0..20) with its Trigger bits (from bit 21), kMulti with the length (bits 20..29) and
// offset (bits 0..19) of its output in fast_pool, or kSlow: the character can interact
// with the one before it (a combining mark, a Hangul vowel), so the general path runs.
constexpr uint32_t kSlow = 1u << 31;
constexpr uint32_t kMulti = 1u << 30;
constexpr int kTriggerShift = 21;
constexpr uint32_t kCodePointMask = (1u << kTriggerShift) - 1;
static_assert(kTriggerShift + kTriggerBits <= 30);

Status LoadOpenCc(Tables& t) {
  const char* env = std::getenv("WUZHA_OPENCC_T2S");
  const char* path = env != nullptr && *env != '\0' ? env : WUZHA_OPENCC_T2S;
  opencc_t cc = opencc_open(path);
  if (cc == reinterpret_cast<opencc_t>(-1)) {
    return FailedPreconditionError(std::string("cannot load OpenCC config ") + path + ": " +
                                   opencc_error());
  }
  // One conversion of every candidate, one per line, so that no phrase spans two.
  std::string input;
  for (char32_t c = kHanFirst; c <= kHanLast; ++c) {
    AppendUtf8(input, c);
    input += '\n';
  }
  char* converted = opencc_convert_utf8(cc, input.data(), input.size());
  opencc_close(cc);
  if (converted == nullptr) return FailedPreconditionError("OpenCC conversion failed");
  const std::string_view out(converted);
  t.t2s.assign(kHanLast - kHanFirst + 1, 0);
  size_t i = 0;
  for (char32_t c = kHanFirst; c <= kHanLast && i < out.size(); ++c) {
    const size_t nl = out.find('\n', i);
    const std::string_view line = out.substr(i, nl == std::string_view::npos ? nl : nl - i);
    i = nl == std::string_view::npos ? out.size() : nl + 1;
    size_t k = 0;
    const char32_t s = line.empty() ? c : DecodeUtf8(line, k);
    // Only one-to-one mappings onto the BMP Han block we probe keep the table closed.
    if (k == line.size() && s != c && s >= kHanFirst && s <= kHanLast) {
      t.t2s[c - kHanFirst] = static_cast<char16_t>(s);
    }
  }
  opencc_convert_utf8_free(converted);
  // Close the table under itself (a → b → c becomes a → c) so that it is idempotent.
  for (int round = 0; round < 4; ++round) {
    for (char16_t& v : t.t2s) {
      if (v != 0 && t.t2s[v - kHanFirst] != 0 && t.t2s[v - kHanFirst] != v) {
        v = t.t2s[v - kHanFirst];
      }
    }
  }
  for (size_t c = 0; c < t.t2s.size(); ++c) {
    if (t.t2s[c] == kHanFirst + c) t.t2s[c] = 0;
    if (t.t2s[c] != 0) ++t.t2s_count;
  }
  return Status();
}

void BuildFastTable(Tables& t);

Tables* BuildTables() {
  auto* t = new Tables();
  UErrorCode err = U_ZERO_ERROR;
  t->nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
  if (U_FAILURE(err)) {
    t->nfkc_cf = nullptr;
    t->status = FailedPreconditionError(std::string("ICU NFKC_Casefold: ") + u_errorName(err));
  } else {
    for (char32_t c = 0; c < 0x10000; ++c) t->inert[c] = unorm2_isInert(t->nfkc_cf, c);
  }
  Status cc = LoadOpenCc(*t);
  if (t->status.ok()) t->status = std::move(cc);
  BuildFastTable(*t);
  return t;
}

const Tables& GetTables() {
  static const Tables* tables = BuildTables();  // never freed: used until exit
  return *tables;
}

// Cyrillic and Greek letters that look like Latin ones, after case folding.
char32_t Confusable(char32_t c) {
  switch (c) {
    case U'а': return 'a';
    case U'е': return 'e';
    case U'о': return 'o';
    case U'р': return 'p';
    case U'с': return 'c';
    case U'х': return 'x';
    case U'у': return 'y';
    case U'і': return 'i';
    case U'ј': return 'j';
    case U'һ': return 'h';
    case U'ԛ': return 'q';
    case U'ԝ': return 'w';
    case U'ѕ': return 's';
    case U'ο': return 'o';
    case U'α': return 'a';
    case U'ν': return 'v';
    case U'κ': return 'k';
    case U'τ': return 't';
    default: return c;
  }
}

bool IsZeroWidth(char32_t c) {
  return (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF || c == 0x00AD ||
         c == 0x180E;
}

// The per-character maps applied after NFKC_Casefold. 0 drops the character (U+0000
// itself included).
char32_t MapOne(const Tables& t, char32_t c) {
  if (c < 0x80) return c;
  if (IsZeroWidth(c)) return 0;
  if (c >= kHanFirst && c <= kHanLast) {
    if (!t.t2s.empty() && t.t2s[c - kHanFirst] != 0) return t.t2s[c - kHanFirst];
    return c;
  }
  return Confusable(c);
}

void Push(const Tables& t, char32_t c, std::u32string& out) {
  if (const char32_t m = MapOne(t, c); m != 0) out.push_back(m);
}

// Normalizes a run of non-inert code points (a segment ICU can normalize on its own).
void FlushSegment(const Tables& t, std::u16string& seg, std::u16string& buf,
                  std::u32string& out) {
  if (seg.empty()) return;
  UErrorCode err = U_ZERO_ERROR;
  buf.resize(seg.size() * 4 + 16);
  int32_t n = unorm2_normalize(t.nfkc_cf, reinterpret_cast<const UChar*>(seg.data()),
                               static_cast<int32_t>(seg.size()),
                               reinterpret_cast<UChar*>(buf.data()),
                               static_cast<int32_t>(buf.size()), &err);
  if (err == U_BUFFER_OVERFLOW_ERROR) {
    err = U_ZERO_ERROR;
    buf.resize(static_cast<size_t>(n));
    n = unorm2_normalize(t.nfkc_cf, reinterpret_cast<const UChar*>(seg.data()),
                         static_cast<int32_t>(seg.size()), reinterpret_cast<UChar*>(buf.data()),
                         static_cast<int32_t>(buf.size()), &err);
  }
  if (U_FAILURE(err)) n = 0;  // cannot happen with a large enough buffer; drop the segment
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U16_NEXT(buf.data(), i, n, c);
    Push(t, static_cast<char32_t>(c), out);
  }
  seg.clear();
}

// Fills t.fast: each BMP code point's stage-one output on its own. A text whose every
// character has a normalization boundary before it normalizes piecewise, so there the
// concatenation of these outputs is what MapOnce computes.
void BuildFastTable(Tables& t) {
  if (t.nfkc_cf == nullptr) return;
  t.fast.assign(0x10000, kSlow);
  std::u16string seg, buf;
  std::u32string one;
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;  // never decoded
    if (c == 0 || IsZeroWidth(c)) {
      t.fast[c] = 0;
      continue;
    }
    if (!unorm2_hasBoundaryBefore(t.nfkc_cf, c)) continue;
    one.clear();
    if (t.inert[c]) {
      Push(t, c, one);
    } else {
      seg.assign(1, static_cast<char16_t>(c));
      FlushSegment(t, seg, buf, one);
    }
    if (one.size() == 1) {
      t.fast[c] = static_cast<uint32_t>(one[0]) | CharTriggers(one[0]) << kTriggerShift;
    } else if (!one.empty()) {
      t.fast[c] = kMulti | static_cast<uint32_t>(one.size()) << 20 |
                  static_cast<uint32_t>(t.fast_pool.size());
      t.fast_pool.insert(t.fast_pool.end(), one.begin(), one.end());
    } else {
      t.fast[c] = 0;
    }
  }
}

}  // namespace


const Status& LoadTables() { return GetTables().status; }
size_t TraditionalCount() { return GetTables().t2s_count; }

namespace {

void MapOnce(std::string_view utf8, std::u32string& out, bool& confusable) {
  const Tables& t = GetTables();
  thread_local std::u16string seg;
  thread_local std::u16string buf;
  for (size_t i = 0; i < utf8.size();) {
    const char32_t c = DecodeUtf8(utf8, i);
    // Dropped before ICU sees them, so that what they separated composes now, not on a
    // second Normalize ("a\0\u030A").
    if (c == 0 || IsZeroWidth(c)) continue;
    confusable = confusable || (c >= 0x370 && c < 0x530);
    if (t.nfkc_cf == nullptr) {
      Push(t, c >= 'A' && c <= 'Z' ? c + 32 : c, out);
      continue;
    }
    const bool inert = c < 0x10000 ? t.inert[c] : unorm2_isInert(t.nfkc_cf, c) != 0;
    if (inert) {
      FlushSegment(t, seg, buf, out);
      Push(t, c, out);
    } else if (c < 0x10000) {
      seg.push_back(static_cast<char16_t>(c));
    } else {
      seg.push_back(static_cast<char16_t>(U16_LEAD(c)));
      seg.push_back(static_cast<char16_t>(U16_TRAIL(c)));
    }
  }
  if (t.nfkc_cf != nullptr) FlushSegment(t, seg, buf, out);
}

}  // namespace

namespace {

// Writes the table's output for `c` at out[o], growing `out` when a multi-code-point
// output needs room beyond `later` more; false when `c` needs the general path. ORs the
// Trigger bits of what it writes into `triggers`.
inline bool EmitFast(const Tables& t, char32_t c, std::u32string& out, size_t& o, size_t later,
                     uint32_t& triggers) {
  if (c >= 0x10000) {
    // Outside the table: only inert ones (emoji, Han extension B...) stay on this path;
    // none of the per-character maps touches them, and none triggers a rule.
    if (!unorm2_isInert(t.nfkc_cf, c)) return false;
    out[o++] = c;
    return true;
  }
  const uint32_t e = t.fast[c];
  if ((e & (kSlow | kMulti)) == 0) {
    out[o] = static_cast<char32_t>(e & kCodePointMask);
    o += e != 0;
    triggers |= e >> kTriggerShift;
    return true;
  }
  if (e & kSlow) return false;
  const size_t len = e >> 20 & 0x3FF;
  if (out.size() < o + len + later) out.resize(o + len + later);
  const char32_t* from = t.fast_pool.data() + (e & 0xFFFFF);
  for (size_t k = 0; k < len; ++k) {
    out[o++] = from[k];
    triggers |= CharTriggers(from[k]);
  }
  return true;
}

}  // namespace

bool MapCharactersFast(std::string_view utf8, std::u32string& out, uint32_t& triggers) {
  const Tables& t = GetTables();
  if (t.fast.empty()) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const size_t n = utf8.size();
  const size_t start = out.size();
  out.resize(start + n + 1);  // one code point a byte at most, save kMulti (grown then)
  size_t o = start;
  bool confusable = false;
  for (size_t i = 0; i < n;) {
    char32_t c;
    const unsigned b = p[i];
    if (b < 0x80) {
      c = b;
      ++i;
    } else if (b >= 0xE1 && b <= 0xEF && b != 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
               (p[i + 2] & 0xC0) == 0x80) {
      c = (b & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
      i += 3;
    } else if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      c = (b & 0x1F) << 6 | (p[i + 1] & 0x3F);
      i += 2;
      confusable = confusable || (c >= 0x370 && c < 0x530);
    } else {
      c = DecodeUtf8(utf8, i);  // E0, ED, four bytes, invalid
    }
    if (!EmitFast(t, c, out, o, n - i + 1, triggers)) return false;
  }
  out.resize(o);
  if (!confusable) return true;
  triggers = 0;  // of the second pass's output
  // As MapCharacters: a Greek or Cyrillic letter mapped to Latin goes through stage one
  // once more (here, the table again: every character of it passed the table once).
  thread_local std::u32string again;
  again.assign(out, start, std::u32string::npos);
  out.resize(start + again.size() + 1);
  o = start;
  for (size_t k = 0; k < again.size(); ++k) {
    if (!EmitFast(t, again[k], out, o, again.size() - k, triggers)) return false;
  }
  out.resize(o);
  return true;
}

void MapCharacters(std::string_view utf8, std::u32string& out) {
  const size_t start = out.size();
  bool confusable = false;
  MapOnce(utf8, out, confusable);
  if (!confusable) return;
  // A Greek or Cyrillic letter mapped to Latin may now compose with a following mark
  // (Cyrillic а + U+030A → å): normalize that output once more. Rare, so cheap.
  thread_local std::string again;
  again.clear();
  for (size_t k = start; k < out.size(); ++k) AppendUtf8(again, out[k]);
  out.resize(start);
  bool unused = false;
  MapOnce(again, out, unused);
}

}  // namespace wuzha::text::internal
