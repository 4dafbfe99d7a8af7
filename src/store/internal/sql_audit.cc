// The append-only audit log and the list sources' metadata.
#include <string>

#include "store/internal/sql.h"

namespace wuzha::store::internal {

Result<int64_t> SqlTransaction::AppendAudit(const AuditEntry& e) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  if (e.action.empty()) return InvalidArgumentError("audit: empty action");
  SqlBuilder q(
      "INSERT INTO audit_log (at_ms, actor_user_id, actor, unit_id, action, target, "
      "detail) VALUES (");
  q << Arg{e.at_ms} << ", " << Arg{IdOrNull(e.actor_user)} << ", " << Arg{Text(e.actor)} << ", "
    << Arg{IdOrNull(e.unit_id)} << ", " << Arg{Text(e.action)} << ", " << Arg{Text(e.target)}
    << ", " << Arg{Text(e.detail_json)} << ") RETURNING seq";
  return QueryInt(q, "audit seq");
}

Result<Page<AuditEntry>> SqlTransaction::ListAudit(Scope scope, const AuditFilter& f,
                                                   PageRequest page) {
  WUZHA_RETURN_IF_ERROR(CheckPage(page));
  SqlBuilder q(
      "SELECT seq, at_ms, actor_user_id, actor, unit_id, action, target, detail "
      "FROM audit_log WHERE 1 = 1");
  AppendScope(q, scope, "unit_id");
  if (f.actor_user) q << " AND actor_user_id = " << Arg{f.actor_user};
  if (!f.action.empty()) q << " AND action = " << Arg{Text(f.action)};
  if (!f.target.empty()) q << " AND target = " << Arg{Text(f.target)};
  if (f.from_ms) q << " AND at_ms >= " << Arg{f.from_ms};
  if (f.to_ms) q << " AND at_ms < " << Arg{f.to_ms};
  if (f.after_seq) q << " AND seq > " << Arg{f.after_seq};
  q << " ORDER BY seq";
  AppendPage(q, page);
  std::vector<AuditEntry> rows;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) {
    AuditEntry e;
    e.seq = row.Int(0);
    e.at_ms = row.Int(1);
    e.actor_user = row.Int(2);
    e.actor = row.Text(3);
    e.unit_id = row.Int(4);
    e.action = row.Text(5);
    e.target = row.Text(6);
    e.detail_json = row.Text(7);
    rows.push_back(std::move(e));
    return Status::Ok();
  }));
  return ToPage(std::move(rows), page);
}

Status SqlTransaction::UpsertListSource(const ListSource& s) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  if (s.name.empty()) return InvalidArgumentError("list source: empty name");
  SqlBuilder q(
      "INSERT INTO list_sources (name, description, entries, updated_ms, enabled) "
      "VALUES (");
  q << Arg{Text(s.name)} << ", " << Arg{Text(s.description)} << ", " << Arg{s.entries} << ", "
    << Arg{s.updated_ms} << ", " << Arg{int64_t{s.enabled}}
    << ") ON CONFLICT (name) DO UPDATE SET description = excluded.description, "
       "entries = excluded.entries, updated_ms = excluded.updated_ms, "
       "enabled = excluded.enabled";
  return Exec(q);
}

namespace {

ListSource ReadListSource(const SqlRow& row) {
  ListSource s;
  s.name = row.Text(0);
  s.description = row.Text(1);
  s.entries = row.Int(2);
  s.updated_ms = row.Int(3);
  s.enabled = row.Int(4) != 0;
  return s;
}

constexpr std::string_view kListSourceColumns =
    "SELECT name, description, entries, updated_ms, enabled FROM list_sources";

}  // namespace

Result<ListSource> SqlTransaction::GetListSource(std::string_view name) {
  SqlBuilder q(kListSourceColumns);
  q << " WHERE name = " << Arg{Text(name)};
  std::optional<ListSource> found;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) {
    found = ReadListSource(row);
    return Status::Ok();
  }));
  if (!found) return NotFoundError("no list source '" + std::string(name) + "'");
  return std::move(*found);
}

Result<std::vector<ListSource>> SqlTransaction::ListListSources() {
  SqlBuilder q(kListSourceColumns);
  q << " ORDER BY name";
  std::vector<ListSource> sources;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) {
    sources.push_back(ReadListSource(row));
    return Status::Ok();
  }));
  return sources;
}

}  // namespace wuzha::store::internal
