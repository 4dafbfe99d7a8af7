#include "text/normalize.h"

#include <utility>

#include "text/internal/rules.h"
#include "text/internal/unicode.h"

namespace wuzha::text {

Status InitNormalizer() { return internal::LoadTables(); }

size_t TraditionalTableSize() { return internal::TraditionalCount(); }

void NormalizeInto(std::string_view utf8, std::string& out) {
  using namespace internal;  // NOLINT: the passes
  // Two code-point buffers per thread, swapped between passes: no allocation once warm.
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
  std::swap(a, b);
  out.clear();
  out.reserve(b.size() * 3);
  for (char32_t c : b) AppendUtf8(out, c);
}

std::string Normalize(std::string_view utf8) {
  std::string out;
  NormalizeInto(utf8, out);
  return out;
}

}  // namespace wuzha::text
