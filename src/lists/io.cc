#include "lists/io.h"

#include <charconv>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "formats/csv.h"
#include "lists/internal/line_import.h"

namespace wuzha::lists {
namespace internal {

void AddEntry(ImportResult& result, const ImportOptions& options, size_t line,
              IndicatorType type, std::string_view value) {
  auto canonical = NormalizeIndicator(type, value);
  if (!canonical.ok()) {
    Skip(result, options, line, canonical.error().message());
    return;
  }
  Entry e;
  e.kind = options.kind;
  e.type = type;
  e.value = std::move(*canonical);
  e.source = options.source;
  e.fraud_type = options.fraud_type;
  e.first_seen_ms = e.last_seen_ms = options.now_ms;
  e.expires_ms = options.expires_ms;
  result.entries.push_back(std::move(e));
  ++result.loaded;
}

}  // namespace internal

namespace {

using internal::AddEntry;
using internal::ForEachLine;
using internal::Skip;
using internal::Trim;

constexpr std::string_view kCsvHeader =
    "kind,type,value,source,fraud_type,first_seen,last_seen,expires";

bool ParseMillis(std::string_view text, int64_t& out) {
  if (text.empty()) {
    out = 0;
    return true;
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out >= 0;
}

// One CSV data row into an entry; the message names the field on failure.
Status ParseCsvRow(const std::vector<std::string_view>& f, Entry& e) {
  if (f.size() != 8) return InvalidArgumentError("want 8 fields, got " + std::to_string(f.size()));
  auto kind = ParseListKind(f[0]);
  if (!kind) return InvalidArgumentError("kind: unknown '" + std::string(f[0]) + "'");
  auto type = ParseIndicatorType(f[1]);
  if (!type) return InvalidArgumentError("type: unknown '" + std::string(f[1]) + "'");
  auto value = NormalizeIndicator(*type, f[2]);
  if (!value.ok()) return value.error().WithContext("value");
  e.kind = *kind;
  e.type = *type;
  e.value = std::move(*value);
  e.source = std::string(f[3]);
  e.fraud_type.reset();
  if (!f[4].empty()) {
    e.fraud_type = ParseFraudType(f[4]);
    if (!e.fraud_type) return InvalidArgumentError("fraud_type: unknown '" + std::string(f[4]) + "'");
  }
  if (!ParseMillis(f[5], e.first_seen_ms)) return InvalidArgumentError("first_seen: not epoch ms");
  if (!ParseMillis(f[6], e.last_seen_ms)) return InvalidArgumentError("last_seen: not epoch ms");
  if (!ParseMillis(f[7], e.expires_ms)) return InvalidArgumentError("expires: not epoch ms");
  return Status::Ok();
}

bool IsLocalhostName(std::string_view name) {
  return name == "localhost" || name == "localhost.localdomain" || name == "local" ||
         name == "broadcasthost" || name == "ip6-localhost" || name == "ip6-loopback" ||
         name == "0.0.0.0";
}

// "\.x\.com$" -> "x.com", "^x\.com$" -> "x.com"; other regex syntax -> empty.
std::string FromAnchoredPattern(std::string_view p) {
  if (p.starts_with("\\.")) {
    p.remove_prefix(2);
  } else if (p.starts_with("^")) {
    p.remove_prefix(1);
  } else {
    return "";
  }
  if (!p.ends_with("$")) return "";
  p.remove_suffix(1);
  std::string out;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\' && i + 1 < p.size() && p[i + 1] == '.') {
      out.push_back('.');
      ++i;
    } else if (p[i] == '\\' || p[i] == '.' || p[i] == '*' || p[i] == '(' || p[i] == '[' ||
               p[i] == '|' || p[i] == '+' || p[i] == '?' || p[i] == '^' || p[i] == '$') {
      return "";  // a real regex, not a plain anchored name
    } else {
      out.push_back(p[i]);
    }
  }
  return out;
}

}  // namespace

