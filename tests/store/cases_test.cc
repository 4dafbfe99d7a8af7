// Cases: fields, unique references, links to reports/victims/accounts/orders, history.
#include "backend_fixture.h"

namespace wuzha::store::testing {
namespace {

using CasesTest = BackendTest;

Case MakeCase(const std::string& reference, int64_t unit, int64_t created = kT0) {
  Case c;
  c.reference = reference;
  c.title = "冒充公检法诈骗案 " + reference;
  c.fraud_type = FraudType::kFakePolice;
  c.unit_id = unit;
  c.loss_fen = 38'000'000;
  c.created_ms = c.updated_ms = created;
  c.detail_json = R"({"reported_by":"victim"})";
  return c;
}

TEST_P(CasesTest, EveryFieldRoundTripsAndReferencesAreUnique) {
  Tree t = SeedTree();
  Case c = MakeCase("A4201020000000001", t.station_a1);
  int64_t id = Must(store_->Write([&](Transaction& tx) { return tx.AddCase(c); }));
  Case back = Must(store_->Read([&](Transaction& tx) { return tx.GetCase(Scope::All(), id); }));
  EXPECT_EQ(back.reference, c.reference);
  EXPECT_EQ(back.title, c.title);
  EXPECT_EQ(back.status, CaseStatus::kOpen);
  EXPECT_EQ(back.fraud_type, FraudType::kFakePolice);
  EXPECT_EQ(back.unit_id, t.station_a1);
  EXPECT_EQ(back.loss_fen, 38'000'000);
  EXPECT_EQ(back.created_ms, kT0);
  EXPECT_EQ(back.detail_json, c.detail_json);

  back.status = CaseStatus::kInvestigating;
  back.loss_fen = 40'000'000;
  back.updated_ms = kT0 + 5;
  back.fraud_type = std::nullopt;
  Must(store_->Write([&](Transaction& tx) { return tx.UpdateCase(back); }));
  Case again = Must(store_->Read([&](Transaction& tx) { return tx.GetCase(Scope::All(), id); }));
  EXPECT_EQ(again.status, CaseStatus::kInvestigating);
  EXPECT_EQ(again.loss_fen, 40'000'000);
  EXPECT_EQ(again.fraud_type, std::nullopt);
  EXPECT_EQ(again.updated_ms, kT0 + 5);

  auto add = [&](const Case& x) {
    return store_->Write([&](Transaction& tx) { return tx.AddCase(x); }).status().code();
  };
  EXPECT_EQ(add(MakeCase("A4201020000000001", t.station_b1)), StatusCode::kAlreadyExists);
  EXPECT_EQ(add(MakeCase("", t.station_b1)), StatusCode::kOk);
  EXPECT_EQ(add(MakeCase("", t.station_b1)), StatusCode::kOk);  // no reference yet: not unique
  Case untitled = MakeCase("x", t.city);
  untitled.title = "";
  EXPECT_EQ(add(untitled), StatusCode::kInvalidArgument);
  EXPECT_EQ(add(MakeCase("y", 999)), StatusCode::kNotFound);
  int64_t other =
      Must(store_->Write([&](Transaction& tx) { return tx.AddCase(MakeCase("B2", t.city)); }));
  Case clash = Must(store_->Read([&](Transaction& tx) { return tx.GetCase(Scope::All(), other); }));
  clash.reference = "A4201020000000001";
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.UpdateCase(clash); }).code(),
            StatusCode::kAlreadyExists);
}

TEST_P(CasesTest, ListsCasesByScopeStatusAndFraudType) {
  Tree t = SeedTree();
  auto add = [&](Case c) {
    return Must(store_->Write([&](Transaction& tx) { return tx.AddCase(c); }));
  };
  int64_t a = add(MakeCase("a", t.station_a1, kT0));
  Case bc = MakeCase("b", t.station_b1, kT0 + 1);
  bc.status = CaseStatus::kSolved;
  int64_t b = add(bc);
  Case cc = MakeCase("c", t.branch_a, kT0 + 2);
  cc.fraud_type = FraudType::kRomance;
  int64_t c = add(cc);
  auto ids = [&](Scope s, CaseFilter f) {
    std::vector<int64_t> out;
    auto page = Must(store_->Read([&](Transaction& tx) { return tx.ListCases(s, f, {}); }));
    for (const auto& x : page.items) out.push_back(x.id);
    return out;
  };
  using V = std::vector<int64_t>;
  EXPECT_EQ(ids(Scope::All(), {}), (V{c, b, a}));
  EXPECT_EQ(ids(Scope::Subtree(t.branch_a), {}), (V{c, a}));
  EXPECT_EQ(ids(Scope::Subtree(t.station_a1), {}), (V{a}));
  CaseFilter f;
  f.statuses = {CaseStatus::kSolved};
  EXPECT_EQ(ids(Scope::All(), f), (V{b}));
  f = {};
  f.fraud_type = FraudType::kRomance;
  EXPECT_EQ(ids(Scope::All(), f), (V{c}));
  f = {};
  f.reference = "b";
  EXPECT_EQ(ids(Scope::All(), f), (V{b}));
  EXPECT_EQ(store_->Read([&](Transaction& tx) { return tx.GetCase(Scope::Subtree(t.branch_b), a); })
                .status()
                .code(),
            StatusCode::kNotFound);
}

