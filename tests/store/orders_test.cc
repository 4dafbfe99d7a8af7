// Stop-payment and freeze orders: the lifecycle of trace/orders.h recorded with its
// history, listed by account, case, kind, state and scope.
#include "backend_fixture.h"

namespace wuzha::store::testing {
namespace {

using OrdersTest = BackendTest;

constexpr int64_t kHour = 3600000;

Order MakeOrder(OrderKind kind, const std::string& account, int64_t unit, int64_t case_id = 0) {
  Order o;
  o.kind = kind;
  o.account = account;
  o.unit_id = unit;
  o.case_id = case_id;
  o.amount_fen = 12'345'600;
  o.requested_ms = kT0;
  return o;
}

TEST_P(OrdersTest, RecordsTheLifecycleWithItsHistory) {
  Tree t = SeedTree();
  Case c;
  c.title = "案";
  c.unit_id = t.station_a1;
  int64_t case_id = Must(store_->Write([&](Transaction& tx) { return tx.AddCase(c); }));
  int64_t stop = Must(store_->Write([&](Transaction& tx) {
    return tx.AddOrder(MakeOrder(OrderKind::kStopPay, "6222000011112222", t.station_a1, case_id));
  }));
  Must(store_->Write([&](Transaction& tx) {
    return tx.TransitionOrder(stop, OrderState::kExecuted, kT0 + 600000, kT0 + 48 * kHour);
  }));
  Must(store_->Write([&](Transaction& tx) {
    return tx.TransitionOrder(stop, OrderState::kConverted, kT0 + 5 * kHour, 0);
  }));
  Order o = Must(store_->Read([&](Transaction& tx) { return tx.GetOrder(Scope::All(), stop); }));
  EXPECT_EQ(o.kind, OrderKind::kStopPay);
  EXPECT_EQ(o.account, "6222000011112222");
  EXPECT_EQ(o.case_id, case_id);
  EXPECT_EQ(o.unit_id, t.station_a1);
  EXPECT_EQ(o.amount_fen, 12'345'600);
  EXPECT_EQ(o.state, OrderState::kConverted);
  EXPECT_EQ(o.requested_ms, kT0);
  EXPECT_EQ(o.executed_ms, kT0 + 600000);
  EXPECT_EQ(o.expires_ms, kT0 + 48 * kHour);
  EXPECT_EQ(o.history, (std::vector<OrderTransition>{{kT0, OrderState::kRequested},
                                                     {kT0 + 600000, OrderState::kExecuted},
                                                     {kT0 + 5 * kHour, OrderState::kConverted}}));

  // A history given at creation is kept as given (an import from trace's OrderBook).
  Order imported = MakeOrder(OrderKind::kFreeze, "6222000011112222", t.station_a1);
  imported.state = OrderState::kWithdrawn;
  imported.history = {{kT0, OrderState::kRequested}, {kT0 + 1, OrderState::kWithdrawn}};
  int64_t frozen = Must(store_->Write([&](Transaction& tx) { return tx.AddOrder(imported); }));
  Order back =
      Must(store_->Read([&](Transaction& tx) { return tx.GetOrder(Scope::All(), frozen); }));
  EXPECT_EQ(back.history, imported.history);
  EXPECT_EQ(back.case_id, 0);
}

TEST_P(OrdersTest, RefusesMalformedOrders) {
  Tree t = SeedTree();
  auto add = [&](const Order& o) {
    return store_->Write([&](Transaction& tx) { return tx.AddOrder(o); }).status().code();
  };
  EXPECT_EQ(add(MakeOrder(OrderKind::kStopPay, "", t.city)), StatusCode::kInvalidArgument);
  EXPECT_EQ(add(MakeOrder(OrderKind::kStopPay, "6222", 999)), StatusCode::kNotFound);
  EXPECT_EQ(add(MakeOrder(OrderKind::kStopPay, "6222", t.city, 999)), StatusCode::kNotFound);
  EXPECT_EQ(store_
                ->Write([&](Transaction& tx) {
                  return tx.TransitionOrder(999, OrderState::kExecuted, kT0, kT0);
                })
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(
      store_->Read([&](Transaction& tx) { return tx.GetOrder(Scope::All(), 999); }).status().code(),
      StatusCode::kNotFound);
}

TEST_P(OrdersTest, ListsByAccountCaseKindStateAndScope) {
  Tree t = SeedTree();
  Case c;
  c.title = "案";
  c.unit_id = t.city;
  int64_t case_id = Must(store_->Write([&](Transaction& tx) { return tx.AddCase(c); }));
  std::vector<int64_t> ids;
  Must(store_->Write([&](Transaction& tx) -> Status {
    for (int i = 0; i < 6; ++i) {
      Order o = MakeOrder(i % 2 ? OrderKind::kFreeze : OrderKind::kStopPay,
                          "acct" + std::to_string(i % 3), i < 4 ? t.station_a1 : t.station_b1,
                          i < 3 ? case_id : 0);
      WUZHA_ASSIGN_OR_RETURN(int64_t id, tx.AddOrder(o));
      ids.push_back(id);
    }
    return tx.TransitionOrder(ids[0], OrderState::kExecuted, kT0 + 1, kT0 + 48 * kHour);
  }));
  auto list = [&](Scope s, OrderFilter f, PageRequest p = {}) {
    return Must(store_->Read([&](Transaction& tx) { return tx.ListOrders(s, f, p); }));
  };
  auto id_list = [&](const Page<Order>& p) {
    std::vector<int64_t> out;
    for (const auto& o : p.items) out.push_back(o.id);
    return out;
  };
  using V = std::vector<int64_t>;
  EXPECT_EQ(id_list(list(Scope::All(), {})), ids);
  EXPECT_EQ(id_list(list(Scope::Subtree(t.branch_b), {})), (V{ids[4], ids[5]}));
  EXPECT_EQ(id_list(list(Scope::All(), {std::nullopt, {}, "acct1", 0})), (V{ids[1], ids[4]}));
  EXPECT_EQ(id_list(list(Scope::All(), {OrderKind::kFreeze, {}, "", 0})),
            (V{ids[1], ids[3], ids[5]}));
  EXPECT_EQ(id_list(list(Scope::All(), {std::nullopt, {}, "", case_id})),
            (V{ids[0], ids[1], ids[2]}));
  EXPECT_EQ(id_list(list(Scope::All(), {std::nullopt, {OrderState::kExecuted}, "", 0})),
            (V{ids[0]}));
  // Pages carry each order's own history.
  auto first = list(Scope::All(), {}, {0, 2});
  EXPECT_TRUE(first.more);
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].history.size(), 2u);
  EXPECT_EQ(first.items[1].history.size(), 1u);
  EXPECT_EQ(
      store_->Read([&](Transaction& tx) { return tx.GetOrder(Scope::Subtree(t.branch_b), ids[0]); })
          .status()
          .code(),
      StatusCode::kNotFound);
}

WUZHA_STORE_INSTANTIATE(OrdersTest);

}  // namespace
}  // namespace wuzha::store::testing
