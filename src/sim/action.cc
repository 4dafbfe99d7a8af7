#include "sim/action.h"

#include <simdjson.h>

#include <charconv>

#include "formats/jsonl.h"
#include "sim/engine.h"

namespace wuzha::sim {
namespace {

constexpr std::string_view kKindNames[kActionKindCount] = {
    "block_number",  "block_sms_sender", "block_domain",      "block_app",
    "hold_transfer", "block_transfer",   "stop_pay",          "freeze",
    "visit",         "suspend_outlet",   "request_statement",
};
static_assert(std::size(kKindNames) == kActionKindCount);

Status FieldError(std::string_view field, std::string_view message) {
  return InvalidArgumentError("action field '" + std::string(field) + "': " + std::string(message));
}

std::string KindList() {
  std::string out;
  for (std::string_view name : kKindNames) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// Integers go through Timestamp::Parse too, so that both spellings obey the same range.
Status ReadTime(simdjson::dom::element v, Timestamp& out) {
  std::string text;
  switch (v.type()) {
    case simdjson::dom::element_type::STRING:
      text = std::string(v.get_string().value_unsafe());
      break;
    case simdjson::dom::element_type::INT64:
      text = std::to_string(v.get_int64().value_unsafe());
      break;
    case simdjson::dom::element_type::UINT64:
      text = std::to_string(v.get_uint64().value_unsafe());
      break;
    default: return FieldError("at", "must be epoch milliseconds or ISO-8601 text");
  }
  auto ts = Timestamp::Parse(text);
  if (!ts.ok()) return FieldError("at", ts.error().message());
  out = *ts;
  return Status::Ok();
}

Status ReadString(simdjson::dom::element v, std::string_view field, std::string& out) {
  if (v.type() != simdjson::dom::element_type::STRING) return FieldError(field, "must be a string");
  out = std::string(v.get_string().value_unsafe());
  return Status::Ok();
}

Status ReadId(simdjson::dom::element v, uint64_t& out) {
  switch (v.type()) {
    case simdjson::dom::element_type::UINT64:
      out = v.get_uint64().value_unsafe();
      return Status::Ok();
    case simdjson::dom::element_type::INT64:
      if (v.get_int64().value_unsafe() >= 0) {
        out = static_cast<uint64_t>(v.get_int64().value_unsafe());
        return Status::Ok();
      }
      break;
    default: break;
  }
  return FieldError("id", "must be a non-negative integer");
}

Status ReadField(std::string_view key, simdjson::dom::element value, Action& action) {
  if (key == "id") return ReadId(value, action.id);
  if (key == "at") return ReadTime(value, action.at);
  if (key == "ref") return ReadString(value, key, action.ref);
  if (key == "officer") return ReadString(value, key, action.officer);
  if (key == "target") {
    WUZHA_RETURN_IF_ERROR(ReadString(value, key, action.target));
    return action.target.empty() ? FieldError(key, "must not be empty") : Status::Ok();
  }
  if (key == "kind") {
    std::string name;
    WUZHA_RETURN_IF_ERROR(ReadString(value, key, name));
    if (!ParseActionKind(name, action.kind)) {
      return FieldError(key, "unknown action kind '" + name + "' (one of " + KindList() + ")");
    }
    return Status::Ok();
  }
  std::string shown;
  formats::AppendJsonString(key.substr(0, 64), shown);
  return InvalidArgumentError("unknown action field " + shown +
                              " (fields: id, kind, at, target, ref, officer)");
}

}  // namespace

std::string_view ActionKindName(ActionKind kind) {
  auto i = static_cast<size_t>(kind);
  return i < std::size(kKindNames) ? kKindNames[i] : std::string_view("unknown");
}

bool ParseActionKind(std::string_view name, ActionKind& out) {
  for (size_t i = 0; i < std::size(kKindNames); ++i) {
    if (kKindNames[i] == name) {
      out = static_cast<ActionKind>(i);
      return true;
    }
  }
  return false;
}

Result<Action> ParseActionJson(std::string_view line) {
  // The DOM parser picks its SIMD kernel at run time; actions are few, one parser per
  // thread keeps its buffers between lines.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::padded_string padded(line);
  if (auto error = parser.parse(padded).get(doc); error != simdjson::SUCCESS) {
    return InvalidArgumentError(std::string("not JSON: ") + simdjson::error_message(error));
  }
  simdjson::dom::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) {
    return InvalidArgumentError("an action must be a JSON object");
  }
  Action action;
  // A key given twice is refused: the last one would otherwise win silently.
  constexpr std::string_view kFields[] = {"id", "kind", "at", "target", "ref", "officer"};
  unsigned seen = 0;
  for (auto [key, value] : object) {
    for (size_t i = 0; i < std::size(kFields); ++i) {
      if (key != kFields[i]) continue;
      if (seen & (1u << i)) return FieldError(key, "given twice");
      seen |= 1u << i;
    }
    WUZHA_RETURN_IF_ERROR(ReadField(key, value, action));
  }
  for (size_t i = 1; i <= 3; ++i) {  // kind, at, target
    if (!(seen & (1u << i))) return FieldError(kFields[i], "missing (required)");
  }
  return action;
}

void AppendActionJson(const Action& action, std::string& out) {
  out += "{\"id\":";
  out += std::to_string(action.id);
  out += ",\"kind\":\"";
  out += ActionKindName(action.kind);
  out += "\",\"at\":";
  out += std::to_string(action.at.millis());
  out += ",\"target\":";
  formats::AppendJsonString(action.target, out);
  if (!action.ref.empty()) {
    out += ",\"ref\":";
    formats::AppendJsonString(action.ref, out);
  }
  if (!action.officer.empty()) {
    out += ",\"officer\":";
    formats::AppendJsonString(action.officer, out);
  }
  out += '}';
}

int64_t ActionDelays::EffectDelay(ActionKind kind) const {
  switch (kind) {
    case ActionKind::kBlockNumber: return block_number_ms;
    case ActionKind::kBlockSmsSender: return block_sms_sender_ms;
    case ActionKind::kBlockDomain: return block_domain_ms;
    case ActionKind::kBlockApp: return block_app_ms;
    case ActionKind::kHoldTransfer: return hold_transfer_ms;
    case ActionKind::kBlockTransfer: return block_transfer_ms;
    case ActionKind::kStopPay: return stop_pay_ms;
    case ActionKind::kFreeze: return freeze_ms;
    case ActionKind::kVisit: return visit_ms;
    case ActionKind::kSuspendOutlet: return suspend_outlet_ms;
    case ActionKind::kRequestStatement: return statement_ms;
  }
  return 0;
}

}  // namespace wuzha::sim
