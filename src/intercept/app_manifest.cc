#include "intercept/app_manifest.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

namespace wuzha::intercept {
namespace {

// The single-quoted value that starts right after `key` (e.g. "name='") in `line`, with
// "\'" and "\\" unescaped; nullopt when the key is absent or the quote never closes.
std::optional<std::string> QuotedValue(std::string_view line, std::string_view key) {
  size_t at = 0;
  // The key must start the line or follow a space: "label='" is not inside "xlabel='".
  while ((at = line.find(key, at)) != std::string_view::npos) {
    if (at == 0 || line[at - 1] == ' ' || line[at - 1] == ':') break;
    ++at;
  }
  if (at == std::string_view::npos) return std::nullopt;
  std::string value;
  for (size_t i = at + key.size(); i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\'') return value;
    if (c == '\\' && i + 1 < line.size() && (line[i + 1] == '\'' || line[i + 1] == '\\')) {
      value.push_back(line[++i]);
    } else {
      value.push_back(c);
    }
  }
  return std::nullopt;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// A line cut to at most 60 bytes at a UTF-8 boundary, for error messages.
std::string Excerpt(std::string_view line) {
  if (line.size() <= 60) return std::string(line);
  size_t end = 60;
  while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
  return std::string(line.substr(0, end)) + "...";
}

// Labels by preference; the best one found wins.
enum LabelRank { kDefault, kZhCn, kZh, kZhOther, kApplication, kActivity, kNone };

// The rank of an "application-label...:" line's locale, kNone for other locales.
LabelRank LocaleRank(std::string_view line) {
  constexpr std::string_view kKey = "application-label";
  const std::string_view rest = line.substr(kKey.size());
  if (StartsWith(rest, ":")) return kDefault;
  if (StartsWith(rest, "-zh-CN:")) return kZhCn;
  if (StartsWith(rest, "-zh:")) return kZh;
  if (StartsWith(rest, "-zh-")) return kZhOther;
  return kNone;
}

struct Parser {
  AppQuery query;
  bool has_package = false;
  LabelRank label_rank = kNone;

  void OfferLabel(LabelRank rank, std::optional<std::string> label) {
    if (rank >= label_rank || !label || label->empty()) return;
    query.label = std::move(*label);
    label_rank = rank;
  }

  void AddPermission(std::string_view line) {
    std::optional<std::string> name = QuotedValue(line, "name='");
    if (!name || name->empty()) return;
    auto& perms = query.permissions;
    if (std::find(perms.begin(), perms.end(), *name) == perms.end()) {
      perms.push_back(std::move(*name));
    }
  }

  Status Line(std::string_view line, size_t number) {
    if (StartsWith(line, "package:")) {
      if (has_package) return Status::Ok();
      std::optional<std::string> name = QuotedValue(line, "name='");
      if (!name || name->empty()) {
        return InvalidArgumentError("line " + std::to_string(number) +
                                    ": package line without name='...': " + Excerpt(line));
      }
      query.package = std::move(*name);
      has_package = true;
    } else if (StartsWith(line, "uses-permission:") ||
               StartsWith(line, "uses-permission-sdk-23:")) {
      AddPermission(line);
    } else if (StartsWith(line, "application-label")) {
      const LabelRank rank = LocaleRank(line);
      if (rank != kNone) {
        const size_t colon = line.find(":'");
        if (colon != std::string_view::npos)
          OfferLabel(rank, QuotedValue(line.substr(colon), ":'"));
      }
    } else if (StartsWith(line, "application:")) {
      OfferLabel(kApplication, QuotedValue(line, "label='"));
    } else if (StartsWith(line, "launchable-activity:")) {
      OfferLabel(kActivity, QuotedValue(line, "label='"));
    }
    return Status::Ok();
  }
};

}  // namespace

Result<AppQuery> ParseAaptBadging(std::string_view text) {
  Parser parser;
  std::string_view first_line;
  size_t first_number = 0;
  size_t number = 0;
  bool seen_content = false;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (!seen_content) {
      first_line = line;
      first_number = number;
      seen_content = true;
    }
    WUZHA_RETURN_IF_ERROR(parser.Line(line, number));
  }
  if (!parser.has_package) {
    if (!seen_content) return InvalidArgumentError("empty input: no package line");
    return InvalidArgumentError("no \"package: name='...'\" line (" + std::to_string(number) +
                                (number == 1 ? " line read" : " lines read") + "); line " +
                                std::to_string(first_number) + " is \"" + Excerpt(first_line) +
                                "\"");
  }
  return std::move(parser.query);
}

Result<AppQuery> ReadAaptBadgingFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  Result<AppQuery> query = ParseAaptBadging(buffer.str());
  if (!query.ok()) return query.error().WithContext(path);
  return query;
}

}  // namespace wuzha::intercept
