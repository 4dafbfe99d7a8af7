// Cases, their links (case_links) and their history (case_events).
#include <string>

#include "store/internal/sql.h"

namespace wuzha::store::internal {
namespace {

constexpr std::string_view kColumns =
    "id, reference, title, status, fraud_type, unit_id, loss_fen, created_ms, updated_ms, detail";

Result<Case> ReadCase(const SqlRow& row) {
  Case c;
  c.id = row.Int(0);
  c.reference = row.Text(1);
  c.title = row.Text(2);
  WUZHA_ASSIGN_OR_RETURN(c.status, ColumnEnum<CaseStatus>(row, 3, "cases.status"));
  WUZHA_ASSIGN_OR_RETURN(c.fraud_type, ColumnFraudType(row, 4));
  c.unit_id = row.Int(5);
  c.loss_fen = row.Int(6);
  c.created_ms = row.Int(7);
  c.updated_ms = row.Int(8);
  c.detail_json = row.Text(9);
  return c;
}

}  // namespace

Result<int64_t> SqlTransaction::AddCase(const Case& c) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  if (c.title.empty()) return InvalidArgumentError("case: empty title");
  WUZHA_RETURN_IF_ERROR(RequireUnit(c.unit_id, "case unit"));
  SqlBuilder q;
  q << "INSERT INTO cases (" << kColumns.substr(4) << ") VALUES (" << Arg{Text(c.reference)} << ", "
    << Arg{Text(c.title)} << ", " << Arg{Name(c.status)} << ", "
    << Arg{FraudTypeOrNull(c.fraud_type)} << ", " << Arg{c.unit_id} << ", " << Arg{c.loss_fen}
    << ", " << Arg{c.created_ms} << ", " << Arg{c.updated_ms} << ", " << Arg{Text(c.detail_json)}
    << ") ON CONFLICT DO NOTHING RETURNING id";
  auto id = QueryInt(q, "");
  if (!id.ok() && id.error().code() == StatusCode::kNotFound) {
    return AlreadyExistsError("case reference '" + c.reference + "' is taken");
  }
  return id;
}

Result<Case> SqlTransaction::GetCase(Scope scope, int64_t id) {
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM cases WHERE id = " << Arg{id};
  AppendScope(q, scope, "unit_id");
  std::optional<Case> found;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    WUZHA_ASSIGN_OR_RETURN(found, ReadCase(row));
    return Status::Ok();
  }));
  if (!found) return NotFoundError("no case " + std::to_string(id));
  return std::move(*found);
}

Status SqlTransaction::UpdateCase(const Case& c) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  if (c.title.empty()) return InvalidArgumentError("case: empty title");
  WUZHA_RETURN_IF_ERROR(RequireCase(c.id));
  WUZHA_RETURN_IF_ERROR(RequireUnit(c.unit_id, "case unit"));
  if (!c.reference.empty()) {
    SqlBuilder taken("SELECT 1 FROM cases WHERE reference = ");
    taken << Arg{Text(c.reference)} << " AND id <> " << Arg{c.id};
    WUZHA_ASSIGN_OR_RETURN(bool dup, Exists(taken));
    if (dup) return AlreadyExistsError("case reference '" + c.reference + "' is taken");
  }
  SqlBuilder q("UPDATE cases SET reference = ");
  q << Arg{Text(c.reference)} << ", title = " << Arg{Text(c.title)}
    << ", status = " << Arg{Name(c.status)}
    << ", fraud_type = " << Arg{FraudTypeOrNull(c.fraud_type)} << ", unit_id = " << Arg{c.unit_id}
    << ", loss_fen = " << Arg{c.loss_fen} << ", updated_ms = " << Arg{c.updated_ms}
    << ", detail = " << Arg{Text(c.detail_json)} << " WHERE id = " << Arg{c.id};
  return Exec(q);
}

Result<Page<Case>> SqlTransaction::ListCases(Scope scope, const CaseFilter& f, PageRequest page) {
  WUZHA_RETURN_IF_ERROR(CheckPage(page));
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM cases WHERE 1 = 1";
  AppendScope(q, scope, "unit_id");
  AppendIn(q, "status", f.statuses);
  if (f.fraud_type) q << " AND fraud_type = " << Arg{FraudTypeOrNull(f.fraud_type)};
  if (!f.reference.empty()) q << " AND reference = " << Arg{Text(f.reference)};
  if (f.linked_kind) {
    q << " AND id IN (SELECT case_id FROM case_links WHERE kind = " << Arg{Name(*f.linked_kind)}
      << " AND ref = " << Arg{Text(f.linked_ref)} << ")";
  }
  q << " ORDER BY created_ms DESC, id DESC";
  AppendPage(q, page);
  std::vector<Case> rows;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    WUZHA_ASSIGN_OR_RETURN(Case c, ReadCase(row));
    rows.push_back(std::move(c));
    return Status::Ok();
  }));
  return ToPage(std::move(rows), page);
}

