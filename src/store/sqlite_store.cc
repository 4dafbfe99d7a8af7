#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "store/internal/migrations.h"
#include "store/internal/sql.h"

namespace wuzha::store {
namespace {

using internal::RowFn;
using internal::SqlBuilder;
using internal::SqlValue;

constexpr size_t kMaxCachedStatements = 256;

// SQLite's result codes as Status codes (status.h's guidance).
Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string msg =
      "sqlite: " + std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: return AlreadyExistsError(msg);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
    case SQLITE_CONSTRAINT_TRIGGER: return FailedPreconditionError(msg);
  }
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: return InvalidArgumentError(msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return UnavailableError(msg);
    case SQLITE_READONLY: return FailedPreconditionError(msg);
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM: return IoError(msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return DataLossError(msg);
  }
  return InternalError(msg);
}

// $1 → ?1: SQLite's numbered parameters keep the numbering of the shared SQL.
std::string ToSqliteParams(const std::string& sql) {
  std::string out = sql;
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '$' && out[i + 1] >= '0' && out[i + 1] <= '9') out[i] = '?';
  }
  return out;
}

class SqliteRow final : public internal::SqlRow {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  std::string_view Text(int col) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (!p) return {};
    return std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }

 private:
  sqlite3_stmt* stmt_;
};

// One database handle and its prepared statements. Used by one thread at a time.
class SqliteConn {
 public:
  static Result<std::unique_ptr<SqliteConn>> Open(const std::string& path,
                                                  const StoreOptions& options, bool writer) {
    sqlite3* db = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    auto conn = std::unique_ptr<SqliteConn>(new SqliteConn(db));
    if (rc != SQLITE_OK) return SqliteError(db, rc, "open " + path);
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout_ms));
    WUZHA_RETURN_IF_ERROR(conn->Exec("PRAGMA foreign_keys = ON"));
    if (!writer) {
      WUZHA_RETURN_IF_ERROR(conn->Exec("PRAGMA query_only = ON"));
      return conn;
    }
    WUZHA_RETURN_IF_ERROR(conn->Exec(options.sqlite_synchronous_full
                                         ? "PRAGMA synchronous = FULL"
                                         : "PRAGMA synchronous = NORMAL"));
    std::string mode;
    WUZHA_RETURN_IF_ERROR(conn->Exec("PRAGMA journal_mode = WAL", &mode));
    if (mode != "wal") {
      return FailedPreconditionError("sqlite: " + path + ": cannot use WAL (journal mode is '" +
                                     mode + "')");
    }
    return conn;
  }

  ~SqliteConn() {
    for (auto& [sql, stmt] : stmts_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  // Runs statements without parameters; `first` receives the first column of the first
  // row, if any.
  Status Exec(std::string_view sql, std::string* first = nullptr) {
    std::string text(sql);
    char* err = nullptr;
    auto cb = [](void* out, int n, char** values, char**) -> int {
      auto* s = static_cast<std::string*>(out);
      if (s && s->empty() && n > 0 && values[0]) *s = values[0];
      return 0;
    };
    int rc = sqlite3_exec(db_, text.c_str(), cb, first, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) return SqliteError(db_, sqlite3_extended_errcode(db_), "exec");
    return Status::Ok();
  }

  Status Query(const std::string& sql, const std::vector<SqlValue>& params, const RowFn* on_row) {
    WUZHA_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    Status s = Bind(stmt, params);
    SqliteRow row(stmt);
    while (s.ok()) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        s = SqliteError(db_, sqlite3_extended_errcode(db_), "step");
        break;
      }
      if (on_row) s = (*on_row)(row);
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return s;
  }

 private:
  explicit SqliteConn(sqlite3* db) : db_(db) {}

  Result<sqlite3_stmt*> Prepare(const std::string& sql) {
    if (auto it = stmts_.find(sql); it != stmts_.end()) return it->second;
    if (stmts_.size() >= kMaxCachedStatements) {
      for (auto& [text, stmt] : stmts_) sqlite3_finalize(stmt);
      stmts_.clear();
    }
    std::string text = ToSqliteParams(sql);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
    stmts_.emplace(sql, stmt);
    return stmt;
  }

  Status Bind(sqlite3_stmt* stmt, const std::vector<SqlValue>& params) {
    for (size_t i = 0; i < params.size(); ++i) {
      int n = static_cast<int>(i + 1);
      const SqlValue& v = params[i];
      int rc;
      if (const auto* x = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, n, *x);
      } else if (const auto* t = std::get_if<std::string>(&v)) {
        // SQLITE_STATIC: the value outlives the statement's use (reset before return).
        rc = sqlite3_bind_text(stmt, n, t->data(), static_cast<int>(t->size()), SQLITE_STATIC);
      } else {
        rc = sqlite3_bind_null(stmt, n);
      }
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "bind");
    }
    return Status::Ok();
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> stmts_;
};

class SqliteStore;

