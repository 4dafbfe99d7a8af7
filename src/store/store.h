// The relational state of a wuzha deployment behind one interface: the police org tree,
// users and their roles, warnings and their history, cases, stop-payment and freeze
// orders, list sources and the append-only audit log.
//
// Two backends implement it (docs/store.md): SQLite, embedded, the default
// (store/sqlite_store.h), and PostgreSQL for shared deployments (store/pg_store.h);
// store/open_store.h picks one from a URL. Both run the same versioned migrations at
// open and pass the same test suite.
//
// Every operation runs inside a Transaction. A write transaction is serialized with
// every other writer of the same database (SQLite's single writer; an advisory lock on
// PostgreSQL), so writes behave the same on both backends; a read transaction sees the
// database as it was when it began and never waits for a writer.
//
// Queries a user's request can reach take a Scope: an org unit, and the caller sees only
// rows that belong to that unit or a unit below it. A row outside the scope is reported
// exactly as a row that does not exist (kNotFound, or absent from a list).
//
// Times are int64 ms UTC supplied by the caller (the store never reads the clock for
// domain data, so the sim stays deterministic); money is int64 fen; JSON columns
// (reasons, detail) hold the caller's JSON text as is.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/fraud_type.h"
#include "core/status.h"

namespace wuzha::store {

// ---------------------------------------------------------------------------------------
// Vocabulary. Each enum is stored as its EnumName text ("red", "in_progress"), so a
// database stays readable and survives a reordering of the enum.

// City bureau (市局) → branch (分局) → police station (派出所) → community (社区). A unit's
// kind is always deeper than its parent's; levels may be skipped.
enum class UnitKind : uint8_t { kCity, kBranch, kStation, kCommunity };

// What a user is; what each role may do and see is the server's policy.
enum class Role : uint8_t {
  kCityAnalyst,
  kBranch,
  kStation,
  kOfficer,
  kGridWorker,
  kBank,
  kCarrier,
  kAuditor,
  kAdmin
};

// Warning grade: red (money about to move), orange, yellow.
enum class Grade : uint8_t { kRed, kOrange, kYellow };

enum class WarningStatus : uint8_t { kOpen, kAssigned, kInProgress, kEscalated, kClosed };

// The outcome an officer or grid worker reports for a warning.
enum class Feedback : uint8_t {
  kReachedByPhone,
  kVisited,
  kDissuaded,
  kAlreadyLost,
  kNotReachable,
  kFalseAlarm
};

enum class WarningEventKind : uint8_t {
  kCreated,
  kRouted,
  kAssigned,
  kEscalated,
  kFeedback,
  kStatusChanged,
  kNote
};

enum class CaseStatus : uint8_t { kOpen, kInvestigating, kSuspended, kSolved, kClosed };

// What a case links to; `ref` is the linked thing's id in its own module (a report id, a
// person id, an account number, an order id, a warning id, a gang id, a phone number).
enum class CaseLinkKind : uint8_t { kReport, kVictim, kAccount, kOrder, kWarning, kGang, kPhone };

enum class CaseEventKind : uint8_t { kCreated, kStatusChanged, kLinked, kUnlinked, kNote };

// As trace::OrderKind / trace::OrderState (src/trace/orders.h), which the store cannot
// include (dependencies point down); the names are the same text.
enum class OrderKind : uint8_t { kStopPay, kFreeze };
enum class OrderState : uint8_t { kRequested, kExecuted, kExpired, kConverted, kWithdrawn };

// Stable lower-case names: "city", "city_analyst", "red", "in_progress",
// "reached_by_phone", "stop_pay", ...
std::string_view EnumName(UnitKind v);
std::string_view EnumName(Role v);
std::string_view EnumName(Grade v);
std::string_view EnumName(WarningStatus v);
std::string_view EnumName(Feedback v);
std::string_view EnumName(WarningEventKind v);
std::string_view EnumName(CaseStatus v);
std::string_view EnumName(CaseLinkKind v);
std::string_view EnumName(CaseEventKind v);
std::string_view EnumName(OrderKind v);
std::string_view EnumName(OrderState v);

// The inverse of EnumName; nullopt for an unknown name. Defined for the enums above.
template <typename E>
std::optional<E> ParseEnum(std::string_view name);

// ---------------------------------------------------------------------------------------
// Rows. Ids are assigned by the store (1, 2, ...); 0 means "none" wherever an id is
// optional (no parent, no officer, no case).

struct OrgUnit {
  int64_t id = 0;
  int64_t parent = 0;  // 0 for a root
  UnitKind kind = UnitKind::kCity;
  std::string name;
  std::string code;            // e.g. a division code; unique when not empty
  int64_t daily_capacity = 0;  // in-person visits a day (warn's capacity); 0 = not set
};

struct User {
  int64_t id = 0;
  std::string login;  // unique, never changes
  std::string name;
  Role role = Role::kOfficer;
  int64_t unit_id = 0;        // the org unit the user works in: the root of their scope
  std::string password_hash;  // opaque to the store (the server hashes with argon2)
  bool disabled = false;
  int64_t created_ms = 0;
};

// A person-level warning (预警), routed to a unit and possibly an officer.
struct Warning {
  int64_t id = 0;
  std::string person;       // the resident's id; personal data
  std::string person_name;  // personal data
  std::string phone;        // E.164 digits; personal data
  int64_t unit_id = 0;      // the person's community (or the lowest unit known): scoping
  Grade grade = Grade::kYellow;
  std::optional<FraudType> fraud_type;
  WarningStatus status = WarningStatus::kOpen;
  int64_t assigned_unit = 0;      // the unit responsible now; moves up on escalation
  int64_t assigned_user = 0;      // the officer or grid worker; 0 = not yet assigned
  int64_t expected_loss_fen = 0;  // the queue's priority
  int64_t deadline_ms = 0;
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
  std::optional<Feedback> last_feedback;
  std::string reasons_json = "[]";
};

// One entry of a warning's history; append-only.
struct WarningEvent {
  int64_t id = 0;
  int64_t warning_id = 0;
  int64_t at_ms = 0;
  int64_t actor_user = 0;  // 0 = the system
  WarningEventKind kind = WarningEventKind::kNote;
  std::optional<Feedback> feedback;  // for kFeedback
  int64_t unit_id = 0;               // the unit routed or escalated to; 0 = none
  std::string detail_json = "{}";
};

// A case (案件): its links and events are kept apart (CaseLink, CaseEvent).
struct Case {
  int64_t id = 0;
  std::string reference;  // the case number (案件编号); unique when not empty
  std::string title;
  CaseStatus status = CaseStatus::kOpen;
  std::optional<FraudType> fraud_type;
  int64_t unit_id = 0;  // the owning unit: scoping
  int64_t loss_fen = 0;
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
  std::string detail_json = "{}";
};

struct CaseLink {
  int64_t case_id = 0;
  CaseLinkKind kind = CaseLinkKind::kReport;
  std::string ref;
  int64_t added_ms = 0;
  std::string note;
};

struct CaseEvent {
  int64_t id = 0;
  int64_t case_id = 0;
  int64_t at_ms = 0;
  int64_t actor_user = 0;  // 0 = the system
  CaseEventKind kind = CaseEventKind::kNote;
  std::string detail_json = "{}";
};

struct OrderTransition {
  int64_t at_ms = 0;
  OrderState state = OrderState::kRequested;
  friend bool operator==(const OrderTransition&, const OrderTransition&) = default;
};

// A stop-payment (紧急止付) or freeze (冻结) order; the lifecycle rules are trace's
// OrderBook, the store records them.
struct Order {
  int64_t id = 0;
  OrderKind kind = OrderKind::kStopPay;
  std::string account;
  int64_t case_id = 0;  // 0 = none
  int64_t unit_id = 0;  // the issuing unit: scoping
  int64_t amount_fen = 0;
  OrderState state = OrderState::kRequested;
  int64_t requested_ms = 0;
  int64_t executed_ms = 0;               // 0 until executed
  int64_t expires_ms = 0;                // 0 until executed
  std::vector<OrderTransition> history;  // oldest first; the first is (requested_ms, state)
};

// Metadata of one list source (the entries themselves live in src/lists).
struct ListSource {
  std::string name;  // primary key
  std::string description;
  int64_t entries = 0;
  int64_t updated_ms = 0;
  bool enabled = true;
};

// One audit record; the log is append-only (the database itself refuses an UPDATE,
// DELETE or TRUNCATE of it) and `seq` grows in commit order.
struct AuditEntry {
  int64_t seq = 0;
  int64_t at_ms = 0;
  int64_t actor_user = 0;  // 0 = the system or a non-user actor
  std::string actor;       // login, "system", "api-key:<name>"
  int64_t unit_id = 0;     // the actor's unit: scoping; 0 = visible with Scope::All only
  std::string action;      // "warning.reveal", "user.login", "order.request", ...
  std::string target;      // "warning:12", "user:3", ...
  std::string detail_json = "{}";
};

// ---------------------------------------------------------------------------------------
// Queries.

// Whose rows a query may see. A value type.
class Scope {
 public:
  // The unit and everything below it: what a user of that unit may see.
  static Scope Subtree(int64_t unit_id) { return Scope(unit_id); }
  // Everything. For the pipeline itself and administration, never for a user request.
  static Scope All() { return Scope(0); }

