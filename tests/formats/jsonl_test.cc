#include "formats/jsonl.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/event.h"
#include "formats/record_error.h"
#include "sim/traffic.h"

namespace wuzha::formats {
namespace {

using ::testing::HasSubstr;

// 2024-05-01T10:15:00+08:00 in epoch milliseconds.
constexpr int64_t kMay1At1015 = 1714529700000;

class JsonlParse : public ::testing::Test {
 protected:
  // Parses `line`; fails the test when it is refused.
  const Event& Accept(std::string_view line) {
    EXPECT_TRUE(parser_.ParseCopy(line, event_, error_))
        << line << "\n  refused: " << ReasonName(error_.reason) << " field '" << error_.field
        << "': " << error_.message;
    return event_;
  }

  // Parses `line`, expecting it refused for `reason` naming `field`; returns the error.
  const RecordError& Refuse(std::string_view line, Reason reason, std::string_view field) {
    error_ = RecordError();
    bool ok = parser_.ParseCopy(line, event_, error_);
    EXPECT_FALSE(ok) << line << "\n  was accepted";
    EXPECT_EQ(ReasonName(error_.reason), ReasonName(reason)) << line << "\n  " << error_.message;
    EXPECT_EQ(error_.field, field) << line << "\n  " << error_.message;
    EXPECT_FALSE(error_.message.empty()) << line;
    return error_;
  }

  std::string Canonical(std::string_view line) {
    std::string out;
    AppendEventJson(Accept(line), out);
    return out;
  }

