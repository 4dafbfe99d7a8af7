// Warnings: every field round-trips, reads are scoped to a subtree, queues filter,
// order and page, and the history keeps every event.
#include "backend_fixture.h"

namespace wuzha::store::testing {
namespace {

using WarningsTest = BackendTest;

int64_t Add(Store& store, const Warning& w) {
  return Must(store.Write([&](Transaction& tx) { return tx.AddWarning(w); }));
}

std::vector<int64_t> Ids(const Page<Warning>& page) {
  std::vector<int64_t> ids;
  for (const auto& w : page.items) ids.push_back(w.id);
  return ids;
}

TEST_P(WarningsTest, EveryFieldRoundTrips) {
  Tree t = SeedTree();
  int64_t officer = AddUser("officer", Role::kOfficer, t.station_a1);
  Warning w = MakeWarning("420102199001011234", t.community_a1a, Grade::kRed);
  w.assigned_user = officer;
  w.status = WarningStatus::kAssigned;
  w.last_feedback = Feedback::kReachedByPhone;
  int64_t id = Add(*store_, w);
  Warning back =
      Must(store_->Read([&](Transaction& tx) { return tx.GetWarning(Scope::All(), id); }));
  EXPECT_EQ(back.id, id);
  EXPECT_EQ(back.person, w.person);
  EXPECT_EQ(back.person_name, "张三");
  EXPECT_EQ(back.phone, w.phone);
  EXPECT_EQ(back.unit_id, t.community_a1a);
  EXPECT_EQ(back.grade, Grade::kRed);
  EXPECT_EQ(back.fraud_type, FraudType::kFakePolice);
  EXPECT_EQ(back.status, WarningStatus::kAssigned);
  EXPECT_EQ(back.assigned_unit, t.community_a1a);
  EXPECT_EQ(back.assigned_user, officer);
  EXPECT_EQ(back.expected_loss_fen, 5'000'000);
  EXPECT_EQ(back.deadline_ms, kT0 + 3600000);
  EXPECT_EQ(back.created_ms, kT0);
  EXPECT_EQ(back.updated_ms, kT0);
  EXPECT_EQ(back.last_feedback, Feedback::kReachedByPhone);
  EXPECT_EQ(back.reasons_json, w.reasons_json);

  // Escalated to the station, unassigned, fraud type unknown.
  back.assigned_unit = t.station_a1;
  back.assigned_user = 0;
  back.status = WarningStatus::kEscalated;
  back.fraud_type = std::nullopt;
  back.last_feedback = std::nullopt;
  back.grade = Grade::kOrange;
  back.updated_ms = kT0 + 7200000;
  back.created_ms = 1;  // never changes
  Must(store_->Write([&](Transaction& tx) { return tx.UpdateWarning(back); }));
  Warning again =
      Must(store_->Read([&](Transaction& tx) { return tx.GetWarning(Scope::All(), id); }));
  EXPECT_EQ(again.assigned_unit, t.station_a1);
  EXPECT_EQ(again.assigned_user, 0);
  EXPECT_EQ(again.status, WarningStatus::kEscalated);
  EXPECT_EQ(again.fraud_type, std::nullopt);
  EXPECT_EQ(again.last_feedback, std::nullopt);
  EXPECT_EQ(again.grade, Grade::kOrange);
  EXPECT_EQ(again.updated_ms, kT0 + 7200000);
  EXPECT_EQ(again.created_ms, kT0);
}

TEST_P(WarningsTest, RefusesMalformedWarnings) {
  Tree t = SeedTree();
  auto add = [&](const Warning& w) {
    return store_->Write([&](Transaction& tx) { return tx.AddWarning(w); }).status().code();
  };
  Warning w = MakeWarning("", t.community_a1a);
  EXPECT_EQ(add(w), StatusCode::kInvalidArgument);
  w = MakeWarning("p", 999);
  EXPECT_EQ(add(w), StatusCode::kNotFound);
  w = MakeWarning("p", t.community_a1a);
  w.assigned_user = 999;
  EXPECT_EQ(add(w), StatusCode::kNotFound);
  w.assigned_user = 0;
  w.id = 999;
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.UpdateWarning(w); }).code(),
            StatusCode::kNotFound);
}

