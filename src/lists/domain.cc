// Domain and URL normalization, and the Public Suffix List through libpsl.
#include <libpsl.h>

#include <charconv>

#include "lists/indicator.h"

namespace wuzha::lists {
namespace {

// The newest list on the system (/usr/share/publicsuffix), else libpsl's built-in one.
// Loaded once and never freed: a psl_ctx_t is immutable and safe to share across threads.
const psl_ctx_t* Psl() {
  static const psl_ctx_t* const ctx = [] {
    const psl_ctx_t* latest = psl_latest(nullptr);
    return latest != nullptr ? latest : psl_builtin();
  }();
  return ctx;
}

bool LabelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Lower-cases and checks the syntax of a host name; does not consult the PSL.
Result<std::string> DomainSyntax(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  if (text.starts_with("*.")) text.remove_prefix(2);
  if (text.starts_with(".")) text.remove_prefix(1);
  if (text.ends_with(".")) text.remove_suffix(1);
  if (text.empty()) return InvalidArgumentError("domain: empty");
  if (text.size() > 253) return InvalidArgumentError("domain: longer than 253 bytes");
  std::string out(text);
  size_t label = 0;
  int labels = 1;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return InvalidArgumentError("domain: non-ASCII; convert to punycode (IDNA) first");
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '.') {
      if (label == 0) return InvalidArgumentError("domain: empty label");
      label = 0;
      ++labels;
      continue;
    }
    if (!LabelChar(c)) return InvalidArgumentError("domain: character not allowed");
    if (++label > 63) return InvalidArgumentError("domain: label longer than 63 bytes");
  }
  if (label == 0) return InvalidArgumentError("domain: empty label");
  if (labels < 2) return InvalidArgumentError("domain: needs at least two labels");
  return out;
}

bool IsIpv4(std::string_view host) {
  int parts = 0;
  while (!host.empty()) {
    size_t dot = host.find('.');
    std::string_view part = host.substr(0, dot);
    unsigned value = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc() || end != part.data() + part.size() || part.empty() || value > 255) {
      return false;
    }
    ++parts;
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return parts == 4;
}

}  // namespace

Result<std::string> NormalizeDomain(std::string_view text) {
  WUZHA_ASSIGN_OR_RETURN(std::string domain, DomainSyntax(text));
  if (psl_is_public_suffix2(Psl(), domain.c_str(), PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE)) {
    return InvalidArgumentError("domain: '" + domain + "' is a public suffix");
  }
  return domain;
}

std::optional<std::string> RegistrableDomain(std::string_view host) {
  const std::string name(host);
  const char* registrable = psl_registrable_domain(Psl(), name.c_str());
  if (registrable == nullptr) return std::nullopt;
  return std::string(registrable);
}

std::string_view UrlHost(std::string_view url) {
  if (size_t sep = url.find("://"); sep != std::string_view::npos) url.remove_prefix(sep + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  return url.substr(0, url.find(':'));
}

Result<std::string> NormalizeUrl(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  if (size_t hash = text.find('#'); hash != std::string_view::npos) text = text.substr(0, hash);
  std::string scheme = "http";
  if (size_t sep = text.find("://"); sep != std::string_view::npos) {
    scheme.clear();
    for (char c : text.substr(0, sep)) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
            c == '.')) {
        return InvalidArgumentError("url: bad scheme");
      }
      scheme.push_back(c);
    }
    if (scheme.empty()) return InvalidArgumentError("url: empty scheme");
    text.remove_prefix(sep + 3);
  }
  size_t path_at = text.find_first_of("/?");
  std::string_view authority = text.substr(0, path_at);
  std::string_view rest = path_at == std::string_view::npos ? "" : text.substr(path_at);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority, port;
  if (size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    for (char c : port) {
      if (c < '0' || c > '9') return InvalidArgumentError("url: bad port");
    }
    if (port.size() > 5) return InvalidArgumentError("url: bad port");
  }
  if (host.ends_with(".")) host.remove_suffix(1);
  std::string host_text;
  if (IsIpv4(host)) {
    host_text = std::string(host);
  } else {
    auto domain = DomainSyntax(host);
    if (!domain.ok()) return InvalidArgumentError("url: host: " + std::string(domain.error().message()));
    host_text = std::move(*domain);
  }
  while (port.size() > 1 && port.front() == '0') port.remove_prefix(1);
  const bool default_port = port.empty() || (scheme == "http" && port == "80") ||
                            (scheme == "https" && port == "443");
  for (char c : rest) {
    if (static_cast<unsigned char>(c) <= 0x20) return InvalidArgumentError("url: space or control");
  }
  std::string out = scheme + "://" + host_text;
  if (!default_port) out.append(":").append(port);
  if (rest.empty() || rest.front() == '?') out.push_back('/');
  out.append(rest);
  return out;
}

}  // namespace wuzha::lists
