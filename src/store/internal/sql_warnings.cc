// Warnings and their history (warning_events).
#include <string>

#include "store/internal/sql.h"

namespace wuzha::store::internal {
namespace {

constexpr std::string_view kColumns =
    "id, person, person_name, phone, unit_id, grade, fraud_type, status, assigned_unit_id, "
    "assigned_user_id, expected_loss_fen, deadline_ms, created_ms, updated_ms, last_feedback, "
    "reasons";

Result<Warning> ReadWarning(const SqlRow& row) {
  Warning w;
  w.id = row.Int(0);
  w.person = row.Text(1);
  w.person_name = row.Text(2);
  w.phone = row.Text(3);
  w.unit_id = row.Int(4);
  WUZHA_ASSIGN_OR_RETURN(w.grade, ColumnEnum<Grade>(row, 5, "warnings.grade"));
  WUZHA_ASSIGN_OR_RETURN(w.fraud_type, ColumnFraudType(row, 6));
  WUZHA_ASSIGN_OR_RETURN(w.status, ColumnEnum<WarningStatus>(row, 7, "warnings.status"));
  w.assigned_unit = row.Int(8);
  w.assigned_user = row.Int(9);
  w.expected_loss_fen = row.Int(10);
  w.deadline_ms = row.Int(11);
  w.created_ms = row.Int(12);
  w.updated_ms = row.Int(13);
  WUZHA_ASSIGN_OR_RETURN(w.last_feedback,
                         ColumnOptionalEnum<Feedback>(row, 14, "warnings.last_feedback"));
  w.reasons_json = row.Text(15);
  return w;
}

void AppendFilter(SqlBuilder& q, Scope scope, const WarningFilter& f) {
  AppendScope(q, scope, "unit_id");
  AppendIn(q, "status", f.statuses);
  if (f.grade) q << " AND grade = " << Arg{Name(*f.grade)};
  if (f.fraud_type) q << " AND fraud_type = " << Arg{FraudTypeOrNull(f.fraud_type)};
  if (f.assigned_unit) q << " AND assigned_unit_id = " << Arg{f.assigned_unit};
  if (f.assigned_user) q << " AND assigned_user_id = " << Arg{f.assigned_user};
  if (!f.person.empty()) q << " AND person = " << Arg{Text(f.person)};
  if (f.deadline_before_ms) q << " AND deadline_ms < " << Arg{f.deadline_before_ms};
  if (f.created_from_ms) q << " AND created_ms >= " << Arg{f.created_from_ms};
  if (f.created_to_ms) q << " AND created_ms < " << Arg{f.created_to_ms};
}

std::string_view OrderBy(WarningOrder order) {
  switch (order) {
    case WarningOrder::kDeadlineFirst: return " ORDER BY deadline_ms, id";
    case WarningOrder::kPriority:
      return " ORDER BY CASE grade WHEN 'red' THEN 0 WHEN 'orange' THEN 1 ELSE 2 END, "
             "expected_loss_fen DESC, deadline_ms, id";
    case WarningOrder::kNewestFirst: break;
  }
  return " ORDER BY created_ms DESC, id DESC";
}

// The values of every column but id, in kColumns order from person on.
void AppendValues(SqlBuilder& q, const Warning& w) {
  q << Arg{Text(w.person)} << ", " << Arg{Text(w.person_name)} << ", " << Arg{Text(w.phone)} << ", "
    << Arg{w.unit_id} << ", " << Arg{Name(w.grade)} << ", " << Arg{FraudTypeOrNull(w.fraud_type)}
    << ", " << Arg{Name(w.status)} << ", " << Arg{w.assigned_unit} << ", "
    << Arg{IdOrNull(w.assigned_user)} << ", " << Arg{w.expected_loss_fen} << ", "
    << Arg{w.deadline_ms} << ", " << Arg{w.created_ms} << ", " << Arg{w.updated_ms} << ", "
    << Arg{OptionalName(w.last_feedback)} << ", " << Arg{Text(w.reasons_json)};
}

}  // namespace

Result<int64_t> SqlTransaction::AddWarning(const Warning& w) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  if (w.person.empty()) return InvalidArgumentError("warning: empty person");
  WUZHA_RETURN_IF_ERROR(RequireUnit(w.unit_id, "warning unit"));
  WUZHA_RETURN_IF_ERROR(RequireUnit(w.assigned_unit, "warning assigned unit"));
  if (w.assigned_user) WUZHA_RETURN_IF_ERROR(RequireUser(w.assigned_user, "warning assignee"));
  SqlBuilder q;
  q << "INSERT INTO warnings (" << kColumns.substr(4) << ") VALUES (";
  AppendValues(q, w);
  q << ") RETURNING id";
  return QueryInt(q, "warning id");
}

Result<Warning> SqlTransaction::GetWarning(Scope scope, int64_t id) {
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM warnings WHERE id = " << Arg{id};
  AppendScope(q, scope, "unit_id");
  std::optional<Warning> found;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    WUZHA_ASSIGN_OR_RETURN(found, ReadWarning(row));
    return Status::Ok();
  }));
  if (!found) return NotFoundError("no warning " + std::to_string(id));
  return std::move(*found);
}