  bool all() const { return unit_ == 0; }
  int64_t unit() const { return unit_; }

 private:
  explicit Scope(int64_t unit) : unit_(unit) {}
  int64_t unit_;
};

inline constexpr int64_t kMaxPageLimit = 1000;

// Offset pagination. REQUIRES: 1 <= limit <= kMaxPageLimit, offset >= 0
// (kInvalidArgument otherwise).
struct PageRequest {
  int64_t offset = 0;
  int64_t limit = 100;
};

template <typename T>
struct Page {
  std::vector<T> items;
  bool more = false;  // rows follow: ask again with offset + items.size()
};

enum class WarningOrder : uint8_t {
  kNewestFirst,    // created desc
  kDeadlineFirst,  // deadline asc
  kPriority,       // red, orange, yellow; then expected loss desc; then deadline asc
};

// Every set field narrows the result; the defaults match everything.
struct WarningFilter {
  std::vector<WarningStatus> statuses;  // any of these
  std::optional<Grade> grade;
  std::optional<FraudType> fraud_type;
  int64_t assigned_unit = 0;  // exactly this unit (a unit's queue)
  int64_t assigned_user = 0;
  std::string person;
  int64_t deadline_before_ms = 0;  // deadline_ms < this: the overdue queue
  int64_t created_from_ms = 0;     // created_ms >= this
  int64_t created_to_ms = 0;       // created_ms < this
  WarningOrder order = WarningOrder::kNewestFirst;
};

struct UserFilter {
  std::optional<Role> role;
  int64_t unit_id = 0;  // exactly this unit
};

struct CaseFilter {
  std::vector<CaseStatus> statuses;
  std::optional<FraudType> fraud_type;
  std::string reference;
  std::optional<CaseLinkKind> linked_kind;  // with linked_ref: cases that link this thing
  std::string linked_ref;
};

struct OrderFilter {
  std::optional<OrderKind> kind;
  std::vector<OrderState> states;
  std::string account;
  int64_t case_id = 0;
};

struct AuditFilter {
  int64_t actor_user = 0;
  std::string action;
  std::string target;
  int64_t from_ms = 0;    // at_ms >= this
  int64_t to_ms = 0;      // at_ms < this
  int64_t after_seq = 0;  // seq > this: tail the log
};

// ---------------------------------------------------------------------------------------

enum class TxMode : uint8_t { kRead, kWrite };

// One transaction on one connection: every typed operation of the store. Obtained from
// Store::Begin (or the Read/Write callbacks); used by one thread; must not outlive its
// Store. Destroying it without Commit rolls back.
//
// Status codes shared by the operations: kNotFound for an id that does not exist or lies
// outside the scope; kInvalidArgument for a malformed row (empty name, bad page);
// kAlreadyExists for a duplicate unique key; kFailedPrecondition for a write in a read
// transaction, for any use after Commit, or after an earlier database error in this
// transaction (PostgreSQL aborts the transaction then; both backends refuse to go on);
// kUnavailable when the database is busy or unreachable (retry later); kDataLoss when a
// stored row cannot be read back.
class Transaction {
 public:
  virtual ~Transaction() = default;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Makes the writes durable and ends the transaction (a read transaction just ends).
  // Returns the first error of the transaction, if any, after rolling back.
  virtual Status Commit() = 0;
  virtual TxMode mode() const = 0;