  JsonlParser parser_;
  Event event_;
  RecordError error_;
};

// ---- every event type -------------------------------------------------------------------

TEST_F(JsonlParse, ParsesCallWithPhonesNormalizedAndLabel) {
  const Event& e = Accept(
      R"({"type":"call","id":"cdr-1","ts":"2024-05-01T10:15:00+08:00","caller":"+86 170 1234 5678",)"
      R"("callee":"138-0013-8000","duration_s":312,"caller_cell":"WH-0712",)"
      R"("caller_imei":"861234567890123","label":{"fraud":true,"fraud_type":"冒充客服","gang":"g3","role":"caller"}})");
  ASSERT_EQ(e.type, EventType::kCall);
  EXPECT_EQ(e.id, "cdr-1");
  EXPECT_EQ(e.ts.millis(), kMay1At1015);
  const auto& c = e.as<CallEvent>();
  EXPECT_EQ(c.caller, "8617012345678");
  EXPECT_EQ(c.callee, "8613800138000");
  EXPECT_EQ(c.duration_s, 312);
  EXPECT_TRUE(c.answered) << "talk time implies answered";
  EXPECT_EQ(c.caller_cell, "WH-0712");
  EXPECT_EQ(c.caller_imei, "861234567890123");
  ASSERT_TRUE(e.has_label);
  EXPECT_TRUE(e.label.fraud);
  EXPECT_EQ(e.label.fraud_type, "冒充客服");
  EXPECT_EQ(e.label.gang, "g3");
  EXPECT_EQ(e.label.role, "caller");
}

TEST_F(JsonlParse, ParsesSmsWithChineseTextAndServiceSender) {
  const Event& e =
      Accept(R"({"type":"sms","ts":1714529700000,"sender":"95588","receiver":"+8613912345678",)"
             R"("text":"【京东金融】您的百万保障即将自动扣费\n取消请联系 \"客服\""})");
  ASSERT_EQ(e.type, EventType::kSms);
  EXPECT_EQ(e.ts.millis(), kMay1At1015);
  const auto& s = e.as<SmsEvent>();
  EXPECT_EQ(s.sender, "8695588");
  EXPECT_EQ(s.receiver, "8613912345678");
  EXPECT_EQ(s.text, "【京东金融】您的百万保障即将自动扣费\n取消请联系 \"客服\"");
  EXPECT_FALSE(e.has_label);
}

TEST_F(JsonlParse, ParsesWeb) {
  const Event& e = Accept(
      R"({"type":"web","ts":1714529760000,"phone":"13912345678","url":"http://jd-kefu.com/cancel",)"
      R"("domain":"jd-kefu.com","ip":"203.0.113.7","cell":"WH-1","device":"IMEI-1"})");
  ASSERT_EQ(e.type, EventType::kWeb);
  const auto& w = e.as<WebEvent>();
  EXPECT_EQ(w.phone, "8613912345678");
  EXPECT_EQ(w.url, "http://jd-kefu.com/cancel");
  EXPECT_EQ(w.domain, "jd-kefu.com");
  EXPECT_EQ(w.ip, "203.0.113.7");
  EXPECT_EQ(w.cell, "WH-1");
  EXPECT_EQ(w.device, "IMEI-1");
}

TEST_F(JsonlParse, ParsesAppWithEnumsAndDefaults) {
  const Event& e = Accept(
      R"({"type":"app","ts":1714529820000,"phone":"13912345678","package":"com.yunzhan.safe",)"
      R"("app_name":"云展会议","file_sha256":"9f2c","source":"link"})");
  ASSERT_EQ(e.type, EventType::kApp);
  const auto& a = e.as<AppEvent>();
  EXPECT_EQ(a.package, "com.yunzhan.safe");
  EXPECT_EQ(a.app_name, "云展会议");
  EXPECT_EQ(a.file_sha256, "9f2c");
  EXPECT_EQ(a.source, AppSource::kLink);
  EXPECT_EQ(a.action, AppAction::kInstall) << "install is the default action";

  const Event& u =
      Accept(R"({"type":"app","ts":1,"phone":"13912345678","package":"p","action":"uninstall"})");
  EXPECT_EQ(u.as<AppEvent>().action, AppAction::kUninstall);
  EXPECT_EQ(u.as<AppEvent>().source, AppSource::kUnknown);
}

TEST_F(JsonlParse, ParsesTransferWithAccountSeparatorsDropped) {
  const Event& e = Accept(
      R"({"type":"transfer","id":"T20240501-0001","ts":"2024-05-01 10:21:05",)"
      R"("from_account":"6222 0212 3456 7890 123","to_account":"6217-0028-7001-2345-678",)"
      R"("amount":"¥49,800.00","channel":"online","from_bank":"ICBC","to_bank":"CCB",)"
      R"("from_name":"张伟","to_name":"李娜","payer_phone":"13912345678","device":"IMEI-861234",)"
      R"("ip":"10.0.0.1","outlet":"O-1","memo":"保证金"})");
  ASSERT_EQ(e.type, EventType::kTransfer);
  EXPECT_EQ(e.ts.millis(), kMay1At1015 + 6 * 60000 + 5000) << "no offset: Shanghai time";
  const auto& t = e.as<TransferEvent>();
  EXPECT_EQ(t.from_account, "6222021234567890123");
  EXPECT_EQ(t.to_account, "6217002870012345678");
  EXPECT_EQ(t.amount.fen(), 4980000);
  EXPECT_EQ(t.channel, Channel::kOnline);
  EXPECT_EQ(t.from_bank, "ICBC");
  EXPECT_EQ(t.to_bank, "CCB");
  EXPECT_EQ(t.from_name, "张伟");
  EXPECT_EQ(t.to_name, "李娜");
  EXPECT_EQ(t.payer_phone, "8613912345678");
  EXPECT_EQ(t.device, "IMEI-861234");
  EXPECT_EQ(t.ip, "10.0.0.1");
  EXPECT_EQ(t.outlet, "O-1");
  EXPECT_EQ(t.memo, "保证金");
}

TEST_F(JsonlParse, ParsesCashWithdrawalWithoutPayee) {
  const Event& e =
      Accept(R"({"type":"transfer","ts":1,"from_account":"6222021234567890123","amount_fen":50000,)"
             R"("channel":"atm","outlet":"ATM-7"})");
  EXPECT_TRUE(e.as<TransferEvent>().to_account.empty());
  EXPECT_EQ(e.as<TransferEvent>().channel, Channel::kAtm);
}

TEST_F(JsonlParse, ParsesAccountOpen) {
  const Event& e = Accept(
      R"({"type":"account_open","ts":"2024-04-20T09:00:00+08:00","account":"6217002870012345678",)"
      R"("person_id":"420102199003071232","name":"张伟","phone":"13800138000","bank":"CCB",)"
      R"("outlet":"CCB-WH-031","account_type":"debit"})");
  ASSERT_EQ(e.type, EventType::kAccountOpen);
  const auto& a = e.as<AccountOpenEvent>();
  EXPECT_EQ(a.account, "6217002870012345678");
  EXPECT_EQ(a.person_id, "420102199003071232");
  EXPECT_EQ(a.name, "张伟");
  EXPECT_EQ(a.phone, "8613800138000");
  EXPECT_EQ(a.bank, "CCB");
  EXPECT_EQ(a.outlet, "CCB-WH-031");
  EXPECT_EQ(a.account_type, "debit");
}

TEST_F(JsonlParse, ParsesSimOpenAsVirtualOperatorNumber) {
  const Event& e =
      Accept(R"({"type":"sim_open","ts":"2024-04-18T15:30:00+08:00","phone":"17012345678",)"
             R"("person_id":"420102199003071232","carrier":"CUCC-MVNO","outlet":"CT-WH-118",)"
             R"("iccid":"89860012345678901234"})");
  ASSERT_EQ(e.type, EventType::kSimOpen);
  const auto& s = e.as<SimOpenEvent>();
  EXPECT_EQ(s.phone, "8617012345678");
  EXPECT_EQ(s.person_id, "420102199003071232");
  EXPECT_EQ(s.carrier, "CUCC-MVNO");
  EXPECT_EQ(s.outlet, "CT-WH-118");
  EXPECT_EQ(s.iccid, "89860012345678901234");
}

TEST_F(JsonlParse, ParsesReportWithLossAndFraudTime) {
  const Event& e = Accept(
      R"({"type":"report","id":"JQ-17","ts":"2024-05-01T16:02:00+08:00","phone":"13912345678",)"
      R"("account":"6222021234567890123","fraud_type":"冒充客服","loss_fen":4980000,)"
      R"("fraud_ts":"2024-05-01T10:15:00+08:00","community":"420102003001","station":"WH-PS-0203"})");
  ASSERT_EQ(e.type, EventType::kReport);
  const auto& r = e.as<ReportEvent>();
  EXPECT_EQ(r.phone, "8613912345678");
  EXPECT_EQ(r.account, "6222021234567890123");
  EXPECT_EQ(r.fraud_type, "冒充客服");
  EXPECT_EQ(r.loss.fen(), 4980000);
  EXPECT_EQ(r.fraud_ts.millis(), kMay1At1015);
  EXPECT_EQ(r.community, "420102003001");
  EXPECT_EQ(r.station, "WH-PS-0203");
}

TEST_F(JsonlParse, ParsesFeedbackOutcome) {
  const Event& e =
      Accept(R"({"type":"feedback","ts":"2024-05-01T11:05:00+08:00","warning_id":"W-000123",)"
             R"("officer_id":"P-4021","outcome":"dissuaded","note":"已上门劝阻，未转账"})");
  ASSERT_EQ(e.type, EventType::kFeedback);
  const auto& f = e.as<FeedbackEvent>();
  EXPECT_EQ(f.warning_id, "W-000123");
  EXPECT_EQ(f.officer_id, "P-4021");
  EXPECT_EQ(f.outcome, FeedbackOutcome::kDissuaded);
  EXPECT_EQ(f.note, "已上门劝阻，未转账");
}

TEST_F(JsonlParse, AcceptsTypeAfterTheOtherFields) {
  const Event& e =
      Accept(R"({"ts":5,"caller":"13800138000","callee":"13912345678","type":"call"})");
  EXPECT_EQ(e.type, EventType::kCall);
  EXPECT_EQ(e.as<CallEvent>().caller, "8613800138000");
}

TEST_F(JsonlParse, ReusesOneEventAcrossTypesWithoutLeakingFields) {
  Accept(R"({"type":"call","id":"a","ts":1,"caller":"13800138000","callee":"13912345678",)"
         R"("label":{"fraud":true}})");
  const Event& e =
      Accept(R"({"type":"call","ts":2,"caller":"13800138000","callee":"13912345678"})");
  EXPECT_TRUE(e.id.empty());
  EXPECT_FALSE(e.has_label);
  EXPECT_FALSE(e.label.fraud);
}

// ---- canonical output -------------------------------------------------------------------

TEST_F(JsonlParse, CanonicalFormUsesFenEpochMsAndOmitsDefaults) {
  EXPECT_EQ(Canonical(R"({"type":"transfer","ts":"2024-05-01T10:15:00+08:00",)"
                      R"("from_account":"6222021234567890123","to_account":"6217002870012345678",)"
                      R"("amount":"¥1,234.50","channel":"mobile","memo":null})"),
            R"({"type":"transfer","ts":1714529700000,"from_account":"6222021234567890123",)"
            R"("to_account":"6217002870012345678","amount_fen":123450})");
}

TEST_F(JsonlParse, CanonicalFormNestsLabelAndEscapesText) {
  EXPECT_EQ(Canonical(R"({"type":"sms","ts":0,"sender":"95588","receiver":"13800138000",)"
                      R"("text":"a\"b\\c\n\u0001","label":{"gang":"g1","fraud":true}})"),
            R"({"type":"sms","ts":0,"sender":"8695588","receiver":"8613800138000",)"
            R"("text":"a\"b\\c\n\u0001","label":{"fraud":true,"gang":"g1"}})");
}

