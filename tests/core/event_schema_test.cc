#include "core/event_schema.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"

namespace wuzha {
namespace {

constexpr EventType kAllTypes[] = {
    EventType::kCall,    EventType::kSms,      EventType::kWeb,
    EventType::kApp,     EventType::kTransfer, EventType::kAccountOpen,
    EventType::kSimOpen, EventType::kReport,   EventType::kFeedback,
};
static_assert(std::size(kAllTypes) == kEventTypeCount);

// The spec of `name` in `type`'s table (or the label table for "label.*").
const FieldSpec& Spec(EventType type, std::string_view name) {
  auto table = name.starts_with("label.") ? LabelFields() : EventFields(type);
  for (const FieldSpec& f : table) {
    if (f.name == name) return f;
  }
  ADD_FAILURE() << "no field " << name << " in " << EventTypeName(type);
  return table.front();
}

Event EmptyEvent(EventType type) {
  Event e;
  e.Reset(type);
  return e;
}

// SetField on a fresh event of `type`; returns the event for inspection.
Event WithField(EventType type, std::string_view name, std::string_view value) {
  Event e = EmptyEvent(type);
  Status s = SetField(Spec(type, name), e, value);
  EXPECT_TRUE(s.ok()) << name << "='" << value << "': " << s.ToString();
  return e;
}

StatusCode SetFieldCode(EventType type, std::string_view name, std::string_view value) {
  Event e = EmptyEvent(type);
  return SetField(Spec(type, name), e, value).code();
}

std::string Text(EventType type, const Event& e, std::string_view name) {
  std::string out;
  bool empty = true;
  FieldToText(Spec(type, name), e, out, empty);
  return out;
}

// A valid resident ID: area 420102 (Wuhan Jiang'an), born 1990-03-07, sequence 451.
std::string ValidPersonId() {
  const std::string first17 = "42010219900307451";
  return first17 + PersonIdCheckChar(first17);
}

TEST(PersonId, CheckCharMatchesPublishedExamples) {
  EXPECT_EQ(PersonIdCheckChar("11010519491231002"), 'X');
  EXPECT_EQ(PersonIdCheckChar("44052418800101001"), '4');
  EXPECT_TRUE(IsValidPersonId("11010519491231002X"));
  EXPECT_TRUE(IsValidPersonId("440524188001010014"));
}

TEST(PersonId, AcceptsGeneratedIdAndLowerCaseX) {
  EXPECT_TRUE(IsValidPersonId(ValidPersonId()));
  EXPECT_TRUE(IsValidPersonId("11010519491231002x"));
}

TEST(PersonId, RejectsWrongCheckDigit) {
  const std::string valid = ValidPersonId();
  for (char c : std::string_view("0123456789X")) {
    if (c == valid.back()) continue;
    std::string id = valid;
    id.back() = c;
    EXPECT_FALSE(IsValidPersonId(id)) << id;
  }
}

TEST(PersonId, RejectsImpossibleBirthDate) {
  // Months 13 and 00, days 32 and 00, each with the check char that would fit.
  for (std::string first17 :
       {"42010219901307451", "42010219900007451", "42010219900332451", "42010219900300451"}) {
    EXPECT_FALSE(IsValidPersonId(first17 + PersonIdCheckChar(first17))) << first17;
  }
}

TEST(PersonId, RejectsWrongLengthAndCharacters) {
  const std::string id = ValidPersonId();
  EXPECT_FALSE(IsValidPersonId(""));
  EXPECT_FALSE(IsValidPersonId(id.substr(0, 17)));
  EXPECT_FALSE(IsValidPersonId(id + "0"));
  EXPECT_FALSE(IsValidPersonId("4201021990030745Y3"));
  EXPECT_FALSE(IsValidPersonId("42010219900307451Y"));
  EXPECT_FALSE(IsValidPersonId("X20102199003074513"));
}

TEST(EventSchema, EveryTypeStartsWithTypeIdTs) {
  for (EventType t : kAllTypes) {
    auto fields = EventFields(t);
    ASSERT_GE(fields.size(), 4u) << EventTypeName(t);
    EXPECT_EQ(fields[0].name, "type");
    EXPECT_EQ(fields[1].name, "id");
    EXPECT_EQ(fields[2].name, "ts");
    EXPECT_EQ(fields[2].kind, FieldKind::kTimestamp);
    EXPECT_TRUE(fields[0].required);
    EXPECT_TRUE(fields[2].required);
  }
}

TEST(EventSchema, EveryFieldButTypeHasAnAccessor) {
  for (EventType t : kAllTypes) {
    for (const FieldSpec& f : EventFields(t)) {
      if (f.name == "type") {
        EXPECT_EQ(f.ref, nullptr);
      } else {
        EXPECT_NE(f.ref, nullptr) << EventTypeName(t) << "." << f.name;
      }
    }
  }
  for (const FieldSpec& f : LabelFields()) EXPECT_NE(f.ref, nullptr) << f.name;
}

TEST(EventSchema, AccessorsPointIntoTheEventWithTheRightType) {
  for (EventType t : kAllTypes) {
    Event e = EmptyEvent(t);
    for (const FieldSpec& f : EventFields(t)) {
      if (f.ref == nullptr) continue;
      FieldPtr p = f.ref(e);  // std::get throws on a body of another type
      switch (f.kind) {
        case FieldKind::kMoney:
        case FieldKind::kFen:
          EXPECT_TRUE(std::holds_alternative<Money*>(p)) << f.name;
          break;
        case FieldKind::kTimestamp:
          EXPECT_TRUE(std::holds_alternative<Timestamp*>(p)) << f.name;
          break;
        case FieldKind::kInt:
          EXPECT_TRUE(std::holds_alternative<int64_t*>(p)) << f.name;
          break;
        case FieldKind::kBool:
          EXPECT_TRUE(std::holds_alternative<bool*>(p)) << f.name;
          break;
        case FieldKind::kEnum:
          EXPECT_TRUE(std::holds_alternative<uint8_t*>(p)) << f.name;
          break;
        default:
          EXPECT_TRUE(std::holds_alternative<std::string*>(p)) << f.name;
          break;
      }
    }
  }
}

TEST(EventSchema, FieldNamesAreUniqueAndEnumsListTheirValues) {
  for (EventType t : kAllTypes) {
    std::set<std::string_view> names;
    for (const FieldSpec& f : EventFields(t)) {
      EXPECT_TRUE(names.insert(f.name).second) << EventTypeName(t) << "." << f.name;
      EXPECT_FALSE(f.doc.empty()) << f.name;
      EXPECT_EQ(f.kind == FieldKind::kEnum, !f.enum_values.empty()) << f.name;
    }
  }
}

TEST(EventSchema, AlternativesNameEachOther) {
  for (EventType t : kAllTypes) {
    for (const FieldSpec& f : EventFields(t)) {
      if (f.alternative.empty()) continue;
      const FieldSpec& other = Spec(t, f.alternative);
      EXPECT_EQ(other.alternative, f.name);
      EXPECT_EQ(other.required, f.required) << f.name;
    }
  }
}

TEST(EventSchema, CommonAndLabelTables) {
  ASSERT_EQ(CommonFields().size(), 3u);
  EXPECT_EQ(CommonFields()[0].name, "type");
  for (const FieldSpec& f : LabelFields()) {
    EXPECT_TRUE(f.name.starts_with("label.")) << f.name;
    EXPECT_FALSE(f.required) << f.name;
  }
}

TEST(EventSchema, TypeNamesRoundTripAndHaveDocs) {
  for (EventType t : kAllTypes) {
    EventType parsed = EventType::kCall;
    ASSERT_TRUE(ParseEventType(EventTypeName(t), parsed)) << EventTypeName(t);
    EXPECT_EQ(parsed, t);
    EXPECT_FALSE(EventTypeDoc(t).empty());
  }
  EventType unchanged = EventType::kSms;
  EXPECT_FALSE(ParseEventType("Call", unchanged));
  EXPECT_FALSE(ParseEventType("", unchanged));
  EXPECT_EQ(unchanged, EventType::kSms);
  EXPECT_EQ(EventTypeName(EventType::kAccountOpen), "account_open");
}

TEST(EventSchema, FieldKindNamesAreStable) {
  EXPECT_EQ(FieldKindName(FieldKind::kText), "text");
  EXPECT_EQ(FieldKindName(FieldKind::kPhone), "phone");
  EXPECT_EQ(FieldKindName(FieldKind::kPersonId), "person_id");
}

TEST(SetField, PhoneIsNormalizedToE164) {
  Event e = WithField(EventType::kCall, "caller", "+86 138-0013-8000");
  EXPECT_EQ(e.as<CallEvent>().caller, "8613800138000");
  e = WithField(EventType::kSms, "sender", "95588");
  EXPECT_EQ(e.as<SmsEvent>().sender, "8695588");
  EXPECT_EQ(SetFieldCode(EventType::kCall, "callee", "not a phone"), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kCall, "callee", "12345678901"), StatusCode::kInvalidArgument);
}

TEST(SetField, AccountStripsSpacesAndDashes) {
  Event e = WithField(EventType::kTransfer, "from_account", "6222 0202-0011 2233 445");
  EXPECT_EQ(e.as<TransferEvent>().from_account, "6222020200112233445");
  EXPECT_EQ(WithField(EventType::kTransfer, "to_account", "123456").as<TransferEvent>().to_account,
            "123456");
}

TEST(SetField, AccountRejectsLettersAndBadLengths) {
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "from_account", "6222abc0202"),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "from_account", "6222.0202.0011"),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "from_account", "12 345"),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "from_account", std::string(33, '1')),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "from_account", ""), StatusCode::kInvalidArgument);
}

