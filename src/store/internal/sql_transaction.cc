// SqlTransaction's own machinery and the helpers the sql_*.cc files share.
#include <string>

#include "store/internal/sql.h"

namespace wuzha::store::internal {

Status SqlTransaction::CheckUsable() const {
  if (finished_) return FailedPreconditionError("transaction already ended");
  if (!failed_.ok()) {
    return FailedPreconditionError("transaction failed earlier: " + failed_.ToString());
  }
  return Status::Ok();
}

Status SqlTransaction::CheckWritable() const {
  WUZHA_RETURN_IF_ERROR(CheckUsable());
  if (mode_ != TxMode::kWrite) return FailedPreconditionError("write in a read transaction");
  return Status::Ok();
}

Status SqlTransaction::Query(const SqlBuilder& q, const RowFn& on_row) {
  WUZHA_RETURN_IF_ERROR(CheckUsable());
  Status s = DoQuery(q.sql(), q.params(), on_row ? &on_row : nullptr);
  if (!s.ok()) failed_ = s;
  return s;
}

Result<int64_t> SqlTransaction::QueryInt(const SqlBuilder& q, std::string_view what) {
  bool found = false;
  int64_t value = 0;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) {
    if (!found) value = row.Int(0);
    found = true;
    return Status::Ok();
  }));
  if (!found) return NotFoundError(std::string(what));
  return value;
}

Result<bool> SqlTransaction::Exists(const SqlBuilder& q) {
  bool found = false;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow&) {
    found = true;
    return Status::Ok();
  }));
  return found;
}

Status SqlTransaction::ExecScript(std::string_view sql) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  Status s = DoExecScript(sql);
  if (!s.ok()) failed_ = s;
  return s;
}

Status SqlTransaction::Commit() {
  if (finished_) return FailedPreconditionError("transaction already ended");
  finished_ = true;
  if (!failed_.ok()) {
    DoRollback();
    return failed_;
  }
  return DoCommit();
}

void SqlTransaction::RollbackIfOpen() noexcept {
  if (finished_) return;
  finished_ = true;
  DoRollback();
}

Result<int64_t> SqlTransaction::SchemaVersion() {
  return QueryInt(SqlBuilder("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"),
                  "schema version");
}

Status SqlTransaction::RequireUnit(int64_t id, std::string_view what) {
  SqlBuilder q("SELECT 1 FROM org_units WHERE id = ");
  q << Arg{id};
  WUZHA_ASSIGN_OR_RETURN(bool found, Exists(q));
  if (!found) return NotFoundError(std::string(what) + ": no org unit " + std::to_string(id));
  return Status::Ok();
}

Status SqlTransaction::RequireUser(int64_t id, std::string_view what) {
  SqlBuilder q("SELECT 1 FROM users WHERE id = ");
  q << Arg{id};
  WUZHA_ASSIGN_OR_RETURN(bool found, Exists(q));
  if (!found) return NotFoundError(std::string(what) + ": no user " + std::to_string(id));
  return Status::Ok();
}

Status SqlTransaction::RequireCase(int64_t id) { return RequireCaseInScope(Scope::All(), id); }

Status SqlTransaction::RequireCaseInScope(Scope scope, int64_t id) {
  SqlBuilder q("SELECT 1 FROM cases WHERE id = ");
  q << Arg{id};
  AppendScope(q, scope, "unit_id");
  WUZHA_ASSIGN_OR_RETURN(bool found, Exists(q));
  if (!found) return NotFoundError("no case " + std::to_string(id));
  return Status::Ok();
}

Status CheckPage(PageRequest page) {
  if (page.limit < 1 || page.limit > kMaxPageLimit) {
    return InvalidArgumentError("page limit " + std::to_string(page.limit) + " is outside 1.." +
                                std::to_string(kMaxPageLimit));
  }
  if (page.offset < 0) {
    return InvalidArgumentError("page offset " + std::to_string(page.offset) + " is negative");
  }
  return Status::Ok();
}

void AppendScope(SqlBuilder& q, Scope scope, std::string_view column) {
  if (scope.all()) return;
  q << " AND " << column
    << " IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = " << Arg{scope.unit()}
    << ")";
}

void AppendPage(SqlBuilder& q, PageRequest page) {
  q << " LIMIT " << Arg{page.limit + 1} << " OFFSET " << Arg{page.offset};
}

SqlValue IdOrNull(int64_t id) { return id == 0 ? SqlValue() : SqlValue(id); }

SqlValue Text(std::string_view s) { return std::string(s); }

SqlValue FraudTypeOrNull(const std::optional<FraudType>& t) {
  if (!t) return SqlValue();
  return std::string(FraudTypeCode(*t));
}

Result<std::optional<FraudType>> ColumnFraudType(const SqlRow& row, int col) {
  if (row.IsNull(col)) return std::optional<FraudType>();
  auto t = ParseFraudType(row.Text(col));
  if (!t) return DataLossError("fraud_type: unknown value '" + std::string(row.Text(col)) + "'");
  return std::optional<FraudType>(*t);
}

}  // namespace wuzha::store::internal
