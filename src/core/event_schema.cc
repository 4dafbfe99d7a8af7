#include "core/event_schema.h"

#include <array>
#include <charconv>
#include <vector>

#include "core/phone.h"

namespace wuzha {
namespace {

// Shorthand for a field accessor: FIELD(CallEvent, caller).
#define WUZHA_FIELD(Body, member) \
  [](Event& e) -> FieldPtr { return &e.as<Body>().member; }
#define WUZHA_ENUM_FIELD(Body, member) \
  [](Event& e) -> FieldPtr { return reinterpret_cast<uint8_t*>(&e.as<Body>().member); }

constexpr std::string_view kBoolNames[] = {"false", "true"};
constexpr std::string_view kChannels[] = {"mobile", "online", "atm", "counter", "pos", "third_party"};
constexpr std::string_view kTransferStatuses[] = {"completed", "held", "blocked"};
constexpr std::string_view kAppActions[] = {"install", "open", "uninstall"};
constexpr std::string_view kAppSources[] = {"unknown", "store", "sideload", "link"};
constexpr std::string_view kOutcomes[] = {"dissuaded", "not_reached", "already_lost",
                                          "false_alarm", "refused", "in_progress"};
constexpr std::span<const std::string_view> kNoEnum;

const FieldSpec kCommon[] = {
    {"type", FieldKind::kId, true, "event type: call, sms, web, app, transfer, account_open, "
     "sim_open, report, feedback", kNoEnum, nullptr},
    {"id", FieldKind::kId, false, "the source's record id", kNoEnum,
     [](Event& e) -> FieldPtr { return &e.id; }},
    {"ts", FieldKind::kTimestamp, true, "when it happened: epoch milliseconds (UTC) or ISO-8601; "
     "without an offset, Asia/Shanghai local time", kNoEnum,
     [](Event& e) -> FieldPtr { return &e.ts; }},
};

const FieldSpec kLabel[] = {
    {"label.fraud", FieldKind::kBool, false, "true when the event is part of a fraud", kNoEnum,
     [](Event& e) -> FieldPtr { return &e.label.fraud; }},
    {"label.fraud_type", FieldKind::kText, false, "fraud type, e.g. 刷单返利", kNoEnum,
     [](Event& e) -> FieldPtr { return &e.label.fraud_type; }},
    {"label.gang", FieldKind::kId, false, "gang id", kNoEnum,
     [](Event& e) -> FieldPtr { return &e.label.gang; }},
    {"label.campaign", FieldKind::kId, false, "campaign id", kNoEnum,
     [](Event& e) -> FieldPtr { return &e.label.campaign; }},
    {"label.role", FieldKind::kId, false, "role of the subject: caller, mule, victim ...", kNoEnum,
     [](Event& e) -> FieldPtr { return &e.label.role; }},
    {"label.victim", FieldKind::kId, false, "person id of the victim", kNoEnum,
     [](Event& e) -> FieldPtr { return &e.label.victim; }},
};

const FieldSpec kCall[] = {
    {"caller", FieldKind::kPhone, true, "calling number", kNoEnum, WUZHA_FIELD(CallEvent, caller)},
    {"callee", FieldKind::kPhone, true, "called number", kNoEnum, WUZHA_FIELD(CallEvent, callee)},
    {"duration_s", FieldKind::kInt, false, "talk time in seconds, 0 when not answered", kNoEnum,
     WUZHA_FIELD(CallEvent, duration_s)},
    {"answered", FieldKind::kBool, false, "whether the callee answered", kNoEnum,
     WUZHA_FIELD(CallEvent, answered)},
    {"caller_cell", FieldKind::kId, false, "cell id serving the caller", kNoEnum,
     WUZHA_FIELD(CallEvent, caller_cell)},
    {"callee_cell", FieldKind::kId, false, "cell id serving the callee", kNoEnum,
     WUZHA_FIELD(CallEvent, callee_cell)},
    {"caller_imei", FieldKind::kId, false, "IMEI of the caller's device", kNoEnum,
     WUZHA_FIELD(CallEvent, caller_imei)},
};

const FieldSpec kSms[] = {
    {"sender", FieldKind::kPhone, true, "sending number (may be a 95xxx or 106xx service number)",
     kNoEnum, WUZHA_FIELD(SmsEvent, sender)},
    {"receiver", FieldKind::kPhone, true, "receiving number", kNoEnum,
     WUZHA_FIELD(SmsEvent, receiver)},
    {"text", FieldKind::kText, false, "message body, UTF-8, as received (empty for some MMS notices)", kNoEnum,
     WUZHA_FIELD(SmsEvent, text)},
    {"sender_cell", FieldKind::kId, false, "cell id serving the sender", kNoEnum,
     WUZHA_FIELD(SmsEvent, sender_cell)},
    {"sender_imei", FieldKind::kId, false, "IMEI of the sending device", kNoEnum,
     WUZHA_FIELD(SmsEvent, sender_imei)},
};

const FieldSpec kWeb[] = {
    {"phone", FieldKind::kPhone, true, "subscriber who visited", kNoEnum,
     WUZHA_FIELD(WebEvent, phone)},
    {"url", FieldKind::kText, true, "URL or host visited", kNoEnum, WUZHA_FIELD(WebEvent, url)},
    {"domain", FieldKind::kId, false, "host name, lower case (derived later when absent)", kNoEnum,
     WUZHA_FIELD(WebEvent, domain)},
    {"ip", FieldKind::kId, false, "server IP address", kNoEnum, WUZHA_FIELD(WebEvent, ip)},
    {"cell", FieldKind::kId, false, "cell id serving the subscriber", kNoEnum,
     WUZHA_FIELD(WebEvent, cell)},
    {"device", FieldKind::kId, false, "device id (IMEI)", kNoEnum, WUZHA_FIELD(WebEvent, device)},
};

const FieldSpec kApp[] = {
    {"phone", FieldKind::kPhone, true, "subscriber of the device", kNoEnum,
     WUZHA_FIELD(AppEvent, phone)},
    {"package", FieldKind::kId, true, "package name, e.g. com.example.app", kNoEnum,
     WUZHA_FIELD(AppEvent, package)},
    {"app_name", FieldKind::kText, false, "label shown to the user", kNoEnum,
     WUZHA_FIELD(AppEvent, app_name)},
    {"cert_sha256", FieldKind::kId, false, "signing certificate SHA-256, hex", kNoEnum,
     WUZHA_FIELD(AppEvent, cert_sha256)},
    {"file_sha256", FieldKind::kId, false, "APK file SHA-256, hex", kNoEnum,
     WUZHA_FIELD(AppEvent, file_sha256)},
    {"action", FieldKind::kEnum, false, "install (default), open, uninstall", kAppActions,
     WUZHA_ENUM_FIELD(AppEvent, action)},
    {"source", FieldKind::kEnum, false, "unknown (default), store, sideload, link", kAppSources,
     WUZHA_ENUM_FIELD(AppEvent, source)},
    {"device", FieldKind::kId, false, "device id (IMEI)", kNoEnum, WUZHA_FIELD(AppEvent, device)},
};

const FieldSpec kTransfer[] = {
    {"from_account", FieldKind::kAccount, true, "payer's account or card number", kNoEnum,
     WUZHA_FIELD(TransferEvent, from_account)},
    {"to_account", FieldKind::kAccount, false, "payee's account; empty for a cash withdrawal",
     kNoEnum, WUZHA_FIELD(TransferEvent, to_account)},
    {"amount_fen", FieldKind::kFen, true, "amount in fen (integer, > 0)", kNoEnum,
     WUZHA_FIELD(TransferEvent, amount), "amount"},
    {"amount", FieldKind::kMoney, true, "amount in yuan as text, \"1234.50\" or \"¥1,234.50\" "
     "(alternative to amount_fen)", kNoEnum, WUZHA_FIELD(TransferEvent, amount), "amount_fen"},
    {"channel", FieldKind::kEnum, false, "mobile (default), online, atm, counter, pos, third_party",
     kChannels, WUZHA_ENUM_FIELD(TransferEvent, channel)},
    {"from_bank", FieldKind::kId, false, "payer's bank code", kNoEnum,
     WUZHA_FIELD(TransferEvent, from_bank)},
    {"to_bank", FieldKind::kId, false, "payee's bank code", kNoEnum,
     WUZHA_FIELD(TransferEvent, to_bank)},
    {"from_name", FieldKind::kText, false, "payer's name (personal data)", kNoEnum,
     WUZHA_FIELD(TransferEvent, from_name)},
    {"to_name", FieldKind::kText, false, "payee's name (personal data)", kNoEnum,
     WUZHA_FIELD(TransferEvent, to_name)},
    {"payer_phone", FieldKind::kPhone, false, "phone bound to the payer's account", kNoEnum,
     WUZHA_FIELD(TransferEvent, payer_phone)},
    {"device", FieldKind::kId, false, "device id the transfer was made from", kNoEnum,
     WUZHA_FIELD(TransferEvent, device)},
    {"ip", FieldKind::kId, false, "client IP address", kNoEnum, WUZHA_FIELD(TransferEvent, ip)},
    {"outlet", FieldKind::kId, false, "ATM or branch id for cash and counter transfers", kNoEnum,
     WUZHA_FIELD(TransferEvent, outlet)},
    {"memo", FieldKind::kText, false, "payer's note (附言)", kNoEnum,
     WUZHA_FIELD(TransferEvent, memo)},
    {"status", FieldKind::kEnum, false, "completed (default); held or blocked: the bank stopped "
     "it and no money moved", kTransferStatuses, WUZHA_ENUM_FIELD(TransferEvent, status)},
};

const FieldSpec kAccountOpen[] = {
    {"account", FieldKind::kAccount, true, "the new account or card number", kNoEnum,
     WUZHA_FIELD(AccountOpenEvent, account)},
    {"person_id", FieldKind::kPersonId, true, "owner's 18-digit resident ID number", kNoEnum,
     WUZHA_FIELD(AccountOpenEvent, person_id)},
    {"name", FieldKind::kText, false, "owner's name (personal data)", kNoEnum,
     WUZHA_FIELD(AccountOpenEvent, name)},
    {"phone", FieldKind::kPhone, false, "phone bound to the account", kNoEnum,
     WUZHA_FIELD(AccountOpenEvent, phone)},
    {"bank", FieldKind::kId, true, "bank code", kNoEnum, WUZHA_FIELD(AccountOpenEvent, bank)},
    {"outlet", FieldKind::kId, true, "outlet (网点) that opened it", kNoEnum,
     WUZHA_FIELD(AccountOpenEvent, outlet)},
    {"account_type", FieldKind::kId, false, "debit, credit, corporate ...", kNoEnum,
     WUZHA_FIELD(AccountOpenEvent, account_type)},
};

const FieldSpec kSimOpen[] = {
    {"phone", FieldKind::kPhone, true, "the new number", kNoEnum, WUZHA_FIELD(SimOpenEvent, phone)},
    {"person_id", FieldKind::kPersonId, true, "owner's 18-digit resident ID number", kNoEnum,
     WUZHA_FIELD(SimOpenEvent, person_id)},
    {"name", FieldKind::kText, false, "owner's name (personal data)", kNoEnum,
     WUZHA_FIELD(SimOpenEvent, name)},
    {"carrier", FieldKind::kId, false, "carrier code", kNoEnum, WUZHA_FIELD(SimOpenEvent, carrier)},
    {"outlet", FieldKind::kId, true, "outlet (网点) that opened it", kNoEnum,
     WUZHA_FIELD(SimOpenEvent, outlet)},
    {"iccid", FieldKind::kId, false, "SIM card serial", kNoEnum, WUZHA_FIELD(SimOpenEvent, iccid)},
};

const FieldSpec kReport[] = {
    {"person_id", FieldKind::kPersonId, false, "victim's resident ID number", kNoEnum,
     WUZHA_FIELD(ReportEvent, person_id)},
    {"phone", FieldKind::kPhone, false, "victim's phone", kNoEnum, WUZHA_FIELD(ReportEvent, phone)},
    {"account", FieldKind::kAccount, false, "victim's account the money left from", kNoEnum,
     WUZHA_FIELD(ReportEvent, account)},
    {"fraud_type", FieldKind::kText, true, "fraud type as recorded", kNoEnum,
     WUZHA_FIELD(ReportEvent, fraud_type)},
    {"loss_fen", FieldKind::kFen, false, "reported loss in fen", kNoEnum,
     WUZHA_FIELD(ReportEvent, loss), "loss"},
    {"loss", FieldKind::kMoney, false, "reported loss in yuan as text (alternative to loss_fen)",
     kNoEnum, WUZHA_FIELD(ReportEvent, loss), "loss_fen"},
    {"fraud_ts", FieldKind::kTimestamp, false, "when the loss happened, if known", kNoEnum,
     WUZHA_FIELD(ReportEvent, fraud_ts)},
    {"community", FieldKind::kId, false, "victim's community code", kNoEnum,
     WUZHA_FIELD(ReportEvent, community)},
    {"station", FieldKind::kId, false, "police station that took the report", kNoEnum,
     WUZHA_FIELD(ReportEvent, station)},
};

const FieldSpec kFeedback[] = {
    {"warning_id", FieldKind::kId, true, "the warning this feedback is on", kNoEnum,
     WUZHA_FIELD(FeedbackEvent, warning_id)},
    {"officer_id", FieldKind::kId, false, "officer or grid worker who gives it", kNoEnum,
     WUZHA_FIELD(FeedbackEvent, officer_id)},
    {"outcome", FieldKind::kEnum, true,
     "dissuaded, not_reached, already_lost, false_alarm, refused, in_progress", kOutcomes,
     WUZHA_ENUM_FIELD(FeedbackEvent, outcome)},
    {"note", FieldKind::kText, false, "free text", kNoEnum, WUZHA_FIELD(FeedbackEvent, note)},
};

#undef WUZHA_FIELD
#undef WUZHA_ENUM_FIELD

// Common + own fields per type, built once.
struct Tables {
  std::array<std::vector<FieldSpec>, kEventTypeCount> joined;
  Tables() {
    const std::span<const FieldSpec> own[kEventTypeCount] = {
        kCall, kSms, kWeb, kApp, kTransfer, kAccountOpen, kSimOpen, kReport, kFeedback};
    for (int t = 0; t < kEventTypeCount; ++t) {
      joined[t].assign(std::begin(kCommon), std::end(kCommon));
      joined[t].insert(joined[t].end(), own[t].begin(), own[t].end());
    }
  }
};
const Tables& GetTables() {
  static const Tables tables;
  return tables;
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

Status ParseUnsigned(std::string_view v, int64_t& out) {
  if (v.empty()) return InvalidArgumentError("empty number");
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec == std::errc::result_out_of_range) return OutOfRangeError("number too large: " + std::string(v));
  if (ec != std::errc() || p != v.data() + v.size()) {
    return InvalidArgumentError("not an integer: '" + std::string(v) + "'");
  }
  if (out < 0) return InvalidArgumentError("negative: " + std::string(v));
  return Status::Ok();
}

Status SetString(FieldKind kind, std::string& out, std::string_view v) {
  switch (kind) {
    case FieldKind::kText:
      out.assign(v);
      return Status::Ok();
    case FieldKind::kId:
      if (v.size() > 128) return InvalidArgumentError("longer than 128 bytes");
      for (unsigned char c : v) {
        if (IsControl(c)) return InvalidArgumentError("control character in identifier");
      }
      out.assign(v);
      return Status::Ok();
    case FieldKind::kPhone: {
      auto kind_or = NormalizePhoneInto(v, out);
      return kind_or.status();
    }
    case FieldKind::kAccount: {
      out.resize(v.size());  // then shrunk: one size change instead of a push_back per digit
      size_t n = 0;
      for (char c : v) {
        if (c >= '0' && c <= '9') out[n++] = c;
        else if (c != ' ' && c != '-') {
          out.clear();
          return InvalidArgumentError("account number has a character other than digits");
        }
      }
      out.resize(n);
      if (out.size() < 6 || out.size() > 32) {
        return InvalidArgumentError("account number must have 6 to 32 digits, got " +
                                    std::to_string(out.size()));
      }
      return Status::Ok();
    }
    case FieldKind::kPersonId:
      if (!IsValidPersonId(v)) {
        return InvalidArgumentError("not a valid 18-digit resident ID number (format or check digit)");
      }
      out.assign(v);
      if (out.back() == 'x') out.back() = 'X';
      return Status::Ok();
    default:
      return InternalError("field kind does not hold a string");
  }
}

}  // namespace

std::string_view FieldKindName(FieldKind kind) {
  switch (kind) {
    case FieldKind::kText: return "text";
    case FieldKind::kId: return "id";
    case FieldKind::kPhone: return "phone";
    case FieldKind::kAccount: return "account";
    case FieldKind::kMoney: return "money";
    case FieldKind::kFen: return "fen";
    case FieldKind::kInt: return "int";
    case FieldKind::kBool: return "bool";
    case FieldKind::kTimestamp: return "timestamp";
    case FieldKind::kEnum: return "enum";
    case FieldKind::kPersonId: return "person_id";
  }
  return "unknown";
}

std::span<const FieldSpec> EventFields(EventType type) {
  return GetTables().joined[static_cast<size_t>(type)];
}
std::span<const FieldSpec> CommonFields() { return kCommon; }
std::span<const FieldSpec> LabelFields() { return kLabel; }

std::string_view EventTypeDoc(EventType type) {
  switch (type) {
    case EventType::kCall: return "a voice call, as in a carrier's CDR";
    case EventType::kSms: return "a text message, as seen by the carrier's SMS centre";
    case EventType::kWeb: return "a web or DNS visit by a subscriber";
    case EventType::kApp: return "an app installed, opened or removed on a subscriber's device";
    case EventType::kTransfer: return "a bank transfer or cash withdrawal";
    case EventType::kAccountOpen: return "a bank account opened at an outlet";
    case EventType::kSimOpen: return "a phone number (SIM) opened at a carrier outlet";
    case EventType::kReport: return "a victim's report to police (警情)";
    case EventType::kFeedback: return "an officer's feedback on a warning";
  }
  return "";
}

Status SetField(const FieldSpec& spec, Event& event, std::string_view v) {
  FieldPtr ptr = spec.ref(event);
  switch (spec.kind) {
    case FieldKind::kMoney: {
      WUZHA_ASSIGN_OR_RETURN(Money m, Money::Parse(v));
      if (m.fen() < 0) return InvalidArgumentError("negative amount");
      *std::get<Money*>(ptr) = m;
      return Status::Ok();
    }
    case FieldKind::kFen: {
      int64_t fen;
      WUZHA_RETURN_IF_ERROR(ParseUnsigned(v, fen));
      *std::get<Money*>(ptr) = Money::FromFen(fen);
      return Status::Ok();
    }
    case FieldKind::kInt:
      return ParseUnsigned(v, *std::get<int64_t*>(ptr));
    case FieldKind::kBool:
      if (v == "true" || v == "1") *std::get<bool*>(ptr) = true;
      else if (v == "false" || v == "0") *std::get<bool*>(ptr) = false;
      else return InvalidArgumentError("not true or false: '" + std::string(v) + "'");
      return Status::Ok();
    case FieldKind::kTimestamp: {
      WUZHA_ASSIGN_OR_RETURN(*std::get<Timestamp*>(ptr), Timestamp::Parse(v));
      return Status::Ok();
    }
    case FieldKind::kEnum:
      for (size_t i = 0; i < spec.enum_values.size(); ++i) {
        if (spec.enum_values[i] == v) {
          *std::get<uint8_t*>(ptr) = static_cast<uint8_t>(i);
          return Status::Ok();
        }
      }
      return InvalidArgumentError("'" + std::string(v) + "' is not one of: " + std::string(spec.doc));
    default:
      return SetString(spec.kind, *std::get<std::string*>(ptr), v);
  }
}

void FieldToText(const FieldSpec& spec, const Event& event, std::string& out, bool& empty) {
  // ref() needs a mutable event; it only computes an address.
  FieldPtr ptr = spec.ref(const_cast<Event&>(event));
  empty = false;
  switch (spec.kind) {
    case FieldKind::kMoney:
    case FieldKind::kFen: {
      Money m = *std::get<Money*>(ptr);
      empty = m.fen() == 0;
      out += spec.kind == FieldKind::kFen ? std::to_string(m.fen()) : m.ToString();
      break;
    }
    case FieldKind::kInt: {
      int64_t v = *std::get<int64_t*>(ptr);
      empty = v == 0;
      out += std::to_string(v);
      break;
    }
    case FieldKind::kBool: {
      bool v = *std::get<bool*>(ptr);
      empty = !v;
      out += kBoolNames[v];
      break;
    }
    case FieldKind::kTimestamp: {
      Timestamp t = *std::get<Timestamp*>(ptr);
      empty = t.millis() == 0;
      out += std::to_string(t.millis());
      break;
    }
    case FieldKind::kEnum: {
      uint8_t v = *std::get<uint8_t*>(ptr);
      empty = v == 0;
      out += spec.enum_values[v];
      break;
    }
    case FieldKind::kPhone: {
      const std::string& s = *std::get<std::string*>(ptr);
      empty = s.empty();
      if (!empty) out += PhoneToText(s);
      break;
    }
    default: {
      const std::string& s = *std::get<std::string*>(ptr);
      empty = s.empty();
      out += s;
      break;
    }
  }
  // A reader rejects a missing required field, so a writer must not omit one even when
  // it holds its default (a feedback's outcome "dissuaded" is index 0, but the default
  // is in_progress; an SMS's text may be empty).
  if (spec.required) empty = false;
}

char PersonIdCheckChar(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

bool IsValidPersonId(std::string_view id) {
  if (id.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return false;
  }
  char last = id[17] == 'x' ? 'X' : id[17];
  if (!((last >= '0' && last <= '9') || last == 'X')) return false;
  // Birth date YYYYMMDD at 6..13 must be a plausible date.
  int month = (id[10] - '0') * 10 + (id[11] - '0');
  int day = (id[12] - '0') * 10 + (id[13] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return PersonIdCheckChar(id.substr(0, 17)) == last;
}

}  // namespace wuzha
