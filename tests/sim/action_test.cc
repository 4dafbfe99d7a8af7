#include "sim/action.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sim/engine.h"

namespace wuzha::sim {
namespace {

using ::testing::HasSubstr;

const Timestamp kAt = Timestamp::FromCivilUtc(2024, 5, 1, 2);  // 10:00 in Shanghai

TEST(ActionKind, NamesAreDistinctAndParseBack) {
  std::set<std::string_view> names;
  for (int i = 0; i < kActionKindCount; ++i) {
    auto kind = static_cast<ActionKind>(i);
    std::string_view name = ActionKindName(kind);
    names.insert(name);
    ActionKind parsed = ActionKind::kFreeze;
    ASSERT_TRUE(ParseActionKind(name, parsed)) << name;
    EXPECT_EQ(parsed, kind);
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(kActionKindCount));
  ActionKind unused;
  EXPECT_FALSE(ParseActionKind("Block_Number", unused));
  EXPECT_FALSE(ParseActionKind("", unused));
}

TEST(ActionJson, EveryKindRoundTrips) {
  for (int i = 0; i < kActionKindCount; ++i) {
    Action a;
    a.id = 1000 + static_cast<uint64_t>(i);
    a.kind = static_cast<ActionKind>(i);
    a.at = Timestamp::FromMillis(kAt.millis() + i);
    a.target = "target-" + std::to_string(i) + " \"quoted\" 号码";
    if (a.kind == ActionKind::kVisit) {
      a.ref = "W-20240501-0007";
      a.officer = "P-4021";
    }
    std::string line;
    AppendActionJson(a, line);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    auto parsed = ParseActionJson(line);
    ASSERT_TRUE(parsed.ok()) << line << ": " << parsed.status().ToString();
    EXPECT_EQ(parsed->id, a.id);
    EXPECT_EQ(parsed->kind, a.kind);
    EXPECT_EQ(parsed->at, a.at);
    EXPECT_EQ(parsed->target, a.target);
    EXPECT_EQ(parsed->ref, a.ref);
    EXPECT_EQ(parsed->officer, a.officer);
    std::string again;
    AppendActionJson(*parsed, again);
    EXPECT_EQ(again, line);
  }
}

TEST(ActionJson, WritesTheCanonicalForm) {
  Action a;
  a.id = 1;
  a.at = kAt;
  a.target = "8617012345678";
  std::string line;
  AppendActionJson(a, line);
  EXPECT_EQ(line, R"({"id":1,"kind":"block_number","at":1714528800000,"target":"8617012345678"})");
}

TEST(ActionJson, AcceptsEpochMillisAndIsoTimes) {
  for (const char* at : {"1714528800000", "\"1714528800000\"", "\"2024-05-01T10:00:00+08:00\"",
                         "\"2024-05-01T02:00:00Z\"", "\"2024-05-01 10:00:00\""}) {
    std::string line = std::string(R"({"kind":"freeze","target":"6222","at":)") + at + "}";
    auto a = ParseActionJson(line);
    ASSERT_TRUE(a.ok()) << line << ": " << a.status().ToString();
    EXPECT_EQ(a->at, kAt) << line;
  }
}

TEST(ActionJson, IdRefAndOfficerAreOptional) {
  auto a = ParseActionJson(R"({"at":1714528800000,"target":"110101199001011234","kind":"visit"})");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->id, 0u);
  EXPECT_EQ(a->kind, ActionKind::kVisit);
  EXPECT_TRUE(a->ref.empty());
  EXPECT_TRUE(a->officer.empty());
}

TEST(ActionJson, EachErrorNamesItsField) {
  struct Case {
    const char* line;
    const char* field;  // must appear in the message
  };
  const Case cases[] = {
      {R"({"at":1,"target":"x"})", "'kind'"},
      {R"({"kind":"freeze","target":"x"})", "'at'"},
      {R"({"kind":"freeze","at":1})", "'target'"},
      {R"({"kind":"nuke","at":1,"target":"x"})", "'kind'"},
      {R"({"kind":7,"at":1,"target":"x"})", "'kind'"},
      {R"({"kind":"freeze","at":"yesterday","target":"x"})", "'at'"},
      {R"({"kind":"freeze","at":true,"target":"x"})", "'at'"},
      {R"({"kind":"freeze","at":1.5,"target":"x"})", "'at'"},
      {R"({"kind":"freeze","at":-5,"target":"x"})", "'at'"},
      {R"({"kind":"freeze","at":1,"target":""})", "'target'"},
      {R"({"kind":"freeze","at":1,"target":6222})", "'target'"},
      {R"({"id":-1,"kind":"freeze","at":1,"target":"x"})", "'id'"},
      {R"({"id":"1","kind":"freeze","at":1,"target":"x"})", "'id'"},
      {R"({"id":1.0,"kind":"freeze","at":1,"target":"x"})", "'id'"},
      {R"({"kind":"visit","at":1,"target":"x","ref":3})", "'ref'"},
      {R"({"kind":"visit","at":1,"target":"x","officer":null})", "'officer'"},
      {R"({"kind":"freeze","at":1,"target":"x","kind":"visit"})", "'kind'"},
      {R"({"kind":"freeze","at":1,"target":"x","delay_ms":5})", "\"delay_ms\""},
  };
  for (const Case& c : cases) {
    auto a = ParseActionJson(c.line);
    ASSERT_FALSE(a.ok()) << c.line;
    EXPECT_EQ(a.error().code(), StatusCode::kInvalidArgument) << c.line;
    EXPECT_THAT(std::string(a.error().message()), HasSubstr(c.field)) << c.line;
  }
}

TEST(ActionJson, RefusesWhatIsNotOneObject) {
  for (const char* line : {"", "not json", "[1,2]", "\"block_number\"", R"({"kind":"freeze")"}) {
    auto a = ParseActionJson(line);
    ASSERT_FALSE(a.ok()) << line;
    EXPECT_EQ(a.error().code(), StatusCode::kInvalidArgument) << line;
  }
}

TEST(ActionDelays, EachKindHasItsOwnDelay) {
  ActionDelays d;
  // Distinct values, so that a kind mapped to another kind's field shows.
  int64_t* fields[] = {&d.block_number_ms,   &d.block_sms_sender_ms, &d.block_domain_ms,
                       &d.block_app_ms,      &d.hold_transfer_ms,    &d.block_transfer_ms,
                       &d.stop_pay_ms,       &d.freeze_ms,           &d.visit_ms,
                       &d.suspend_outlet_ms, &d.statement_ms};
  static_assert(std::size(fields) == kActionKindCount);
  for (size_t i = 0; i < std::size(fields); ++i) *fields[i] = 1000 + static_cast<int64_t>(i);
  d.hold_duration_ms = 7;
  d.stop_pay_duration_ms = 8;
  for (int i = 0; i < kActionKindCount; ++i) {
    EXPECT_EQ(d.EffectDelay(static_cast<ActionKind>(i)), 1000 + i) << i;
  }
}

}  // namespace
}  // namespace wuzha::sim
