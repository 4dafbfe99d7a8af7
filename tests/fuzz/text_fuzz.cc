// libFuzzer target for text normalization and extraction: Normalize never crashes, its
// output is valid UTF-8 and a fixed point (Normalize(Normalize(x)) == Normalize(x)),
// NormalizeInto agrees with it, the fast path agrees with NormalizeReference, and
// Extract never crashes and returns in-bounds, non-empty, ordered spans on both the raw
// and the normalized text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/extract.h"
#include "text/normalize.h"

namespace {

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : (b & 0xF0) == 0xE0 ? 3
              : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    uint32_t cp = b & (0x7F >> len);
    for (int k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

void CheckSpans(std::string_view text) {
  size_t prev = 0;
  for (const wuzha::text::Entity& e : wuzha::text::Extract(text)) {
    if (e.begin >= e.end || e.end > text.size() || e.begin < prev) std::abort();
    prev = e.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wuzha::text;
  if (size > 4096) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string once = Normalize(text);
  if (!ValidUtf8(once)) std::abort();
  const std::string twice = Normalize(once);
  if (twice != once) {
    std::fprintf(stderr, "text_fuzz: not idempotent\n  once:  %s\n  twice: %s\n", once.c_str(),
                 twice.c_str());
    std::abort();
  }
  if (NormalizeReference(text) != once) {
    std::fprintf(stderr, "text_fuzz: fast path and reference differ\n  fast: %s\n  ref:  %s\n",
                 once.c_str(), NormalizeReference(text).c_str());
    std::abort();
  }
  std::string into = "reused";
  NormalizeInto(text, into);
  if (into != once) std::abort();
  CheckSpans(text);
  CheckSpans(once);
  return 0;
}
