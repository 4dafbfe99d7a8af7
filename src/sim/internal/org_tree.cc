#include "sim/internal/org_tree.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "sim/internal/tables.h"

namespace wuzha::sim::internal {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsDigits(std::string_view s, size_t length) {
  return s.size() == length &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  return buffer.str();
}

// One geo file, parsed into records addressed by column name.
class GeoTable {
 public:
  static Result<GeoTable> Read(const std::string& path,
                               std::initializer_list<std::string_view> required) {
    WUZHA_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
    auto records = SplitCsv(text);
    if (!records.ok())
      return InvalidArgumentError(path + ":" + std::string(records.error().message()));
    GeoTable table;
    table.path_ = path;
    table.records_ = std::move(*records);
    if (table.records_.empty()) return InvalidArgumentError(path + ":1: empty file, no header");
    const auto& header = table.records_.front().fields;
    for (std::string_view name : required) {
      auto it = std::find(header.begin(), header.end(), name);
      if (it == header.end()) {
        return InvalidArgumentError(path + ":1: missing column " + std::string(name));
      }
      table.columns_.push_back(static_cast<size_t>(it - header.begin()));
    }
    for (size_t r = 1; r < table.records_.size(); ++r) {
      if (table.records_[r].fields.size() != header.size()) {
        return table.Error(r, "expected " + std::to_string(header.size()) + " fields, got " +
                                  std::to_string(table.records_[r].fields.size()));
      }
    }
    return table;
  }

  size_t rows() const { return records_.size() - 1; }
  // The value of the `column`-th required column in data row `row` (0-based).
  const std::string& Get(size_t row, size_t column) const {
    return records_[row + 1].fields[columns_[column]];
  }
  Status Error(size_t record, const std::string& what) const {
    return InvalidArgumentError(path_ + ":" + std::to_string(records_[record].line) + ": " + what);
  }
  Status RowError(size_t row, const std::string& what) const { return Error(row + 1, what); }

 private:
  std::string path_;
  std::vector<CsvRecord> records_;
  std::vector<size_t> columns_;
};

// Reads one level: rows with code (of `code_length` digits), name and a parent code that
// must be in `parents`; appends units and records their indexes by code.
Status ReadLevel(const std::string& path, std::string_view parent_column, size_t code_length,
                 OrgLevel level, const std::unordered_map<std::string, uint32_t>& parents,
                 std::vector<OrgUnit>& units, std::unordered_map<std::string, uint32_t>& index) {
  WUZHA_ASSIGN_OR_RETURN(GeoTable table, GeoTable::Read(path, {"code", "name", parent_column}));
  for (size_t row = 0; row < table.rows(); ++row) {
    const std::string& code = table.Get(row, 0);
    const std::string& name = table.Get(row, 1);
    const std::string& parent = table.Get(row, 2);
    if (!IsDigits(code, code_length)) {
      return table.RowError(
          row, "code: expected " + std::to_string(code_length) + " digits, got \"" + code + "\"");
    }
    if (name.empty()) return table.RowError(row, "name: empty");
    auto p = parents.find(parent);
    if (p == parents.end()) {
      return table.RowError(row,
                            std::string(parent_column) + ": unknown parent \"" + parent + "\"");
    }
    // NBS codes nest: a person's ID number takes its area code from the community's code.
    if (!code.starts_with(parent)) {
      return table.RowError(row, "code: " + code + " does not start with its " +
                                     std::string(parent_column) + " " + parent);
    }
    if (!index.emplace(code, static_cast<uint32_t>(units.size())).second) {
      return table.RowError(row, "code: duplicate " + code);
    }
    std::string unit_name;
    if (level == OrgLevel::kBranch)
      unit_name = BranchName(name);
    else if (level == OrgLevel::kStation)
      unit_name = StationName(name);
    else
      unit_name = name;
    units.push_back(OrgUnit{p->second, level, code, std::move(unit_name)});
  }
  if (table.rows() == 0) return InvalidArgumentError(path + ":2: no rows");
  return Status::Ok();
}

std::string TwoDigits(uint32_t n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u", n);
  return buf;
}

std::string ThreeDigits(uint32_t n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%03u", n);
  return buf;
}

}  // namespace

