// Indicators: the things a list names (numbers, number ranges, domains, URLs, apps,
// bank accounts), the list kinds (block, allow, protected brands), list entries and the
// audit records of their changes, and the normalization that gives every indicator one
// canonical text. Value types and pure functions: thread safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/fraud_type.h"
#include "core/status.h"

namespace wuzha::lists {

// Which list an entry is on. A lookup asks one kind; intercept decides what a hit means.
enum class ListKind : uint8_t {
  kBlock,      // fraud indicators: block, warn
  kAllow,      // known good: never block (false-positive control)
  kProtected,  // protected brands (banks, government, top sites): lookalike detection
};
inline constexpr int kListKindCount = 3;

enum class IndicatorType : uint8_t {
  kNumber,      // E.164 digits: "8613800138000"
  kRange,       // 号段: an E.164 digit prefix, "86170" covers every 170 number
  kDomain,      // lower-case ASCII (punycode) domain; covers its subdomains
  kUrl,         // normalized URL: "https://example.com/path?q" (see NormalizeUrl)
  kAppPackage,  // Android package name: "com.example.app"
  kAppCert,     // signing-certificate SHA-256, 64 lower-case hex digits
  kAppFile,     // APK file SHA-256, 64 lower-case hex digits
  kAccount,     // bank account / card number, digits
};
inline constexpr int kIndicatorTypeCount = 8;

// Stable lower-case names used in CSV files and logs: "block", "number", "app_cert" ...
std::string_view ListKindName(ListKind kind);
std::string_view IndicatorTypeName(IndicatorType type);
std::optional<ListKind> ParseListKind(std::string_view name);
std::optional<IndicatorType> ParseIndicatorType(std::string_view name);

// One list entry. `value` is canonical (NormalizeIndicator). Times are epoch ms;
// expires_ms == 0 means never; an entry with expires_ms <= now does not match.
struct Entry {
  ListKind kind = ListKind::kBlock;
  IndicatorType type = IndicatorType::kNumber;
  std::string value;
  std::string source;  // who published it: "tw165", "wuhan-center", "carrier-x" ...
  std::optional<FraudType> fraud_type;
  int64_t first_seen_ms = 0;
  int64_t last_seen_ms = 0;
  int64_t expires_ms = 0;

  bool Expired(int64_t now_ms) const { return expires_ms != 0 && expires_ms <= now_ms; }
  friend bool operator==(const Entry&, const Entry&) = default;
};

enum class ChangeOp : uint8_t { kAdd, kUpdate, kRemove };
std::string_view ChangeOpName(ChangeOp op);

// One line of the append-only change log: who changed which entry, when, and to what
// (the entry after the change; for kRemove, the entry that was removed).
struct AuditRecord {
  int64_t time_ms = 0;
  std::string actor;
  ChangeOp op = ChangeOp::kAdd;
  Entry entry;
};

// The canonical text of `text` as an indicator of `type`:
//   number   NormalizePhone's E.164 digits
//   range    digits; "+..." is already international, a national prefix starting with 1
//            (mobile, "170") or 0 (area code, "027") gets 86 in front; 1 to 15 digits
//   domain   NormalizeDomain
//   url      NormalizeUrl
//   app_package  [A-Za-z0-9_.], 1..255 bytes, kept as written
//   app_cert / app_file  64 hex digits (colons allowed between byte pairs), lower-cased
//   account  digits after removing spaces and dashes, 6..32 digits
// kInvalidArgument names what is wrong.
Result<std::string> NormalizeIndicator(IndicatorType type, std::string_view text);

// The text form wuzha writes a canonical value in, such that NormalizeIndicator gives the
// same value back: numbers through PhoneToText ("+" before a foreign number), ranges
// with "+" unless they start with 86; every other type as it is.
std::string IndicatorToText(IndicatorType type, std::string_view canonical);

// Lower-case, trailing dot and a leading "*." removed; ASCII letters, digits, '-' and
// '_' in labels of 1..63 bytes, at most 253 bytes, at least two labels. Non-ASCII names
// must be converted to punycode first (kInvalidArgument says so). A domain that is itself
// a public suffix ("com", "github.io") is refused: a rule on it would cover everyone.
Result<std::string> NormalizeDomain(std::string_view text);

// scheme://host[:port]/path[?query]: scheme and host lower-cased (scheme http when
// missing), user info, the default port (80 for http, 443 for https) and the fragment
// removed, an empty path becomes "/". The host must pass NormalizeDomain's syntax rules
// (public suffixes are allowed here) or be an IPv4 address.
Result<std::string> NormalizeUrl(std::string_view text);

// The host of a URL or bare host as written — after "scheme://" and user info, before
// the port, path, query or fragment — as a view into `url`; not normalized.
std::string_view UrlHost(std::string_view url);

// The registrable domain of `host` by the Public Suffix List (libpsl, the list installed
// with the system): "a.b.example.co.uk" -> "example.co.uk". nullopt for a public suffix
// itself or a malformed name. REQUIRES: `host` lower-case.
std::optional<std::string> RegistrableDomain(std::string_view host);

}  // namespace wuzha::lists
