// Value checks, constraint descriptions and name suggestions over the key table.
#include "config/internal/schema.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

namespace wuzha::config::internal {
namespace {

constexpr int64_t kMinInt = std::numeric_limits<int64_t>::min();
constexpr int64_t kMaxInt = std::numeric_limits<int64_t>::max();

std::string Join(const std::vector<std::string_view>& values) {
  std::string out;
  for (std::string_view v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

// Optimal string alignment distance, case-insensitive, so that transposed letters
// ("pipeline.thraeds") count as one edit.
size_t EditDistance(std::string_view a, std::string_view b) {
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

// 'value' with control characters and quotes escaped, so a message stays on one line, and
// cut (at a UTF-8 character boundary) when long.
std::string QuoteForMessage(std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  constexpr size_t kMaxShown = 64;
  bool cut = false;
  if (value.size() > kMaxShown) {
    size_t end = kMaxShown;
    while (end > 0 && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
    value = value.substr(0, end);
    cut = true;
  }
  std::string out = "'";
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\'' || c == '\\') {
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += c;
    }
  }
  return out + (cut ? "...'" : "'");
}

std::string_view Leaf(std::string_view name) {
  const size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

Status RowError(const KeySpec& row, std::string_view problem) {
  return InternalError("config key table: '" + std::string(row.name) + "' " + std::string(problem));
}

Status CheckRow(const KeySpec& row, std::string_view current_section) {
  if (row.name.empty() || row.name.front() == '.' || row.name.back() == '.' ||
      row.name.find("..") != std::string_view::npos) {
    return RowError(row, "is not a dotted name");
  }
  if (row.doc.empty()) return RowError(row, "has no documentation");
  if (row.type == KeyType::kSection) return Status::Ok();
  if (row.name.find('.') == std::string_view::npos || row.section() != current_section) {
    return RowError(row, "does not follow the row of its section");
  }
  const Config defaults;
  Status default_check;
  switch (row.type) {
    case KeyType::kInt:
      if (row.int_field.get == nullptr || row.range.min > row.range.max) {
        return RowError(row, "has no field or an empty range");
      }
      default_check = CheckInt(row, row.int_field.get(defaults));
      break;
    case KeyType::kString:
      if (row.string_field.get == nullptr) return RowError(row, "has no field");
      default_check = CheckString(row, row.string_field.get(defaults));
      break;
    case KeyType::kBool:
      if (row.bool_field.get == nullptr) return RowError(row, "has no field");
      break;
    case KeyType::kSection: break;
  }
  if (!default_check.ok()) {
    return RowError(
        row, "has a default that fails its own check: " + std::string(default_check.message()));
  }
  return Status::Ok();
}

}  // namespace

Status CheckTable(std::span<const KeySpec> keys) {
  std::set<std::string_view> names;
  std::set<const void*> fields;
  std::string_view current_section;
  Config probe;  // two rows writing the same field would make one of them silently win
  for (const KeySpec& row : keys) {
    if (!names.insert(row.name).second) return RowError(row, "appears twice");
    WUZHA_RETURN_IF_ERROR(CheckRow(row, current_section));
    const void* field = nullptr;
    switch (row.type) {
      case KeyType::kSection: current_section = row.name; break;
      case KeyType::kInt: field = &row.int_field.mut(probe); break;
      case KeyType::kString: field = &row.string_field.mut(probe); break;
      case KeyType::kBool: field = &row.bool_field.mut(probe); break;
    }
    if (field != nullptr && !fields.insert(field).second) {
      return RowError(row, "writes the same field as another row");
    }
  }
  return Status::Ok();
}

Status CheckInt(const KeySpec& key, int64_t value) {
  if (value >= key.range.min && value <= key.range.max) return Status::Ok();
  return InvalidArgumentError(
      "key '" + std::string(key.name) + "' must be " +
      (key.range.max == kMaxInt ? "at least " + std::to_string(key.range.min)
       : key.range.min == kMinInt
           ? "at most " + std::to_string(key.range.max)
           : "between " + std::to_string(key.range.min) + " and " + std::to_string(key.range.max)) +
      ", got " + std::to_string(value));
}

Status CheckString(const KeySpec& key, std::string_view value) {
  if (key.one_of.empty() ||
      std::find(key.one_of.begin(), key.one_of.end(), value) != key.one_of.end()) {
    return Status::Ok();
  }
  return InvalidArgumentError("key '" + std::string(key.name) + "' must be one of " +
                              Join(key.one_of) + ", got " + QuoteForMessage(value));
}

std::string DescribeAllowed(const KeySpec& key) {
  switch (key.type) {
    case KeyType::kInt:
      if (key.range.min == kMinInt && key.range.max == kMaxInt) return "";
      if (key.range.max == kMaxInt) return "at least " + std::to_string(key.range.min);
      if (key.range.min == kMinInt) return "at most " + std::to_string(key.range.max);
      return std::to_string(key.range.min) + " to " + std::to_string(key.range.max);
    case KeyType::kString: return Join(key.one_of);
    case KeyType::kBool:
    case KeyType::kSection: break;
  }
  return "";
}

std::string_view SuggestName(std::span<const KeySpec> keys, std::string_view name,
                             bool is_section) {
  std::string_view best;
  size_t best_distance = std::min<size_t>(3, 1 + name.size() / 4) + 1;
  for (const KeySpec& row : keys) {
    if ((row.type == KeyType::kSection) != is_section) continue;
    const size_t distance = EditDistance(name, row.name);
    if (distance < best_distance) {
      best = row.name;
      best_distance = distance;
    }
  }
  if (!best.empty() || is_section) return best;
  // A known key name in the wrong place: "threads" at the top, or under [log].
  for (const KeySpec& row : keys) {
    if (row.type != KeyType::kSection && Leaf(row.name) == Leaf(name)) return row.name;
  }
  return best;
}

}  // namespace wuzha::config::internal
