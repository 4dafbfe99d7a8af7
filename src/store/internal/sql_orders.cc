// Stop-payment and freeze orders with their state history (order_transitions).
#include <string>
#include <unordered_map>

#include "store/internal/sql.h"

namespace wuzha::store::internal {
namespace {

constexpr std::string_view kColumns =
    "id, kind, account, case_id, unit_id, amount_fen, state, requested_ms, executed_ms, "
    "expires_ms";

Result<Order> ReadOrder(const SqlRow& row) {
  Order o;
  o.id = row.Int(0);
  WUZHA_ASSIGN_OR_RETURN(o.kind, ColumnEnum<OrderKind>(row, 1, "orders.kind"));
  o.account = row.Text(2);
  o.case_id = row.Int(3);
  o.unit_id = row.Int(4);
  o.amount_fen = row.Int(5);
  WUZHA_ASSIGN_OR_RETURN(o.state, ColumnEnum<OrderState>(row, 6, "orders.state"));
  o.requested_ms = row.Int(7);
  o.executed_ms = row.Int(8);
  o.expires_ms = row.Int(9);
  return o;
}

SqlBuilder InsertTransition(int64_t order_id, int64_t n, const OrderTransition& t) {
  SqlBuilder q("INSERT INTO order_transitions (order_id, n, at_ms, state) VALUES (");
  q << Arg{order_id} << ", " << Arg{n} << ", " << Arg{t.at_ms} << ", " << Arg{Name(t.state)} << ")";
  return q;
}

}  // namespace

Result<std::vector<OrderTransition>> SqlTransaction::QueryOrderHistory(int64_t order_id) {
  SqlBuilder q("SELECT at_ms, state FROM order_transitions WHERE order_id = ");
  q << Arg{order_id} << " ORDER BY n";
  std::vector<OrderTransition> history;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    OrderTransition t;
    t.at_ms = row.Int(0);
    WUZHA_ASSIGN_OR_RETURN(t.state, ColumnEnum<OrderState>(row, 1, "order_transitions.state"));
    history.push_back(t);
    return Status::Ok();
  }));
  return history;
}

Result<int64_t> SqlTransaction::AddOrder(const Order& o) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  if (o.account.empty()) return InvalidArgumentError("order: empty account");
  WUZHA_RETURN_IF_ERROR(RequireUnit(o.unit_id, "order unit"));
  if (o.case_id) WUZHA_RETURN_IF_ERROR(RequireCase(o.case_id));
  SqlBuilder q;
  q << "INSERT INTO orders (" << kColumns.substr(4) << ") VALUES (" << Arg{Name(o.kind)} << ", "
    << Arg{Text(o.account)} << ", " << Arg{IdOrNull(o.case_id)} << ", " << Arg{o.unit_id} << ", "
    << Arg{o.amount_fen} << ", " << Arg{Name(o.state)} << ", " << Arg{o.requested_ms} << ", "
    << Arg{o.executed_ms} << ", " << Arg{o.expires_ms} << ") RETURNING id";
  WUZHA_ASSIGN_OR_RETURN(int64_t id, QueryInt(q, "order id"));
  std::vector<OrderTransition> history = o.history;
  if (history.empty()) history.push_back({o.requested_ms, o.state});
  for (size_t i = 0; i < history.size(); ++i) {
    WUZHA_RETURN_IF_ERROR(Exec(InsertTransition(id, static_cast<int64_t>(i), history[i])));
  }
  return id;
}

Result<Order> SqlTransaction::GetOrder(Scope scope, int64_t id) {
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM orders WHERE id = " << Arg{id};
  AppendScope(q, scope, "unit_id");
  std::optional<Order> found;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    WUZHA_ASSIGN_OR_RETURN(found, ReadOrder(row));
    return Status::Ok();
  }));
  if (!found) return NotFoundError("no order " + std::to_string(id));
  WUZHA_ASSIGN_OR_RETURN(found->history, QueryOrderHistory(id));
  return std::move(*found);
}

Status SqlTransaction::TransitionOrder(int64_t id, OrderState state, int64_t at_ms,
                                       int64_t expires_ms) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  SqlBuilder count("SELECT COUNT(*) FROM order_transitions WHERE order_id = ");
  count << Arg{id};
  WUZHA_ASSIGN_OR_RETURN(int64_t n, QueryInt(count, "transitions"));
  SqlBuilder q("UPDATE orders SET state = ");
  q << Arg{Name(state)};
  if (state == OrderState::kExecuted) {
    q << ", executed_ms = " << Arg{at_ms} << ", expires_ms = " << Arg{expires_ms};
  }
  q << " WHERE id = " << Arg{id} << " RETURNING id";
  auto updated = QueryInt(q, "");
  if (!updated.ok() && updated.error().code() == StatusCode::kNotFound) {
    return NotFoundError("no order " + std::to_string(id));
  }
  if (!updated.ok()) return updated.error();
  return Exec(InsertTransition(id, n, {at_ms, state}));
}

Result<Page<Order>> SqlTransaction::ListOrders(Scope scope, const OrderFilter& f,
                                               PageRequest page) {
  WUZHA_RETURN_IF_ERROR(CheckPage(page));
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM orders WHERE 1 = 1";
  AppendScope(q, scope, "unit_id");
  if (f.kind) q << " AND kind = " << Arg{Name(*f.kind)};
  AppendIn(q, "state", f.states);
  if (!f.account.empty()) q << " AND account = " << Arg{Text(f.account)};
  if (f.case_id) q << " AND case_id = " << Arg{f.case_id};
  q << " ORDER BY id";
  AppendPage(q, page);
  std::vector<Order> rows;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    WUZHA_ASSIGN_OR_RETURN(Order o, ReadOrder(row));
    rows.push_back(std::move(o));
    return Status::Ok();
  }));
  Page<Order> out = ToPage(std::move(rows), page);
  if (out.items.empty()) return out;
  // Every order's history in one query rather than one per order.
  std::unordered_map<int64_t, Order*> by_id;
  SqlBuilder h("SELECT order_id, at_ms, state FROM order_transitions WHERE order_id IN (");
  for (size_t i = 0; i < out.items.size(); ++i) {
    h << (i ? ", " : "") << Arg{out.items[i].id};
    by_id[out.items[i].id] = &out.items[i];
  }
  h << ") ORDER BY order_id, n";
  WUZHA_RETURN_IF_ERROR(Query(h, [&](const SqlRow& row) -> Status {
    OrderTransition t;
    t.at_ms = row.Int(1);
    WUZHA_ASSIGN_OR_RETURN(t.state, ColumnEnum<OrderState>(row, 2, "order_transitions.state"));
    by_id[row.Int(0)]->history.push_back(t);
    return Status::Ok();
  }));
  return out;
}

}  // namespace wuzha::store::internal