std::optional<ListFormat> ParseListFormat(std::string_view name) {
  if (name == "csv") return ListFormat::kCsv;
  if (name == "hosts") return ListFormat::kHosts;
  if (name == "plain") return ListFormat::kPlain;
  if (name == "ranked") return ListFormat::kRanked;
  if (name == "rpz") return ListFormat::kRpz;
  return std::nullopt;
}

ImportResult ImportCsv(std::string_view text, const ImportOptions& options) {
  ImportResult result;
  std::vector<std::string_view> fields;
  std::string scratch;
  bool header_seen = false;
  ForEachLine(text, [&](std::string_view line, size_t n) {
    ++result.lines;
    if (Trim(line).empty() || line.starts_with('#')) {
      ++result.ignored;
      return;
    }
    if (!header_seen) {
      header_seen = true;
      if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // UTF-8 BOM
      if (line == kCsvHeader) {
        ++result.ignored;
        return;
      }
      Skip(result, options, n, "header: want '" + std::string(kCsvHeader) + "'");
      return;
    }
    Status split = formats::SplitCsvRecord(line, fields, scratch);
    Entry e;
    if (split.ok()) split = ParseCsvRow(fields, e);
    if (!split.ok()) {
      Skip(result, options, n, split.message());
      return;
    }
    result.entries.push_back(std::move(e));
    ++result.loaded;
  });
  return result;
}

ImportResult ImportHosts(std::string_view text, const ImportOptions& options) {
  ImportResult result;
  ForEachLine(text, [&](std::string_view line, size_t n) {
    ++result.lines;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) {
      ++result.ignored;
      return;
    }
    size_t sp = line.find_first_of(" \t");
    if (sp == std::string_view::npos) {
      Skip(result, options, n, "want 'address name...'");
      return;
    }
    std::string_view address = line.substr(0, sp);
    if (address.find_first_not_of("0123456789.:abcdefABCDEF") != std::string_view::npos) {
      Skip(result, options, n, "address: not an IP address");
      return;
    }
    std::string_view names = Trim(line.substr(sp));
    bool any = false;
    while (!names.empty()) {
      size_t end = names.find_first_of(" \t");
      std::string_view name = names.substr(0, end);
      names = Trim(end == std::string_view::npos ? std::string_view() : names.substr(end));
      if (IsLocalhostName(name)) continue;
      AddEntry(result, options, n, IndicatorType::kDomain, name);
      any = true;
    }
    if (!any) ++result.ignored;
  });
  return result;
}

ImportResult ImportPlain(std::string_view text, const ImportOptions& options) {
  ImportResult result;
  const bool domains = !options.type || *options.type == IndicatorType::kDomain;
  ForEachLine(text, [&](std::string_view line, size_t n) {
    ++result.lines;
    line = Trim(line);
    if (line.empty() || line.starts_with('#') || line.starts_with('!')) {
      ++result.ignored;
      return;
    }
    if (!domains) {
      // Numbers are often written with blanks ("+86 138 0013 8000"): the whole line up
      // to a '#' that follows a blank is the value.
      for (size_t i = 1; i < line.size(); ++i) {
        if (line[i] == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
          line = Trim(line.substr(0, i));
          break;
        }
      }
      AddEntry(result, options, n, *options.type, line);
      return;
    }
    size_t sp = line.find_first_of(" \t");
    std::string_view token = line.substr(0, sp);
    std::string_view rest = sp == std::string_view::npos ? "" : Trim(line.substr(sp));
    if (token.starts_with("\\.") || token.starts_with("^")) {
      std::string domain = FromAnchoredPattern(token);
      if (domain.empty()) {
        Skip(result, options, n, "pattern: only '\\.name$' and '^name$' are understood");
      } else {
        AddEntry(result, options, n, IndicatorType::kDomain, domain);
      }
      return;
    }
    if (rest.starts_with("#path=")) {
      std::string_view path = rest.substr(6);
      path = path.substr(0, path.find_first_of(" \t"));
      AddEntry(result, options, n, IndicatorType::kUrl,
               "http://" + std::string(token) + std::string(path));
      return;
    }
    AddEntry(result, options, n, IndicatorType::kDomain, token);
  });
  return result;
}