// Regression (found by jsonl_fuzz): a label saying "not fraud" was written as "label":{},
// which reads back as no label at all.
TEST_F(JsonlParse, CanonicalFormKeepsALabelThatSaysNotFraud) {
  const std::string canonical = Canonical(
      R"({"type":"feedback","ts":1,"warning_id":"W1","outcome":"refused","label":{"fraud":false}})");
  EXPECT_EQ(
      canonical,
      R"({"type":"feedback","ts":1,"warning_id":"W1","outcome":"refused","label":{"fraud":false}})");
  EXPECT_TRUE(event_.has_label);
  EXPECT_EQ(Canonical(canonical), canonical);
  EXPECT_TRUE(event_.has_label);
}

TEST_F(JsonlParse, CanonicalFormKeepsRequiredFieldsAtTheirDefault) {
  // dissuaded is enum index 0 and an SMS text may be empty, but both are required.
  EXPECT_EQ(Canonical(R"({"type":"feedback","ts":1,"warning_id":"W1","outcome":"dissuaded"})"),
            R"({"type":"feedback","ts":1,"warning_id":"W1","outcome":"dissuaded"})");
}

// A foreign number is written with its '+' (else it would read back as a Chinese mobile),
// a service number as its bare digits; both must parse back to the same number.
TEST_F(JsonlParse, CanonicalPhonesParseBackToTheSameNumber) {
  const std::string canonical =
      Canonical(R"({"type":"call","ts":1,"caller":"+1 415 555 2671","callee":"95588"})");
  EXPECT_EQ(canonical, R"({"type":"call","ts":1,"caller":"+14155552671","callee":"8695588"})");
  EXPECT_EQ(Canonical(canonical), canonical);
  EXPECT_EQ(event_.as<CallEvent>().caller, "14155552671");
  EXPECT_EQ(event_.as<CallEvent>().callee, "8695588");
  // Regression (found by phone_fuzz): a 20-digit SMS gateway port did not read back from
  // its 22 E.164 digits.
  const std::string sms = Canonical(
      R"({"type":"sms","ts":1,"sender":"10690955551155519965","receiver":"110","text":"x"})");
  EXPECT_EQ(sms, R"({"type":"sms","ts":1,"sender":"8610690955551155519965","receiver":"86110",)"
                 R"("text":"x"})");
  EXPECT_EQ(Canonical(sms), sms);
}