TEST(SetField, MoneyParsesYuanText) {
  Event e = WithField(EventType::kTransfer, "amount", "¥1,234.50");
  EXPECT_EQ(e.as<TransferEvent>().amount.fen(), 123450);
  e = WithField(EventType::kReport, "loss", "30000元");
  EXPECT_EQ(e.as<ReportEvent>().loss.fen(), 3000000);
}

TEST(SetField, MoneyRejectsNegativeMalformedAndOverflowingAmounts) {
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "amount", "-5"), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "amount", "1.505"), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "amount", "lots"), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "amount", "92233720368547758.08"),
            StatusCode::kOutOfRange);
}

TEST(SetField, FenParsesIntegerFen) {
  Event e = WithField(EventType::kTransfer, "amount_fen", "123450");
  EXPECT_EQ(e.as<TransferEvent>().amount.fen(), 123450);
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "amount_fen", "1234.50"),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "amount_fen", "-1"), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "amount_fen", ""), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "amount_fen", "99999999999999999999"),
            StatusCode::kOutOfRange);
}

TEST(SetField, IntParsesNonNegativeIntegers) {
  Event e = WithField(EventType::kCall, "duration_s", "45");
  EXPECT_EQ(e.as<CallEvent>().duration_s, 45);
  EXPECT_EQ(SetFieldCode(EventType::kCall, "duration_s", "-3"), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kCall, "duration_s", "4.5"), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kCall, "duration_s", " 45"), StatusCode::kInvalidArgument);
}

