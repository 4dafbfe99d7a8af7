#include "core/timestamp.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace wuzha {
namespace {

// 2024-05-01T12:30:00+08:00, the example in timestamp.h.
constexpr int64_t kMayDayNoonShanghai = 1714537800000;
constexpr int64_t kHourMs = 3600 * 1000;

int64_t MillisOf(std::string_view text) {
  Result<Timestamp> t = Timestamp::Parse(text);
  EXPECT_TRUE(t.ok()) << "'" << text << "': " << t.status().ToString();
  return t.ok() ? t->millis() : -1;
}

StatusCode CodeOf(std::string_view text) { return Timestamp::Parse(text).status().code(); }

TEST(Timestamp, FromCivilUtcCountsFromTheEpoch) {
  EXPECT_EQ(Timestamp::FromCivilUtc(1970, 1, 1).millis(), 0);
  EXPECT_EQ(Timestamp::FromCivilUtc(2024, 5, 1, 4, 30).millis(), kMayDayNoonShanghai);
  EXPECT_EQ(Timestamp::FromCivilUtc(2000, 3, 1).millis(), 951868800000);
}

TEST(Timestamp, ParsesEpochMilliseconds) {
  EXPECT_EQ(MillisOf("1714537800000"), kMayDayNoonShanghai);
  EXPECT_EQ(MillisOf("0"), 0);
  EXPECT_EQ(MillisOf("253402300799999"), 253402300799999);  // 9999-12-31T23:59:59.999Z
}

TEST(Timestamp, EpochMillisecondsAfterYear9999AreOutOfRange) {
  EXPECT_EQ(CodeOf("253402300800000"), StatusCode::kOutOfRange);
  EXPECT_EQ(CodeOf("99999999999999999999"), StatusCode::kOutOfRange);
}

TEST(Timestamp, ParsesIsoUtc) {
  EXPECT_EQ(MillisOf("2024-05-01T12:30:00Z"), kMayDayNoonShanghai + 8 * kHourMs);
  EXPECT_EQ(MillisOf("2024-05-01T12:30:00z"), kMayDayNoonShanghai + 8 * kHourMs);
}

TEST(Timestamp, ParsesExplicitOffsets) {
  EXPECT_EQ(MillisOf("2024-05-01T12:30:00+08:00"), kMayDayNoonShanghai);
  EXPECT_EQ(MillisOf("2024-05-01T12:30:00+0800"), kMayDayNoonShanghai);
  EXPECT_EQ(MillisOf("2024-05-01T12:30:00+08"), kMayDayNoonShanghai);
  EXPECT_EQ(MillisOf("2024-05-01T12:30:00-05:00"), kMayDayNoonShanghai + 13 * kHourMs);
  EXPECT_EQ(MillisOf("2024-05-01T12:30:00+05:30"), kMayDayNoonShanghai + 5 * kHourMs / 2);
}

TEST(Timestamp, TimeWithoutOffsetIsShanghaiLocal) {
  EXPECT_EQ(MillisOf("2024-05-01 12:30:00"), kMayDayNoonShanghai);
  EXPECT_EQ(MillisOf("2024-05-01T12:30:00"), kMayDayNoonShanghai);
  EXPECT_EQ(MillisOf("2024/05/01 12:30:00"), kMayDayNoonShanghai);
  EXPECT_EQ(MillisOf("2024-05-01 12:30"), kMayDayNoonShanghai);
}

TEST(Timestamp, DateAloneIsShanghaiMidnight) {
  EXPECT_EQ(MillisOf("2024-05-01"), Timestamp::FromCivilUtc(2024, 4, 30, 16).millis());
}

TEST(Timestamp, ParsesFractionsKeepingMilliseconds) {
  EXPECT_EQ(MillisOf("2024-05-01T12:30:00.250+08:00"), kMayDayNoonShanghai + 250);
  EXPECT_EQ(MillisOf("2024-05-01T12:30:00.5+08:00"), kMayDayNoonShanghai + 500);
  EXPECT_EQ(MillisOf("2024-05-01T12:30:00.07+08:00"), kMayDayNoonShanghai + 70);
  EXPECT_EQ(MillisOf("2024-05-01T12:30:00.123456789+08:00"), kMayDayNoonShanghai + 123);
  EXPECT_EQ(MillisOf("2024-05-01 12:30:00.999"), kMayDayNoonShanghai + 999);
}

TEST(Timestamp, RejectsBadFractions) {
  EXPECT_EQ(CodeOf("2024-05-01T12:30:00.+08:00"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-05-01T12:30:00.1234567890Z"), StatusCode::kInvalidArgument);
}

TEST(Timestamp, AcceptsFebruary29InLeapYearsOnly) {
  EXPECT_EQ(MillisOf("2024-02-29T00:00:00Z"), Timestamp::FromCivilUtc(2024, 2, 29).millis());
  EXPECT_EQ(MillisOf("2000-02-29T00:00:00Z"), Timestamp::FromCivilUtc(2000, 2, 29).millis());
  EXPECT_EQ(CodeOf("2023-02-29T00:00:00Z"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2100-02-29T00:00:00Z"), StatusCode::kInvalidArgument);
}

TEST(Timestamp, RejectsImpossibleDatesAndTimes) {
  EXPECT_EQ(CodeOf("2024-13-01"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-00-10"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-04-31"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-05-00"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-05-01T24:00:00Z"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-05-01T12:60:00Z"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-05-01T12:30:61Z"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-05-01T12:30:00+15:00"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-05-01T12:30:00+08:60"), StatusCode::kInvalidArgument);
}

TEST(Timestamp, FoldsLeapSecondIntoTheLastSecond) {
  EXPECT_EQ(MillisOf("2016-12-31T23:59:60Z"), MillisOf("2016-12-31T23:59:59Z"));
}

TEST(Timestamp, YearsBefore1970AreOutOfRange) {
  EXPECT_EQ(CodeOf("1969-12-31T23:59:59Z"), StatusCode::kOutOfRange);
  EXPECT_EQ(CodeOf("1900-01-01"), StatusCode::kOutOfRange);
  EXPECT_EQ(CodeOf("0001-01-01T00:00:00Z"), StatusCode::kOutOfRange);
  EXPECT_EQ(MillisOf("1970-01-01T00:00:00Z"), 0);
  // Local midnight of 1970-01-01 in Shanghai is before the epoch.
  EXPECT_EQ(Timestamp::Parse("1970-01-01").status().code(), StatusCode::kOutOfRange);
}

TEST(Timestamp, GarbageIsInvalidArgument) {
  EXPECT_EQ(CodeOf(""), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("yesterday"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("-1714537800000"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("1714537800000 "), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-5-1"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-05-01T"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-05-01T12"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-05-01T12:30:00X"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-05-01T12:30:00+8"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("2024-05-01T12:30:00Z trailing"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf("01/05/2024"), StatusCode::kInvalidArgument);
}

TEST(Timestamp, ToStringShowsShanghaiLocalTimeWithOffset) {
  EXPECT_EQ(Timestamp::FromMillis(0).ToString(), "1970-01-01T08:00:00.000+08:00");
  EXPECT_EQ(Timestamp::FromMillis(kMayDayNoonShanghai + 250).ToString(),
            "2024-05-01T12:30:00.250+08:00");
  // 20:00 UTC on New Year's Eve is already the next year in Shanghai.
  EXPECT_EQ(Timestamp::Parse("2024-12-31T20:00:00Z")->ToString(), "2025-01-01T04:00:00.000+08:00");
  EXPECT_EQ(Timestamp::Parse("2024-02-28T16:00:00Z")->ToString(), "2024-02-29T00:00:00.000+08:00");
}

TEST(Timestamp, ToDisplayShowsShanghaiLocalTimeForPeople) {
  EXPECT_EQ(Timestamp::FromMillis(kMayDayNoonShanghai + 999).ToDisplay(), "2024-05-01 12:30:00");
}

TEST(Timestamp, ToStringRoundTripsThroughParse) {
  const int64_t values[] = {0,
                            1,
                            kMayDayNoonShanghai,
                            kMayDayNoonShanghai + 999,
                            Timestamp::FromCivilUtc(2024, 2, 29, 23, 59, 59, 1).millis(),
                            253402300799999 - 8 * kHourMs};
  for (int64_t ms : values) {
    Timestamp t = Timestamp::FromMillis(ms);
    EXPECT_EQ(MillisOf(t.ToString()), ms) << t.ToString();
  }
}

TEST(Timestamp, OrdersByMillis) {
  EXPECT_LT(Timestamp::FromMillis(1), Timestamp::FromMillis(2));
  EXPECT_EQ(Timestamp(), Timestamp::FromMillis(0));
}

}  // namespace
}  // namespace wuzha