TEST(JsonlRoundTrip, CanonicalTextReparsesToTheSameEventForTenThousandSimulatedEvents) {
  sim::TrafficOptions options;
  options.seed = 42;
  options.subscribers = 5000;
  sim::RandomTraffic traffic(options);
  JsonlParser parser;
  Event original, parsed;
  RecordError error;
  std::string first, second;
  int per_type[kEventTypeCount] = {};
  for (int i = 0; i < 10000; ++i) {
    traffic.Next(original);
    ++per_type[static_cast<int>(original.type)];
    first.clear();
    AppendEventJson(original, first);
    ASSERT_TRUE(parser.ParseCopy(first, parsed, error))
        << "event " << i << ": " << first << "\n  refused: " << ReasonName(error.reason)
        << " field '" << error.field << "': " << error.message;
    second.clear();
    AppendEventJson(parsed, second);
    ASSERT_EQ(second, first) << "event " << i;
  }
  // The sample covers the common types; the rare ones are covered above.
  for (EventType t : {EventType::kCall, EventType::kSms, EventType::kWeb, EventType::kApp,
                      EventType::kTransfer}) {
    EXPECT_GT(per_type[static_cast<int>(t)], 0) << EventTypeName(t);
  }
}

// Parse takes a fast path (DOM) for common lines and falls back to the exact path; the
// two must agree on every line, accepted or refused.
TEST(JsonlPaths, FastAndExactPathsAgreeOnSimulatedAndTrickyLines) {
  std::vector<std::string> lines = {
      R"({"type":"transfer","ts":1,"from_account":"622202123456","to_account":"621700123456","amount":1234.5})",
      R"({"type":"transfer","ts":1,"from_account":"622202123456","to_account":"621700123456","amount_fen":-5})",
      R"({"ts":1,"caller":"13800138000","callee":"13912345678","type":"call"})",
      R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678","label":null})",
      R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678","label":"x"})",
      R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678","label":{"score":0.5}})",
      R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678","extra":{"a":[1,2]}})",
      R"({"type":"call","ts":1,"caller":{"a":1},"callee":"13912345678"})",
      R"({"type":"call","type":"sms","ts":1})",
      R"({"type":"nosuch","ts":1})",
      R"({"type":"sms","ts":1,"sender":"95588","receiver":"13800138000","text":"a\"b\u4e2d"})",
      R"({"type":"call","ts":18446744073709551615,"caller":"13800138000","callee":"13912345678"})",
      R"({"type":"call","ts":1,"caller":13800138000,"callee":"13912345678","duration_s":true})",
      R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678"} x)",
      // Found by jsonl_fuzz: -0 and 0 are one DOM integer but different text.
      R"({"type":"web","label.fraud":-0,"ts":1,"url":"x","phone":"13800138000"})",
      R"({"type":"call","ts":-0,"caller":"13800138000","callee":"13912345678"})",
  };
  sim::TrafficOptions options;
  options.seed = 9;
  sim::RandomTraffic traffic(options);
  Event e;
  for (int i = 0; i < 5000; ++i) {
    traffic.Next(e);
    lines.emplace_back();
    AppendEventJson(e, lines.back());
  }
  JsonlParser fast, exact;
  Event a, b;
  for (const std::string& line : lines) {
    RecordError ea, eb;
    std::string padded = line + std::string(64, ' ');
    bool ok_a = fast.Parse(std::string_view(padded.data(), line.size()), padded.size(), a, ea);
    bool ok_b = exact.ParseExact(std::string_view(padded.data(), line.size()), padded.size(), b, eb);
    ASSERT_EQ(ok_a, ok_b) << line;
    if (ok_a) {
      std::string ta, tb;
      AppendEventJson(a, ta);
      AppendEventJson(b, tb);
      EXPECT_EQ(ta, tb) << line;
    } else {
      EXPECT_EQ(ReasonName(ea.reason), ReasonName(eb.reason)) << line;
      EXPECT_EQ(ea.field, eb.field) << line;
    }
  }
  EXPECT_EQ(fast.unknown_fields(), exact.unknown_fields());
}