TEST(SetField, BoolAcceptsTrueFalseOneZero) {
  EXPECT_TRUE(WithField(EventType::kCall, "answered", "true").as<CallEvent>().answered);
  EXPECT_TRUE(WithField(EventType::kCall, "answered", "1").as<CallEvent>().answered);
  Event e = EmptyEvent(EventType::kCall);
  e.as<CallEvent>().answered = true;
  ASSERT_TRUE(SetField(Spec(EventType::kCall, "answered"), e, "false").ok());
  EXPECT_FALSE(e.as<CallEvent>().answered);
  e.as<CallEvent>().answered = true;
  ASSERT_TRUE(SetField(Spec(EventType::kCall, "answered"), e, "0").ok());
  EXPECT_FALSE(e.as<CallEvent>().answered);
  EXPECT_EQ(SetFieldCode(EventType::kCall, "answered", "yes"), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kCall, "answered", "True"), StatusCode::kInvalidArgument);
  EXPECT_TRUE(WithField(EventType::kSms, "label.fraud", "true").label.fraud);
}

TEST(SetField, TimestampParsesEpochAndIso) {
  EXPECT_EQ(WithField(EventType::kCall, "ts", "1714537800000").ts.millis(), 1714537800000);
  EXPECT_EQ(WithField(EventType::kCall, "ts", "2024-05-01 12:30:00").ts.millis(), 1714537800000);
  EXPECT_EQ(SetFieldCode(EventType::kCall, "ts", "1969-12-31T00:00:00Z"), StatusCode::kOutOfRange);
  EXPECT_EQ(SetFieldCode(EventType::kCall, "ts", "soon"), StatusCode::kInvalidArgument);
}

TEST(SetField, EnumStoresIndexOfKnownValue) {
  EXPECT_EQ(WithField(EventType::kTransfer, "channel", "atm").as<TransferEvent>().channel,
            Channel::kAtm);
  EXPECT_EQ(WithField(EventType::kApp, "source", "sideload").as<AppEvent>().source,
            AppSource::kSideload);
  EXPECT_EQ(WithField(EventType::kApp, "action", "uninstall").as<AppEvent>().action,
            AppAction::kUninstall);
  EXPECT_EQ(WithField(EventType::kFeedback, "outcome", "already_lost").as<FeedbackEvent>().outcome,
            FeedbackOutcome::kAlreadyLost);
}

