// Action: what wuzha (or an analyst) does to the simulated city — the closed loop of
// docs/design/sim.md. The engine applies each action when it takes effect (the decision
// time plus a per-kind delay, EngineOptions::delays) at the next slice boundary, in the
// order (effective time, id), so that the same actions give the same city.
//
// One action per JSONL line (wuzha sim --actions FILE):
//   {"id":1,"kind":"block_number","at":"2024-05-01T10:00:00+08:00","target":"8617012345678"}
// `at` is epoch milliseconds or ISO-8601 as in docs/formats.md; `ref` and `officer` are
// optional (a visit's warning id and officer id, echoed in the feedback event).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/timestamp.h"

namespace wuzha::sim {

enum class ActionKind : uint8_t {
  kBlockNumber,     // target: phone (E.164). Its calls and SMS are not delivered.
  kBlockSmsSender,  // target: phone. Its SMS are not delivered (calls still are).
  kBlockDomain,     // target: domain. Visits to it (and its subdomains) fail.
  kBlockApp,        // target: package name. Installs of it fail.
  kHoldTransfer,    // target: account. Its outgoing transfers are held (no money moves)
                    //   for EngineOptions::delays.hold_duration_ms after the effect.
  kBlockTransfer,   // target: account. Its outgoing remote transfers are refused for good.
  kStopPay,         // target: account. No money leaves it for delays.stop_pay_duration_ms (止付).
  kFreeze,          // target: account. No money leaves it again (冻结); its balance is
                    //   recoverable.
  kVisit,           // target: person id (18 digits). An officer's visit: dissuades a
                    //   victim in progress with a chance that falls with the time since
                    //   the first contact; answered by a feedback event.
  kSuspendOutlet,   // target: outlet code ("ICBC-420102-03"). It opens no accounts/SIMs.
  kRequestStatement,  // target: account. The bank returns its statement after a delay.
};
inline constexpr int kActionKindCount = 11;

// "block_number", "block_sms_sender", "block_domain", "block_app", "hold_transfer",
// "block_transfer", "stop_pay", "freeze", "visit", "suspend_outlet", "request_statement".
std::string_view ActionKindName(ActionKind kind);
bool ParseActionKind(std::string_view name, ActionKind& out);

struct Action {
  uint64_t id = 0;  // orders actions that take effect at the same millisecond
  ActionKind kind = ActionKind::kBlockNumber;
  Timestamp at;         // when it was decided; effect = at + the kind's delay
  std::string target;   // see ActionKind
  std::string ref;      // optional: the warning id a visit answers
  std::string officer;  // optional: who visits
};

// Parses one JSON object. kInvalidArgument names the field at fault.
Result<Action> ParseActionJson(std::string_view line);
// Appends the canonical one-line JSON (no newline); ParseActionJson reads it back.
void AppendActionJson(const Action& action, std::string& out);

}  // namespace wuzha::sim