  // The schema version of the database (the newest migration applied).
  virtual Result<int64_t> SchemaVersion() = 0;

  // --- org tree
  // Adds a unit; returns its id. kNotFound for an unknown parent; kInvalidArgument when
  // the name is empty or the kind is not deeper than the parent's; kAlreadyExists for a
  // taken code.
  virtual Result<int64_t> AddOrgUnit(const OrgUnit& unit) = 0;
  virtual Result<OrgUnit> GetOrgUnit(int64_t id) = 0;
  virtual Result<OrgUnit> FindOrgUnitByCode(std::string_view code) = 0;
  // Updates name, code, kind, capacity and parent (a move takes the whole subtree).
  // kInvalidArgument for a move under its own subtree or a kind out of order with the
  // parent or the children.
  virtual Status UpdateOrgUnit(const OrgUnit& unit) = 0;
  // Whether `unit` is `root` or below it; false when either does not exist.
  virtual Result<bool> InSubtree(int64_t unit, int64_t root) = 0;
  // `root` and every unit below it, by depth then id. kNotFound for an unknown root.
  virtual Result<std::vector<OrgUnit>> ListSubtree(int64_t root) = 0;
  // The chain from the root down to `unit` (inclusive): where escalation goes.
  virtual Result<std::vector<OrgUnit>> ListAncestors(int64_t unit) = 0;
  virtual Result<std::vector<OrgUnit>> ListChildren(int64_t unit) = 0;

