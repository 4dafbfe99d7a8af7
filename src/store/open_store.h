// Opens the store a URL names; the one place that knows both backends, for the
// application (src/cli) to call.
//
//   sqlite:<path>                 the embedded database file (created if missing)
//   <path>                        the same: a URL without a scheme is an SQLite path
//   postgresql://... postgres://  a PostgreSQL server (libpq connection URI)
#pragma once

#include <memory>
#include <string_view>

#include "core/status.h"
#include "store/store.h"

namespace wuzha::store {

// The SQLite database wuzha uses when no URL is configured.
inline constexpr std::string_view kDefaultStoreUrl = "sqlite:wuzha.db";

// Opens the store at `url` and brings its schema up to date (the backends' Open
// functions list their status codes). kInvalidArgument for an empty URL or an unknown
// scheme.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url, const StoreOptions& options = {});

}  // namespace wuzha::store