// ---- money ------------------------------------------------------------------------------

TEST_F(JsonlParse, AmountIsExactAsYuanTextAsJsonNumberAndAsFen) {
  const std::string head = R"({"type":"transfer","ts":1,"from_account":"6222021234567890123",)"
                           R"("to_account":"6217002870012345678",)";
  EXPECT_EQ(Accept(head + R"("amount":"¥1,234.50"})").as<TransferEvent>().amount.fen(), 123450);
  EXPECT_EQ(Accept(head + R"("amount":1234.5})").as<TransferEvent>().amount.fen(), 123450);
  EXPECT_EQ(Accept(head + R"("amount_fen":123450})").as<TransferEvent>().amount.fen(), 123450);
  // Through a double these would come out 0.29 → 28 fen and off by hundreds of fen.
  EXPECT_EQ(Accept(head + R"("amount":0.29})").as<TransferEvent>().amount.fen(), 29);
  EXPECT_EQ(Accept(head + R"("amount":92233720368547758.07})").as<TransferEvent>().amount.fen(),
            INT64_MAX);
  EXPECT_EQ(Accept(head + R"("amount_fen":"123450"})").as<TransferEvent>().amount.fen(), 123450);
}

// ---- refusals ---------------------------------------------------------------------------

// Type-first lines are applied as they are read; a broken line must still be malformed,
// not "unknown type", when its type is unknown too. Regression from the demo's damage.
TEST_F(JsonlParse, BrokenLineWithUnknownTypeIsMalformedNotUnknownType) {
  Refuse(R"({"type":"?","call","id":"e1","ts":1})", Reason::kMalformed, "");
  Refuse(R"({"type":"nosuch","ts":1,"caller":{"a":[1,}})", Reason::kMalformed, "caller");
  Refuse(R"({"type":"nosuch","ts":1,"caller":"x"})", Reason::kUnknownType, "type");
}

