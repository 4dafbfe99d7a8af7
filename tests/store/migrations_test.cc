// Migrations: applied once each, in order; a newer or different schema is refused.
#include "store/internal/migrations.h"

#include "backend_fixture.h"

namespace wuzha::store::testing {
namespace {

using MigrationsTest = BackendTest;

TEST_P(MigrationsTest, OpenTwiceAppliesEachMigrationOnce) {
  auto migrations = internal::BuiltinMigrations();
  int64_t latest = migrations.back().version;
  EXPECT_EQ(Must(store_->Read([](Transaction& tx) { return tx.SchemaVersion(); })), latest);
  EXPECT_EQ(RawQuery("SELECT COUNT(*) FROM schema_migrations"), std::to_string(migrations.size()));
  std::string applied = RawQuery("SELECT applied_ms FROM schema_migrations WHERE version = 1");
  int64_t city = AddUnit(0, UnitKind::kCity, "市局", "420100");

  store_ = Must(Reopen());
  EXPECT_EQ(Must(store_->Read([](Transaction& tx) { return tx.SchemaVersion(); })), latest);
  EXPECT_EQ(RawQuery("SELECT COUNT(*) FROM schema_migrations"), std::to_string(migrations.size()));
  EXPECT_EQ(RawQuery("SELECT applied_ms FROM schema_migrations WHERE version = 1"), applied);
  EXPECT_EQ(Must(store_->Read([&](Transaction& tx) { return tx.GetOrgUnit(city); })).name, "市局");
}

TEST_P(MigrationsTest, AppliesMigrationsInVersionOrder) {
  std::string versions;
  for (const auto& m : internal::BuiltinMigrations()) {
    versions += std::to_string(m.version) + ",";
  }
  EXPECT_EQ(versions, "1,2,");
  EXPECT_EQ(RawQuery("SELECT name FROM schema_migrations WHERE version = 2"),
            "warnings_cases_orders_lists");
}

TEST_P(MigrationsTest, RefusesSchemaNewerThanTheBuild) {
  ASSERT_EQ(RawExec("INSERT INTO schema_migrations (version, name, applied_ms) "
                    "VALUES (999, 'from_the_future', 0)"),
            "");
  auto reopened = Reopen();
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(reopened.error().message().find("999"), std::string_view::npos)
      << reopened.error().ToString();
}

TEST_P(MigrationsTest, RefusesAKnownVersionUnderAnotherName) {
  ASSERT_EQ(RawExec("UPDATE schema_migrations SET name = 'something_else' WHERE version = 1"), "");
  auto reopened = Reopen();
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.error().code(), StatusCode::kFailedPrecondition);
}

TEST_P(MigrationsTest, AppliesOnlyTheMissingMigrations) {
  // A database left at version 1 (an older build) gets version 2 at the next open.
  ASSERT_EQ(RawExec("DROP TABLE list_sources; DROP TABLE order_transitions; DROP TABLE orders; "
                    "DROP TABLE case_events; DROP TABLE case_links; DROP TABLE cases; "
                    "DROP TABLE warning_events; DROP TABLE warnings; "
                    "DELETE FROM schema_migrations WHERE version = 2"),
            "");
  int64_t city = AddUnit(0, UnitKind::kCity, "市局");
  store_ = Must(Reopen());
  EXPECT_EQ(Must(store_->Read([](Transaction& tx) { return tx.SchemaVersion(); })), 2);
  Warning w = MakeWarning("p1", city);
  EXPECT_TRUE(store_->Write([&](Transaction& tx) { return tx.AddWarning(w); }).ok());
}

WUZHA_STORE_INSTANTIATE(MigrationsTest);

}  // namespace
}  // namespace wuzha::store::testing
