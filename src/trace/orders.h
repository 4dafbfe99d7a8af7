// Orders: emergency stop-payments (紧急止付) and freezes (冻结) with their lifecycle.
//
//   requested ──bank executes──► executed ──duration passes──► expired
//                                    │
//                                    └── a freeze of the same account executes ──► converted
//   requested ──withdrawn (the money had already moved on)──► withdrawn
//
// A stop-payment is fast (the bank acts within minutes) and short (48 hours by default);
// a freeze needs a legal document and takes hours, and lasts long (180 days by default).
// The usual sequence is both at once: the stop-payment holds the money until the freeze
// executes, and the stop-payment is then converted. Durations come from [trace] in the
// configuration (docs/configuration.md). Every state change is kept in the order's
// history with its time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/timestamp.h"

namespace wuzha::trace {

enum class OrderKind : uint8_t { kStopPay, kFreeze };
enum class OrderState : uint8_t { kRequested, kExecuted, kExpired, kConverted, kWithdrawn };

// "stop_pay", "freeze"; "requested", "executed", "expired", "converted", "withdrawn".
std::string_view OrderKindName(OrderKind kind);
std::string_view OrderStateName(OrderState state);

struct OrderOptions {
  int64_t stop_pay_duration_ms = 48 * 3600000LL;
  int64_t freeze_duration_ms = 180 * 86400000LL;
};

struct Order {
  uint64_t id = 0;
  OrderKind kind = OrderKind::kStopPay;
  std::string account;
  std::string case_id;
  int64_t amount_fen = 0;  // victims' money the trace located there when requested
  OrderState state = OrderState::kRequested;
  Timestamp requested;
  Timestamp executed;  // 0 until executed
  Timestamp expires;   // 0 until executed
  std::vector<std::pair<Timestamp, OrderState>> history;
};

class OrderBook {
 public:
  explicit OrderBook(OrderOptions options = {});

  // A new order in state requested; returns its id (1, 2, ...).
  uint64_t Request(OrderKind kind, std::string_view account, std::string_view case_id,
                   int64_t amount_fen, Timestamp at);
  // The bank executed it at `at`. kNotFound for an unknown id; kFailedPrecondition unless
  // requested. An executed freeze converts the account's executed stop-payments.
  Status Execute(uint64_t id, Timestamp at);
  // Withdrawn before execution. kFailedPrecondition unless requested.
  Status Withdraw(uint64_t id, Timestamp at);
  // Expires every executed order whose time is up at `now`.
  void Advance(Timestamp now);

  // An executed, unexpired stop-payment or freeze holds the account at `at`.
  bool Holds(std::string_view account, Timestamp at) const;
  // Any order for the account that is requested or in force (not expired or withdrawn).
  bool HasLiveOrder(std::string_view account, OrderKind kind) const;
  const Order* Find(uint64_t id) const;
  const std::vector<Order>& orders() const { return orders_; }

 private:
  void SetState(Order& o, OrderState s, Timestamp at);
  OrderOptions options_;
  std::vector<Order> orders_;
};

}  // namespace wuzha::trace