TEST_F(JsonlParse, RefusesTextThatIsNotAJsonObjectAsMalformed) {
  Refuse("not json", Reason::kMalformed, "");
  Refuse(R"({"type":"call","ts":1,"caller":"13800138000")", Reason::kMalformed, "");
  Refuse(R"({"type":"call","ts":1,"caller":"138001)", Reason::kMalformed, "");
  Refuse(R"([{"type":"call"}])", Reason::kMalformed, "");
  Refuse(R"("call")", Reason::kMalformed, "");
  Refuse(R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678"} x)",
         Reason::kMalformed, "");
  Refuse(R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678"}{})",
         Reason::kMalformed, "");
}

// Regression: numbers and nulls were taken by their first character, so 12abc was read
// as the text "12abc" and nul as null.
TEST_F(JsonlParse, RefusesBrokenJsonScalarsAsMalformedNamingTheField) {
  const std::string sms = R"({"type":"sms","ts":1,"sender":"95588","receiver":"13800138000",)";
  Refuse(sms + R"("text":12abc})", Reason::kMalformed, "text");
  Refuse(sms + R"("text":-})", Reason::kMalformed, "text");
  Refuse(sms + R"("text":"x","duration":01})", Reason::kMalformed, "duration");
  Refuse(sms + R"("text":"x","id":nul})", Reason::kMalformed, "id");
  Refuse(sms + R"("text":"x","label":{"fraud":tru}})", Reason::kMalformed, "label.fraud");
  Refuse(sms + R"("text":"x","extra":[1,}})", Reason::kMalformed, "extra");
  Refuse(sms + R"("text":"\ud800"})", Reason::kMalformed, "text");
}

TEST_F(JsonlParse, RefusesGbkLineAsBadEncodingWithAHintToConvert) {
  // "你好" in GBK is C4 E3 BA C3: not UTF-8.
  const RecordError& e = Refuse(
      "{\"type\":\"sms\",\"ts\":1,\"sender\":\"95588\",\"receiver\":\"13800138000\","
      "\"text\":\"\xC4\xE3\xBA\xC3\"}",
      Reason::kBadEncoding, "");
  EXPECT_THAT(e.message, HasSubstr("GBK"));
  EXPECT_THAT(e.message, HasSubstr("iconv"));
}