TEST(SetField, EnumUnknownValueIsInvalidArgumentListingChoices) {
  Event e = EmptyEvent(EventType::kTransfer);
  Status s = SetField(Spec(EventType::kTransfer, "channel"), e, "carrier_pigeon");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("carrier_pigeon"), std::string_view::npos) << s.message();
  EXPECT_NE(s.message().find("third_party"), std::string_view::npos) << s.message();
  EXPECT_EQ(SetFieldCode(EventType::kTransfer, "channel", "ATM"), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kFeedback, "outcome", ""), StatusCode::kInvalidArgument);
}

TEST(SetField, IdRejectsControlCharactersAndOverlongValues) {
  EXPECT_EQ(WithField(EventType::kCall, "id", "cdr-2024-000001").id, "cdr-2024-000001");
  EXPECT_EQ(WithField(EventType::kCall, "id", std::string(128, 'a')).id.size(), 128u);
  EXPECT_EQ(SetFieldCode(EventType::kCall, "id", std::string(129, 'a')),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kCall, "id", "a\tb"), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kCall, "id", std::string("a\0b", 3)),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kCall, "id", "a\x7f"), StatusCode::kInvalidArgument);
}

TEST(SetField, TextKeepsAnyUtf8) {
  const std::string body = "【中国银行】您的账户已冻结,请点击 http://x.cn\n回复TD退订";
  EXPECT_EQ(WithField(EventType::kSms, "text", body).as<SmsEvent>().text, body);
}

