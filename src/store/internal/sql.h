// The typed operations of store.h written once, in the SQL both backends understand,
// over four primitives a backend supplies: run one statement with parameters, run a
// script, commit, roll back.
//
// Statements use PostgreSQL's numbered parameters ($1, $2, ...); the SQLite backend
// rewrites them to ?1, ?2 (the same numbering), so no statement text may contain '$'
// outside a parameter. Both dialects take the same DML: INSERT ... ON CONFLICT DO
// NOTHING RETURNING (SQLite >= 3.35), LIMIT/OFFSET, subqueries. Only the DDL of the
// migrations differs (internal/migrations.h).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace wuzha::store::internal {

enum class Dialect : uint8_t { kSqlite, kPostgres };

// A statement parameter: NULL, an integer or text.
using SqlValue = std::variant<std::monostate, int64_t, std::string>;

// One result row, valid only during the callback that receives it.
class SqlRow {
 public:
  virtual ~SqlRow() = default;
  virtual bool IsNull(int col) const = 0;
  // 0 for NULL.
  virtual int64_t Int(int col) const = 0;
  // "" for NULL; the view lives as long as the row.
  virtual std::string_view Text(int col) const = 0;
};

// Called once per result row; a non-OK status stops the query and is returned.
using RowFn = std::function<Status(const SqlRow&)>;

// Marks a value to bind where it is streamed into a SqlBuilder.
struct Arg {
  SqlValue value;
};

// A statement's text with its parameters: `q << "id = " << Arg{id}` appends "id = $n"
// and the value.
class SqlBuilder {
 public:
  SqlBuilder() = default;
  explicit SqlBuilder(std::string_view text) : sql_(text) {}

  SqlBuilder& operator<<(std::string_view text) {
    sql_ += text;
    return *this;
  }
  SqlBuilder& operator<<(Arg arg) {
    params_.push_back(std::move(arg.value));
    sql_ += "$" + std::to_string(params_.size());
    return *this;
  }

  const std::string& sql() const { return sql_; }
  const std::vector<SqlValue>& params() const { return params_; }

 private:
  std::string sql_;
  std::vector<SqlValue> params_;
};

// A Transaction over SQL. Backends derive from it and supply the Do* primitives; the
// typed operations (sql_*.cc) are final here. After a primitive fails, the transaction
// refuses further work (kFailedPrecondition naming the first error) and Commit rolls
// back and returns that error: PostgreSQL aborts a transaction on any error, and the
// SQLite backend behaves the same so that callers see one behaviour.
class SqlTransaction : public Transaction {
 public:
  SqlTransaction(Dialect dialect, TxMode mode) : dialect_(dialect), mode_(mode) {}

  Status Commit() final;
  TxMode mode() const final { return mode_; }
  Dialect dialect() const { return dialect_; }

  // Runs one statement; on_row (may be empty) is called for each result row.
  Status Query(const SqlBuilder& q, const RowFn& on_row);
  Status Exec(const SqlBuilder& q) { return Query(q, nullptr); }
  // The first column of the first row as an integer; kNotFound when there is no row.
  Result<int64_t> QueryInt(const SqlBuilder& q, std::string_view what);
  // Whether the statement returns a row.
  Result<bool> Exists(const SqlBuilder& q);
  // Runs several statements without parameters (migrations).
  Status ExecScript(std::string_view sql);

  Result<int64_t> SchemaVersion() final;

  Result<int64_t> AddOrgUnit(const OrgUnit& unit) final;
  Result<OrgUnit> GetOrgUnit(int64_t id) final;
  Result<OrgUnit> FindOrgUnitByCode(std::string_view code) final;
  Status UpdateOrgUnit(const OrgUnit& unit) final;
  Result<bool> InSubtree(int64_t unit, int64_t root) final;
  Result<std::vector<OrgUnit>> ListSubtree(int64_t root) final;
  Result<std::vector<OrgUnit>> ListAncestors(int64_t unit) final;
  Result<std::vector<OrgUnit>> ListChildren(int64_t unit) final;

  Result<int64_t> AddUser(const User& user) final;
  Result<User> GetUser(Scope scope, int64_t id) final;
  Result<User> FindUserByLogin(std::string_view login) final;
  Status UpdateUser(const User& user) final;
  Result<Page<User>> ListUsers(Scope scope, const UserFilter& filter, PageRequest page) final;

  Result<int64_t> AddWarning(const Warning& warning) final;
  Result<Warning> GetWarning(Scope scope, int64_t id) final;
  Status UpdateWarning(const Warning& warning) final;
  Result<Page<Warning>> ListWarnings(Scope scope, const WarningFilter& filter,
                                     PageRequest page) final;
  Result<int64_t> CountWarnings(Scope scope, const WarningFilter& filter) final;
  Result<int64_t> AddWarningEvent(const WarningEvent& event) final;
  Result<std::vector<WarningEvent>> ListWarningEvents(Scope scope, int64_t warning_id) final;

