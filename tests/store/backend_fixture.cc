#include "backend_fixture.h"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

namespace wuzha::store::testing {
namespace {

namespace fs = std::filesystem;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// WUZHA_TEST_PG_URL, else the first line of WUZHA_TEST_PG_URL_FILE; "" when neither.
std::string PgUrl() {
  std::string url = Env("WUZHA_TEST_PG_URL");
  if (!url.empty()) return url;
  std::string file = Env("WUZHA_TEST_PG_URL_FILE");
  if (file.empty()) return "";
  std::ifstream in(file);
  std::getline(in, url);
  return url;
}

// The URL with the search_path option, so everything the store creates lands in `schema`.
std::string WithSchema(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

std::string PgExec(const std::string& url, const std::string& sql, std::string* first) {
  try {
    pqxx::connection conn(url);
    pqxx::work tx(conn);
    pqxx::result r = tx.exec(sql);
    if (first && !r.empty() && !r[0].empty()) *first = r[0][0].c_str();
    tx.commit();
    return "";
  } catch (const std::exception& e) {
    std::string msg = e.what();
    return msg.empty() ? "error" : msg;
  }
}

std::string SqliteExec(const std::string& path, const std::string& sql, std::string* first) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_busy_timeout(db, 5000);
  char* err = nullptr;
  auto cb = [](void* out, int n, char** values, char**) -> int {
    auto* s = static_cast<std::string*>(out);
    if (s && s->empty() && n > 0 && values[0]) *s = values[0];
    return 0;
  };
  int rc = sqlite3_exec(db, sql.c_str(), cb, first, &err);
  std::string msg = rc == SQLITE_OK ? "" : (err ? err : "error");
  sqlite3_free(err);
  sqlite3_close(db);
  return msg;
}

}  // namespace

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "sqlite" : "postgresql";
}

void PrintTo(Backend backend, std::ostream* os) {
  *os << (backend == Backend::kSqlite ? "sqlite" : "postgresql");
}

void BackendTest::SetUp() {
  static std::atomic<int> counter{0};
  std::string unique = std::to_string(::getpid()) + "_" + std::to_string(counter++);
  if (GetParam() == Backend::kSqlite) {
    sqlite_path_ = (fs::temp_directory_path() / ("wuzha_store_" + unique + ".db")).string();
    url_ = "sqlite:" + sqlite_path_;
  } else {
    pg_base_url_ = PgUrl();
    if (pg_base_url_.empty()) {
      if (Env("CI") == "true") {
        FAIL() << "no PostgreSQL for the store tests under CI=true: set WUZHA_TEST_PG_URL or "
                  "run through ctest, whose fixture starts scripts/pg-test-server";
      }
      GTEST_SKIP() << "no PostgreSQL: set WUZHA_TEST_PG_URL (scripts/pg-test-server run ...) "
                      "or run through ctest, which starts one";
    }
    pg_schema_ = "wuzha_test_" + unique;
    std::string err = PgExec(pg_base_url_, "CREATE SCHEMA " + pg_schema_, nullptr);
    ASSERT_EQ(err, "") << "cannot create the test schema";
    url_ = WithSchema(pg_base_url_, pg_schema_);
  }
  auto store = OpenStore(url_);
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  store_ = std::move(store).value();
}

void BackendTest::TearDown() {
  store_.reset();
  if (!sqlite_path_.empty()) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(sqlite_path_ + suffix);
  }
  if (!pg_schema_.empty()) {
    (void)PgExec(pg_base_url_, "DROP SCHEMA " + pg_schema_ + " CASCADE", nullptr);
  }
}

Result<std::unique_ptr<Store>> BackendTest::Reopen() {
  store_.reset();
  return OpenStore(url_);
}

std::string BackendTest::RawExec(const std::string& sql) {
  if (GetParam() == Backend::kSqlite) return SqliteExec(sqlite_path_, sql, nullptr);
  return PgExec(url_, sql, nullptr);
}

std::string BackendTest::RawQuery(const std::string& sql) {
  std::string first;
  std::string err = GetParam() == Backend::kSqlite ? SqliteExec(sqlite_path_, sql, &first)
                                                   : PgExec(url_, sql, &first);
  EXPECT_EQ(err, "") << sql;
  return first;
}

int64_t BackendTest::AddUnit(int64_t parent, UnitKind kind, const std::string& name,
                             const std::string& code) {
  OrgUnit u;
  u.parent = parent;
  u.kind = kind;
  u.name = name;
  u.code = code;
  return Must(store_->Write([&](Transaction& tx) { return tx.AddOrgUnit(u); }));
}

Tree BackendTest::SeedTree() {
  Tree t;
  t.city = AddUnit(0, UnitKind::kCity, "武汉市公安局", "420100");
  t.branch_a = AddUnit(t.city, UnitKind::kBranch, "江岸分局", "420102");
  t.station_a1 = AddUnit(t.branch_a, UnitKind::kStation, "大智派出所", "420102-01");
  t.community_a1a = AddUnit(t.station_a1, UnitKind::kCommunity, "球场街社区", "420102-01-01");
  t.community_a1b = AddUnit(t.station_a1, UnitKind::kCommunity, "永清街社区", "420102-01-02");
  t.station_a2 = AddUnit(t.branch_a, UnitKind::kStation, "丹水池派出所", "420102-02");
  t.community_a2a = AddUnit(t.station_a2, UnitKind::kCommunity, "后湖社区", "420102-02-01");
  t.branch_b = AddUnit(t.city, UnitKind::kBranch, "武昌分局", "420106");
  t.station_b1 = AddUnit(t.branch_b, UnitKind::kStation, "中南路派出所", "420106-01");
  t.community_b1a = AddUnit(t.station_b1, UnitKind::kCommunity, "中南社区", "420106-01-01");
  return t;
}

int64_t BackendTest::AddUser(const std::string& login, Role role, int64_t unit) {
  User u;
  u.login = login;
  u.name = login;
  u.role = role;
  u.unit_id = unit;
  u.password_hash = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA";
  u.created_ms = kT0;
  return Must(store_->Write([&](Transaction& tx) { return tx.AddUser(u); }));
}

Warning BackendTest::MakeWarning(const std::string& person, int64_t unit, Grade grade) {
  Warning w;
  w.person = person;
  w.person_name = "张三";
  w.phone = "8613800138000";
  w.unit_id = unit;
  w.assigned_unit = unit;
  w.grade = grade;
  w.fraud_type = FraudType::kFakePolice;
  w.expected_loss_fen = 5'000'000;
  w.deadline_ms = kT0 + 3600000;
  w.created_ms = w.updated_ms = kT0;
  w.reasons_json = R"([{"signal":"call","from":"8617000000000"}])";
  return w;
}

}  // namespace wuzha::store::testing