  // --- users
  // kAlreadyExists for a taken login; kNotFound for an unknown unit.
  virtual Result<int64_t> AddUser(const User& user) = 0;
  virtual Result<User> GetUser(Scope scope, int64_t id) = 0;
  // Unscoped: the login itself needs it. kNotFound when there is none.
  virtual Result<User> FindUserByLogin(std::string_view login) = 0;
  // Updates name, role, unit, password hash and disabled; the login never changes.
  virtual Status UpdateUser(const User& user) = 0;
  // By id.
  virtual Result<Page<User>> ListUsers(Scope scope, const UserFilter& filter, PageRequest page) = 0;

  // --- warnings
  // kInvalidArgument for an empty person; kNotFound for an unknown unit or user.
  virtual Result<int64_t> AddWarning(const Warning& warning) = 0;
  virtual Result<Warning> GetWarning(Scope scope, int64_t id) = 0;
  // Updates every field but id and created_ms.
  virtual Status UpdateWarning(const Warning& warning) = 0;
  virtual Result<Page<Warning>> ListWarnings(Scope scope, const WarningFilter& filter,
                                             PageRequest page) = 0;
  virtual Result<int64_t> CountWarnings(Scope scope, const WarningFilter& filter) = 0;
  // Appends to a warning's history. kNotFound for an unknown warning.
  virtual Result<int64_t> AddWarningEvent(const WarningEvent& event) = 0;
  // Oldest first (at_ms, then id). kNotFound when the warning is outside the scope.
  virtual Result<std::vector<WarningEvent>> ListWarningEvents(Scope scope, int64_t warning_id) = 0;

  // --- cases
  // kInvalidArgument for an empty title; kAlreadyExists for a taken reference.
  virtual Result<int64_t> AddCase(const Case& c) = 0;
  virtual Result<Case> GetCase(Scope scope, int64_t id) = 0;
  // Updates every field but id and created_ms.
  virtual Status UpdateCase(const Case& c) = 0;
  // Newest first (created desc, id desc).
  virtual Result<Page<Case>> ListCases(Scope scope, const CaseFilter& filter, PageRequest page) = 0;
  // kAlreadyExists when the case already links (kind, ref); kInvalidArgument for an
  // empty ref.
  virtual Status LinkCase(const CaseLink& link) = 0;
  // kNotFound when the case does not link (kind, ref).
  virtual Status UnlinkCase(int64_t case_id, CaseLinkKind kind, std::string_view ref) = 0;
  // By kind, then ref. kNotFound when the case is outside the scope.
  virtual Result<std::vector<CaseLink>> ListCaseLinks(Scope scope, int64_t case_id) = 0;
  virtual Result<int64_t> AddCaseEvent(const CaseEvent& event) = 0;
  virtual Result<std::vector<CaseEvent>> ListCaseEvents(Scope scope, int64_t case_id) = 0;