TEST_P(WarningsTest, ReadsAreScopedToTheCallersSubtree) {
  Tree t = SeedTree();
  int64_t a1a = Add(*store_, MakeWarning("p1", t.community_a1a));
  int64_t a2a = Add(*store_, MakeWarning("p2", t.community_a2a));
  int64_t b1a = Add(*store_, MakeWarning("p3", t.community_b1a));
  int64_t at_station = Add(*store_, MakeWarning("p4", t.station_a1));
  auto list = [&](Scope s) {
    return Ids(Must(store_->Read([&](Transaction& tx) { return tx.ListWarnings(s, {}, {}); })));
  };
  auto count = [&](Scope s) {
    return Must(store_->Read([&](Transaction& tx) { return tx.CountWarnings(s, {}); }));
  };
  auto get = [&](Scope s, int64_t id) {
    return store_->Read([&](Transaction& tx) { return tx.GetWarning(s, id); }).status().code();
  };
  using V = std::vector<int64_t>;
  EXPECT_EQ(list(Scope::Subtree(t.station_a1)), (V{at_station, a1a}));  // newest first
  EXPECT_EQ(list(Scope::Subtree(t.community_a1a)), (V{a1a}));
  EXPECT_EQ(list(Scope::Subtree(t.community_a1b)), V{});
  EXPECT_EQ(list(Scope::Subtree(t.branch_a)), (V{at_station, a2a, a1a}));
  EXPECT_EQ(list(Scope::Subtree(t.city)), (V{at_station, b1a, a2a, a1a}));
  EXPECT_EQ(list(Scope::All()), (V{at_station, b1a, a2a, a1a}));
  EXPECT_EQ(count(Scope::Subtree(t.branch_a)), 3);
  EXPECT_EQ(count(Scope::Subtree(t.branch_b)), 1);
  EXPECT_EQ(get(Scope::Subtree(t.branch_a), a1a), StatusCode::kOk);
  EXPECT_EQ(get(Scope::Subtree(t.branch_b), a1a), StatusCode::kNotFound);
  EXPECT_EQ(get(Scope::Subtree(t.community_a1a), at_station), StatusCode::kNotFound);
  EXPECT_EQ(get(Scope::All(), 999), StatusCode::kNotFound);
}

TEST_P(WarningsTest, FiltersTheQueue) {
  Tree t = SeedTree();
  int64_t officer = AddUser("officer", Role::kOfficer, t.station_a1);
  Warning red = MakeWarning("p-red", t.community_a1a, Grade::kRed);
  red.assigned_user = officer;
  red.status = WarningStatus::kAssigned;
  red.deadline_ms = kT0 + 1000;
  Warning yellow = MakeWarning("p-yellow", t.community_a1b, Grade::kYellow);
  yellow.fraud_type = FraudType::kOrderBrushing;
  yellow.created_ms = kT0 + 10;
  Warning closed = MakeWarning("p-closed", t.community_a1a, Grade::kOrange);
  closed.status = WarningStatus::kClosed;
  closed.assigned_unit = t.station_a1;
  closed.created_ms = kT0 + 20;
  int64_t r = Add(*store_, red), y = Add(*store_, yellow), c = Add(*store_, closed);
  auto ids = [&](WarningFilter f) {
    return Ids(Must(store_->Read(
        [&](Transaction& tx) { return tx.ListWarnings(Scope::Subtree(t.city), f, {}); })));
  };
  using V = std::vector<int64_t>;
  WarningFilter f;
  f.statuses = {WarningStatus::kOpen, WarningStatus::kAssigned};
  EXPECT_EQ(ids(f), (V{y, r}));
  f = {};
  f.grade = Grade::kRed;
  EXPECT_EQ(ids(f), (V{r}));
  f = {};
  f.fraud_type = FraudType::kOrderBrushing;
  EXPECT_EQ(ids(f), (V{y}));
  f = {};
  f.assigned_unit = t.station_a1;
  EXPECT_EQ(ids(f), (V{c}));
  f = {};
  f.assigned_user = officer;
  EXPECT_EQ(ids(f), (V{r}));
  f = {};
  f.person = "p-yellow";
  EXPECT_EQ(ids(f), (V{y}));
  f = {};
  f.deadline_before_ms = kT0 + 2000;  // overdue at that time
  EXPECT_EQ(ids(f), (V{r}));
  f = {};
  f.created_from_ms = kT0 + 10;
  f.created_to_ms = kT0 + 20;
  EXPECT_EQ(ids(f), (V{y}));
  f = {};
  f.statuses = {WarningStatus::kClosed};
  f.grade = Grade::kRed;
  EXPECT_EQ(ids(f), V{});
  WarningFilter open;
  open.statuses = {WarningStatus::kOpen};
  EXPECT_EQ(Must(store_->Read([&](Transaction& tx) {
              return tx.CountWarnings(Scope::Subtree(t.station_a1), open);
            })),
            1);
}

