// Money: an amount in fen (分, 1/100 yuan) as int64. Never floating point.
//
// Parsing accepts what banks and users write ("123.45", "¥1,234.50", "￥88", "12元",
// "-3.5") and rejects anything ambiguous: more than two decimals that are not zero,
// misplaced thousands separators, empty or non-numeric text. Arithmetic is checked:
// an overflow is an error, never a wrap-around. A value type, trivially copyable.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace wuzha {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money FromFen(int64_t fen) { return Money(fen); }
  // REQUIRES: yuan * 100 fits in int64. Convenience for tests and constants.
  static constexpr Money FromYuan(int64_t yuan) { return Money(yuan * 100); }

  // Parses yuan text as described above. kInvalidArgument for malformed text,
  // kOutOfRange when the amount does not fit in int64 fen.
  static Result<Money> Parse(std::string_view text);

  constexpr int64_t fen() const { return fen_; }

  // Checked arithmetic: kOutOfRange on overflow.
  Result<Money> Add(Money other) const;
  Result<Money> Sub(Money other) const;
  Result<Money> Mul(int64_t factor) const;

  // "1234.50" (no separators, always two decimals, leading '-' when negative).
  std::string ToString() const;
  // "¥1,234.50": for people.
  std::string ToDisplay() const;

  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  constexpr explicit Money(int64_t fen) : fen_(fen) {}
  int64_t fen_ = 0;
};

}  // namespace wuzha