ImportResult ImportRanked(std::string_view text, const ImportOptions& options) {
  ImportResult result;
  ForEachLine(text, [&](std::string_view line, size_t n) {
    ++result.lines;
    line = Trim(line);
    if (line.empty() || line.starts_with('#')) {
      ++result.ignored;
      return;
    }
    std::string_view domain = line;
    if (size_t comma = line.find(','); comma != std::string_view::npos) {
      std::string_view rank = Trim(line.substr(0, comma));
      domain = Trim(line.substr(comma + 1));
      if (rank.find_first_not_of("0123456789") != std::string_view::npos || rank.empty()) {
        if (n == 1) {
          ++result.ignored;  // "rank,domain" header
        } else {
          Skip(result, options, n, "rank: not a number");
        }
        return;
      }
    } else if (n == 1 && domain.find('.') == std::string_view::npos) {
      ++result.ignored;  // "Domain" header
      return;
    }
    AddEntry(result, options, n, IndicatorType::kDomain, domain);
  });
  return result;
}

ImportResult Import(ListFormat format, std::string_view text, const ImportOptions& options) {
  switch (format) {
    case ListFormat::kCsv: return ImportCsv(text, options);
    case ListFormat::kHosts: return ImportHosts(text, options);
    case ListFormat::kPlain: return ImportPlain(text, options);
    case ListFormat::kRanked: return ImportRanked(text, options);
    case ListFormat::kRpz: return ImportRpz(text, options);
  }
  return {};
}

Result<ImportResult> ImportFile(ListFormat format, const std::string& path,
                                ImportOptions options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  options.file_name = path;
  return Import(format, buffer.str(), options);
}

std::string ExportCsv(const std::vector<Entry>& entries) {
  std::string out(kCsvHeader);
  out.push_back('\n');
  for (const Entry& e : entries) {
    out.append(ListKindName(e.kind)).push_back(',');
    out.append(IndicatorTypeName(e.type)).push_back(',');
    formats::AppendCsvField(IndicatorToText(e.type, e.value), out);
    out.push_back(',');
    formats::AppendCsvField(e.source, out);
    out.push_back(',');
    if (e.fraud_type) out.append(FraudTypeCode(*e.fraud_type));
    out.append(",").append(std::to_string(e.first_seen_ms));
    out.append(",").append(std::to_string(e.last_seen_ms));
    out.append(",").append(std::to_string(e.expires_ms)).push_back('\n');
  }
  return out;
}

std::string ExportHosts(const std::vector<Entry>& entries) {
  std::string out;
  for (const Entry& e : entries) {
    if (e.type == IndicatorType::kDomain) out.append("0.0.0.0 ").append(e.value).push_back('\n');
  }
  return out;
}

std::string ExportPlain(const std::vector<Entry>& entries) {
  std::string out;
  for (const Entry& e : entries) out.append(IndicatorToText(e.type, e.value)).push_back('\n');
  return out;
}

std::vector<Entry> WithoutAllowedDomains(std::vector<Entry> entries) {
  std::unordered_set<std::string_view> allowed;
  for (const Entry& e : entries) {
    if (e.kind == ListKind::kAllow && e.type == IndicatorType::kDomain) allowed.insert(e.value);
  }
  if (allowed.empty()) return entries;
  auto covered = [&](std::string_view domain) {
    while (true) {
      if (allowed.contains(domain)) return true;
      const size_t dot = domain.find('.');
      if (dot == std::string_view::npos) return false;
      domain.remove_prefix(dot + 1);
    }
  };
  // The set points into `entries`: decide first, then move the survivors.
  std::vector<bool> drop(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    drop[i] = e.kind == ListKind::kBlock && e.type == IndicatorType::kDomain && covered(e.value);
  }
  std::vector<Entry> out;
  out.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!drop[i]) out.push_back(std::move(entries[i]));
  }
  return out;
}

}  // namespace wuzha::lists
