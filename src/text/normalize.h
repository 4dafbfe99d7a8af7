// Normalization of Chinese SMS text against the disguises spam uses to dodge keyword
// filters (docs/text.md): after Normalize, "退-款", "退​款", "退(tui)款", "退款" written
// in traditional characters or with full-width letters all read "退款", and a link
// spaced out as "w w w . x x . c o m" or written "xx点com" reads "www.xx.com".
//
// The steps, in order: UTF-8 decoding (each invalid byte becomes U+FFFD), ICU
// NFKC_Casefold (full-width → half-width, compatibility forms, Latin lower case, default
// ignorables such as zero-width characters dropped), explicit zero-width stripping,
// traditional → simplified (a per-character table built from OpenCC's t2s data),
// Cyrillic/Greek confusables → Latin; then rules that need context: spaced-out URLs
// joined, "[.]" / "点" between URL parts → ".", inline pinyin annotations removed,
// separators between two Han characters removed, "http://" / "https://" dropped, Chinese
// numeral amounts ("五万元") → digits, 0/1/o/l/〇 resolved to letters or digits by their
// word. The output is valid UTF-8 and Normalize(Normalize(x)) == Normalize(x).
//
// Thread safe: the tables are built once, on first use (or by InitNormalizer), and only
// read afterwards; scratch buffers are per thread.
//
// Fast path (docs/text.md): stage one reads a per-code-point table (each BMP character's
// ICU + OpenCC + confusable result, precomputed) unless a character can interact with
// the one before it; each context rule runs only when a character it acts on is present.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace wuzha::text {

// Builds the tables (ICU's NFKC_Casefold instance, the traditional → simplified table from
// OpenCC's t2s.json). Optional: Normalize calls it on first use. Call it at startup to
// learn of a broken installation: kFailedPrecondition when ICU or OpenCC's data cannot be
// loaded, in which case Normalize skips that step. Idempotent, thread safe.
Status InitNormalizer();

// The normalized form of `utf8` (any bytes; invalid UTF-8 is replaced, see above).
std::string Normalize(std::string_view utf8);

// Same as Normalize, writing into `out` (cleared first, capacity reused): the hot-path
// form. `out` must not alias `utf8`.
void NormalizeInto(std::string_view utf8, std::string& out);

// The straightforward implementation: every pass over every message, ICU on every
// character that is not inert. Same output as Normalize (tested on real SMS and in the
// fuzz target); for tests and benchmarks, which measure Normalize against it.
std::string NormalizeReference(std::string_view utf8);

// The number of code points the traditional → simplified table maps (0 when OpenCC's data
// could not be loaded): for diagnostics and tests.
size_t TraditionalTableSize();

}  // namespace wuzha::text
