#include "text/normalize.h"

#include <utility>

#include "text/internal/rules.h"
#include "text/internal/unicode.h"

namespace wuzha::text {
namespace {

using namespace internal;  // NOLINT: the passes

// Appends `in` as UTF-8 to `out` (cleared first) through one resize.
void EncodeUtf8(const std::u32string& in, std::string& out) {
  out.resize(in.size() * 4);
  char* o = out.data();
  for (const char32_t c : in) {
    if (c < 0x80) {
      *o++ = static_cast<char>(c);
    } else if (c < 0x800) {
      *o++ = static_cast<char>(0xC0 | c >> 6);
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      *o++ = static_cast<char>(0xE0 | c >> 12);
      *o++ = static_cast<char>(0x80 | (c >> 6 & 0x3F));
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      *o++ = static_cast<char>(0xF0 | c >> 18);
      *o++ = static_cast<char>(0x80 | (c >> 12 & 0x3F));
      *o++ = static_cast<char>(0x80 | (c >> 6 & 0x3F));
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  out.resize(static_cast<size_t>(o - out.data()));
}

}  // namespace

Status InitNormalizer() { return LoadTables(); }

size_t TraditionalTableSize() { return TraditionalCount(); }

void NormalizeInto(std::string_view utf8, std::string& out) {
  // Two code-point buffers per thread, swapped between passes: no allocation once warm.
  thread_local std::u32string a;
  thread_local std::u32string b;
  a.clear();
  uint32_t triggers = 0;
  if (!MapCharactersFast(utf8, a, triggers)) {
    a.clear();
    MapCharacters(utf8, a);
    triggers = Triggers(a);
  }
  std::u32string* cur = &a;
  std::u32string* next = &b;
  // A pass runs from the first place it can act, if any; before that it would copy.
  const auto run = [&](void (*pass)(const std::u32string&, std::u32string&, size_t),
                       size_t (*start)(const std::u32string&)) {
    const size_t from = start(*cur);
    if (from >= cur->size()) return;
    pass(*cur, *next, from);
    std::swap(cur, next);
  };
  // The order of NormalizeReference. The trigger mask, from one look at each character,
  // spares most passes even the search for their start.
  uint32_t m = triggers;
  if (m & kColon) run(StripSchemes, StripSchemesStart);
  if (m & kSpace) run(JoinSpacedUrls, JoinSpacedUrlsStart);
  // Again, also when joining changed nothing: stripping can spell out a new scheme
  // ("http:/https:///a" → "http://a"), so StripSchemes is not idempotent.
  if (m & kColon) run(StripSchemes, StripSchemesStart);
  if (m & kDotWord) {
    run(ReplaceDotWords, ReplaceDotWordsStart);
    m |= kSeparator;
  }
  if (m & kParen) run(RemovePinyin, RemovePinyinStart);
  if (m & kSeparator) run(StripHanSeparators, StripHanSeparatorsStart);
  if (m & kCurrency) {
    run(ChineseAmounts, ChineseAmountsStart);
    m |= kAmbiguous;
  }
  if (m & kAmbiguous) run(ResolveLookalikeDigits, ResolveLookalikeDigitsStart);
  EncodeUtf8(*cur, out);
}

std::string Normalize(std::string_view utf8) {
  std::string out;
  NormalizeInto(utf8, out);
  return out;
}

std::string NormalizeReference(std::string_view utf8) {
  // As NormalizeInto was before the fast path, thread_local buffers included, so that
  // benchmarks against it measure the algorithm, not allocation.
  thread_local std::u32string a;
  thread_local std::u32string b;
  a.clear();
  MapCharacters(utf8, a);
  // Schemes go before and after joining: a removed scheme can leave a spaced-out chain
  // ("a b c d http://. e"), and joining can spell one out ("h t t p : / / x . c o m").
  StripSchemes(a, b);
  JoinSpacedUrls(b, a);
  StripSchemes(a, b);
  ReplaceDotWords(b, a);
  RemovePinyin(a, b);
  StripHanSeparators(b, a);
  ChineseAmounts(a, b);
  ResolveLookalikeDigits(b, a);
  std::string out;
  out.reserve(a.size() * 3);
  for (char32_t c : a) AppendUtf8(out, c);
  return out;
}

}  // namespace wuzha::text
