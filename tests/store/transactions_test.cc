// Transactions: commit, roll back on error (callback and RAII), read-only reads, a
// failed statement ends the transaction, snapshots for readers while a writer writes,
// writers taking turns.
#include <atomic>
#include <chrono>
#include <thread>

#include "backend_fixture.h"

namespace wuzha::store::testing {
namespace {

using TransactionsTest = BackendTest;

Result<int64_t> CountUnits(Transaction& tx) {
  WUZHA_ASSIGN_OR_RETURN(auto units, tx.ListSubtree(1));
  return static_cast<int64_t>(units.size());
}

TEST_P(TransactionsTest, AnErrorFromTheCallbackRollsEverythingBack) {
  int64_t city = AddUnit(0, UnitKind::kCity, "市局");
  Status s = store_->Write([&](Transaction& tx) -> Status {
    OrgUnit branch{0, city, UnitKind::kBranch, "分局", "b", 0};
    WUZHA_ASSIGN_OR_RETURN(int64_t id, tx.AddOrgUnit(branch));
    User u{0, "u", "u", Role::kBranch, id, "", false, kT0};
    WUZHA_RETURN_IF_ERROR(tx.AddUser(u).status());
    WUZHA_RETURN_IF_ERROR(
        tx.AppendAudit({0, kT0, 0, "system", 0, "user.add", "user:u", "{}"}).status());
    return tx.AddUser(u).status();  // the login is taken: kAlreadyExists
  });
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->Read([](Transaction& tx) { return tx.FindOrgUnitByCode("b"); }).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->Read([](Transaction& tx) { return tx.FindUserByLogin("u"); }).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Must(store_->Read([](Transaction& tx) {
              return tx.ListAudit(Scope::All(), {}, {});
            })).items.size(),
            0u);
  EXPECT_EQ(Must(store_->Read(CountUnits)), 1);
}

TEST_P(TransactionsTest, ATransactionDroppedWithoutCommitRollsBack) {
  AddUnit(0, UnitKind::kCity, "市局");
  {
    auto tx = Must(store_->Begin(TxMode::kWrite));
    Must(tx->AddOrgUnit({0, 1, UnitKind::kBranch, "分局", "", 0}));
    EXPECT_EQ(Must(CountUnits(*tx)), 2);  // the transaction sees its own write
  }
  EXPECT_EQ(Must(store_->Read(CountUnits)), 1);
  auto tx = Must(store_->Begin(TxMode::kWrite));
  Must(tx->AddOrgUnit({0, 1, UnitKind::kBranch, "分局", "", 0}));
  Must(tx->Commit());
  EXPECT_EQ(tx->Commit().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(tx->GetOrgUnit(1).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Must(store_->Read(CountUnits)), 2);
}

TEST_P(TransactionsTest, AReadTransactionRefusesWrites) {
  auto tx = Must(store_->Begin(TxMode::kRead));
  EXPECT_EQ(tx->mode(), TxMode::kRead);
  EXPECT_EQ(tx->AddOrgUnit({0, 0, UnitKind::kCity, "市局", "", 0}).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(tx->AppendAudit({0, kT0, 0, "system", 0, "x", "y", "{}"}).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(tx->UpsertListSource({"s", "", 0, kT0, true}).code(), StatusCode::kFailedPrecondition);
  Must(tx->Commit());
}

TEST_P(TransactionsTest, AFailedStatementEndsTheTransaction) {
  // A trigger makes the database itself fail a statement, as a full disk or a dropped
  // connection would.
  std::string trigger = GetParam() == Backend::kSqlite
                            ? "CREATE TRIGGER fail_list BEFORE INSERT ON list_sources "
                              "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
                            : "CREATE FUNCTION fail_list() RETURNS trigger LANGUAGE plpgsql AS "
                              "$$ BEGIN RAISE EXCEPTION 'injected failure'; END $$; "
                              "CREATE TRIGGER fail_list BEFORE INSERT ON list_sources "
                              "FOR EACH ROW EXECUTE FUNCTION fail_list()";
  ASSERT_EQ(RawExec(trigger), "");
  auto tx = Must(store_->Begin(TxMode::kWrite));
  Must(tx->AddOrgUnit({0, 0, UnitKind::kCity, "市局", "", 0}));
  Status failed = tx->UpsertListSource({"s", "", 0, kT0, true});
  EXPECT_FALSE(failed.ok());
  EXPECT_NE(failed.message().find("injected failure"), std::string_view::npos) << failed.ToString();
  EXPECT_EQ(tx->GetOrgUnit(1).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(tx->Commit(), failed);
  EXPECT_EQ(store_->Read([](Transaction& t) { return t.GetOrgUnit(1); }).status().code(),
            StatusCode::kNotFound);
}

TEST_P(TransactionsTest, AReaderSeesTheDatabaseAsOfItsBegin) {
  AddUnit(0, UnitKind::kCity, "市局");
  auto before = Must(store_->Begin(TxMode::kRead));
  auto writer = Must(store_->Begin(TxMode::kWrite));
  Must(writer->AddOrgUnit({0, 1, UnitKind::kBranch, "分局", "", 0}));
  // Uncommitted: invisible to readers, and the reader did not wait for the writer.
  EXPECT_EQ(Must(store_->Read(CountUnits)), 1);
  EXPECT_EQ(Must(CountUnits(*before)), 1);
  Must(writer->Commit());
  // Committed after `before` began: still invisible to it; visible to a new reader.
  EXPECT_EQ(Must(CountUnits(*before)), 1);
  EXPECT_EQ(Must(store_->Read(CountUnits)), 2);
  Must(before->Commit());
}

TEST_P(TransactionsTest, ConcurrentReadersAlwaysSeeWholeTransactions) {
  Tree t = SeedTree();
  constexpr int kWrites = 40;
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::atomic<int> torn{0};
  std::atomic<int> errors{0};
  // Each write adds a warning and its "created" event in one transaction: a reader that
  // ever sees one without the other saw half a transaction.
  std::thread writer([&] {
    for (int i = 0; i < kWrites; ++i) {
      Status s = store_->Write([&](Transaction& tx) -> Status {
        WUZHA_ASSIGN_OR_RETURN(
            int64_t id, tx.AddWarning(MakeWarning("p" + std::to_string(i), t.community_a1a)));
        return tx
            .AddWarningEvent({0, id, kT0, 0, WarningEventKind::kCreated, std::nullopt, 0, "{}"})
            .status();
      });
      if (!s.ok()) ++errors;
    }
    done = true;
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      int64_t last = 0;
      while (!done || reads < 10) {
        Status s = store_->Read([&](Transaction& tx) -> Status {
          WUZHA_ASSIGN_OR_RETURN(auto page, tx.ListWarnings(Scope::All(), {}, {0, kMaxPageLimit}));
          int64_t events = 0;
          for (const auto& w : page.items) {
            WUZHA_ASSIGN_OR_RETURN(auto history, tx.ListWarningEvents(Scope::All(), w.id));
            events += static_cast<int64_t>(history.size());
          }
          if (events != static_cast<int64_t>(page.items.size())) ++torn;
          if (static_cast<int64_t>(page.items.size()) < last) ++torn;  // went back in time
          last = static_cast<int64_t>(page.items.size());
          return Status::Ok();
        });
        if (!s.ok()) ++errors;
        ++reads;
      }
    });
  }
  writer.join();
  for (auto& r : readers) r.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(torn.load(), 0);
  EXPECT_GE(reads.load(), 10);
  EXPECT_EQ(Must(store_->Read([](Transaction& tx) { return tx.CountWarnings(Scope::All(), {}); })),
            kWrites);
}

TEST_P(TransactionsTest, WritersTakeTurnsSoNoUpdateIsLost) {
  Must(store_->Write([](Transaction& tx) { return tx.UpsertListSource({"n", "", 0, kT0, true}); }));
  constexpr int kThreads = 3, kEach = 15;
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < kEach; ++j) {
        // Read, then write what was read plus one: a lost update if writers interleave.
        Status s = store_->Write([](Transaction& tx) -> Status {
          WUZHA_ASSIGN_OR_RETURN(ListSource src, tx.GetListSource("n"));
          ++src.entries;
          return tx.UpsertListSource(src);
        });
        if (!s.ok()) ++errors;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(Must(store_->Read([](Transaction& tx) { return tx.GetListSource("n"); })).entries,
            kThreads * kEach);
}

TEST_P(TransactionsTest, ASecondWriterGivesUpAfterTheBusyTimeout) {
  // Another process's store on the same database, with a short timeout.
  StoreOptions options;
  options.busy_timeout_ms = 200;
  auto other = Must(OpenStore(url_, options));
  auto holding = Must(store_->Begin(TxMode::kWrite));
  Must(holding->AddOrgUnit({0, 0, UnitKind::kCity, "市局", "", 0}));
  auto start = std::chrono::steady_clock::now();
  auto blocked = other->Begin(TxMode::kWrite);
  Status s = blocked.ok() ? (*blocked)->AddOrgUnit({0, 0, UnitKind::kCity, "x", "", 0}).status()
                          : blocked.status();
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
  EXPECT_GE(waited, std::chrono::milliseconds(150));  // it waited, then gave up
  // Readers of the other store are not blocked.
  EXPECT_EQ(other->Read([](Transaction& tx) { return tx.GetOrgUnit(1); }).status().code(),
            StatusCode::kNotFound);
  Must(holding->Commit());
  EXPECT_TRUE(other
                  ->Write([](Transaction& tx) {
                    return tx.AddOrgUnit({0, 0, UnitKind::kCity, "x", "", 0});
                  })
                  .ok());
}

WUZHA_STORE_INSTANTIATE(TransactionsTest);

}  // namespace
}  // namespace wuzha::store::testing
