// DNS Response Policy Zone import and export (QNAME triggers only).
#include <string>
#include <vector>

#include "lists/internal/line_import.h"
#include "lists/io.h"

namespace wuzha::lists {
namespace {

using internal::ForEachLine;
using internal::Skip;
using internal::Trim;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string_view> Tokens(std::string_view line) {
  std::vector<std::string_view> out;
  while (true) {
    line = Trim(line);
    if (line.empty()) break;
    size_t end = line.find_first_of(" \t");
    out.push_back(line.substr(0, end));
    if (end == std::string_view::npos) break;
    line.remove_prefix(end);
  }
  return out;
}

bool IsTtl(std::string_view t) {
  return !t.empty() && t.find_first_not_of("0123456789smhdwSMHDW") == std::string_view::npos &&
         t[0] >= '0' && t[0] <= '9';
}

// The action of a CNAME target, or nullopt when wuzha does not model it.
std::optional<ListKind> Action(std::string_view target) {
  const std::string t = Lower(target);
  if (t == "." || t == "*." || t == "rpz-drop.") return ListKind::kBlock;
  if (t == "rpz-passthru.") return ListKind::kAllow;
  return std::nullopt;
}

}  // namespace

ImportResult ImportRpz(std::string_view text, const ImportOptions& options) {
  ImportResult result;
  std::string origin;  // lower case, no trailing dot
  bool in_parens = false;
  ForEachLine(text, [&](std::string_view line, size_t n) {
    ++result.lines;
    if (size_t semi = line.find(';'); semi != std::string_view::npos) line = line.substr(0, semi);
    if (in_parens) {
      if (line.find(')') != std::string_view::npos) in_parens = false;
      ++result.ignored;
      return;
    }
    if (Trim(line).empty()) {
      ++result.ignored;
      return;
    }
    if (line.find('(') != std::string_view::npos && line.find(')') == std::string_view::npos) {
      in_parens = true;
    }
    const bool continuation = line.front() == ' ' || line.front() == '\t';
    std::vector<std::string_view> t = Tokens(line);
    if (t[0] == "$ORIGIN" && t.size() >= 2) {
      origin = Lower(t[1]);
      if (origin.ends_with('.')) origin.pop_back();
      ++result.ignored;
      return;
    }
    if (t[0].starts_with('$')) {
      ++result.ignored;
      return;
    }
    size_t i = continuation ? 0 : 1;
    std::string_view owner = continuation ? "@" : t[0];
    while (i < t.size() && (IsTtl(t[i]) || Lower(t[i]) == "in")) ++i;
    if (i >= t.size()) {
      Skip(result, options, n, "record without a type");
      return;
    }
    const std::string type = Lower(t[i]);
    if (type == "soa" || type == "ns") {
      ++result.ignored;
      return;
    }
    if (type != "cname") {
      Skip(result, options, n, "only CNAME policy records are understood, not " + type);
      return;
    }
    if (i + 1 >= t.size()) {
      Skip(result, options, n, "CNAME without a target");
      return;
    }
    auto kind = Action(t[i + 1]);
    if (!kind) {
      Skip(result, options, n, "unsupported policy action " + std::string(t[i + 1]));
      return;
    }
    std::string name = Lower(owner);
    if (name == "@") {
      Skip(result, options, n, "a policy on the zone apex");
      return;
    }
    if (name.ends_with('.')) {
      const std::string suffix = "." + origin + ".";
      if (origin.empty() || !name.ends_with(suffix)) {
        Skip(result, options, n, "absolute name outside the zone");
        return;
      }
      name.resize(name.size() - suffix.size());
    }
    if (name.find(".rpz-") != std::string::npos || name.starts_with("rpz-")) {
      Skip(result, options, n, "only QNAME triggers are understood");
      return;
    }
    const size_t before = result.entries.size();
    internal::AddEntry(result, options, n, IndicatorType::kDomain, name);
    if (result.entries.size() > before) result.entries.back().kind = *kind;
  });
  return result;
}

std::string ExportRpz(const std::vector<Entry>& all, std::string_view zone, uint64_t serial) {
  std::string out = "$TTL 300\n";
  out.append("$ORIGIN ").append(zone).append(".\n");
  out.append("@ IN SOA localhost. hostmaster.localhost. (\n  ")
      .append(std::to_string(serial))
      .append(" 3600 600 86400 300 )\n");
  out.append("@ IN NS localhost.\n");
  // Without this a domain on both lists would get two CNAMEs, which no server loads.
  const std::vector<Entry> entries = WithoutAllowedDomains(all);
  for (const Entry& e : entries) {
    if (e.type != IndicatorType::kDomain) continue;
    std::string_view action;
    if (e.kind == ListKind::kBlock) {
      action = " CNAME .\n";
    } else if (e.kind == ListKind::kAllow) {
      action = " CNAME rpz-passthru.\n";
    } else {
      continue;
    }
    // "*." + value + "." + zone must stay a legal DNS name (253 bytes written out).
    if (2 + e.value.size() + 1 + zone.size() > 253) {
      out.append("; skipped (too long with the zone name): ").append(e.value).push_back('\n');
      continue;
    }
    out.append(e.value).append(action);
    out.append("*.").append(e.value).append(action);
  }
  return out;
}

}  // namespace wuzha::lists
