#include "store/open_store.h"

#include <string>

#include "store/pg_store.h"
#include "store/sqlite_store.h"

namespace wuzha::store {

Result<std::unique_ptr<Store>> OpenStore(std::string_view url, const StoreOptions& options) {
  if (url.empty()) return InvalidArgumentError("store: empty URL");
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return OpenPostgresStore(std::string(url), options);
  }
  if (url.starts_with("sqlite:")) return OpenSqliteStore(std::string(url.substr(7)), options);
  // "C:\..." is not a concern on Debian; anything else with a scheme is a mistake.
  size_t colon = url.find(':');
  size_t slash = url.find('/');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash)) {
    return InvalidArgumentError("store: unknown URL scheme in '" +
                                std::string(url.substr(0, colon)) +
                                ":...' (use sqlite:<path> or postgresql://...)");
  }
  return OpenSqliteStore(std::string(url), options);
}

}  // namespace wuzha::store
