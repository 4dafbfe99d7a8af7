#include "core/money.h"

#include <cstdlib>

namespace wuzha {
namespace {

constexpr std::string_view kYuanSigns[] = {"¥", "￥", "RMB", "CNY"};
constexpr std::string_view kYuanSuffixes[] = {"元", "RMB", "CNY"};

bool ConsumePrefix(std::string_view& s, std::string_view p) {
  if (!s.starts_with(p)) return false;
  s.remove_prefix(p.size());
  return true;
}
bool ConsumeSuffix(std::string_view& s, std::string_view p) {
  if (!s.ends_with(p)) return false;
  s.remove_suffix(p.size());
  return true;
}
void TrimSpaces(std::string_view& s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Integer part with optional thousands separators: either no commas at all, or groups
// of exactly three digits after the first group of one to three.
bool ValidIntegerPart(std::string_view s) {
  if (s.empty()) return false;
  size_t commas = 0;
  for (char c : s) {
    if (c == ',') ++commas;
    else if (!IsDigit(c)) return false;
  }
  if (commas == 0) return true;
  size_t first = s.find(',');
  if (first == 0 || first > 3 || (s.size() - first) % 4 != 0) return false;
  for (size_t i = first; i < s.size(); i += 4) {
    if (s[i] != ',' || !IsDigit(s[i + 1]) || !IsDigit(s[i + 2]) || !IsDigit(s[i + 3])) return false;
  }
  return true;
}

}  // namespace

Result<Money> Money::Parse(std::string_view text) {
  std::string_view s = text;
  TrimSpaces(s);
  bool negative = ConsumePrefix(s, "-");
  for (auto sign : kYuanSigns) if (ConsumePrefix(s, sign)) break;
  TrimSpaces(s);
  if (!negative) negative = ConsumePrefix(s, "-");
  for (auto suffix : kYuanSuffixes) if (ConsumeSuffix(s, suffix)) break;
  TrimSpaces(s);
  if (s.empty()) return InvalidArgumentError("empty amount");

  std::string_view int_part = s, frac_part;
  if (size_t dot = s.find('.'); dot != std::string_view::npos) {
    int_part = s.substr(0, dot);
    frac_part = s.substr(dot + 1);
    if (frac_part.empty()) return InvalidArgumentError("amount ends with '.': " + std::string(text));
  }
  if (!ValidIntegerPart(int_part)) {
    return InvalidArgumentError("not an amount in yuan: '" + std::string(text) + "'");
  }
  for (size_t i = 0; i < frac_part.size(); ++i) {
    if (!IsDigit(frac_part[i])) {
      return InvalidArgumentError("not an amount in yuan: '" + std::string(text) + "'");
    }
    if (i >= 2 && frac_part[i] != '0') {
      return InvalidArgumentError("amount has fractions of a fen: '" + std::string(text) + "'");
    }
  }

  // Accumulate as a negative number so that INT64_MIN fen parses too.
  int64_t fen = 0;
  auto push_digit = [&fen](char c) {
    return !__builtin_mul_overflow(fen, 10, &fen) && !__builtin_sub_overflow(fen, c - '0', &fen);
  };
  for (char c : int_part) {
    if (c != ',' && !push_digit(c)) return OutOfRangeError("amount too large: " + std::string(text));
  }
  for (size_t i = 0; i < 2; ++i) {
    char c = i < frac_part.size() ? frac_part[i] : '0';
    if (!push_digit(c)) return OutOfRangeError("amount too large: " + std::string(text));
  }
  if (!negative) {
    if (fen == INT64_MIN) return OutOfRangeError("amount too large: " + std::string(text));
    fen = -fen;
  }
  return Money(fen);
}

Result<Money> Money::Add(Money other) const {
  int64_t out;
  if (__builtin_add_overflow(fen_, other.fen_, &out)) return OutOfRangeError("money overflow in add");
  return Money(out);
}

Result<Money> Money::Sub(Money other) const {
  int64_t out;
  if (__builtin_sub_overflow(fen_, other.fen_, &out)) return OutOfRangeError("money overflow in sub");
  return Money(out);
}

Result<Money> Money::Mul(int64_t factor) const {
  int64_t out;
  if (__builtin_mul_overflow(fen_, factor, &out)) return OutOfRangeError("money overflow in mul");
  return Money(out);
}

std::string Money::ToString() const {
  // Work in unsigned so that INT64_MIN prints correctly.
  uint64_t abs = fen_ < 0 ? 0 - static_cast<uint64_t>(fen_) : static_cast<uint64_t>(fen_);
  std::string out = fen_ < 0 ? "-" : "";
  out += std::to_string(abs / 100);
  out += '.';
  out += static_cast<char>('0' + abs % 100 / 10);
  out += static_cast<char>('0' + abs % 10);
  return out;
}

std::string Money::ToDisplay() const {
  uint64_t abs = fen_ < 0 ? 0 - static_cast<uint64_t>(fen_) : static_cast<uint64_t>(fen_);
  std::string digits = std::to_string(abs / 100);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  std::string out = fen_ < 0 ? "-¥" : "¥";
  out += grouped;
  out += '.';
  out += static_cast<char>('0' + abs % 100 / 10);
  out += static_cast<char>('0' + abs % 10);
  return out;
}

}  // namespace wuzha
