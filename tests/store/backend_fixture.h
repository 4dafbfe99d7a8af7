// The fixture every store test runs under, once per backend: a fresh SQLite file, or a
// fresh schema in the PostgreSQL server named by WUZHA_TEST_PG_URL (or the file named by
// WUZHA_TEST_PG_URL_FILE, which the CTest fixture's scripts/pg-test-server writes).
// Without a server the PostgreSQL cases skip, or fail under CI=true.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "store/open_store.h"
#include "store/store.h"

namespace wuzha::store::testing {

enum class Backend { kSqlite, kPostgres };

std::string BackendName(const ::testing::TestParamInfo<Backend>& info);
// For gtest's messages: "sqlite" or "postgresql".
void PrintTo(Backend backend, std::ostream* os);

// The units of the seeded org tree:
//   city ─┬─ branch_a ─┬─ station_a1 ─┬─ community_a1a
//         │            │              └─ community_a1b
//         │            └─ station_a2 ─── community_a2a
//         └─ branch_b ──── station_b1 ─── community_b1a
struct Tree {
  int64_t city, branch_a, station_a1, community_a1a, community_a1b, station_a2, community_a2a,
      branch_b, station_b1, community_b1a;
};

inline constexpr int64_t kT0 = 1714537800000;  // 2024-05-01 12:30 +08:00

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Closes the store and opens the same database again.
  Result<std::unique_ptr<Store>> Reopen();
  // Runs SQL on the database behind the store's back (not through it); returns "" on
  // success or the database's error message.
  std::string RawExec(const std::string& sql);
  // The first column of the first row of `sql`, run behind the store's back.
  std::string RawQuery(const std::string& sql);

  // Adds the tree above and returns its ids.
  Tree SeedTree();
  int64_t AddUnit(int64_t parent, UnitKind kind, const std::string& name,
                  const std::string& code = "");
  int64_t AddUser(const std::string& login, Role role, int64_t unit);
  Warning MakeWarning(const std::string& person, int64_t unit, Grade grade = Grade::kOrange);

  std::string url_;
  std::unique_ptr<Store> store_;

 private:
  std::string sqlite_path_;
  std::string pg_base_url_;
  std::string pg_schema_;
};

// The value of a Result, failing the test (by an exception gtest reports) when there
// is none.
template <typename T>
T Must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error("unexpected error: " + r.error().ToString());
  return std::move(r).value();
}
inline void Must(const Status& s) {
  if (!s.ok()) throw std::runtime_error("unexpected error: " + s.ToString());
}

#define WUZHA_STORE_INSTANTIATE(suite)                                                     \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                \
                           ::testing::Values(::wuzha::store::testing::Backend::kSqlite,    \
                                             ::wuzha::store::testing::Backend::kPostgres), \
                           ::wuzha::store::testing::BackendName)

}  // namespace wuzha::store::testing
