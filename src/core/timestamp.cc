#include "core/timestamp.h"

#include <charconv>
#include <cstdio>

namespace wuzha {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian
// calendar, no tables, no time zone database.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
  int64_t year;
  unsigned month, day;
};
Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly n digits at s[pos]; advances pos.
bool ReadDigits(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  pos += n;
  return true;
}

bool Expect(std::string_view s, size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

std::string FormatShanghai(int64_t ms, bool iso) {
  int64_t local = ms + Timestamp::kShanghaiOffsetMs;
  int64_t days = local >= 0 ? local / 86400000 : (local - 86399999) / 86400000;
  int64_t rem = local - days * 86400000;
  Civil c = CivilFromDays(days);
  int h = static_cast<int>(rem / 3600000), mi = static_cast<int>(rem / 60000 % 60),
      se = static_cast<int>(rem / 1000 % 60), milli = static_cast<int>(rem % 1000);
  char buf[48];
  if (iso) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03d+08:00",
                  static_cast<long long>(c.year), c.month, c.day, h, mi, se, milli);
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02d:%02d:%02d",
                  static_cast<long long>(c.year), c.month, c.day, h, mi, se);
  }
  return buf;
}

}  // namespace

Timestamp Timestamp::FromCivilUtc(int year, int month, int day, int hour, int minute, int second,
                                  int millis) {
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return Timestamp(((days * 24 + hour) * 60 + minute) * 60000 + second * 1000LL + millis);
}

Result<Timestamp> Timestamp::Parse(std::string_view s) {
  auto bad = [&s] { return InvalidArgumentError("not a timestamp: '" + std::string(s) + "'"); };
  if (s.empty()) return InvalidArgumentError("empty timestamp");
  // Epoch milliseconds: all digits (optionally negative is refused: before 1970).
  bool all_digits = true;  // a plain loop: find_first_not_of calls memchr per character
  for (char c : s) all_digits = all_digits && c >= '0' && c <= '9';
  if (all_digits) {
    int64_t ms = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), ms);
    if (ec != std::errc() || p != s.data() + s.size()) return OutOfRangeError("timestamp too large");
    if (ms > 253402300799999LL) return OutOfRangeError("timestamp after year 9999");
    return Timestamp(ms);
  }
  size_t pos = 0;
  int y, mo, d, h = 0, mi = 0, se = 0, milli = 0;
  if (!ReadDigits(s, pos, 4, y) || !(Expect(s, pos, '-') || Expect(s, pos, '/')) ||
      !ReadDigits(s, pos, 2, mo) || !(Expect(s, pos, '-') || Expect(s, pos, '/')) ||
      !ReadDigits(s, pos, 2, d)) {
    return bad();
  }
  if (mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > DaysInMonth(y, mo)) return bad();
  if (pos < s.size()) {
    if (!(Expect(s, pos, 'T') || Expect(s, pos, ' '))) return bad();
    if (!ReadDigits(s, pos, 2, h) || !Expect(s, pos, ':') || !ReadDigits(s, pos, 2, mi)) return bad();
    if (Expect(s, pos, ':') && !ReadDigits(s, pos, 2, se)) return bad();
    if (Expect(s, pos, '.')) {
      // One to nine fraction digits; milliseconds keep the first three.
      size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      size_t n = pos - start;
      if (n == 0 || n > 9) return bad();
      for (size_t i = 0; i < 3; ++i) milli = milli * 10 + (i < n ? s[start + i] - '0' : 0);
    }
  }
  if (h > 23 || mi > 59 || se > 60) return bad();  // 60: a leap second is folded into :59.
  if (se == 60) se = 59;
  int64_t offset_ms = kShanghaiOffsetMs;
  if (pos < s.size()) {
    if (Expect(s, pos, 'Z') || Expect(s, pos, 'z')) {
      offset_ms = 0;
    } else if (s[pos] == '+' || s[pos] == '-') {
      int sign = s[pos] == '-' ? -1 : 1;
      ++pos;
      int oh, om = 0;
      if (!ReadDigits(s, pos, 2, oh)) return bad();
      Expect(s, pos, ':');
      if (pos < s.size() && !ReadDigits(s, pos, 2, om)) return bad();
      if (oh > 14 || om > 59) return bad();
      offset_ms = sign * (oh * 3600000LL + om * 60000LL);
    }
  }
  if (pos != s.size()) return bad();
  if (y < 1970) return OutOfRangeError("timestamp before 1970: '" + std::string(s) + "'");
  Timestamp utc = FromCivilUtc(y, mo, d, h, mi, se, milli);
  if (utc.ms_ - offset_ms < 0) return OutOfRangeError("timestamp before 1970: '" + std::string(s) + "'");
  // Same bound as epoch milliseconds, which is how the time is written back: a negative
  // offset can push 9999-12-31 into year 10000.
  if (utc.ms_ - offset_ms > 253402300799999LL) {
    return OutOfRangeError("timestamp after year 9999: '" + std::string(s) + "'");
  }
  return Timestamp(utc.ms_ - offset_ms);
}

std::string Timestamp::ToString() const { return FormatShanghai(ms_, true); }
std::string Timestamp::ToDisplay() const { return FormatShanghai(ms_, false); }

}  // namespace wuzha
