// The org tree: units, codes, kinds in order, subtree queries and moves.
#include "backend_fixture.h"

namespace wuzha::store::testing {
namespace {

using OrgTest = BackendTest;

std::vector<int64_t> Ids(const std::vector<OrgUnit>& units) {
  std::vector<int64_t> ids;
  for (const auto& u : units) ids.push_back(u.id);
  return ids;
}

TEST_P(OrgTest, AddsUnitsAndFindsThemByIdAndCode) {
  Tree t = SeedTree();
  OrgUnit u = Must(store_->Read([&](Transaction& tx) { return tx.GetOrgUnit(t.station_a1); }));
  EXPECT_EQ(u.parent, t.branch_a);
  EXPECT_EQ(u.kind, UnitKind::kStation);
  EXPECT_EQ(u.name, "大智派出所");
  EXPECT_EQ(u.code, "420102-01");
  OrgUnit city = Must(store_->Read([](Transaction& tx) { return tx.FindOrgUnitByCode("420100"); }));
  EXPECT_EQ(city.id, t.city);
  EXPECT_EQ(city.parent, 0);
  auto missing = store_->Read([](Transaction& tx) { return tx.GetOrgUnit(12345); });
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto no_code = store_->Read([](Transaction& tx) { return tx.FindOrgUnitByCode("999"); });
  EXPECT_EQ(no_code.status().code(), StatusCode::kNotFound);
}

TEST_P(OrgTest, RefusesMalformedUnits) {
  Tree t = SeedTree();
  auto add = [&](OrgUnit u) {
    return store_->Write([&](Transaction& tx) { return tx.AddOrgUnit(u); });
  };
  EXPECT_EQ(add({0, t.city, UnitKind::kBranch, "", "", 0}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(add({0, 999, UnitKind::kBranch, "x", "", 0}).status().code(), StatusCode::kNotFound);
  // A station may sit under a city (a level skipped), never a branch under a station.
  EXPECT_TRUE(add({0, t.city, UnitKind::kStation, "直属派出所", "", 0}).ok());
  EXPECT_EQ(add({0, t.station_a1, UnitKind::kBranch, "x", "", 0}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(add({0, t.station_a1, UnitKind::kStation, "x", "", 0}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(add({0, t.city, UnitKind::kBranch, "x", "420102", 0}).status().code(),
            StatusCode::kAlreadyExists);
  // Codes are unique only when set.
  EXPECT_TRUE(add({0, t.station_b1, UnitKind::kCommunity, "无编码一", "", 0}).ok());
  EXPECT_TRUE(add({0, t.station_b1, UnitKind::kCommunity, "无编码二", "", 0}).ok());
}

TEST_P(OrgTest, ListsSubtreesAncestorsAndChildren) {
  Tree t = SeedTree();
  auto subtree = Must(store_->Read([&](Transaction& tx) { return tx.ListSubtree(t.branch_a); }));
  EXPECT_EQ(Ids(subtree),
            (std::vector<int64_t>{t.branch_a, t.station_a1, t.station_a2, t.community_a1a,
                                  t.community_a1b, t.community_a2a}));
  auto all = Must(store_->Read([&](Transaction& tx) { return tx.ListSubtree(t.city); }));
  EXPECT_EQ(all.size(), 10u);
  auto leaf = Must(store_->Read([&](Transaction& tx) { return tx.ListSubtree(t.community_b1a); }));
  EXPECT_EQ(Ids(leaf), (std::vector<int64_t>{t.community_b1a}));
  auto up = Must(store_->Read([&](Transaction& tx) { return tx.ListAncestors(t.community_a1b); }));
  EXPECT_EQ(Ids(up), (std::vector<int64_t>{t.city, t.branch_a, t.station_a1, t.community_a1b}));
  auto kids = Must(store_->Read([&](Transaction& tx) { return tx.ListChildren(t.station_a1); }));
  EXPECT_EQ(Ids(kids), (std::vector<int64_t>{t.community_a1a, t.community_a1b}));
  auto none = Must(store_->Read([&](Transaction& tx) { return tx.ListChildren(t.community_a1a); }));
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(store_->Read([](Transaction& tx) { return tx.ListSubtree(999); }).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->Read([](Transaction& tx) { return tx.ListAncestors(999); }).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->Read([](Transaction& tx) { return tx.ListChildren(999); }).status().code(),
            StatusCode::kNotFound);
}

TEST_P(OrgTest, TellsWhetherAUnitIsInASubtree) {
  Tree t = SeedTree();
  auto in = [&](int64_t unit, int64_t root) {
    return Must(store_->Read([&](Transaction& tx) { return tx.InSubtree(unit, root); }));
  };
  EXPECT_TRUE(in(t.community_a1a, t.city));
  EXPECT_TRUE(in(t.community_a1a, t.branch_a));
  EXPECT_TRUE(in(t.community_a1a, t.station_a1));
  EXPECT_TRUE(in(t.community_a1a, t.community_a1a));
  EXPECT_FALSE(in(t.community_a1a, t.station_a2));
  EXPECT_FALSE(in(t.community_a1a, t.branch_b));
  EXPECT_FALSE(in(t.branch_a, t.station_a1));  // an ancestor is not in the subtree
  EXPECT_FALSE(in(t.community_a1a, 999));
  EXPECT_FALSE(in(999, t.city));
}

TEST_P(OrgTest, MovingAUnitTakesItsSubtree) {
  Tree t = SeedTree();
  OrgUnit station =
      Must(store_->Read([&](Transaction& tx) { return tx.GetOrgUnit(t.station_a2); }));
  station.parent = t.branch_b;
  Must(store_->Write([&](Transaction& tx) { return tx.UpdateOrgUnit(station); }));
  auto in = [&](int64_t unit, int64_t root) {
    return Must(store_->Read([&](Transaction& tx) { return tx.InSubtree(unit, root); }));
  };
  EXPECT_TRUE(in(t.community_a2a, t.branch_b));
  EXPECT_FALSE(in(t.community_a2a, t.branch_a));
  EXPECT_TRUE(in(t.community_a2a, t.city));
  EXPECT_TRUE(in(t.community_a2a, t.station_a2));
  auto up = Must(store_->Read([&](Transaction& tx) { return tx.ListAncestors(t.community_a2a); }));
  EXPECT_EQ(Ids(up), (std::vector<int64_t>{t.city, t.branch_b, t.station_a2, t.community_a2a}));
  auto depth =
      RawQuery("SELECT depth FROM org_closure WHERE ancestor_id = " + std::to_string(t.city) +
               " AND descendant_id = " + std::to_string(t.community_a2a));
  EXPECT_EQ(depth, "3");
  auto branch_a = Must(store_->Read([&](Transaction& tx) { return tx.ListSubtree(t.branch_a); }));
  EXPECT_EQ(branch_a.size(), 4u);

  // Out of the tree altogether: the branch becomes a root.
  OrgUnit branch = Must(store_->Read([&](Transaction& tx) { return tx.GetOrgUnit(t.branch_b); }));
  branch.parent = 0;
  Must(store_->Write([&](Transaction& tx) { return tx.UpdateOrgUnit(branch); }));
  EXPECT_FALSE(in(t.community_a2a, t.city));
  EXPECT_TRUE(in(t.community_a2a, t.branch_b));
  auto city = Must(store_->Read([&](Transaction& tx) { return tx.ListSubtree(t.city); }));
  EXPECT_EQ(city.size(), 5u);
}

TEST_P(OrgTest, RefusesMovesIntoItsOwnSubtreeOrOutOfKindOrder) {
  Tree t = SeedTree();
  auto update = [&](OrgUnit u) {
    return store_->Write([&](Transaction& tx) { return tx.UpdateOrgUnit(u); });
  };
  OrgUnit branch = Must(store_->Read([&](Transaction& tx) { return tx.GetOrgUnit(t.branch_a); }));
  OrgUnit cycle = branch;
  cycle.parent = t.branch_a;
  EXPECT_EQ(update(cycle).code(), StatusCode::kInvalidArgument);
  cycle.parent = t.community_a1a;
  EXPECT_EQ(update(cycle).code(), StatusCode::kInvalidArgument);
  OrgUnit station =
      Must(store_->Read([&](Transaction& tx) { return tx.GetOrgUnit(t.station_b1); }));
  OrgUnit under_station = station;
  under_station.parent = t.station_a1;
  EXPECT_EQ(update(under_station).code(), StatusCode::kInvalidArgument);
  // A kind change must stay between the parent's and the children's.
  OrgUnit as_community = station;
  as_community.kind = UnitKind::kCommunity;
  EXPECT_EQ(update(as_community).code(), StatusCode::kInvalidArgument);
  OrgUnit unknown_parent = station;
  unknown_parent.parent = 999;
  EXPECT_EQ(update(unknown_parent).code(), StatusCode::kNotFound);
  OrgUnit unknown = station;
  unknown.id = 999;
  EXPECT_EQ(update(unknown).code(), StatusCode::kNotFound);
  // Nothing moved.
  auto up = Must(store_->Read([&](Transaction& tx) { return tx.ListAncestors(t.community_b1a); }));
  EXPECT_EQ(Ids(up), (std::vector<int64_t>{t.city, t.branch_b, t.station_b1, t.community_b1a}));
}

TEST_P(OrgTest, UpdatesNameCodeAndCapacity) {
  Tree t = SeedTree();
  OrgUnit u = Must(store_->Read([&](Transaction& tx) { return tx.GetOrgUnit(t.community_a1a); }));
  u.name = "球场街社区（新）";
  u.code = "420102-01-09";
  u.daily_capacity = 12;
  Must(store_->Write([&](Transaction& tx) { return tx.UpdateOrgUnit(u); }));
  OrgUnit back =
      Must(store_->Read([&](Transaction& tx) { return tx.GetOrgUnit(t.community_a1a); }));
  EXPECT_EQ(back.name, u.name);
  EXPECT_EQ(back.code, "420102-01-09");
  EXPECT_EQ(back.daily_capacity, 12);
  EXPECT_EQ(back.parent, t.station_a1);
  u.code = "420106";  // branch_b's
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.UpdateOrgUnit(u); }).code(),
            StatusCode::kAlreadyExists);
  u.code = "";
  u.name = "";
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.UpdateOrgUnit(u); }).code(),
            StatusCode::kInvalidArgument);
}

WUZHA_STORE_INSTANTIATE(OrgTest);

}  // namespace
}  // namespace wuzha::store::testing
