// Ledger: the columnar, append-only store of money movements (账本) that fund tracing
// reads. Every completed transfer the banks report — streamed, or returned in a
// statement (docs/formats.md, transfer CSV layout) — is one row; a held or blocked
// transfer moved no money and is not a row. Rows are de-duplicated by transaction id, so
// the same transfer arriving in the stream and again in two statements counts once.
//
// Layout: struct of arrays (one column per field), fen as int64, account numbers interned
// to dense uint32 AccountIds. Each account has two indexes, its outgoing and its incoming
// rows, ordered by (ts, row): statements arrive late and out of order, so an append
// inserts into its place (rows that arrive in time order only append).
//
// A bank's balance answer (查询余额) anchors an account's balance at one instant; with it
// the ledger knows the opening balance before the first row it holds. Without one, the
// opening balance is the least that keeps the account from ever going negative.
//
// Not thread safe: one writer, or external locking. Row numbers and AccountIds are stable
// for the ledger's lifetime; spans returned by the index accessors are invalidated by the
// next Append.
//
// Storage (docs/ledger.md): columns in 64 Ki-row chunks (ts as a 32-bit offset from the
// chunk's first row, fen in 32 bits, with the rare value that does not fit kept aside),
// transaction ids as prefix-format + number cells, duplicates refused through per-format
// bitmaps or a hash set, per-account row lists in size-classed blocks: about 44 bytes a
// transfer (memory_bytes()) with ids like "E000000012345" and ten rows an account.
// Durable storage is the ledger's own append-only log (ledger_file.h), written by Flush().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/event.h"
#include "core/status.h"
#include "core/timestamp.h"

namespace wuzha::ledger {

using AccountId = uint32_t;
using Row = uint32_t;

// The payee of a cash withdrawal: no account.
inline constexpr AccountId kNoAccount = UINT32_MAX;

// How money leaves the traceable accounts, read off the transfer itself: the exits of
// docs/trace.md. kTransfer stays inside the data (the payee's own rows may follow).
enum class FlowKind : uint8_t {
  kTransfer,
  kCash,        // no payee account: ATM or counter withdrawal
  kThirdParty,  // channel third_party: a payment platform's merchant channel (跑分)
  kCrypto,      // memo names a coin or an OTC trade (USDT, BTC, 泰达币, 币, 承兑)
  kGoods,       // channel pos: gold, goods, a merchant's terminal
};
inline constexpr int kFlowKindCount = 5;

// "transfer", "cash", "third_party", "crypto", "goods".
std::string_view FlowKindName(FlowKind kind);
// The kind of a completed transfer, from its payee, channel and memo.
FlowKind ClassifyFlow(const TransferEvent& transfer);

enum class AppendOutcome : uint8_t {
  kAdded,
  kDuplicate,  // a row with the same transaction id is already in the ledger
  kNotMoved,   // held or blocked: no money moved
};

// One completed transfer for AppendBatch: the parts Append(id, ts, from, ...) takes. The
// views must stay valid for the call only.
struct TransferRow {
  std::string_view id;
  Timestamp ts;
  std::string_view from;
  std::string_view to;  // empty for cash
  int64_t fen = 0;
  Channel channel = Channel::kMobile;
  FlowKind kind = FlowKind::kTransfer;
};

// A bank's balance answer recorded by SetBalance: the account held `fen` at `at`.
struct BalanceAnchor {
  Timestamp at;
  int64_t fen = 0;
};

namespace internal {
struct LedgerAccess;
}  // namespace internal

class Ledger {
 public:
  Ledger();
  ~Ledger();
  Ledger(Ledger&&) noexcept;
  Ledger& operator=(Ledger&&) noexcept;
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Appends a transfer event. kInvalidArgument for a non-transfer event, a non-positive
  // amount or an empty payer account. An empty id is never a duplicate.
  // (Also kInvalidArgument for an id or account number longer than 255 bytes, and
  // kOutOfRange once the ledger holds 2^32 - 1 rows.)
  Result<AppendOutcome> Append(const Event& transfer);
  // The same from its parts (the bench and generated ledgers use this).
  Result<AppendOutcome> Append(std::string_view id, Timestamp ts, std::string_view from,
                               std::string_view to, int64_t fen, Channel channel,
                               FlowKind kind);
  // Appends `rows` in order with the outcome of each in `outcomes` (same size), exactly as
  // Append would one by one, but ~1.7x faster on a ledger far larger than the cache: the
  // lookups of the rows ahead start while a row is stored (docs/ledger.md). An invalid row stops the batch:
  // the rows before it are appended, it and the rest are not, and the kInvalidArgument
  // (or kOutOfRange) status names its index.
  // REQUIRES: outcomes.size() == rows.size().
  Status AppendBatch(std::span<const TransferRow> rows, std::span<AppendOutcome> outcomes);

  // Records a bank's answer: `account` held `fen` at instant `at` (after every row with
  // ts <= at). The latest anchor wins. (An account number longer than 255 bytes, which no
  // row can name, is ignored.)
  void SetBalance(std::string_view account, Timestamp at, int64_t fen);
  // The anchor SetBalance recorded last for the account, if any.
  // REQUIRES: id < account_count().
  std::optional<BalanceAnchor> Anchor(AccountId id) const;

  size_t size() const;           // rows
  size_t account_count() const;  // distinct accounts
  std::optional<AccountId> FindAccount(std::string_view number) const;
  // REQUIRES: id < account_count().
  std::string_view AccountNumber(AccountId id) const;

  // Columns. REQUIRES: row < size().
  Timestamp ts(Row row) const;
  AccountId from(Row row) const;
  AccountId to(Row row) const;  // kNoAccount for cash
  int64_t fen(Row row) const;
  Channel channel(Row row) const;
  FlowKind kind(Row row) const;
  // The transaction id as it arrived ("" when it had none).
  std::string TransactionId(Row row) const;

  // The account's rows ordered by (ts, row). REQUIRES: id < account_count().
  std::span<const Row> Outgoing(AccountId id) const;
  std::span<const Row> Incoming(AccountId id) const;

  // The balance before the first row the ledger holds for the account (see above).
  int64_t OpeningBalance(AccountId id) const;
  // The balance after every row with ts <= at.
  int64_t BalanceAt(AccountId id, Timestamp at) const;

  // Bytes held by columns, indexes, the id set and the interner.
  size_t memory_bytes() const;

  // Incremented by every append that adds a row and by every SetBalance: a reader that
  // remembers it knows whether anything changed.
  uint64_t version() const;

  // Durable storage (ledger_file.h). Writes every row, account and anchor added since the
  // last Flush to the ledger's log and syncs it to disk: what a Flush returned OK for
  // survives a crash. Without a log (a ledger not opened by OpenLedgerDir) it is OK and
  // does nothing. kIoError naming the file; after one, every later Flush fails too.
  Status Flush();
  // True when a log is attached (OpenLedgerDir).
  bool durable() const;

 private:
  friend struct internal::LedgerAccess;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wuzha::ledger
