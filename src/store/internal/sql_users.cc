// Users: login, role, unit and the password hash the server keeps.
#include <string>

#include "store/internal/sql.h"

namespace wuzha::store::internal {
namespace {

constexpr std::string_view kColumns =
    "id, login, name, role, unit_id, password_hash, disabled, created_ms";

Result<User> ReadUser(const SqlRow& row) {
  User u;
  u.id = row.Int(0);
  u.login = row.Text(1);
  u.name = row.Text(2);
  WUZHA_ASSIGN_OR_RETURN(u.role, ColumnEnum<Role>(row, 3, "users.role"));
  u.unit_id = row.Int(4);
  u.password_hash = row.Text(5);
  u.disabled = row.Int(6) != 0;
  u.created_ms = row.Int(7);
  return u;
}

}  // namespace

Result<int64_t> SqlTransaction::AddUser(const User& user) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  if (user.login.empty()) return InvalidArgumentError("user: empty login");
  WUZHA_RETURN_IF_ERROR(RequireUnit(user.unit_id, "user " + user.login));
  SqlBuilder q(
      "INSERT INTO users (login, name, role, unit_id, password_hash, disabled, "
      "created_ms) VALUES (");
  q << Arg{Text(user.login)} << ", " << Arg{Text(user.name)} << ", " << Arg{Name(user.role)} << ", "
    << Arg{user.unit_id} << ", " << Arg{Text(user.password_hash)} << ", "
    << Arg{int64_t{user.disabled}} << ", " << Arg{user.created_ms}
    << ") ON CONFLICT DO NOTHING RETURNING id";
  auto id = QueryInt(q, "");
  if (!id.ok() && id.error().code() == StatusCode::kNotFound) {
    return AlreadyExistsError("user login '" + user.login + "' is taken");
  }
  return id;
}

Result<User> SqlTransaction::GetUser(Scope scope, int64_t id) {
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM users WHERE id = " << Arg{id};
  AppendScope(q, scope, "unit_id");
  std::optional<User> found;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    WUZHA_ASSIGN_OR_RETURN(found, ReadUser(row));
    return Status::Ok();
  }));
  if (!found) return NotFoundError("no user " + std::to_string(id));
  return std::move(*found);
}

Result<User> SqlTransaction::FindUserByLogin(std::string_view login) {
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM users WHERE login = " << Arg{Text(login)};
  std::optional<User> found;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    WUZHA_ASSIGN_OR_RETURN(found, ReadUser(row));
    return Status::Ok();
  }));
  if (!found) return NotFoundError("no user '" + std::string(login) + "'");
  return std::move(*found);
}

Status SqlTransaction::UpdateUser(const User& user) {
  WUZHA_RETURN_IF_ERROR(CheckWritable());
  WUZHA_RETURN_IF_ERROR(RequireUser(user.id, "update"));
  WUZHA_RETURN_IF_ERROR(RequireUnit(user.unit_id, "user " + std::to_string(user.id)));
  SqlBuilder q("UPDATE users SET name = ");
  q << Arg{Text(user.name)} << ", role = " << Arg{Name(user.role)}
    << ", unit_id = " << Arg{user.unit_id} << ", password_hash = " << Arg{Text(user.password_hash)}
    << ", disabled = " << Arg{int64_t{user.disabled}} << " WHERE id = " << Arg{user.id};
  return Exec(q);
}

Result<Page<User>> SqlTransaction::ListUsers(Scope scope, const UserFilter& filter,
                                             PageRequest page) {
  WUZHA_RETURN_IF_ERROR(CheckPage(page));
  SqlBuilder q;
  q << "SELECT " << kColumns << " FROM users WHERE 1 = 1";
  AppendScope(q, scope, "unit_id");
  if (filter.role) q << " AND role = " << Arg{Name(*filter.role)};
  if (filter.unit_id) q << " AND unit_id = " << Arg{filter.unit_id};
  q << " ORDER BY id";
  AppendPage(q, page);
  std::vector<User> users;
  WUZHA_RETURN_IF_ERROR(Query(q, [&](const SqlRow& row) -> Status {
    WUZHA_ASSIGN_OR_RETURN(User u, ReadUser(row));
    users.push_back(std::move(u));
    return Status::Ok();
  }));
  return ToPage(std::move(users), page);
}

}  // namespace wuzha::store::internal