Status SqlTransaction::LinkCase(const CaseLink& link) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  if (link.ref.empty()) return InvalidArgumentError("case link: empty ref");
  WUZHA_RETURN_IF_ERROR(RequireCase(link.case_id));
  SqlBuilder q("INSERT INTO case_links (case_id, kind, ref, added_ms, note) VALUES (");
  q << Arg{link.case_id} << ", " << Arg{Name(link.kind)} << ", " << Arg{Text(link.ref)} << ", "
    << Arg{link.added_ms} << ", " << Arg{Text(link.note)}
    << ") ON CONFLICT DO NOTHING RETURNING case_id";
  auto inserted = QueryInt(q, "");
  if (!inserted.ok() && inserted.error().code() == StatusCode::kNotFound) {
    return AlreadyExistsError("case " + std::to_string(link.case_id) + " already links " +
                              std::string(EnumName(link.kind)) + " '" + link.ref + "'");
  }
  return inserted.status();
}

Status SqlTransaction::UnlinkCase(int64_t case_id, CaseLinkKind kind, std::string_view ref) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  SqlBuilder q("DELETE FROM case_links WHERE case_id = ");
  q << Arg{case_id} << " AND kind = " << Arg{Name(kind)} << " AND ref = " << Arg{Text(ref)}
    << " RETURNING case_id";
  auto deleted = QueryInt(q, "");
  if (!deleted.ok() && deleted.error().code() == StatusCode::kNotFound) {
    return NotFoundError("case " + std::to_string(case_id) + " does not link " +
                         std::string(EnumName(kind)) + " '" + std::string(ref) + "'");
  }
  return deleted.status();
}

Result<std::vector<CaseLink>> SqlTransaction::ListCaseLinks(Scope scope, int64_t case_id) {
  WUZHA_RETURN_IF_ERROR(RequireCaseInScope(scope, case_id));
  SqlBuilder q("SELECT case_id, kind, ref, added_ms, note FROM case_links WHERE case_id = ");
  q << Arg{case_id} << " ORDER BY kind, ref";
  std::vector<CaseLink> links;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    CaseLink l;
    l.case_id = row.Int(0);
    WUZHA_ASSIGN_OR_RETURN(l.kind, ColumnEnum<CaseLinkKind>(row, 1, "case_links.kind"));
    l.ref = row.Text(2);
    l.added_ms = row.Int(3);
    l.note = row.Text(4);
    links.push_back(std::move(l));
    return Status::Ok();
  }));
  return links;
}

Result<int64_t> SqlTransaction::AddCaseEvent(const CaseEvent& e) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  WUZHA_RETURN_IF_ERROR(RequireCase(e.case_id));
  SqlBuilder q("INSERT INTO case_events (case_id, at_ms, actor_user_id, kind, detail) VALUES (");
  q << Arg{e.case_id} << ", " << Arg{e.at_ms} << ", " << Arg{IdOrNull(e.actor_user)} << ", "
    << Arg{Name(e.kind)} << ", " << Arg{Text(e.detail_json)} << ") RETURNING id";
  return QueryInt(q, "case event id");
}

Result<std::vector<CaseEvent>> SqlTransaction::ListCaseEvents(Scope scope, int64_t case_id) {
  WUZHA_RETURN_IF_ERROR(RequireCaseInScope(scope, case_id));
  SqlBuilder q(
      "SELECT id, case_id, at_ms, actor_user_id, kind, detail FROM case_events "
      "WHERE case_id = ");
  q << Arg{case_id} << " ORDER BY at_ms, id";
  std::vector<CaseEvent> events;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    CaseEvent e;
    e.id = row.Int(0);
    e.case_id = row.Int(1);
    e.at_ms = row.Int(2);
    e.actor_user = row.Int(3);
    WUZHA_ASSIGN_OR_RETURN(e.kind, ColumnEnum<CaseEventKind>(row, 4, "case_events.kind"));
    e.detail_json = row.Text(5);
    events.push_back(std::move(e));
    return Status::Ok();
  }));
  return events;
}

}  // namespace wuzha::store::internal
