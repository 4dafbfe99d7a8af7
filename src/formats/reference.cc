#include "formats/reference.h"

#include "core/event_schema.h"
#include "core/status.h"
#include "formats/csv.h"
#include "formats/jsonl.h"

namespace wuzha::formats {
namespace {

// One example per event type, in EventType order. Each must parse: the generator checks.
constexpr std::string_view kExamples[kEventTypeCount] = {
    R"({"type":"call","id":"cdr-1","ts":"2024-05-01T10:15:00+08:00","caller":"+86 170 1234 5678","callee":"138-0013-8000","duration_s":312,"caller_cell":"WH-0712","caller_imei":"861234567890123","label":{"fraud":true,"fraud_type":"冒充客服","gang":"g3","role":"caller"}})",
    R"({"type":"sms","ts":1714529700000,"sender":"8613800138000","receiver":"+8613912345678","text":"【京东金融】您的百万保障即将自动扣费，取消请联系 jd-kefu点com"})",
    R"({"type":"web","ts":1714529760000,"phone":"8613912345678","url":"http://jd-kefu.com/cancel","domain":"jd-kefu.com","ip":"203.0.113.7"})",
    R"({"type":"app","ts":1714529820000,"phone":"8613912345678","package":"com.yunzhan.safe","app_name":"云展会议","file_sha256":"9f2c5e0b4d1a7c3e8b6f0a2d4c6e8f1a3b5d7f9e1c3a5b7d9f1e3c5a7b9d1f3e","source":"link"})",
    R"({"type":"transfer","id":"T20240501-0001","ts":"2024-05-01 10:21:05","from_account":"6222 0212 3456 7890 123","to_account":"6217002870012345678","amount":"¥49,800.00","channel":"mobile","from_bank":"ICBC","to_bank":"CCB","payer_phone":"13912345678","device":"IMEI-861234","memo":"保证金"})",
    R"({"type":"account_open","ts":"2024-04-20T09:00:00+08:00","account":"6217002870012345678","person_id":"420102199003071232","name":"张伟","phone":"13800138000","bank":"CCB","outlet":"CCB-WH-031","account_type":"debit"})",
    R"({"type":"sim_open","ts":"2024-04-18T15:30:00+08:00","phone":"17012345678","person_id":"420102199003071232","carrier":"CUCC-MVNO","outlet":"CT-WH-118","iccid":"89860012345678901234"})",
    R"({"type":"report","id":"JQ-2024-0501-17","ts":"2024-05-01T16:02:00+08:00","phone":"13912345678","account":"6222021234567890123","fraud_type":"冒充客服","loss_fen":4980000,"fraud_ts":"2024-05-01T10:21:05+08:00","community":"420102003001","station":"WH-PS-0203"})",
    R"({"type":"feedback","ts":"2024-05-01T11:05:00+08:00","warning_id":"W-000123","officer_id":"P-4021","outcome":"dissuaded","note":"已上门劝阻，未转账"})",
};

std::string RequiredText(const FieldSpec& spec) {
  if (spec.name == "type") return "yes";
  if (!spec.required) return "";
  if (!spec.alternative.empty()) return "yes, or `" + std::string(spec.alternative) + "`";
  return "yes";
}

void AppendFieldTable(std::span<const FieldSpec> fields, std::string& out) {
  out += "| field | kind | required | meaning |\n|---|---|---|---|\n";
  for (const FieldSpec& f : fields) {
    out += "| `" + std::string(f.name) + "` | " + std::string(FieldKindName(f.kind)) + " | " +
           RequiredText(f) + " | " + std::string(f.doc) + " |\n";
  }
}

}  // namespace

std::string FormatReferenceMarkdown() {
  std::string out;
  JsonlParser parser;
  Event event;
  RecordError error;
  out += "### Fields every event has\n\n";
  AppendFieldTable(CommonFields(), out);
  out += "\n### Label (ground truth, optional)\n\nIn JSON Lines a nested object `label` with "
         "the keys below without the `label.` prefix; in CSV, columns named `label.fraud` ...\n\n";
  AppendFieldTable(LabelFields(), out);
  for (int t = 0; t < kEventTypeCount; ++t) {
    EventType type = static_cast<EventType>(t);
    out += "\n### `" + std::string(EventTypeName(type)) + "`: " + std::string(EventTypeDoc(type)) + "\n\n";
    auto fields = EventFields(type);
    AppendFieldTable(fields.subspan(CommonFields().size()), out);
    out += "\nJSON Lines, as a source may write it:\n\n```json\n" + std::string(kExamples[t]) + "\n```\n";
    bool ok = parser.ParseCopy(kExamples[t], event, error);
    WUZHA_CHECK(ok);  // an example that does not parse is a bug in this file
    std::string canonical;
    AppendEventJson(event, canonical);
    out += "\nThe same event as wuzha writes it (canonical JSON):\n\n```json\n" + canonical + "\n```\n";
    std::string row;
    AppendEventCsv(event, row);
    out += "\nCSV:\n\n```csv\n" + CsvHeader(type) + "\n" + row + "\n```\n";
  }
  return out;
}

}  // namespace wuzha::formats
