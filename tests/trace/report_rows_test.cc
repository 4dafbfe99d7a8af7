// Picking a victim's stolen transfers out of their account by the reported loss.
#include <gtest/gtest.h>

#include "trace/report_rows.h"

namespace wuzha::trace {
namespace {

using ledger::FlowKind;
using ledger::Ledger;
using ledger::Row;

Row Add(Ledger& l, int64_t ts, std::string_view from, std::string_view to, int64_t fen) {
  EXPECT_TRUE(l.Append("T" + std::to_string(l.size() + 1), Timestamp::FromMillis(ts), from, to,
                       fen, Channel::kMobile, FlowKind::kTransfer)
                  .ok());
  return static_cast<Row>(l.size() - 1);
}

TEST(StolenRowsForReport, TheSetThatAddsUpToTheLossAmongOrdinarySpending) {
  Ledger l;
  Add(l, 1, "V", "SHOP", 5000);      // before the loss began
  Add(l, 10, "V", "SHOP", 3000);     // ordinary spending during the scam
  const Row a = Add(l, 11, "V", "M1", 20000);
  Add(l, 12, "V", "FRIEND", 7000);
  const Row b = Add(l, 13, "V", "M2", 50000);
  Add(l, 30, "V", "M3", 9999);       // after the report
  auto rows = StolenRowsForReport(l, "V", 70000, Timestamp::FromMillis(10), Timestamp::FromMillis(20));
  EXPECT_EQ(rows, (std::vector<Row>{a, b}));
}

TEST(StolenRowsForReport, WithoutAnExactSetTakesNewPayeesUpToTheLoss) {
  Ledger l;
  Add(l, 1, "V", "SHOP", 5000);
  Add(l, 10, "V", "SHOP", 3000);  // a known payee: not the theft
  const Row a = Add(l, 11, "V", "M1", 20000);
  const Row b = Add(l, 13, "V", "M2", 50000);
  auto rows = StolenRowsForReport(l, "V", 65000, Timestamp::FromMillis(10), Timestamp::FromMillis(20));
  EXPECT_EQ(rows, (std::vector<Row>{a, b}));
}

TEST(StolenRowsForReport, NothingForAnUnknownAccountOrNoLoss) {
  Ledger l;
  Add(l, 1, "V", "M", 100);
  EXPECT_TRUE(StolenRowsForReport(l, "W", 100, Timestamp::FromMillis(0), Timestamp::FromMillis(9)).empty());
  EXPECT_TRUE(StolenRowsForReport(l, "V", 0, Timestamp::FromMillis(0), Timestamp::FromMillis(9)).empty());
}

}  // namespace
}  // namespace wuzha::trace
