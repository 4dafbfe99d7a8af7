// The SQLite backend: an embedded database in one file, the default (docs/store.md).
//
// The file is in WAL mode, so readers never wait for the writer and see the database as
// it was when their transaction began. One connection writes, guarded by a mutex within
// the process and by SQLite's lock (BEGIN IMMEDIATE, busy timeout) across processes;
// readers take connections from a small pool. Statements are prepared once per
// connection and cached. Foreign keys are enforced; reader connections are query-only.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace wuzha::store {

// Opens (creating if missing) the database file at `path` and applies the migrations
// it lacks. kInvalidArgument for an empty path; kIoError when the file cannot be opened
// or created; kDataLoss when it is not an SQLite database; kFailedPrecondition when its
// schema is newer than this build; kUnavailable when another writer holds it past the
// busy timeout.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const StoreOptions& options = {});

}  // namespace wuzha::store
