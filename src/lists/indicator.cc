#include "lists/indicator.h"

#include <array>

#include "core/phone.h"

namespace wuzha::lists {
namespace {

constexpr std::array<std::string_view, kListKindCount> kKindNames = {"block", "allow",
                                                                      "protected"};
constexpr std::array<std::string_view, kIndicatorTypeCount> kTypeNames = {
    "number", "range", "domain", "url", "app_package", "app_cert", "app_file", "account"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

Result<std::string> NormalizeRange(std::string_view text) {
  std::string digits;
  bool plus = false;
  for (char c : text) {
    if (IsDigit(c)) {
      digits.push_back(c);
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c != ' ' && c != '-') {
      return InvalidArgumentError("range: not a digit prefix: '" + std::string(text) + "'");
    }
  }
  if (digits.empty()) return InvalidArgumentError("range: empty");
  if (!plus) {
    if (digits.starts_with("00")) {
      digits.erase(0, 2);  // 00 international prefix: the digits after it are E.164
    } else if (digits[0] == '1') {
      digits.insert(0, "86");  // a Chinese mobile range
    } else if (digits[0] == '0') {
      digits.replace(0, 1, "86");  // trunk 0 + area code
    }
  }
  if (digits.empty() || digits[0] == '0') return InvalidArgumentError("range: starts with 0");
  if (digits.size() > 15) return InvalidArgumentError("range: more than 15 digits");
  return digits;
}

Result<std::string> NormalizeHash(std::string_view text, std::string_view what) {
  std::string hex;
  for (char c : text) {
    if (c == ':' || c == ' ') continue;
    if (IsDigit(c) || (c >= 'a' && c <= 'f')) {
      hex.push_back(c);
    } else if (c >= 'A' && c <= 'F') {
      hex.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      return InvalidArgumentError(std::string(what) + ": not hex");
    }
  }
  if (hex.size() != 64) return InvalidArgumentError(std::string(what) + ": want 64 hex digits");
  return hex;
}

Result<std::string> NormalizePackage(std::string_view text) {
  if (text.empty() || text.size() > 255) return InvalidArgumentError("app_package: bad length");
  for (char c : text) {
    const bool ok = IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    c == '_' || c == '.';
    if (!ok) return InvalidArgumentError("app_package: character not allowed");
  }
  return std::string(text);
}

Result<std::string> NormalizeAccount(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (IsDigit(c)) {
      digits.push_back(c);
    } else if (c != ' ' && c != '-') {
      return InvalidArgumentError("account: not digits");
    }
  }
  if (digits.size() < 6 || digits.size() > 32) {
    return InvalidArgumentError("account: want 6 to 32 digits");
  }
  return digits;
}

}  // namespace

std::string_view ListKindName(ListKind kind) { return kKindNames[static_cast<int>(kind)]; }
std::string_view IndicatorTypeName(IndicatorType type) {
  return kTypeNames[static_cast<int>(type)];
}
std::string_view ChangeOpName(ChangeOp op) {
  switch (op) {
    case ChangeOp::kAdd: return "add";
    case ChangeOp::kUpdate: return "update";
    case ChangeOp::kRemove: return "remove";
  }
  return "?";
}

std::optional<ListKind> ParseListKind(std::string_view name) {
  for (int i = 0; i < kListKindCount; ++i) {
    if (kKindNames[i] == name) return static_cast<ListKind>(i);
  }
  return std::nullopt;
}

std::optional<IndicatorType> ParseIndicatorType(std::string_view name) {
  for (int i = 0; i < kIndicatorTypeCount; ++i) {
    if (kTypeNames[i] == name) return static_cast<IndicatorType>(i);
  }
  return std::nullopt;
}

std::string IndicatorToText(IndicatorType type, std::string_view canonical) {
  if (type == IndicatorType::kNumber) return PhoneToText(canonical);
  if (type == IndicatorType::kRange && !canonical.starts_with("86")) {
    return "+" + std::string(canonical);
  }
  return std::string(canonical);
}

Result<std::string> NormalizeIndicator(IndicatorType type, std::string_view text) {
  switch (type) {
    case IndicatorType::kNumber: {
      auto phone = NormalizePhone(text);
      if (!phone.ok()) return phone.error();
      if (phone->e164.size() > 15) return InvalidArgumentError("number: more than 15 digits");
      return std::move(phone->e164);
    }
    case IndicatorType::kRange: return NormalizeRange(text);
    case IndicatorType::kDomain: return NormalizeDomain(text);
    case IndicatorType::kUrl: return NormalizeUrl(text);
    case IndicatorType::kAppPackage: return NormalizePackage(text);
    case IndicatorType::kAppCert: return NormalizeHash(text, "app_cert");
    case IndicatorType::kAppFile: return NormalizeHash(text, "app_file");
    case IndicatorType::kAccount: return NormalizeAccount(text);
  }
  return InvalidArgumentError("unknown indicator type");
}

}  // namespace wuzha::lists
