// Private to src/sim: the template tables behind text_gen.h and the pieces of the
// evasion engine that tests exercise one by one.
//
// Templates are UTF-8 with slots in braces, filled by text_gen.cc:
//   {brand} {short} {svc}   the imitated brand's name, short name and service number
//   {amount} {small}        the bait amount and a small side amount ("元" included)
//   {cta}                   the call to action carrying the url and/or the contact;
//                           every fraud template has exactly one
//   {order} {case} {date} {time} {name} {surname} {tail} {city} {district} {flight}
//   {game} {item} {platform} {app} {percent} {code} {days} {hours} {shop} {goods}
//   {teacher} {courier} {pickup} {station} {balance} {mobile} {slink} {domain} {count}
//   {gb} {month} {year} {community}
// Fraud templates never put a separator (- * space · |), a zero-width character, a
// full-width letter or digit, or a "(pinyin)" annotation between Chinese characters, so
// that each evasion's output can be told from the plain text.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/fraud_type.h"
#include "core/random.h"
#include "core/utf8.h"
#include "sim/text_gen.h"

namespace wuzha::sim::internal {

std::span<const std::string_view> FraudTemplates(FraudType type);
std::span<const std::string_view> LegitTemplates(LegitSmsKind kind);

// How a contact is reached; decides the wording of the call to action.
enum class ContactKind : uint8_t { kMobile, kLandline, kQq, kWechat };
ContactKind ClassifyContact(std::string_view contact);

// Call-to-action phrases with {url} and/or {contact}.
std::span<const std::string_view> UrlCtas();
std::span<const std::string_view> ContactCtas(ContactKind kind);
std::span<const std::string_view> UrlAndContactCtas();
std::span<const std::string_view> BareCtas();  // neither url nor contact given

// Filler vocabularies.
std::span<const std::string_view> Surnames();
std::span<const std::string_view> GivenNameChars();
std::span<const std::string_view> Cities();
std::span<const std::string_view> Districts();
std::span<const std::string_view> Games();
std::span<const std::string_view> GameItems();
// Platform names a script of `type` invents (trading platforms, loan apps, game-account
// markets); fictitious on purpose.
std::span<const std::string_view> Platforms(FraudType type);
std::span<const std::string_view> MeetingApps();
std::span<const std::string_view> Shops();
std::span<const std::string_view> Goods();
std::span<const std::string_view> Couriers();
std::span<const std::string_view> Communities();

// --- evasion engine (evasions.cc) ---

// Toneless lowercase pinyin of a Chinese character (simplified or traditional form), or
// "" when the table does not have it. Covers every character of EvasionKeywords and of
// the brand names.
std::string_view PinyinOf(char32_t cp);
// The traditional form of a simplified character, or cp itself.
char32_t ToTraditional(char32_t cp);
// The inverse of ToTraditional over the table, or cp itself.
char32_t ToSimplified(char32_t cp);

// UTF-8 helpers: decode one code point at s[i] (advancing i; U+FFFD on bad input),
// append one code point.
using wuzha::AppendUtf8;
using wuzha::DecodeUtf8;
bool IsHan(char32_t cp);

// The single-kind transforms; each returns true when it changed `text`.
bool EvadePinyin(std::string& text, std::span<const std::string_view> keywords, Rng& rng);
bool EvadeFullWidth(std::string& text, Rng& rng);
bool EvadeZeroWidth(std::string& text, std::span<const std::string_view> keywords, Rng& rng);
bool EvadeSeparator(std::string& text, std::span<const std::string_view> keywords, Rng& rng);
bool EvadeHomoglyph(std::string& text, Rng& rng);
bool EvadeTraditional(std::string& text, std::span<const std::string_view> keywords, Rng& rng);
// URL evasions act on every URL found in the text (scheme://..., www...., or a bare
// host with a known TLD); both may apply to the same URL.
bool EvadeUrls(std::string& text, bool spaced, bool dot_word, Rng& rng, uint32_t* applied);

// Punycode (RFC 3492) of one label given as UTF-8, without the "xn--" prefix.
// REQUIRES: `label` is valid UTF-8.
std::string Punycode(std::string_view label);

}  // namespace wuzha::sim::internal