TEST_F(JsonlParse, RefusesObjectWithoutTypeAsMissingType) {
  Refuse(R"({"ts":1,"caller":"13800138000","callee":"13912345678"})", Reason::kMissingType, "type");
  Refuse(R"({"type":null,"ts":1})", Reason::kMissingType, "type");
}

TEST_F(JsonlParse, RefusesUnknownTypeNamingIt) {
  const RecordError& e = Refuse(R"({"type":"fax","ts":1})", Reason::kUnknownType, "type");
  EXPECT_THAT(e.message, HasSubstr("'fax'"));
  Refuse(R"({"type":"Call","ts":1})", Reason::kUnknownType, "type");
}

TEST_F(JsonlParse, RefusesTransferWithoutPayerAccountAsMissingField) {
  const RecordError& e =
      Refuse(R"({"type":"transfer","ts":1,"to_account":"6217002870012345678","amount_fen":100})",
             Reason::kMissingField, "from_account");
  EXPECT_THAT(e.message, HasSubstr("missing"));
}

TEST_F(JsonlParse, RefusesTransferWithoutAmountNamingTheAlternative) {
  const RecordError& e = Refuse(R"({"type":"transfer","ts":1,"from_account":"6222021234567890123",)"
                                R"("to_account":"6217002870012345678"})",
                                Reason::kMissingField, "amount_fen");
  EXPECT_THAT(e.message, HasSubstr("or give amount"));
}

TEST_F(JsonlParse, RefusesMissingTimestampAndEmptyRequiredString) {
  Refuse(R"({"type":"call","caller":"13800138000","callee":"13912345678"})", Reason::kMissingField,
         "ts");
  Refuse(R"({"type":"call","ts":1,"caller":"","callee":"13912345678"})", Reason::kMissingField,
         "caller");
}

TEST_F(JsonlParse, RefusesTransferToNobodyUnlessItIsCash) {
  const RecordError& e =
      Refuse(R"({"type":"transfer","ts":1,"from_account":"6222021234567890123","amount_fen":100})",
             Reason::kMissingField, "to_account");
  EXPECT_THAT(e.message, HasSubstr("atm or counter"));
}

TEST_F(JsonlParse, RefusesInvalidValuesNamingTheField) {
  const std::string transfer = R"({"type":"transfer","ts":1,"from_account":"6222021234567890123",)"
                               R"("to_account":"6217002870012345678",)";
  Refuse(R"({"type":"call","ts":1,"caller":"1380013800","callee":"13912345678"})",
         Reason::kInvalidValue, "caller");
  Refuse(R"({"type":"call","ts":1,"caller":"138-ABCD-8000","callee":"13912345678"})",
         Reason::kInvalidValue, "caller");
  Refuse(transfer + R"("amount":"12.345"})", Reason::kInvalidValue, "amount");
  Refuse(transfer + R"("amount":"1,23.00"})", Reason::kInvalidValue, "amount");
  Refuse(transfer + R"("amount":"-5"})", Reason::kInvalidValue, "amount");
  Refuse(transfer + R"("amount_fen":12.5})", Reason::kInvalidValue, "amount_fen");
  Refuse(transfer + R"("amount_fen":0})", Reason::kInvalidValue, "amount_fen");
  Refuse(transfer + R"("amount_fen":100,"channel":"pigeon"})", Reason::kInvalidValue, "channel");
  Refuse(R"({"type":"call","ts":"yesterday","caller":"13800138000","callee":"13912345678"})",
         Reason::kInvalidValue, "ts");
  Refuse(R"({"type":"call","ts":"2024-02-30","caller":"13800138000","callee":"13912345678"})",
         Reason::kInvalidValue, "ts");
  // Regression: a negative offset pushed 9999-12-31 into year 10000, which was accepted
  // but written back as epoch milliseconds that do not parse.
  Refuse(R"({"type":"call","ts":"9999-12-31T23:59:59.999-14:00","caller":"13800138000",)"
         R"("callee":"13912345678"})",
         Reason::kInvalidValue, "ts");
  Refuse(R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678","answered":"yes"})",
         Reason::kInvalidValue, "answered");
  Refuse(R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678","duration_s":-1})",
         Reason::kInvalidValue, "duration_s");
}

