#include "text/internal/unicode.h"

#include <opencc.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

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
};

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
