// The police org tree of the simulated city: city bureau → district branches (分局) →
// street police stations (派出所) → communities (社区), read from the NBS division files
// or synthesized in the same shape. Units are ordered city, branches, stations,
// communities, each in file order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sim/city.h"

namespace wuzha::sim::internal {

// Reads wuhan_districts.csv, wuhan_streets.csv and wuhan_communities.csv from `dir`.
// kNotFound when a file is absent; kInvalidArgument naming file and line for a file
// that cannot be parsed (bad quoting, missing column, bad code, unknown parent).
Result<std::vector<OrgUnit>> ReadGeoOrgTree(const std::string& dir);

// 13 branches × 15 stations × 18 communities with synthetic 12-digit codes (4299...).
std::vector<OrgUnit> SyntheticOrgTree();

// "江岸区" → "江岸分局"; "吴家山街" → "吴家山派出所"; "东湖风景区街道（武昌）" →
// "东湖风景区派出所（武昌）".
std::string BranchName(std::string_view district);
std::string StationName(std::string_view street);

// Splits CSV text (RFC 4180 quoting, optional UTF-8 BOM, LF or CRLF) into records.
// Each record carries the 1-based line it starts on. kInvalidArgument "line N: ..." for
// an unterminated quote or text after a closing quote.
struct CsvRecord {
  size_t line;
  std::vector<std::string> fields;
};
Result<std::vector<CsvRecord>> SplitCsv(std::string_view text);

}  // namespace wuzha::sim::internal