  Result<int64_t> AddCase(const Case& c) final;
  Result<Case> GetCase(Scope scope, int64_t id) final;
  Status UpdateCase(const Case& c) final;
  Result<Page<Case>> ListCases(Scope scope, const CaseFilter& filter, PageRequest page) final;
  Status LinkCase(const CaseLink& link) final;
  Status UnlinkCase(int64_t case_id, CaseLinkKind kind, std::string_view ref) final;
  Result<std::vector<CaseLink>> ListCaseLinks(Scope scope, int64_t case_id) final;
  Result<int64_t> AddCaseEvent(const CaseEvent& event) final;
  Result<std::vector<CaseEvent>> ListCaseEvents(Scope scope, int64_t case_id) final;

  Result<int64_t> AddOrder(const Order& order) final;
  Result<Order> GetOrder(Scope scope, int64_t id) final;
  Status TransitionOrder(int64_t id, OrderState state, int64_t at_ms, int64_t expires_ms) final;
  Result<Page<Order>> ListOrders(Scope scope, const OrderFilter& filter, PageRequest page) final;

  Status UpsertListSource(const ListSource& source) final;
  Result<ListSource> GetListSource(std::string_view name) final;
  Result<std::vector<ListSource>> ListListSources() final;

  Result<int64_t> AppendAudit(const AuditEntry& entry) final;
  Result<Page<AuditEntry>> ListAudit(Scope scope, const AuditFilter& filter,
                                     PageRequest page) final;

 protected:
  // Runs one statement whose parameters are $1..$n. The backend maps its errors to a
  // Status (unique violation → kAlreadyExists, busy → kUnavailable, ...).
  virtual Status DoQuery(const std::string& sql, const std::vector<SqlValue>& params,
                         const RowFn* on_row) = 0;
  virtual Status DoExecScript(std::string_view sql) = 0;
  virtual Status DoCommit() = 0;
  virtual void DoRollback() noexcept = 0;

  // For the backend's destructor: rolls back unless Commit already ended it.
  void RollbackIfOpen() noexcept;
  bool finished() const { return finished_; }

 private:
  Status CheckUsable() const;
  // CheckUsable, and kFailedPrecondition in a read transaction.
  Status CheckWritable() const;
  Status RequireUnit(int64_t id, std::string_view what);
  Status RequireUser(int64_t id, std::string_view what);
  Status RequireCase(int64_t id);
  Status RequireCaseInScope(Scope scope, int64_t id);
  Result<std::vector<OrgUnit>> QueryUnits(const SqlBuilder& q);
  Result<std::vector<OrderTransition>> QueryOrderHistory(int64_t order_id);

  Dialect dialect_;
  TxMode mode_;
  bool finished_ = false;
  Status failed_;  // the first database error; OK while none
};

// --- helpers shared by the sql_*.cc files

// kInvalidArgument unless 1 <= limit <= kMaxPageLimit and offset >= 0.
Status CheckPage(PageRequest page);
// Appends " AND <column> IN (<the scope's units>)"; nothing for Scope::All().
void AppendScope(SqlBuilder& q, Scope scope, std::string_view column);
// Appends " LIMIT <limit + 1> OFFSET <offset>"; the extra row tells whether more follow.
void AppendPage(SqlBuilder& q, PageRequest page);
// Drops the extra row of AppendPage and sets `more`.
template <typename T>
Page<T> ToPage(std::vector<T> rows, PageRequest page) {
  Page<T> out;
  if (static_cast<int64_t>(rows.size()) > page.limit) {
    rows.resize(static_cast<size_t>(page.limit));
    out.more = true;
  }
  out.items = std::move(rows);
  return out;
}
// Appends " AND <column> IN ($a, $b, ...)" with the names of `values`; nothing if empty.
template <typename E>
void AppendIn(SqlBuilder& q, std::string_view column, const std::vector<E>& values) {
  if (values.empty()) return;
  q << " AND " << column << " IN (";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) q << ", ";
    q << Arg{std::string(EnumName(values[i]))};
  }
  q << ")";
}

// An id, or NULL for 0.
SqlValue IdOrNull(int64_t id);
SqlValue Text(std::string_view s);
SqlValue Name(auto v) { return std::string(EnumName(v)); }
SqlValue FraudTypeOrNull(const std::optional<FraudType>& t);

// Reads a column written by Name(); kDataLoss naming the column for an unknown name.
template <typename E>
Result<E> ColumnEnum(const SqlRow& row, int col, std::string_view column) {
  auto v = ParseEnum<E>(row.Text(col));
  if (!v) {
    return DataLossError(std::string(column) + ": unknown value '" + std::string(row.Text(col)) +
                         "'");
  }
  return *v;
}
template <typename E>
Result<std::optional<E>> ColumnOptionalEnum(const SqlRow& row, int col, std::string_view column) {
  if (row.IsNull(col)) return std::optional<E>();
  auto v = ColumnEnum<E>(row, col, column);
  if (!v.ok()) return v.error();
  return std::optional<E>(*v);
}
template <typename E>
SqlValue OptionalName(const std::optional<E>& v) {
  if (!v) return SqlValue();
  return Name(*v);
}
Result<std::optional<FraudType>> ColumnFraudType(const SqlRow& row, int col);

}  // namespace wuzha::store::internal
