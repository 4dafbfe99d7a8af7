// Timestamp: int64 milliseconds since the Unix epoch, UTC. Shown in Asia/Shanghai.
//
// China has kept UTC+8 without daylight saving since 1991, and GCC 12 has no chrono time
// zone database, so display uses the fixed +08:00 offset; times before 1991-09-15 would
// display an hour off in summer, which no event of ours can be. A value type.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace wuzha {

class Timestamp {
 public:
  static constexpr int64_t kShanghaiOffsetMs = 8LL * 3600 * 1000;

  constexpr Timestamp() = default;
  static constexpr Timestamp FromMillis(int64_t ms) { return Timestamp(ms); }

  // Parses epoch milliseconds ("1714537800000") or ISO-8601 / the common bank format:
  //   2024-05-01T12:30:00Z, 2024-05-01T12:30:00.250+08:00, 2024-05-01 12:30:00
  // A time without an offset is Asia/Shanghai local time, as Chinese systems export it.
  // kInvalidArgument for anything else, kOutOfRange for years outside 1970..9999.
  static Result<Timestamp> Parse(std::string_view text);

  // Builds from a civil date-time in UTC. REQUIRES: a valid date.
  static Timestamp FromCivilUtc(int year, int month, int day, int hour = 0, int minute = 0,
                                int second = 0, int millis = 0);

  constexpr int64_t millis() const { return ms_; }

  // "2024-05-01T20:30:00.000+08:00": Asia/Shanghai, always with milliseconds.
  std::string ToString() const;
  // "2024-05-01 20:30:00": Asia/Shanghai, for people.
  std::string ToDisplay() const;

  friend constexpr auto operator<=>(Timestamp, Timestamp) = default;

 private:
  constexpr explicit Timestamp(int64_t ms) : ms_(ms) {}
  int64_t ms_ = 0;
};

}  // namespace wuzha
