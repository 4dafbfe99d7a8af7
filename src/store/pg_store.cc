#include "store/pg_store.h"

#include <libpq-fe.h>

#include <charconv>
#include <mutex>
#include <pqxx/pqxx>
#include <unordered_map>
#include <vector>

#include "store/internal/migrations.h"
#include "store/internal/sql.h"

namespace wuzha::store {
namespace {

using internal::RowFn;
using internal::SqlBuilder;
using internal::SqlValue;

constexpr size_t kMaxPreparedStatements = 256;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// A SQLSTATE as a Status code (status.h's guidance).
Status FromSqlState(std::string_view state, std::string msg) {
  if (state == "23505") return AlreadyExistsError(std::move(msg));
  if (state == "23503") return FailedPreconditionError(std::move(msg));  // foreign key
  if (StartsWith(state, "23") || StartsWith(state, "22")) {
    return InvalidArgumentError(std::move(msg));  // constraint, bad data
  }
  if (state == "25006" || state == "P0001") {
    return FailedPreconditionError(std::move(msg));  // read-only transaction; our triggers
  }
  if (state == "55P03" || state == "57014" || StartsWith(state, "40") || StartsWith(state, "08") ||
      StartsWith(state, "53") || StartsWith(state, "57P")) {
    return UnavailableError(std::move(msg));  // lock timeout, conflicts, connection, load
  }
  if (StartsWith(state, "58")) return IoError(std::move(msg));
  if (state == "XX001" || state == "XX002") return DataLossError(std::move(msg));
  return InternalError(std::move(msg));
}

std::string FirstLine(const char* what) {
  std::string_view s(what);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  return std::string(s);
}

// Runs f, turning libpqxx's exceptions into a Status: they never leave this file.
template <typename F>
Status Guard(std::string_view what, bool* broken, F&& f) {
  std::string prefix = "postgresql: " + std::string(what) + ": ";
  try {
    f();
    return Status::Ok();
  } catch (const pqxx::sql_error& e) {
    return FromSqlState(e.sqlstate(), prefix + FirstLine(e.what()));
  } catch (const pqxx::broken_connection& e) {
    if (broken) *broken = true;
    return UnavailableError(prefix + FirstLine(e.what()));
  } catch (const pqxx::in_doubt_error& e) {
    if (broken) *broken = true;
    return UnavailableError(prefix + "commit outcome unknown: " + FirstLine(e.what()));
  } catch (const pqxx::transaction_rollback& e) {
    return UnavailableError(prefix + FirstLine(e.what()));
  } catch (const std::exception& e) {
    return InternalError(prefix + FirstLine(e.what()));
  }
}

class PgRow final : public internal::SqlRow {
 public:
  explicit PgRow(const pqxx::row& row) : row_(row) {}
  bool IsNull(int col) const override { return row_[col].is_null(); }
  int64_t Int(int col) const override {
    const pqxx::field f = row_[col];
    int64_t v = 0;
    if (!f.is_null()) std::from_chars(f.c_str(), f.c_str() + f.size(), v);
    return v;
  }
  std::string_view Text(int col) const override {
    const pqxx::field f = row_[col];
    if (f.is_null()) return {};
    return std::string_view(f.c_str(), f.size());
  }

 private:
  const pqxx::row& row_;
};

// One server connection with the names of the statements prepared on it.
struct PgConn {
  std::unique_ptr<pqxx::connection> conn;
  std::unordered_map<std::string, std::string> prepared;  // sql → statement name
  bool broken = false;
};

class PgStore;

class PgTransaction final : public internal::SqlTransaction {
 public:
  PgTransaction(PgStore* store, std::unique_ptr<PgConn> conn, TxMode mode)
      : SqlTransaction(internal::Dialect::kPostgres, mode), store_(store), conn_(std::move(conn)) {}
  ~PgTransaction() override;

  // BEGIN, and for a writer the lock that makes writers take turns.
  Status Start(int64_t busy_timeout_ms) {
    Status s = Guard("begin", &conn_->broken, [&] {
      if (mode() == TxMode::kWrite) {
        tx_ = std::make_unique<pqxx::work>(*conn_->conn);
        tx_->exec("SET LOCAL lock_timeout = " + std::to_string(busy_timeout_ms));
        tx_->exec(
            "SELECT pg_advisory_xact_lock(hashtext('wuzha.write:' || "
            "COALESCE(current_schema(), '')))");
      } else {
        tx_ = std::make_unique<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>>(
            *conn_->conn);
        tx_->exec("SELECT 1");  // takes the snapshot now, as of Begin
      }
    });
    if (!s.ok()) tx_.reset();
    return s;
  }

