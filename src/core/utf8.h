// UTF-8 decoding and encoding, one code point at a time, for the modules that walk text
// by characters (the simulator's evasions, the normalizer, the classifier's tokenizer).
// Decoding is strict: an invalid, overlong or surrogate sequence, or one cut short,
// decodes as U+FFFD and advances by one byte, so every input is consumed and nothing
// invalid comes out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wuzha {

inline constexpr char32_t kUtf8Replacement = 0xFFFD;

// The code point at s[i], advancing i past it. REQUIRES: i < s.size().
char32_t DecodeUtf8(std::string_view s, size_t& i);

// Appends `cp` encoded as UTF-8. REQUIRES: cp is a Unicode scalar value.
void AppendUtf8(std::string& out, char32_t cp);

}  // namespace wuzha
