// The PostgreSQL backend, for deployments where several wuzha processes share one
// database (docs/store.md). Uses libpqxx 6.4 (Debian 12).
//
// Connections come from a small pool, one per transaction; statements are prepared once
// per connection. A read transaction is REPEATABLE READ, READ ONLY: one snapshot taken
// at Begin. A write transaction takes a transaction-scoped advisory lock per schema
// before anything else, so writers take turns across every process, as on SQLite: ids
// and the audit log's seq grow in commit order, and no check-then-write can race. Each
// wait is bounded by lock_timeout = busy_timeout_ms.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace wuzha::store {

// Connects to `url` (a libpq connection URI, "postgresql://user@host:port/db?...", or a
// "key=value" string) and applies the migrations the database lacks, in the schema
// first on the search_path (libpq's options=-csearch_path%3D<schema> picks one).
// kUnavailable when the server cannot be reached; kFailedPrecondition when the schema is
// newer than this build; kInvalidArgument for a malformed URL.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                 const StoreOptions& options = {});

}  // namespace wuzha::store
