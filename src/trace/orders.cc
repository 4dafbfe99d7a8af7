#include "trace/orders.h"

namespace wuzha::trace {

std::string_view OrderKindName(OrderKind kind) {
  return kind == OrderKind::kStopPay ? "stop_pay" : "freeze";
}

std::string_view OrderStateName(OrderState state) {
  switch (state) {
    case OrderState::kRequested: return "requested";
    case OrderState::kExecuted: return "executed";
    case OrderState::kExpired: return "expired";
    case OrderState::kConverted: return "converted";
    case OrderState::kWithdrawn: return "withdrawn";
  }
  return "requested";
}

OrderBook::OrderBook(OrderOptions options) : options_(options) {}

void OrderBook::SetState(Order& o, OrderState s, Timestamp at) {
  o.state = s;
  o.history.emplace_back(at, s);
}

uint64_t OrderBook::Request(OrderKind kind, std::string_view account, std::string_view case_id,
                            int64_t amount_fen, Timestamp at) {
  Order o;
  o.id = orders_.size() + 1;
  o.kind = kind;
  o.account = std::string(account);
  o.case_id = std::string(case_id);
  o.amount_fen = amount_fen;
  o.requested = at;
  o.history.emplace_back(at, OrderState::kRequested);
  orders_.push_back(std::move(o));
  return orders_.back().id;
}

Status OrderBook::Execute(uint64_t id, Timestamp at) {
  if (id == 0 || id > orders_.size()) return NotFoundError("order " + std::to_string(id));
  Order& o = orders_[id - 1];
  if (o.state != OrderState::kRequested) {
    return FailedPreconditionError("order " + std::to_string(id) + " is " +
                                   std::string(OrderStateName(o.state)) + ", not requested");
  }
  o.executed = at;
  o.expires = Timestamp::FromMillis(
      at.millis() + (o.kind == OrderKind::kStopPay ? options_.stop_pay_duration_ms
                                                   : options_.freeze_duration_ms));
  SetState(o, OrderState::kExecuted, at);
  if (o.kind == OrderKind::kFreeze) {
    for (Order& s : orders_) {
      if (s.kind == OrderKind::kStopPay && s.account == o.account &&
          s.state == OrderState::kExecuted && s.expires > at) {
        SetState(s, OrderState::kConverted, at);
      }
    }
  }
  return Status::Ok();
}

Status OrderBook::Withdraw(uint64_t id, Timestamp at) {
  if (id == 0 || id > orders_.size()) return NotFoundError("order " + std::to_string(id));
  Order& o = orders_[id - 1];
  if (o.state != OrderState::kRequested) {
    return FailedPreconditionError("order " + std::to_string(id) + " is " +
                                   std::string(OrderStateName(o.state)) + ", not requested");
  }
  SetState(o, OrderState::kWithdrawn, at);
  return Status::Ok();
}

void OrderBook::Advance(Timestamp now) {
  for (Order& o : orders_) {
    if (o.state == OrderState::kExecuted && o.expires <= now) SetState(o, OrderState::kExpired, o.expires);
  }
}

bool OrderBook::Holds(std::string_view account, Timestamp at) const {
  for (const Order& o : orders_) {
    if (o.account != account || o.executed.millis() == 0 || o.executed > at) continue;
    // A converted stop-payment is followed by its freeze, which holds on its own.
    if ((o.state == OrderState::kExecuted || o.state == OrderState::kExpired) && at < o.expires) {
      return true;
    }
  }
  return false;
}

bool OrderBook::HasLiveOrder(std::string_view account, OrderKind kind) const {
  for (const Order& o : orders_) {
    if (o.account == account && o.kind == kind &&
        (o.state == OrderState::kRequested || o.state == OrderState::kExecuted)) {
      return true;
    }
  }
  return false;
}

const Order* OrderBook::Find(uint64_t id) const {
  return id == 0 || id > orders_.size() ? nullptr : &orders_[id - 1];
}

}  // namespace wuzha::trace