class SqliteTransaction final : public internal::SqlTransaction {
 public:
  // A write transaction on the store's writer, whose turn it holds until destroyed.
  SqliteTransaction(SqliteStore* store, SqliteConn* writer)
      : SqlTransaction(internal::Dialect::kSqlite, TxMode::kWrite), store_(store), conn_(writer) {}
  // A read transaction on a pooled reader, given back to `store` at the end.
  SqliteTransaction(SqliteStore* store, std::unique_ptr<SqliteConn> reader)
      : SqlTransaction(internal::Dialect::kSqlite, TxMode::kRead),
        store_(store),
        reader_(std::move(reader)),
        conn_(reader_.get()) {}
  ~SqliteTransaction() override;

  Status Start() { return conn_->Exec(mode() == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN"); }

 protected:
  Status DoQuery(const std::string& sql, const std::vector<SqlValue>& params,
                 const RowFn* on_row) override {
    return conn_->Query(sql, params, on_row);
  }
  Status DoExecScript(std::string_view sql) override { return conn_->Exec(sql); }
  Status DoCommit() override {
    Status s = conn_->Exec("COMMIT");
    if (!s.ok()) DoRollback();
    return s;
  }
  void DoRollback() noexcept override { (void)conn_->Exec("ROLLBACK"); }

 private:
  SqliteStore* store_;
  std::unique_ptr<SqliteConn> reader_;
  SqliteConn* conn_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, StoreOptions options) : path_(std::move(path)), options_(options) {}

  Status Init() {
    WUZHA_ASSIGN_OR_RETURN(writer_, SqliteConn::Open(path_, options_, /*writer=*/true));
    WUZHA_ASSIGN_OR_RETURN(auto tx, BeginSql(TxMode::kWrite));
    WUZHA_RETURN_IF_ERROR(internal::ApplyMigrations(*tx, internal::BuiltinMigrations()));
    return tx->Commit();
  }

  std::string_view backend() const override { return "sqlite"; }

  Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override {
    WUZHA_ASSIGN_OR_RETURN(auto tx, BeginSql(mode));
    return std::unique_ptr<Transaction>(std::move(tx));
  }

  void ReleaseWriter() {
    {
      std::lock_guard<std::mutex> lock(write_mu_);
      writing_ = false;
    }
    write_cv_.notify_one();
  }

  void ReleaseReader(std::unique_ptr<SqliteConn> conn) {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (static_cast<int>(idle_.size()) < options_.max_idle_connections) {
      idle_.push_back(std::move(conn));
    }
  }

 private:
  Result<std::unique_ptr<SqliteTransaction>> BeginSql(TxMode mode) {
    std::unique_ptr<SqliteTransaction> tx;
    if (mode == TxMode::kWrite) {
      // A flag and a condition variable rather than a held mutex: a mutex must be
      // unlocked by the thread that locked it, and a transaction may end on another.
      std::unique_lock<std::mutex> lock(write_mu_);
      if (!write_cv_.wait_for(lock, std::chrono::milliseconds(options_.busy_timeout_ms),
                              [&] { return !writing_; })) {
        return UnavailableError("sqlite: " + path_ + ": another write transaction held the " +
                                "database past the busy timeout");
      }
      writing_ = true;
      lock.unlock();
      tx = std::make_unique<SqliteTransaction>(this, writer_.get());
    } else {
      WUZHA_ASSIGN_OR_RETURN(auto reader, AcquireReader());
      tx = std::make_unique<SqliteTransaction>(this, std::move(reader));
    }
    WUZHA_RETURN_IF_ERROR(tx->Start());
    if (mode == TxMode::kRead) {
      // A read transaction's snapshot starts at its first read: take it now, so the
      // transaction sees the database as of Begin.
      WUZHA_RETURN_IF_ERROR(tx->Exists(SqlBuilder("SELECT 1 FROM sqlite_master LIMIT 1")).status());
    }
    return tx;
  }

  Result<std::unique_ptr<SqliteConn>> AcquireReader() {
    {
      std::lock_guard<std::mutex> lock(pool_mu_);
      if (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        return conn;
      }
    }
    return SqliteConn::Open(path_, options_, /*writer=*/false);
  }

  const std::string path_;
  const StoreOptions options_;
  std::mutex write_mu_;
  std::condition_variable write_cv_;
  bool writing_ = false;                // GUARDED_BY(write_mu_): a write transaction is open
  std::unique_ptr<SqliteConn> writer_;  // used only by the transaction that set writing_
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<SqliteConn>> idle_;  // GUARDED_BY(pool_mu_)
};

SqliteTransaction::~SqliteTransaction() {
  RollbackIfOpen();
  if (reader_) {
    store_->ReleaseReader(std::move(reader_));
  } else {
    store_->ReleaseWriter();
  }
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const StoreOptions& options) {
  if (path.empty()) return InvalidArgumentError("sqlite: empty database path");
  auto store = std::make_unique<SqliteStore>(path, options);
  Status s = store->Init();
  if (!s.ok()) return s.WithContext(path);
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace wuzha::store