Status SqlTransaction::UpdateWarning(const Warning& w) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  if (w.person.empty()) return InvalidArgumentError("warning: empty person");
  SqlBuilder exists("SELECT 1 FROM warnings WHERE id = ");
  exists << Arg{w.id};
  WUZHA_ASSIGN_OR_RETURN(bool found, Exists(exists));
  if (!found) return NotFoundError("no warning " + std::to_string(w.id));
  WUZHA_RETURN_IF_ERROR(RequireUnit(w.unit_id, "warning unit"));
  WUZHA_RETURN_IF_ERROR(RequireUnit(w.assigned_unit, "warning assigned unit"));
  if (w.assigned_user) WUZHA_RETURN_IF_ERROR(RequireUser(w.assigned_user, "warning assignee"));
  SqlBuilder q("UPDATE warnings SET person = ");
  q << Arg{Text(w.person)} << ", person_name = " << Arg{Text(w.person_name)}
    << ", phone = " << Arg{Text(w.phone)} << ", unit_id = " << Arg{w.unit_id}
    << ", grade = " << Arg{Name(w.grade)} << ", fraud_type = " << Arg{FraudTypeOrNull(w.fraud_type)}
    << ", status = " << Arg{Name(w.status)} << ", assigned_unit_id = " << Arg{w.assigned_unit}
    << ", assigned_user_id = " << Arg{IdOrNull(w.assigned_user)}
    << ", expected_loss_fen = " << Arg{w.expected_loss_fen}
    << ", deadline_ms = " << Arg{w.deadline_ms} << ", updated_ms = " << Arg{w.updated_ms}
    << ", last_feedback = " << Arg{OptionalName(w.last_feedback)}
    << ", reasons = " << Arg{Text(w.reasons_json)} << " WHERE id = " << Arg{w.id};
  return Exec(q);
}

Result<Page<Warning>> SqlTransaction::ListWarnings(Scope scope, const WarningFilter& filter,
                                                   PageRequest page) {
  WUZHA_RETURN_IF_ERROR(CheckPage(page));
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM warnings WHERE 1 = 1";
  AppendFilter(q, scope, filter);
  q << OrderBy(filter.order);
  AppendPage(q, page);
  std::vector<Warning> rows;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    WUZHA_ASSIGN_OR_RETURN(Warning w, ReadWarning(row));
    rows.push_back(std::move(w));
    return Status::Ok();
  }));
  return ToPage(std::move(rows), page);
}

Result<int64_t> SqlTransaction::CountWarnings(Scope scope, const WarningFilter& filter) {
  SqlBuilder q("SELECT COUNT(*) FROM warnings WHERE 1 = 1");
  AppendFilter(q, scope, filter);
  return QueryInt(q, "count");
}

Result<int64_t> SqlTransaction::AddWarningEvent(const WarningEvent& e) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  SqlBuilder exists("SELECT 1 FROM warnings WHERE id = ");
  exists << Arg{e.warning_id};
  WUZHA_ASSIGN_OR_RETURN(bool found, Exists(exists));
  if (!found) return NotFoundError("no warning " + std::to_string(e.warning_id));
  SqlBuilder q(
      "INSERT INTO warning_events (warning_id, at_ms, actor_user_id, kind, feedback, "
      "unit_id, detail) VALUES (");
  q << Arg{e.warning_id} << ", " << Arg{e.at_ms} << ", " << Arg{IdOrNull(e.actor_user)} << ", "
    << Arg{Name(e.kind)} << ", " << Arg{OptionalName(e.feedback)} << ", "
    << Arg{IdOrNull(e.unit_id)} << ", " << Arg{Text(e.detail_json)} << ") RETURNING id";
  return QueryInt(q, "warning event id");
}

Result<std::vector<WarningEvent>> SqlTransaction::ListWarningEvents(Scope scope,
                                                                    int64_t warning_id) {
  SqlBuilder exists("SELECT 1 FROM warnings WHERE id = ");
  exists << Arg{warning_id};
  AppendScope(exists, scope, "unit_id");
  WUZHA_ASSIGN_OR_RETURN(bool found, Exists(exists));
  if (!found) return NotFoundError("no warning " + std::to_string(warning_id));
  SqlBuilder q(
      "SELECT id, warning_id, at_ms, actor_user_id, kind, feedback, unit_id, detail "
      "FROM warning_events WHERE warning_id = ");
  q << Arg{warning_id} << " ORDER BY at_ms, id";
  std::vector<WarningEvent> events;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    WarningEvent e;
    e.id = row.Int(0);
    e.warning_id = row.Int(1);
    e.at_ms = row.Int(2);
    e.actor_user = row.Int(3);
    WUZHA_ASSIGN_OR_RETURN(e.kind, ColumnEnum<WarningEventKind>(row, 4, "warning_events.kind"));
    WUZHA_ASSIGN_OR_RETURN(e.feedback,
                           ColumnOptionalEnum<Feedback>(row, 5, "warning_events.feedback"));
    e.unit_id = row.Int(6);
    e.detail_json = row.Text(7);
    events.push_back(std::move(e));
    return Status::Ok();
  }));
  return events;
}

}  // namespace wuzha::store::internal
