// The schema as an ordered list of versioned migrations, applied at open.
//
// Each migration runs once per database, in version order, inside the transaction that
// opens the store, and is recorded in schema_migrations (version, name, applied_ms). A
// database whose newest applied version is unknown to this build is refused, so an old
// binary never writes to a schema it does not understand. Migrations are never edited
// once released: a change is a new migration at the end.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/internal/sql.h"

namespace wuzha::store::internal {

struct Migration {
  int64_t version;
  std::string_view name;
  // DDL for both dialects; {id} is the dialect's auto-assigned 64-bit primary key and
  // {seq} the same that also never reuses a value (SQLite AUTOINCREMENT).
  std::string_view common;
  std::string_view sqlite;    // after `common`, SQLite only
  std::string_view postgres;  // after `common`, PostgreSQL only
};

// The migrations of this build, by version.
std::span<const Migration> BuiltinMigrations();

// `common` then the dialect's part, with {id} and {seq} replaced.
std::string RenderMigration(const Migration& m, Dialect dialect);

// Brings the schema of `tx`'s database up to the last of `migrations`. REQUIRES: a write
// transaction. kFailedPrecondition when the database has a version this list does not
// know (newer than the build) or a known version under another name.
Status ApplyMigrations(SqlTransaction& tx, std::span<const Migration> migrations);

}  // namespace wuzha::store::internal