TEST_F(JsonlParse, RefusesPersonIdWithWrongCheckDigit) {
  const RecordError& e =
      Refuse(R"({"type":"sim_open","ts":1,"phone":"17012345678","person_id":"420102199003071233",)"
             R"("outlet":"CT-1"})",
             Reason::kInvalidValue, "person_id");
  EXPECT_THAT(e.message, HasSubstr("check digit"));
}

TEST_F(JsonlParse, RefusesObjectOrArrayWhereAScalarBelongsAsWrongType) {
  Refuse(R"({"type":"call","ts":1,"caller":{"number":"13800138000"},"callee":"13912345678"})",
         Reason::kWrongType, "caller");
  Refuse(R"({"type":"call","ts":1,"caller":["13800138000"],"callee":"13912345678"})",
         Reason::kWrongType, "caller");
  Refuse(R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678","label":"fraud"})",
         Reason::kWrongType, "label");
  Refuse(R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678",)"
         R"("label":{"gang":{"id":"g1"}}})",
         Reason::kWrongType, "label.gang");
}

TEST_F(JsonlParse, RefusesInvalidLabelValueNamingTheLabelField) {
  Refuse(R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678",)"
         R"("label":{"fraud":"maybe"}})",
         Reason::kInvalidValue, "label.fraud");
}

// ---- null and unknown fields ------------------------------------------------------------

TEST_F(JsonlParse, TreatsNullAsAbsent) {
  const Event& e =
      Accept(R"({"type":"transfer","id":null,"ts":1,"from_account":"6222021234567890123",)"
             R"("to_account":null,"amount_fen":100,"channel":"counter","memo":null,"label":null})");
  EXPECT_TRUE(e.id.empty());
  EXPECT_TRUE(e.as<TransferEvent>().to_account.empty());
  EXPECT_FALSE(e.has_label);
  Refuse(R"({"type":"call","ts":1,"caller":null,"callee":"13912345678"})", Reason::kMissingField,
         "caller");
}

// Regression: an unknown field holding an object or array was refused as wrong_type.
TEST_F(JsonlParse, CountsUnknownFieldsAndIgnoresThem) {
  const std::string line = R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678",)"
                           R"("operator":"CMCC","extra":{"nested":[1,2]},"label":{"score":0.9}})";
  const Event& e = Accept(line);
  EXPECT_EQ(e.as<CallEvent>().caller, "8613800138000");
  Accept(R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678","operator":"CU"})");
  Accept(R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678",)"
         R"("meta":[{"a":[true,false,null,-1.5e3,"s"]},[]],"label":{"extra":{"k":1}}})");
  const auto& unknown = parser_.unknown_fields();
  EXPECT_EQ(unknown.at("extra"), 1u);
  EXPECT_EQ(unknown.at("meta"), 1u);
  EXPECT_EQ(unknown.at("label.extra"), 1u);
  ASSERT_EQ(unknown.count("operator"), 1u);
  EXPECT_EQ(unknown.at("operator"), 2u);
  EXPECT_EQ(unknown.count("label.score"), 1u);
}

// ---- helpers ----------------------------------------------------------------------------

TEST(AppendJsonString, EscapesControlCharactersAndReplacesInvalidUtf8) {
  std::string out;
  AppendJsonString("a\"\\\n\r\t\x01\x7f张\xC4\xE3", out);
  EXPECT_EQ(out, "\"a\\\"\\\\\\n\\r\\t\\u0001\x7f张\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(IsValidUtf8, AcceptsUtf8AndRefusesGbk) {
  EXPECT_TRUE(IsValidUtf8("你好 ascii"));
  EXPECT_FALSE(IsValidUtf8("\xC4\xE3\xBA\xC3"));
}

}  // namespace
}  // namespace wuzha::formats
