// Import and export of list files: wuzha's CSV, hosts files, plain domain lists (also
// the "domain #comment" lists of content-farm-terminator and the "\.x\.com$" / "^x\.com$"
// allow-list patterns of Scam-Blocklist), Tranco-style ranked lists, and DNS RPZ zones.
// Columns and syntax are in docs/lists.md. Importers parse text already in memory (the
// *File variants read a file first) and never stop at a bad line: it is reported as
// "file:line: message", counted and skipped. Pure functions: thread safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/fraud_type.h"
#include "core/status.h"
#include "lists/indicator.h"

namespace wuzha::lists {

// Defaults for entries of formats that carry no metadata (all but CSV).
struct ImportOptions {
  std::string file_name = "<input>";  // used in error messages
  ListKind kind = ListKind::kBlock;
  std::string source;
  std::optional<FraudType> fraud_type;
  int64_t now_ms = 0;        // first_seen and last_seen of the entries
  int64_t expires_ms = 0;
  size_t max_errors = 100;   // messages kept; every bad line is still counted
  // Plain lists only: every line is one indicator of this type ("+86 138 0013 8000",
  // "86170", an account ...), up to a '#' comment. Unset or kDomain: domains, "#path="
  // URLs and anchored patterns, as described at ImportPlain.
  std::optional<IndicatorType> type;
};

// Counts are per item: one per line, except a hosts line naming several hosts (each
// counts). So loaded + skipped + ignored == lines for every format but hosts.
struct ImportResult {
  std::vector<Entry> entries;
  size_t lines = 0;     // lines read
  size_t loaded = 0;    // entries produced (duplicates included)
  size_t skipped = 0;   // items refused: a bad line, or a bad host name on a hosts line
  size_t ignored = 0;   // blank lines, comments, headers, zone directives, localhost lines
  std::vector<std::string> errors;  // "file:line: message", at most max_errors
};

enum class ListFormat : uint8_t { kCsv, kHosts, kPlain, kRanked, kRpz };
// "csv", "hosts", "plain", "ranked", "rpz".
std::optional<ListFormat> ParseListFormat(std::string_view name);

// CSV with the header "kind,type,value,source,fraud_type,first_seen,last_seen,expires"
// (docs/lists.md); the options only name the file.
ImportResult ImportCsv(std::string_view text, const ImportOptions& options);
// "0.0.0.0 example.com" / "127.0.0.1 a.com b.com" lines; localhost names are ignored.
ImportResult ImportHosts(std::string_view text, const ImportOptions& options);
// One domain per line; '#' and '!' start comments. "domain #path=/x" gives the URL
// http://domain/x. "\.x\.com$" and "^x\.com$" (anchored regex forms) give domain x.com.
// With options.type set to another type, each line is one value of that type.
ImportResult ImportPlain(std::string_view text, const ImportOptions& options);
// "rank,domain" or a single "domain" column (a header line is ignored).
ImportResult ImportRanked(std::string_view text, const ImportOptions& options);
// An RPZ zone: "name CNAME ." (NXDOMAIN) and "name CNAME *." (NODATA) are block entries,
// "name CNAME rpz-passthru." allow entries; "*.name" is the same rule as "name". SOA, NS,
// $ORIGIN/$TTL and parenthesized continuations are understood and ignored.
ImportResult ImportRpz(std::string_view text, const ImportOptions& options);

ImportResult Import(ListFormat format, std::string_view text, const ImportOptions& options);
// Reads `path` and imports it; options.file_name is set to `path`. kNotFound / kIoError
// when the file cannot be read.
Result<ImportResult> ImportFile(ListFormat format, const std::string& path,
                                ImportOptions options);

// CSV of `entries` with the header line.
std::string ExportCsv(const std::vector<Entry>& entries);
// An RPZ zone named `zone` ("rpz.wuzha.local") with SOA (serial `serial`, at most
// 2^32 - 1: use epoch seconds so that every export has a larger one) and NS records,
// then "d CNAME ." and "*.d CNAME ." for each block domain and "rpz-passthru." for each
// allow domain; other entries are left out. The allow list wins: a block domain that an
// allow domain covers (itself or a parent) is left out (WithoutAllowedDomains). A name
// too long once the zone is appended (over 253 bytes) becomes a "; skipped" comment.
std::string ExportRpz(const std::vector<Entry>& entries, std::string_view zone, uint64_t serial);

// A hosts file: "0.0.0.0 d" for each domain entry, in the order given; other types are
// left out. The caller picks the kind (ExportHosts does not look at it).
std::string ExportHosts(const std::vector<Entry>& entries);
// One value per line in its text form (IndicatorToText), every type, in the order given:
// what ImportPlain reads back (with options.type set for types other than domain).
std::string ExportPlain(const std::vector<Entry>& entries);

// `entries` without the block domains that an allow domain among them covers (the same
// domain or a parent): the allow list (false-positive control) wins over every block
// list. Other entries, the allow entries included, are kept in order.
std::vector<Entry> WithoutAllowedDomains(std::vector<Entry> entries);

}  // namespace wuzha::lists
