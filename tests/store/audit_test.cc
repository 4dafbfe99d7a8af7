// The audit log: append-only in order, scoped, filtered; the database itself refuses to
// change it. And the list sources' metadata.
#include "backend_fixture.h"

namespace wuzha::store::testing {
namespace {

using AuditTest = BackendTest;

AuditEntry Entry(int64_t at, int64_t user, int64_t unit, const std::string& action,
                 const std::string& target) {
  AuditEntry e;
  e.at_ms = at;
  e.actor_user = user;
  e.actor = user ? "user" + std::to_string(user) : "system";
  e.unit_id = unit;
  e.action = action;
  e.target = target;
  e.detail_json = R"({"field":"phone"})";
  return e;
}

TEST_P(AuditTest, ListsRecordsInTheOrderTheyWereAppended) {
  Tree t = SeedTree();
  // Times out of order: the log's order is the order of appending, not at_ms.
  std::vector<AuditEntry> entries = {
      Entry(kT0 + 50, 1, t.station_a1, "warning.reveal", "warning:1"),
      Entry(kT0 + 10, 2, t.station_b1, "user.login", "user:2"),
      Entry(kT0 + 30, 1, t.station_a1, "warning.reveal", "warning:2"),
      Entry(kT0 + 20, 0, 0, "store.migrate", "schema:2"),
      Entry(kT0 + 40, 3, t.community_a1a, "warning.feedback", "warning:1"),
  };
  std::vector<int64_t> seqs;
  for (const auto& e : entries) {
    seqs.push_back(Must(store_->Write([&](Transaction& tx) { return tx.AppendAudit(e); })));
  }
  for (size_t i = 1; i < seqs.size(); ++i) EXPECT_GT(seqs[i], seqs[i - 1]);
  auto list = [&](Scope s, AuditFilter f, PageRequest p = {}) {
    return Must(store_->Read([&](Transaction& tx) { return tx.ListAudit(s, f, p); }));
  };
  auto all = list(Scope::All(), {});
  ASSERT_EQ(all.items.size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(all.items[i].seq, seqs[i]);
    EXPECT_EQ(all.items[i].at_ms, entries[i].at_ms);
    EXPECT_EQ(all.items[i].action, entries[i].action);
    EXPECT_EQ(all.items[i].target, entries[i].target);
    EXPECT_EQ(all.items[i].actor, entries[i].actor);
    EXPECT_EQ(all.items[i].actor_user, entries[i].actor_user);
    EXPECT_EQ(all.items[i].unit_id, entries[i].unit_id);
    EXPECT_EQ(all.items[i].detail_json, entries[i].detail_json);
  }
  auto seq_list = [](const Page<AuditEntry>& p) {
    std::vector<int64_t> out;
    for (const auto& e : p.items) out.push_back(e.seq);
    return out;
  };
  using V = std::vector<int64_t>;
  EXPECT_EQ(seq_list(list(Scope::Subtree(t.branch_a), {})), (V{seqs[0], seqs[2], seqs[4]}));
  EXPECT_EQ(seq_list(list(Scope::Subtree(t.city), {})), (V{seqs[0], seqs[1], seqs[2], seqs[4]}));
  EXPECT_EQ(seq_list(list(Scope::All(), {1, "", "", 0, 0, 0})), (V{seqs[0], seqs[2]}));
  EXPECT_EQ(seq_list(list(Scope::All(), {0, "warning.reveal", "", 0, 0, 0})),
            (V{seqs[0], seqs[2]}));
  EXPECT_EQ(seq_list(list(Scope::All(), {0, "", "warning:1", 0, 0, 0})), (V{seqs[0], seqs[4]}));
  EXPECT_EQ(seq_list(list(Scope::All(), {0, "", "", kT0 + 20, kT0 + 40, 0})),
            (V{seqs[2], seqs[3]}));
  EXPECT_EQ(seq_list(list(Scope::All(), {0, "", "", 0, 0, seqs[2]})), (V{seqs[3], seqs[4]}));
  auto page = list(Scope::All(), {}, {0, 2});
  EXPECT_EQ(seq_list(page), (V{seqs[0], seqs[1]}));
  EXPECT_TRUE(page.more);
  AuditEntry no_action = Entry(kT0, 1, t.city, "", "x");
  EXPECT_EQ(
      store_->Write([&](Transaction& tx) { return tx.AppendAudit(no_action); }).status().code(),
      StatusCode::kInvalidArgument);
}

TEST_P(AuditTest, TheDatabaseRefusesToChangeOrDeleteRecords) {
  Tree t = SeedTree();
  Must(store_->Write([&](Transaction& tx) {
    return tx.AppendAudit(Entry(kT0, 1, t.city, "warning.reveal", "warning:1"));
  }));
  std::string update = RawExec("UPDATE audit_log SET actor = 'someone else'");
  EXPECT_NE(update.find("append-only"), std::string::npos) << update;
  std::string del = RawExec("DELETE FROM audit_log");
  EXPECT_NE(del.find("append-only"), std::string::npos) << del;
  if (GetParam() == Backend::kPostgres) {
    std::string truncate = RawExec("TRUNCATE audit_log");
    EXPECT_NE(truncate.find("append-only"), std::string::npos) << truncate;
  }
  EXPECT_EQ(RawQuery("SELECT COUNT(*) FROM audit_log"), "1");
  EXPECT_EQ(RawQuery("SELECT actor FROM audit_log"), "user1");
}

TEST_P(AuditTest, KeepsListSourceMetadata) {
  ListSource tw{"tw165", "165 反诈专线", 1200, kT0, true};
  ListSource ops{"ops", "", 3, kT0, false};
  Must(store_->Write([&](Transaction& tx) { return tx.UpsertListSource(tw); }));
  Must(store_->Write([&](Transaction& tx) { return tx.UpsertListSource(ops); }));
  tw.entries = 1500;
  tw.updated_ms = kT0 + 1;
  Must(store_->Write([&](Transaction& tx) { return tx.UpsertListSource(tw); }));
  auto all = Must(store_->Read([](Transaction& tx) { return tx.ListListSources(); }));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "ops");
  EXPECT_FALSE(all[0].enabled);
  EXPECT_EQ(all[1].name, "tw165");
  EXPECT_EQ(all[1].entries, 1500);
  EXPECT_EQ(all[1].updated_ms, kT0 + 1);
  EXPECT_EQ(all[1].description, "165 反诈专线");
  EXPECT_TRUE(all[1].enabled);
  EXPECT_EQ(Must(store_->Read([](Transaction& tx) { return tx.GetListSource("tw165"); })).entries,
            1500);
  EXPECT_EQ(store_->Read([](Transaction& tx) { return tx.GetListSource("none"); }).status().code(),
            StatusCode::kNotFound);
  ListSource nameless{"", "", 0, kT0, true};
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.UpsertListSource(nameless); }).code(),
            StatusCode::kInvalidArgument);
}

WUZHA_STORE_INSTANTIATE(AuditTest);

}  // namespace
}  // namespace wuzha::store::testing