TEST(SetField, PersonIdIsValidatedAndUpperCased) {
  Event e = WithField(EventType::kAccountOpen, "person_id", "11010519491231002x");
  EXPECT_EQ(e.as<AccountOpenEvent>().person_id, "11010519491231002X");
  EXPECT_EQ(
      WithField(EventType::kSimOpen, "person_id", ValidPersonId()).as<SimOpenEvent>().person_id,
      ValidPersonId());
  EXPECT_EQ(SetFieldCode(EventType::kAccountOpen, "person_id", "110105194912310021"),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(SetFieldCode(EventType::kReport, "person_id", "12345"), StatusCode::kInvalidArgument);
}

TEST(FieldToText, WritesCanonicalText) {
  Event t = EmptyEvent(EventType::kTransfer);
  ASSERT_TRUE(SetField(Spec(EventType::kTransfer, "amount"), t, "¥1,234.50").ok());
  ASSERT_TRUE(SetField(Spec(EventType::kTransfer, "channel"), t, "third_party").ok());
  ASSERT_TRUE(SetField(Spec(EventType::kTransfer, "ts"), t, "2024-05-01T12:30:00+08:00").ok());
  EXPECT_EQ(Text(EventType::kTransfer, t, "amount"), "1234.50");
  EXPECT_EQ(Text(EventType::kTransfer, t, "amount_fen"), "123450");
  EXPECT_EQ(Text(EventType::kTransfer, t, "channel"), "third_party");
  EXPECT_EQ(Text(EventType::kTransfer, t, "ts"), "1714537800000");
  Event c = WithField(EventType::kCall, "answered", "1");
  EXPECT_EQ(Text(EventType::kCall, c, "answered"), "true");
}

TEST(FieldToText, AppendsToOutput) {
  Event c = WithField(EventType::kCall, "caller", "138 0013 8000");
  std::string out = "caller=";
  bool empty = true;
  FieldToText(Spec(EventType::kCall, "caller"), c, out, empty);
  EXPECT_EQ(out, "caller=8613800138000");
  EXPECT_FALSE(empty);
}

TEST(FieldToText, OptionalFieldsAtTheirDefaultAreEmpty) {
  for (EventType t : kAllTypes) {
    const Event e = EmptyEvent(t);
    for (const FieldSpec& f : EventFields(t)) {
      if (f.ref == nullptr || f.required) continue;
      std::string out;
      bool empty = false;
      FieldToText(f, e, out, empty);
      EXPECT_TRUE(empty) << EventTypeName(t) << "." << f.name << " = '" << out << "'";
    }
  }
  Event labelled = EmptyEvent(EventType::kCall);
  for (const FieldSpec& f : LabelFields()) {
    std::string out;
    bool empty = false;
    FieldToText(f, labelled, out, empty);
    EXPECT_TRUE(empty) << f.name;
  }
}

// Regression: writers omit empty fields and readers reject a missing required field, so
// a required field must never be reported empty. The feedback outcome "dissuaded" is
// enum index 0 and was reported empty, so it was dropped from JSON and CSV output.
TEST(FieldToText, RequiredFieldsAreNeverEmpty) {
  for (EventType t : kAllTypes) {
    const Event e = EmptyEvent(t);
    for (const FieldSpec& f : EventFields(t)) {
      if (f.ref == nullptr || !f.required) continue;
      std::string out;
      bool empty = true;
      FieldToText(f, e, out, empty);
      EXPECT_FALSE(empty) << EventTypeName(t) << "." << f.name;
    }
  }
  Event fb = WithField(EventType::kFeedback, "outcome", "dissuaded");
  std::string out;
  bool empty = true;
  FieldToText(Spec(EventType::kFeedback, "outcome"), fb, out, empty);
  EXPECT_EQ(out, "dissuaded");
  EXPECT_FALSE(empty);
}

// A valid, non-default text value for a field of `kind`.
std::string SampleValue(const FieldSpec& f) {
  switch (f.kind) {
    case FieldKind::kText:
      return "文本 text";
    case FieldKind::kId:
      return "id-42";
    case FieldKind::kPhone:
      return "+86 27 8888 6666";
    case FieldKind::kAccount:
      return "6222-0202-0011";
    case FieldKind::kMoney:
      return "¥1,234.56";
    case FieldKind::kFen:
      return "123456";
    case FieldKind::kInt:
      return "300";
    case FieldKind::kBool:
      return "1";
    case FieldKind::kTimestamp:
      return "2024-02-29T23:59:59.123Z";
    case FieldKind::kEnum:
      return std::string(f.enum_values.back());
    case FieldKind::kPersonId:
      return ValidPersonId();
  }
  return "";
}

TEST(FieldToText, RoundTripsThroughSetFieldForEveryField) {
  for (EventType t : kAllTypes) {
    std::vector<FieldSpec> fields(EventFields(t).begin(), EventFields(t).end());
    fields.insert(fields.end(), LabelFields().begin(), LabelFields().end());
    for (const FieldSpec& f : fields) {
      if (f.ref == nullptr) continue;
      SCOPED_TRACE(std::string(EventTypeName(t)) + "." + std::string(f.name));
      Event first = EmptyEvent(t);
      ASSERT_TRUE(SetField(f, first, SampleValue(f)).ok());
      std::string text;
      bool empty = true;
      FieldToText(f, first, text, empty);
      EXPECT_FALSE(empty);

      Event second = EmptyEvent(t);
      Status s = SetField(f, second, text);
      ASSERT_TRUE(s.ok()) << "'" << text << "': " << s.ToString();
      std::string again;
      FieldToText(f, second, again, empty);
      EXPECT_EQ(again, text);
    }
  }
}

TEST(Event, ResetClearsAndSwitchesBody) {
  Event e = WithField(EventType::kCall, "caller", "13800138000");
  e.id = "x";
  e.has_label = true;
  e.seq = 9;
  e.Reset(EventType::kCall);
  EXPECT_TRUE(e.as<CallEvent>().caller.empty());
  EXPECT_TRUE(e.id.empty());
  EXPECT_FALSE(e.has_label);
  EXPECT_EQ(e.seq, 0u);
  e.Reset(EventType::kReport);
  EXPECT_EQ(e.type, EventType::kReport);
  EXPECT_TRUE(std::holds_alternative<ReportEvent>(e.body));
}

TEST(Event, SubjectKeyIsTheEntityTheEventDescribes) {
  Event call = WithField(EventType::kCall, "caller", "13800138000");
  EXPECT_EQ(SubjectKey(call), "8613800138000");
  Event transfer = WithField(EventType::kTransfer, "from_account", "6222 0202 0011");
  EXPECT_EQ(SubjectKey(transfer), "622202020011");
  Event report = WithField(EventType::kReport, "account", "6222020200112233");
  EXPECT_EQ(SubjectKey(report), "6222020200112233");
  ASSERT_TRUE(SetField(Spec(EventType::kReport, "phone"), report, "13800138000").ok());
  EXPECT_EQ(SubjectKey(report), "8613800138000");
  ASSERT_TRUE(SetField(Spec(EventType::kReport, "person_id"), report, ValidPersonId()).ok());
  EXPECT_EQ(SubjectKey(report), ValidPersonId());
}

}  // namespace
}  // namespace wuzha