Result<std::vector<CsvRecord>> SplitCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<CsvRecord> records;
  CsvRecord record{1, {}};
  std::string field;
  size_t line = 1;
  bool in_quotes = false, quoted = false, after_quote = false;
  auto end_field = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    quoted = after_quote = false;
  };
  auto end_record = [&] {
    end_field();
    // A blank line is one empty unquoted field: skip it.
    if (!(record.fields.size() == 1 && record.fields[0].empty()))
      records.push_back(std::move(record));
    record = CsvRecord{line + 1, {}};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == ',') {
      end_field();
    } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      end_record();
      ++line;
    } else if (c == '"' && field.empty() && !quoted) {
      in_quotes = quoted = true;
    } else if (after_quote || c == '"') {
      return InvalidArgumentError(std::to_string(line) +
                                  ": stray character after or inside a quoted field");
    } else {
      field.push_back(c);
    }
  }
  if (in_quotes) return InvalidArgumentError(std::to_string(record.line) + ": unterminated quote");
  if (!field.empty() || !record.fields.empty() || quoted) end_record();
  return records;
}

std::string BranchName(std::string_view district) {
  for (std::string_view suffix : {"区", "县", "市"}) {
    if (EndsWith(district, suffix) && district.size() > suffix.size()) {
      district.remove_suffix(suffix.size());
      break;
    }
  }
  return std::string(district) + "分局";
}

std::string StationName(std::string_view street) {
  // A parenthesized qualifier ("（武昌）") stays at the end.
  std::string_view qualifier;
  if (EndsWith(street, "）")) {
    size_t open = street.rfind("（");
    if (open != std::string_view::npos && open > 0) {
      qualifier = street.substr(open);
      street = street.substr(0, open);
    }
  }
  for (std::string_view suffix : {"街道", "街", "镇", "乡"}) {
    if (EndsWith(street, suffix) && street.size() > suffix.size()) {
      street.remove_suffix(suffix.size());
      break;
    }
  }
  return std::string(street) + "派出所" + std::string(qualifier);
}

Result<std::vector<OrgUnit>> ReadGeoOrgTree(const std::string& dir) {
  const std::string base = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  std::vector<OrgUnit> units;
  units.push_back(OrgUnit{0, OrgLevel::kCity, "420100", "武汉市公安局"});
  std::unordered_map<std::string, uint32_t> city{{"4201", 0}}, districts, streets, communities;
  WUZHA_RETURN_IF_ERROR(ReadLevel(base + "wuhan_districts.csv", "cityCode", 6, OrgLevel::kBranch,
                                  city, units, districts));
  WUZHA_RETURN_IF_ERROR(ReadLevel(base + "wuhan_streets.csv", "areaCode", 9, OrgLevel::kStation,
                                  districts, units, streets));
  WUZHA_RETURN_IF_ERROR(ReadLevel(base + "wuhan_communities.csv", "streetCode", 12,
                                  OrgLevel::kCommunity, streets, units, communities));
  return units;
}

std::vector<OrgUnit> SyntheticOrgTree() {
  std::vector<OrgUnit> units;
  units.push_back(OrgUnit{0, OrgLevel::kCity, "429900", "示范市公安局"});
  for (uint32_t d = 1; d <= kSyntheticDistricts; ++d) {
    units.push_back(
        OrgUnit{0, OrgLevel::kBranch, "4299" + TwoDigits(d), "第" + std::to_string(d) + "分局"});
  }
  const uint32_t first_station = static_cast<uint32_t>(units.size());
  for (uint32_t d = 1; d <= kSyntheticDistricts; ++d) {
    for (uint32_t s = 1; s <= kSyntheticStationsPerDistrict; ++s) {
      const std::string street = "第" + std::to_string(d) + "区第" + std::to_string(s) + "街";
      units.push_back(OrgUnit{d, OrgLevel::kStation, "4299" + TwoDigits(d) + ThreeDigits(s),
                              street + "派出所"});
    }
  }
  const uint32_t stations = kSyntheticDistricts * kSyntheticStationsPerDistrict;
  for (uint32_t station = first_station; station < first_station + stations; ++station) {
    const std::string code = units[station].code;
    const std::string street = units[station].name.substr(
        0, units[station].name.size() - std::string_view("派出所").size());
    for (uint32_t c = 1; c <= kSyntheticCommunitiesPerStation; ++c) {
      units.push_back(OrgUnit{station, OrgLevel::kCommunity, code + ThreeDigits(c),
                              street + "第" + std::to_string(c) + "社区"});
    }
  }
  return units;
}

}  // namespace wuzha::sim::internal