 protected:
  Status DoQuery(const std::string& sql, const std::vector<SqlValue>& params,
                 const RowFn* on_row) override {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);  // nullptr is NULL
    for (size_t i = 0; i < params.size(); ++i) {
      if (const auto* x = std::get_if<int64_t>(&params[i])) {
        texts[i] = std::to_string(*x);
        values[i] = texts[i].c_str();
      } else if (const auto* t = std::get_if<std::string>(&params[i])) {
        values[i] = t->c_str();
      }
    }
    pqxx::result result;
    WUZHA_RETURN_IF_ERROR(Guard("query", &conn_->broken, [&] {
      auto dyn = pqxx::prepare::make_dynamic_params(values);
      const std::string* name = PreparedName(sql);
      result = name ? tx_->exec_prepared(*name, dyn) : tx_->exec_params(sql, dyn);
    }));
    if (!on_row) return Status::Ok();
    for (const pqxx::row& row : result) WUZHA_RETURN_IF_ERROR((*on_row)(PgRow(row)));
    return Status::Ok();
  }

  Status DoExecScript(std::string_view sql) override {
    return Guard("exec", &conn_->broken, [&] { tx_->exec(std::string(sql)); });
  }

  Status DoCommit() override {
    Status s = Guard("commit", &conn_->broken, [&] { tx_->commit(); });
    tx_.reset();
    return s;
  }

  void DoRollback() noexcept override {
    (void)Guard("rollback", &conn_->broken, [&] {
      if (tx_) tx_->abort();
    });
    tx_.reset();
  }

 private:
  // The statement's name on this connection, prepared on first use; nullptr once the
  // connection holds kMaxPreparedStatements (the rest run unprepared).
  const std::string* PreparedName(const std::string& sql) {
    auto it = conn_->prepared.find(sql);
    if (it != conn_->prepared.end()) return &it->second;
    if (conn_->prepared.size() >= kMaxPreparedStatements) return nullptr;
    std::string name = "wuzha_" + std::to_string(conn_->prepared.size());
    conn_->conn->prepare(name, sql);
    return &conn_->prepared.emplace(sql, std::move(name)).first->second;
  }

  PgStore* store_;
  std::unique_ptr<PgConn> conn_;
  std::unique_ptr<pqxx::dbtransaction> tx_;
};

class PgStore final : public Store {
 public:
  PgStore(std::string url, StoreOptions options) : url_(std::move(url)), options_(options) {}

  Status Init() {
    WUZHA_ASSIGN_OR_RETURN(auto tx, BeginPg(TxMode::kWrite));
    WUZHA_RETURN_IF_ERROR(internal::ApplyMigrations(*tx, internal::BuiltinMigrations()));
    return tx->Commit();
  }

  std::string_view backend() const override { return "postgresql"; }

  Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override {
    WUZHA_ASSIGN_OR_RETURN(auto tx, BeginPg(mode));
    return std::unique_ptr<Transaction>(std::move(tx));
  }

  void Release(std::unique_ptr<PgConn> conn) {
    if (conn->broken || !conn->conn->is_open()) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (static_cast<int>(idle_.size()) < options_.max_idle_connections) {
      idle_.push_back(std::move(conn));
    }
  }

 private:
  Result<std::unique_ptr<PgTransaction>> BeginPg(TxMode mode) {
    WUZHA_ASSIGN_OR_RETURN(auto conn, Acquire());
    auto tx = std::make_unique<PgTransaction>(this, std::move(conn), mode);
    WUZHA_RETURN_IF_ERROR(tx->Start(options_.busy_timeout_ms));
    return tx;
  }

  Result<std::unique_ptr<PgConn>> Acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        return conn;
      }
    }
    auto conn = std::make_unique<PgConn>();
    WUZHA_RETURN_IF_ERROR(Guard("connect", nullptr, [&] {
      conn->conn = std::make_unique<pqxx::connection>(url_);
      conn->conn->set_client_encoding("UTF8");
    }));
    return conn;
  }

  const std::string url_;  // may hold a password: never put in a message
  const StoreOptions options_;
  std::mutex mu_;
  std::vector<std::unique_ptr<PgConn>> idle_;  // GUARDED_BY(mu_)
};

PgTransaction::~PgTransaction() {
  RollbackIfOpen();
  tx_.reset();
  store_->Release(std::move(conn_));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                 const StoreOptions& options) {
  char* error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(url.c_str(), &error);
  if (!parsed) {
    std::string msg = error ? FirstLine(error) : "out of memory";
    PQfreemem(error);
    return InvalidArgumentError("postgresql: bad connection URL: " + msg);
  }
  PQconninfoFree(parsed);
  auto store = std::make_unique<PgStore>(url, options);
  WUZHA_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace wuzha::store
