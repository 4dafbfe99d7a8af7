#include "sim/internal/derive.h"

namespace wuzha::sim::internal {
namespace {
constexpr int kCumulativeDays[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
}

CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return CivilDate{year, month, day};
}

int DayOfYearNoLeap(int month, int day) {
  if (month == 2 && day == 29) day = 28;
  return kCumulativeDays[month - 1] + day;
}

CivilDate MonthDayNoLeap(int year, int day_of_year) {
  int month = 1;
  while (month < 12 && day_of_year > kCumulativeDays[month]) ++month;
  return CivilDate{year, month, day_of_year - kCumulativeDays[month - 1]};
}

}  // namespace wuzha::sim::internal
