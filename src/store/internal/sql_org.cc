// The org tree: org_units plus its closure table org_closure (every ancestor/descendant
// pair with its depth), kept in step on every add and move.
#include <string>

#include "store/internal/sql.h"

namespace wuzha::store::internal {
namespace {

constexpr std::string_view kColumns = "u.id, u.parent_id, u.kind, u.name, u.code, u.daily_capacity";

Result<OrgUnit> ReadUnit(const SqlRow& row) {
  OrgUnit u;
  u.id = row.Int(0);
  u.parent = row.Int(1);
  WUZHA_ASSIGN_OR_RETURN(u.kind, ColumnEnum<UnitKind>(row, 2, "org_units.kind"));
  u.name = row.Text(3);
  u.code = row.Text(4);
  u.daily_capacity = row.Int(5);
  return u;
}

Status CheckKindBelow(const OrgUnit& parent, UnitKind kind) {
  if (kind <= parent.kind) {
    return InvalidArgumentError("a " + std::string(EnumName(kind)) + " cannot be under a " +
                                std::string(EnumName(parent.kind)) + " (unit " +
                                std::to_string(parent.id) + ")");
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<OrgUnit>> SqlTransaction::QueryUnits(const SqlBuilder& q) {
  std::vector<OrgUnit> units;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    WUZHA_ASSIGN_OR_RETURN(OrgUnit u, ReadUnit(row));
    units.push_back(std::move(u));
    return Status::Ok();
  }));
  return units;
}

Result<int64_t> SqlTransaction::AddOrgUnit(const OrgUnit& unit) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  if (unit.name.empty()) return InvalidArgumentError("org unit: empty name");
  if (unit.parent != 0) {
    auto parent = GetOrgUnit(unit.parent);
    if (!parent.ok()) return parent.error().WithContext("org unit parent");
    WUZHA_RETURN_IF_ERROR(CheckKindBelow(*parent, unit.kind));
  }
  SqlBuilder q("INSERT INTO org_units (parent_id, kind, name, code, daily_capacity) VALUES (");
  q << Arg{IdOrNull(unit.parent)} << ", " << Arg{Name(unit.kind)} << ", " << Arg{Text(unit.name)}
    << ", " << Arg{Text(unit.code)} << ", " << Arg{unit.daily_capacity}
    << ") ON CONFLICT DO NOTHING RETURNING id";
  auto id = QueryInt(q, "");
  if (!id.ok() && id.error().code() == StatusCode::kNotFound) {
    return AlreadyExistsError("org unit code '" + unit.code + "' is taken");
  }
  if (!id.ok()) return id.error();
  SqlBuilder self("INSERT INTO org_closure (ancestor_id, descendant_id, depth) VALUES (");
  self << Arg{*id} << ", " << Arg{*id} << ", 0)";
  WUZHA_RETURN_IF_ERROR(Exec(self));
  if (unit.parent != 0) {
    SqlBuilder up(
        "INSERT INTO org_closure (ancestor_id, descendant_id, depth) SELECT ancestor_id, ");
    up << Arg{*id} << ", depth + 1 FROM org_closure WHERE descendant_id = " << Arg{unit.parent};
    WUZHA_RETURN_IF_ERROR(Exec(up));
  }
  return *id;
}

Result<OrgUnit> SqlTransaction::GetOrgUnit(int64_t id) {
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM org_units u WHERE u.id = " << Arg{id};
  WUZHA_ASSIGN_OR_RETURN(auto units, QueryUnits(q));
  if (units.empty()) return NotFoundError("no org unit " + std::to_string(id));
  return std::move(units[0]);
}

Result<OrgUnit> SqlTransaction::FindOrgUnitByCode(std::string_view code) {
  if (code.empty()) return NotFoundError("org unit: empty code");
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM org_units u WHERE u.code = " << Arg{Text(code)};
  WUZHA_ASSIGN_OR_RETURN(auto units, QueryUnits(q));
  if (units.empty()) return NotFoundError("no org unit with code '" + std::string(code) + "'");
  return std::move(units[0]);
}