TEST_P(WarningsTest, OrdersTheQueue) {
  Tree t = SeedTree();
  Warning a = MakeWarning("a", t.community_a1a, Grade::kYellow);
  a.expected_loss_fen = 9'000'000;
  a.deadline_ms = kT0 + 100;
  a.created_ms = kT0 + 3;
  Warning b = MakeWarning("b", t.community_a1a, Grade::kRed);
  b.expected_loss_fen = 100;
  b.deadline_ms = kT0 + 300;
  b.created_ms = kT0 + 1;
  Warning c = MakeWarning("c", t.community_a1a, Grade::kRed);
  c.expected_loss_fen = 200;
  c.deadline_ms = kT0 + 200;
  c.created_ms = kT0 + 2;
  Warning d = MakeWarning("d", t.community_a1a, Grade::kOrange);
  d.expected_loss_fen = 50;
  d.deadline_ms = kT0 + 50;
  d.created_ms = kT0 + 2;
  int64_t ia = Add(*store_, a), ib = Add(*store_, b), ic = Add(*store_, c), id = Add(*store_, d);
  auto ids = [&](WarningOrder o) {
    WarningFilter f;
    f.order = o;
    return Ids(
        Must(store_->Read([&](Transaction& tx) { return tx.ListWarnings(Scope::All(), f, {}); })));
  };
  using V = std::vector<int64_t>;
  EXPECT_EQ(ids(WarningOrder::kNewestFirst), (V{ia, id, ic, ib}));  // ties: higher id first
  EXPECT_EQ(ids(WarningOrder::kDeadlineFirst), (V{id, ia, ic, ib}));
  EXPECT_EQ(ids(WarningOrder::kPriority), (V{ic, ib, id, ia}));
}

TEST_P(WarningsTest, PagesThroughTheQueue) {
  Tree t = SeedTree();
  std::vector<int64_t> all;
  Must(store_->Write([&](Transaction& tx) -> Status {
    for (int i = 0; i < 25; ++i) {
      Warning w = MakeWarning("p" + std::to_string(i), t.community_a1a);
      w.deadline_ms = kT0 + i;
      WUZHA_ASSIGN_OR_RETURN(int64_t id, tx.AddWarning(w));
      all.push_back(id);
    }
    return Status::Ok();
  }));
  WarningFilter f;
  f.order = WarningOrder::kDeadlineFirst;
  std::vector<int64_t> seen;
  std::vector<bool> more;
  for (int64_t offset = 0;; offset += 10) {
    auto page = Must(store_->Read([&](Transaction& tx) {
      return tx.ListWarnings(Scope::All(), f, {offset, 10});
    }));
    for (const auto& w : page.items) seen.push_back(w.id);
    more.push_back(page.more);
    if (!page.more) break;
  }
  EXPECT_EQ(seen, all);
  EXPECT_EQ(more, (std::vector<bool>{true, true, false}));
  auto bad = [&](PageRequest p) {
    return store_->Read([&](Transaction& tx) { return tx.ListWarnings(Scope::All(), f, p); })
        .status()
        .code();
  };
  EXPECT_EQ(bad({0, 0}), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad({0, kMaxPageLimit + 1}), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad({-1, 10}), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad({0, kMaxPageLimit}), StatusCode::kOk);
}

TEST_P(WarningsTest, HistoryKeepsEveryEventInTimeOrder) {
  Tree t = SeedTree();
  int64_t officer = AddUser("officer", Role::kOfficer, t.station_a1);
  int64_t id = Add(*store_, MakeWarning("p", t.community_a1a));
  auto add = [&](WarningEvent e) {
    e.warning_id = id;
    return Must(store_->Write([&](Transaction& tx) { return tx.AddWarningEvent(e); }));
  };
  int64_t fb = add({0, 0, kT0 + 300, officer, WarningEventKind::kFeedback, Feedback::kDissuaded, 0,
                    R"({"note":"visited at home"})"});
  int64_t created = add({0, 0, kT0, 0, WarningEventKind::kCreated, std::nullopt, 0, "{}"});
  int64_t routed =
      add({0, 0, kT0 + 1, 0, WarningEventKind::kRouted, std::nullopt, t.community_a1a, "{}"});
  auto events = Must(store_->Read(
      [&](Transaction& tx) { return tx.ListWarningEvents(Scope::Subtree(t.branch_a), id); }));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].id, created);
  EXPECT_EQ(events[1].id, routed);
  EXPECT_EQ(events[1].unit_id, t.community_a1a);
  EXPECT_EQ(events[2].id, fb);
  EXPECT_EQ(events[2].kind, WarningEventKind::kFeedback);
  EXPECT_EQ(events[2].feedback, Feedback::kDissuaded);
  EXPECT_EQ(events[2].actor_user, officer);
  EXPECT_EQ(events[2].detail_json, R"({"note":"visited at home"})");
  EXPECT_EQ(events[0].feedback, std::nullopt);
  EXPECT_EQ(store_
                ->Read([&](Transaction& tx) {
                  return tx.ListWarningEvents(Scope::Subtree(t.branch_b), id);
                })
                .status()
                .code(),
            StatusCode::kNotFound);
  WarningEvent orphan{0, 999, kT0, 0, WarningEventKind::kNote, std::nullopt, 0, "{}"};
  EXPECT_EQ(
      store_->Write([&](Transaction& tx) { return tx.AddWarningEvent(orphan); }).status().code(),
      StatusCode::kNotFound);
}

WUZHA_STORE_INSTANTIATE(WarningsTest);

}  // namespace
}  // namespace wuzha::store::testing
