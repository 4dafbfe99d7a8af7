// Users: unique logins, scoped reads, updates, filtered pages.
#include "backend_fixture.h"

namespace wuzha::store::testing {
namespace {

using UsersTest = BackendTest;

TEST_P(UsersTest, AddsFindsAndUpdatesUsers) {
  Tree t = SeedTree();
  int64_t id = AddUser("li.officer", Role::kOfficer, t.station_a1);
  User u = Must(store_->Read([](Transaction& tx) { return tx.FindUserByLogin("li.officer"); }));
  EXPECT_EQ(u.id, id);
  EXPECT_EQ(u.role, Role::kOfficer);
  EXPECT_EQ(u.unit_id, t.station_a1);
  EXPECT_EQ(u.password_hash, "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA");
  EXPECT_FALSE(u.disabled);
  EXPECT_EQ(u.created_ms, kT0);

  u.name = "李警官";
  u.role = Role::kStation;
  u.unit_id = t.station_a2;
  u.password_hash = "$argon2id$new";
  u.disabled = true;
  u.login = "ignored";  // the login never changes
  Must(store_->Write([&](Transaction& tx) { return tx.UpdateUser(u); }));
  User back = Must(store_->Read([&](Transaction& tx) { return tx.GetUser(Scope::All(), id); }));
  EXPECT_EQ(back.login, "li.officer");
  EXPECT_EQ(back.name, "李警官");
  EXPECT_EQ(back.role, Role::kStation);
  EXPECT_EQ(back.unit_id, t.station_a2);
  EXPECT_EQ(back.password_hash, "$argon2id$new");
  EXPECT_TRUE(back.disabled);
}

TEST_P(UsersTest, RefusesDuplicateLoginsAndUnknownUnits) {
  Tree t = SeedTree();
  AddUser("wang", Role::kGridWorker, t.community_a1a);
  User dup{0, "wang", "另一个王", Role::kOfficer, t.station_b1, "", false, kT0};
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.AddUser(dup); }).status().code(),
            StatusCode::kAlreadyExists);
  User nowhere{0, "zhao", "赵", Role::kOfficer, 999, "", false, kT0};
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.AddUser(nowhere); }).status().code(),
            StatusCode::kNotFound);
  User nameless{0, "", "无名", Role::kOfficer, t.city, "", false, kT0};
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.AddUser(nameless); }).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      store_->Read([](Transaction& tx) { return tx.FindUserByLogin("nobody"); }).status().code(),
      StatusCode::kNotFound);
  User ghost{999, "ghost", "鬼", Role::kOfficer, t.city, "", false, kT0};
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.UpdateUser(ghost); }).code(),
            StatusCode::kNotFound);
}

TEST_P(UsersTest, ReadsAreScopedToTheCallersSubtree) {
  Tree t = SeedTree();
  int64_t a = AddUser("a", Role::kOfficer, t.community_a1a);
  int64_t b = AddUser("b", Role::kOfficer, t.community_b1a);
  auto get = [&](Scope s, int64_t id) {
    return store_->Read([&](Transaction& tx) { return tx.GetUser(s, id); });
  };
  EXPECT_TRUE(get(Scope::Subtree(t.branch_a), a).ok());
  EXPECT_EQ(get(Scope::Subtree(t.branch_a), b).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(get(Scope::Subtree(t.city), b).ok());
  EXPECT_TRUE(get(Scope::All(), b).ok());
  EXPECT_EQ(get(Scope::Subtree(t.community_a1b), a).status().code(), StatusCode::kNotFound);
}

TEST_P(UsersTest, ListsUsersByScopeRoleAndUnitInPages) {
  Tree t = SeedTree();
  std::vector<int64_t> in_a;
  for (int i = 0; i < 7; ++i) {
    in_a.push_back(AddUser("a" + std::to_string(i), i % 2 ? Role::kOfficer : Role::kGridWorker,
                           i < 4 ? t.community_a1a : t.station_a2));
  }
  AddUser("b0", Role::kOfficer, t.station_b1);
  AddUser("admin", Role::kAdmin, t.city);
  auto list = [&](Scope s, UserFilter f, PageRequest p) {
    return Must(store_->Read([&](Transaction& tx) { return tx.ListUsers(s, f, p); }));
  };
  auto page = list(Scope::Subtree(t.branch_a), {}, {0, 100});
  ASSERT_EQ(page.items.size(), 7u);
  for (size_t i = 0; i < 7; ++i) EXPECT_EQ(page.items[i].id, in_a[i]);
  EXPECT_FALSE(page.more);
  EXPECT_EQ(list(Scope::All(), {}, {0, 100}).items.size(), 9u);
  EXPECT_EQ(list(Scope::Subtree(t.branch_a), {Role::kOfficer, 0}, {0, 100}).items.size(), 3u);
  EXPECT_EQ(list(Scope::Subtree(t.branch_a), {std::nullopt, t.station_a2}, {0, 100}).items.size(),
            3u);
  auto first = list(Scope::Subtree(t.branch_a), {}, {0, 5});
  EXPECT_EQ(first.items.size(), 5u);
  EXPECT_TRUE(first.more);
  auto second = list(Scope::Subtree(t.branch_a), {}, {5, 5});
  ASSERT_EQ(second.items.size(), 2u);
  EXPECT_FALSE(second.more);
  EXPECT_EQ(second.items[0].id, in_a[5]);
}

WUZHA_STORE_INSTANTIATE(UsersTest);

}  // namespace
}  // namespace wuzha::store::testing
