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
  Result<AppendOutcome> Append(const Event& transfer);
  // The same from its parts (the bench and generated ledgers use this).
  Result<AppendOutcome> Append(std::string_view id, Timestamp ts, std::string_view from,
                               std::string_view to, int64_t fen, Channel channel,
                               FlowKind kind);

  // Records a bank's answer: `account` held `fen` at instant `at` (after every row with
  // ts <= at). The latest anchor wins.
  void SetBalance(std::string_view account, Timestamp at, int64_t fen);

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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wuzha::ledger