Status SqlTransaction::UpdateOrgUnit(const OrgUnit& unit) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  if (unit.name.empty()) return InvalidArgumentError("org unit: empty name");
  WUZHA_ASSIGN_OR_RETURN(OrgUnit current, GetOrgUnit(unit.id));
  if (!unit.code.empty() && unit.code != current.code) {
    SqlBuilder q("SELECT 1 FROM org_units WHERE code = ");
    q << Arg{Text(unit.code)} << " AND id <> " << Arg{unit.id};
    WUZHA_ASSIGN_OR_RETURN(bool taken, Exists(q));
    if (taken) return AlreadyExistsError("org unit code '" + unit.code + "' is taken");
  }
  bool moved = unit.parent != current.parent;
  if (unit.parent != 0) {
    auto parent = GetOrgUnit(unit.parent);
    if (!parent.ok()) return parent.error().WithContext("org unit parent");
    WUZHA_ASSIGN_OR_RETURN(bool cycle, InSubtree(unit.parent, unit.id));
    if (cycle) {
      return InvalidArgumentError("org unit " + std::to_string(unit.id) +
                                  " cannot move under its own subtree");
    }
    WUZHA_RETURN_IF_ERROR(CheckKindBelow(*parent, unit.kind));
  }
  WUZHA_ASSIGN_OR_RETURN(auto children, ListChildren(unit.id));
  OrgUnit updated = unit;
  for (const OrgUnit& child : children) WUZHA_RETURN_IF_ERROR(CheckKindBelow(updated, child.kind));

  SqlBuilder q("UPDATE org_units SET parent_id = ");
  q << Arg{IdOrNull(unit.parent)} << ", kind = " << Arg{Name(unit.kind)}
    << ", name = " << Arg{Text(unit.name)} << ", code = " << Arg{Text(unit.code)}
    << ", daily_capacity = " << Arg{unit.daily_capacity} << " WHERE id = " << Arg{unit.id};
  WUZHA_RETURN_IF_ERROR(Exec(q));
  if (!moved) return Status::Ok();
  // Cut the subtree from its old ancestors, then hang it under every new one.
  SqlBuilder cut(
      "DELETE FROM org_closure WHERE descendant_id IN (SELECT descendant_id FROM "
      "org_closure WHERE ancestor_id = ");
  cut << Arg{unit.id} << ") AND ancestor_id NOT IN (SELECT descendant_id FROM org_closure "
      << "WHERE ancestor_id = " << Arg{unit.id} << ")";
  WUZHA_RETURN_IF_ERROR(Exec(cut));
  if (unit.parent == 0) return Status::Ok();
  SqlBuilder link(
      "INSERT INTO org_closure (ancestor_id, descendant_id, depth) SELECT "
      "a.ancestor_id, d.descendant_id, a.depth + d.depth + 1 FROM org_closure a, "
      "org_closure d WHERE a.descendant_id = ");
  link << Arg{unit.parent} << " AND d.ancestor_id = " << Arg{unit.id};
  return Exec(link);
}

Result<bool> SqlTransaction::InSubtree(int64_t unit, int64_t root) {
  SqlBuilder q("SELECT 1 FROM org_closure WHERE ancestor_id = ");
  q << Arg{root} << " AND descendant_id = " << Arg{unit};
  return Exists(q);
}

Result<std::vector<OrgUnit>> SqlTransaction::ListSubtree(int64_t root) {
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM org_closure c JOIN org_units u ON u.id = c.descendant_id"
    << " WHERE c.ancestor_id = " << Arg{root} << " ORDER BY c.depth, u.id";
  WUZHA_ASSIGN_OR_RETURN(auto units, QueryUnits(q));
  if (units.empty()) return NotFoundError("no org unit " + std::to_string(root));
  return units;
}

Result<std::vector<OrgUnit>> SqlTransaction::ListAncestors(int64_t unit) {
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM org_closure c JOIN org_units u ON u.id = c.ancestor_id"
    << " WHERE c.descendant_id = " << Arg{unit} << " ORDER BY c.depth DESC";
  WUZHA_ASSIGN_OR_RETURN(auto units, QueryUnits(q));
  if (units.empty()) return NotFoundError("no org unit " + std::to_string(unit));
  return units;
}

Result<std::vector<OrgUnit>> SqlTransaction::ListChildren(int64_t unit) {
  WUZHA_RETURN_IF_ERROR(RequireUnit(unit, "children"));
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM org_units u WHERE u.parent_id = " << Arg{unit}
    << " ORDER BY u.id";
  return QueryUnits(q);
}

}  // namespace wuzha::store::internal