TEST_P(CasesTest, LinksThingsAndFindsTheCasesThatLinkThem) {
  Tree t = SeedTree();
  int64_t c1 = Must(
      store_->Write([&](Transaction& tx) { return tx.AddCase(MakeCase("c1", t.station_a1)); }));
  int64_t c2 = Must(
      store_->Write([&](Transaction& tx) { return tx.AddCase(MakeCase("c2", t.station_b1)); }));
  auto link = [&](int64_t c, CaseLinkKind k, const std::string& ref) {
    return store_->Write([&](Transaction& tx) { return tx.LinkCase({c, k, ref, kT0, "串并"}); });
  };
  Must(link(c1, CaseLinkKind::kAccount, "6222020200112233445"));
  Must(link(c1, CaseLinkKind::kVictim, "420102199001011234"));
  Must(link(c1, CaseLinkKind::kReport, "R-1"));
  Must(link(c1, CaseLinkKind::kOrder, "7"));
  Must(link(c2, CaseLinkKind::kAccount, "6222020200112233445"));
  EXPECT_EQ(link(c1, CaseLinkKind::kAccount, "6222020200112233445").code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(link(c1, CaseLinkKind::kPhone, "").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(link(999, CaseLinkKind::kPhone, "8613800138000").code(), StatusCode::kNotFound);

  auto links =
      Must(store_->Read([&](Transaction& tx) { return tx.ListCaseLinks(Scope::All(), c1); }));
  ASSERT_EQ(links.size(), 4u);
  EXPECT_EQ(links[0].kind, CaseLinkKind::kAccount);  // by kind name, then ref
  EXPECT_EQ(links[1].kind, CaseLinkKind::kOrder);
  EXPECT_EQ(links[2].kind, CaseLinkKind::kReport);
  EXPECT_EQ(links[3].kind, CaseLinkKind::kVictim);
  EXPECT_EQ(links[0].note, "串并");
  EXPECT_EQ(links[0].added_ms, kT0);

  CaseFilter f;
  f.linked_kind = CaseLinkKind::kAccount;
  f.linked_ref = "6222020200112233445";
  auto both =
      Must(store_->Read([&](Transaction& tx) { return tx.ListCases(Scope::All(), f, {}); }));
  EXPECT_EQ(both.items.size(), 2u);
  auto mine = Must(store_->Read(
      [&](Transaction& tx) { return tx.ListCases(Scope::Subtree(t.branch_a), f, {}); }));
  ASSERT_EQ(mine.items.size(), 1u);
  EXPECT_EQ(mine.items[0].id, c1);

  Must(store_->Write([&](Transaction& tx) {
    return tx.UnlinkCase(c2, CaseLinkKind::kAccount, "6222020200112233445");
  }));
  EXPECT_EQ(store_
                ->Write([&](Transaction& tx) {
                  return tx.UnlinkCase(c2, CaseLinkKind::kAccount, "6222020200112233445");
                })
                .code(),
            StatusCode::kNotFound);
  both = Must(store_->Read([&](Transaction& tx) { return tx.ListCases(Scope::All(), f, {}); }));
  EXPECT_EQ(both.items.size(), 1u);
  EXPECT_EQ(
      store_
          ->Read([&](Transaction& tx) { return tx.ListCaseLinks(Scope::Subtree(t.branch_b), c1); })
          .status()
          .code(),
      StatusCode::kNotFound);
}

TEST_P(CasesTest, HistoryKeepsEveryEventInTimeOrder) {
  Tree t = SeedTree();
  int64_t analyst = AddUser("analyst", Role::kCityAnalyst, t.city);
  int64_t c =
      Must(store_->Write([&](Transaction& tx) { return tx.AddCase(MakeCase("c", t.station_a1)); }));
  auto add = [&](CaseEvent e) {
    e.case_id = c;
    return Must(store_->Write([&](Transaction& tx) { return tx.AddCaseEvent(e); }));
  };
  int64_t status = add({0, 0, kT0 + 10, analyst, CaseEventKind::kStatusChanged,
                        R"({"from":"open","to":"investigating"})"});
  int64_t created = add({0, 0, kT0, analyst, CaseEventKind::kCreated, "{}"});
  auto events =
      Must(store_->Read([&](Transaction& tx) { return tx.ListCaseEvents(Scope::All(), c); }));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].id, created);
  EXPECT_EQ(events[1].id, status);
  EXPECT_EQ(events[1].kind, CaseEventKind::kStatusChanged);
  EXPECT_EQ(events[1].actor_user, analyst);
  EXPECT_EQ(events[1].detail_json, R"({"from":"open","to":"investigating"})");
  CaseEvent orphan{0, 999, kT0, 0, CaseEventKind::kNote, "{}"};
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.AddCaseEvent(orphan); }).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(
      store_
          ->Read([&](Transaction& tx) { return tx.ListCaseEvents(Scope::Subtree(t.branch_b), c); })
          .status()
          .code(),
      StatusCode::kNotFound);
}

WUZHA_STORE_INSTANTIATE(CasesTest);

}  // namespace
}  // namespace wuzha::store::testing