  // --- orders
  // Adds an order with its history (one transition (requested_ms, state) when the
  // history is empty). kInvalidArgument for an empty account; kNotFound for an unknown
  // case or unit.
  virtual Result<int64_t> AddOrder(const Order& order) = 0;
  virtual Result<Order> GetOrder(Scope scope, int64_t id) = 0;
  // Moves an order to `state` at `at_ms` and appends it to the history. Entering
  // kExecuted sets executed_ms = at_ms and expires_ms = `expires_ms` (ignored for the
  // other states: the rules of the lifecycle are trace's OrderBook's).
  virtual Status TransitionOrder(int64_t id, OrderState state, int64_t at_ms,
                                 int64_t expires_ms) = 0;
  // By id.
  virtual Result<Page<Order>> ListOrders(Scope scope, const OrderFilter& filter,
                                         PageRequest page) = 0;

  // --- list sources (not scoped: lists are city-wide)
  // Inserts or replaces by name. kInvalidArgument for an empty name.
  virtual Status UpsertListSource(const ListSource& source) = 0;
  virtual Result<ListSource> GetListSource(std::string_view name) = 0;
  // By name.
  virtual Result<std::vector<ListSource>> ListListSources() = 0;

  // --- audit log
  // Appends a record; returns its seq. kInvalidArgument for an empty action.
  virtual Result<int64_t> AppendAudit(const AuditEntry& entry) = 0;
  // In seq order (the order of appending).
  virtual Result<Page<AuditEntry>> ListAudit(Scope scope, const AuditFilter& filter,
                                             PageRequest page) = 0;

 protected:
  Transaction() = default;
};

// Settings shared by the backends (docs/store.md).
struct StoreOptions {
  // How long a writer waits for another writer (SQLite busy timeout, PostgreSQL
  // lock_timeout) before kUnavailable.
  int64_t busy_timeout_ms = 5000;
  // SQLite: fsync at every commit (FULL) or only at WAL checkpoints (NORMAL: a power
  // loss may lose the last commits, never corrupts). The audit log wants FULL.
  bool sqlite_synchronous_full = true;
  // Idle connections kept for reuse.
  int max_idle_connections = 4;
};

// An open database. Thread safe: any number of threads may hold transactions at once
// (write transactions take turns). Destroy only after every transaction has ended.
class Store {
 public:
  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // "sqlite" or "postgresql".
  virtual std::string_view backend() const = 0;

  // Begins a transaction. A write waits its turn (up to busy_timeout_ms, then
  // kUnavailable). kUnavailable when no connection can be made. REQUIRES: the calling
  // thread holds no other write transaction of this store.
  virtual Result<std::unique_ptr<Transaction>> Begin(TxMode mode) = 0;

  // Runs fn(tx) in a write transaction and commits when it returns OK; rolls back and
  // returns its error otherwise. fn returns Status or Result<T>; so does Write.
  //   WUZHA_ASSIGN_OR_RETURN(int64_t id, store.Write([&](Transaction& tx) {
  //     return tx.AddWarning(w); }));
  template <typename F>
  auto Write(F&& fn) -> std::invoke_result_t<F&, Transaction&> {
    return Run(TxMode::kWrite, fn);
  }
  // Runs fn(tx) in a read transaction and returns what it returns.
  template <typename F>
  auto Read(F&& fn) -> std::invoke_result_t<F&, Transaction&> {
    return Run(TxMode::kRead, fn);
  }

 protected:
  Store() = default;

 private:
  template <typename F>
  auto Run(TxMode mode, F& fn) -> std::invoke_result_t<F&, Transaction&> {
    using R = std::invoke_result_t<F&, Transaction&>;
    auto tx = Begin(mode);
    if (!tx.ok()) return R(tx.error());
    R result = fn(**tx);
    if (!result.ok()) return result;  // the transaction rolls back as it goes out of scope
    Status commit = (*tx)->Commit();
    if (!commit.ok()) return R(commit);
    return result;
  }
};

}  // namespace wuzha::store
