#include "store/internal/migrations.h"

#include <chrono>
#include <map>

namespace wuzha::store::internal {
namespace {

constexpr std::string_view kCreateMigrationsTable = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  applied_ms BIGINT NOT NULL
))sql";

// Enum columns hold EnumName text without CHECK constraints: SQLite cannot alter a
// constraint without rebuilding the table, and the store refuses unknown names on read.

constexpr std::string_view kOrgUsersAudit = R"sql(
CREATE TABLE org_units (
  id {id},
  parent_id BIGINT REFERENCES org_units (id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  daily_capacity BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX org_units_code ON org_units (code) WHERE code <> '';
CREATE INDEX org_units_parent ON org_units (parent_id);
-- Every (ancestor, descendant) pair, a unit being its own ancestor at depth 0: a scope
-- is one indexed lookup, whatever the depth of the tree.
CREATE TABLE org_closure (
  ancestor_id BIGINT NOT NULL REFERENCES org_units (id),
  descendant_id BIGINT NOT NULL REFERENCES org_units (id),
  depth INTEGER NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX org_closure_descendant ON org_closure (descendant_id);
CREATE TABLE users (
  id {id},
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES org_units (id),
  password_hash TEXT NOT NULL DEFAULT '',
  disabled INTEGER NOT NULL DEFAULT 0,
  created_ms BIGINT NOT NULL
);
CREATE INDEX users_unit ON users (unit_id);
-- No foreign keys: the log records actors that may not be users (a failed login).
CREATE TABLE audit_log (
  seq {seq},
  at_ms BIGINT NOT NULL,
  actor_user_id BIGINT,
  actor TEXT NOT NULL,
  unit_id BIGINT,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_log_unit ON audit_log (unit_id, seq);
)sql";

constexpr std::string_view kAuditAppendOnlySqlite = R"sql(
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql";

constexpr std::string_view kAuditAppendOnlyPostgres = R"sql(
CREATE FUNCTION wuzha_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION wuzha_audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION wuzha_audit_log_append_only();
)sql";

constexpr std::string_view kWarningsCasesOrders = R"sql(
CREATE TABLE warnings (
  id {id},
  person TEXT NOT NULL,
  person_name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  unit_id BIGINT NOT NULL REFERENCES org_units (id),
  grade TEXT NOT NULL,
  fraud_type TEXT,
  status TEXT NOT NULL,
  assigned_unit_id BIGINT NOT NULL REFERENCES org_units (id),
  assigned_user_id BIGINT REFERENCES users (id),
  expected_loss_fen BIGINT NOT NULL DEFAULT 0,
  deadline_ms BIGINT NOT NULL,
  created_ms BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL,
  last_feedback TEXT,
  reasons TEXT NOT NULL
);
CREATE INDEX warnings_unit ON warnings (unit_id, status);
CREATE INDEX warnings_assigned ON warnings (assigned_unit_id, status);
CREATE INDEX warnings_person ON warnings (person);
CREATE INDEX warnings_deadline ON warnings (status, deadline_ms);
CREATE TABLE warning_events (
  id {id},
  warning_id BIGINT NOT NULL REFERENCES warnings (id),
  at_ms BIGINT NOT NULL,
  actor_user_id BIGINT,
  kind TEXT NOT NULL,
  feedback TEXT,
  unit_id BIGINT,
  detail TEXT NOT NULL
);
CREATE INDEX warning_events_warning ON warning_events (warning_id, at_ms);
CREATE TABLE cases (
  id {id},
  reference TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  fraud_type TEXT,
  unit_id BIGINT NOT NULL REFERENCES org_units (id),
  loss_fen BIGINT NOT NULL DEFAULT 0,
  created_ms BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL,
  detail TEXT NOT NULL
);
CREATE UNIQUE INDEX cases_reference ON cases (reference) WHERE reference <> '';
CREATE INDEX cases_unit ON cases (unit_id, status);
CREATE TABLE case_links (
  case_id BIGINT NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  added_ms BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, kind, ref)
);
CREATE INDEX case_links_ref ON case_links (kind, ref);
CREATE TABLE case_events (
  id {id},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  at_ms BIGINT NOT NULL,
  actor_user_id BIGINT,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, at_ms);
CREATE TABLE orders (
  id {id},
  kind TEXT NOT NULL,
  account TEXT NOT NULL,
  case_id BIGINT REFERENCES cases (id),
  unit_id BIGINT NOT NULL REFERENCES org_units (id),
  amount_fen BIGINT NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  requested_ms BIGINT NOT NULL,
  executed_ms BIGINT NOT NULL DEFAULT 0,
  expires_ms BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX orders_account ON orders (account);
CREATE INDEX orders_case ON orders (case_id);
CREATE INDEX orders_unit ON orders (unit_id);
CREATE TABLE order_transitions (
  order_id BIGINT NOT NULL REFERENCES orders (id),
  n INTEGER NOT NULL,
  at_ms BIGINT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (order_id, n)
);
CREATE TABLE list_sources (
  name TEXT PRIMARY KEY,
  description TEXT NOT NULL DEFAULT '',
  entries BIGINT NOT NULL DEFAULT 0,
  updated_ms BIGINT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1
);
)sql";

constexpr Migration kMigrations[] = {
    {1, "org_users_audit", kOrgUsersAudit, kAuditAppendOnlySqlite, kAuditAppendOnlyPostgres},
    {2, "warnings_cases_orders_lists", kWarningsCasesOrders, "", ""},
};

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::span<const Migration> BuiltinMigrations() { return kMigrations; }

std::string RenderMigration(const Migration& m, Dialect dialect) {
  bool sqlite = dialect == Dialect::kSqlite;
  std::string sql(m.common);
  sql += sqlite ? m.sqlite : m.postgres;
  ReplaceAll(sql, "{id}", sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY");
  ReplaceAll(sql, "{seq}", sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY");
  return sql;
}

Status ApplyMigrations(SqlTransaction& tx, std::span<const Migration> migrations) {
  WUZHA_RETURN_IF_ERROR(tx.ExecScript(kCreateMigrationsTable));
  std::map<int64_t, std::string> applied;
  WUZHA_RETURN_IF_ERROR(
      tx.Query(SqlBuilder("SELECT version, name FROM schema_migrations"), [&](const SqlRow& row) {
        applied[row.Int(0)] = std::string(row.Text(1));
        return Status::Ok();
      }));
  std::map<int64_t, std::string_view> known;
  for (const Migration& m : migrations) known[m.version] = m.name;
  int64_t latest = migrations.empty() ? 0 : migrations.back().version;
  for (const auto& [version, name] : applied) {
    auto it = known.find(version);
    if (it == known.end()) {
      return FailedPreconditionError("database schema version " + std::to_string(version) + " (" +
                                     name + ") is not known to this build, whose newest is " +
                                     std::to_string(latest) +
                                     ": the database was written by a newer wuzha");
    }
    if (it->second != name) {
      return FailedPreconditionError("database schema version " + std::to_string(version) +
                                     " is '" + name + "', this build expects '" +
                                     std::string(it->second) + "'");
    }
  }
  for (const Migration& m : migrations) {
    if (applied.count(m.version)) continue;
    Status s = tx.ExecScript(RenderMigration(m, tx.dialect()));
    if (!s.ok()) return s.WithContext("migration " + std::to_string(m.version));
    SqlBuilder q("INSERT INTO schema_migrations (version, name, applied_ms) VALUES (");
    q << Arg{m.version} << ", " << Arg{std::string(m.name)} << ", " << Arg{NowMs()} << ")";
    WUZHA_RETURN_IF_ERROR(tx.Exec(q));
  }
  return Status::Ok();
}

}  // namespace wuzha::store::internal
