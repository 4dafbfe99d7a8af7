// Ledger::Impl: the columns, the transaction ids, the accounts with their row lists and
// the anchors, shared by ledger.cc (appends and reads) and ledger_file.cc (the log and
// the bulk loader). Private to src/ledger.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ledger/internal/account_table.h"
#include "ledger/internal/row_lists.h"
#include "ledger/internal/transaction_ids.h"
#include "ledger/ledger.h"

namespace wuzha::ledger {

namespace internal {

// Where a ledger's appends go to be made durable (ledger_file.cc).
class LedgerLog {
 public:
  virtual ~LedgerLog() = default;
  // Writes what was added since the last call and syncs.
  virtual Status Flush(Ledger& ledger) = 0;
};

// The anchors set since the last Flush, in call order, for the log.
struct AnchorUpdate {
  AccountId account;
  int64_t at;
  int64_t fen;
};

}  // namespace internal

struct Ledger::Impl {
  static constexpr int kChunkShift = 16;
  static constexpr size_t kChunkRows = size_t{1} << kChunkShift;
  static constexpr size_t kChunkMask = kChunkRows - 1;
  // ts offset (or fen) marking a value kept in the wide list instead.
  static constexpr int32_t kWideTs = INT32_MIN;
  static constexpr uint32_t kWideFen = 0;  // no row has fen 0

  // The columns of 64 Ki rows. ts is stored as an offset from ts_base (the chunk's first
  // row), fen in 32 bits (up to 42,949,672.95 yuan); rarer values go to the wide lists.
  struct Chunk {
    int64_t ts_base;
    int32_t ts[kChunkRows];
    uint32_t fen[kChunkRows];
    AccountId from[kChunkRows];
    AccountId to[kChunkRows];
    uint8_t flags[kChunkRows];  // channel | kind << 4
  };

  std::vector<std::unique_ptr<Chunk>> chunks;
  size_t rows = 0;
  // (row, value) of the ts and fen that do not fit their chunk's column, by row.
  std::vector<std::pair<Row, int64_t>> wide_ts, wide_fen;
  internal::TransactionIds ids;
  internal::AccountTable accounts;
  internal::RowLists lists;
  // The largest ts held: a row at or after it goes at the end of both its lists.
  int64_t max_ts = INT64_MIN;
  std::unordered_map<AccountId, BalanceAnchor> anchors;
  uint64_t version = 0;

  std::unique_ptr<internal::LedgerLog> log;
  std::vector<internal::AnchorUpdate> pending_anchors;  // only while a log is attached

  static int64_t Wide(const std::vector<std::pair<Row, int64_t>>& v, Row row) {
    auto it = std::lower_bound(v.begin(), v.end(), row,
                               [](const std::pair<Row, int64_t>& e, Row r) { return e.first < r; });
    return it->second;
  }
  int64_t Ts(Row r) const {
    const Chunk& c = *chunks[r >> kChunkShift];
    const int32_t d = c.ts[r & kChunkMask];
    if (d == kWideTs) [[unlikely]]
      return Wide(wide_ts, r);
    return c.ts_base + d;
  }
  int64_t Fen(Row r) const {
    const uint32_t f = chunks[r >> kChunkShift]->fen[r & kChunkMask];
    if (f == kWideFen) [[unlikely]]
      return Wide(wide_fen, r);
    return f;
  }
  AccountId From(Row r) const { return chunks[r >> kChunkShift]->from[r & kChunkMask]; }
  AccountId To(Row r) const { return chunks[r >> kChunkShift]->to[r & kChunkMask]; }
  uint8_t Flags(Row r) const { return chunks[r >> kChunkShift]->flags[r & kChunkMask]; }

  // Stores the columns of row `rows` (the next one).
  void PushRow(int64_t ts, int64_t fen, AccountId from, AccountId to, uint8_t flags) {
    const Row r = static_cast<Row>(rows);
    const size_t i = rows & kChunkMask;
    if (i == 0) {
      chunks.push_back(std::unique_ptr<Chunk>(new Chunk));
      chunks.back()->ts_base = ts;
    }
    Chunk& c = *chunks.back();
    int64_t d;
    if (!__builtin_sub_overflow(ts, c.ts_base, &d) && d > INT32_MIN && d <= INT32_MAX) {
      c.ts[i] = static_cast<int32_t>(d);
    } else {
      c.ts[i] = kWideTs;
      wide_ts.emplace_back(r, ts);
    }
    if (fen <= UINT32_MAX) {
      c.fen[i] = static_cast<uint32_t>(fen);
    } else {
      c.fen[i] = kWideFen;
      wide_fen.emplace_back(r, fen);
    }
    c.from[i] = from;
    c.to[i] = to;
    c.flags[i] = flags;
    ++rows;
  }

  // Puts `row` (the newest, at `ts`) into `list` in (ts, row) order.
  void Index(internal::RowLists::List& list, Row row, int64_t ts) {
    if (ts >= max_ts) {
      lists.PushBack(list, row);
      return;
    }
    // A late row: after every row at or before its ts (they all have smaller numbers).
    std::span<const Row> v = lists.View(list);
    if (v.empty() || Ts(v.back()) <= ts) {
      lists.PushBack(list, row);
      return;
    }
    auto at =
        std::upper_bound(v.begin(), v.end(), ts, [this](int64_t t, Row x) { return t < Ts(x); });
    lists.Insert(list, static_cast<size_t>(at - v.begin()), row);
  }

  void CompactLists() {
    lists.Compact([this](auto&& fn) { accounts.ForEachList(fn); });
  }

  size_t memory_bytes() const {
    return chunks.size() * sizeof(Chunk) + chunks.capacity() * sizeof(chunks[0]) +
           (wide_ts.capacity() + wide_fen.capacity()) * sizeof(wide_ts[0]) + ids.memory_bytes() +
           accounts.memory_bytes() + lists.memory_bytes() +
           anchors.size() * (sizeof(std::pair<AccountId, BalanceAnchor>) + 2 * sizeof(void*)) +
           anchors.bucket_count() * sizeof(void*) +
           pending_anchors.capacity() * sizeof(internal::AnchorUpdate);
  }
};

namespace internal {

// The friend through which ledger_file.cc reaches a ledger's Impl.
struct LedgerAccess {
  using Impl = Ledger::Impl;
  static Impl& Of(Ledger& ledger) { return *ledger.impl_; }
  static const Impl& Of(const Ledger& ledger) { return *ledger.impl_; }
};

inline uint8_t PackFlags(Channel channel, FlowKind kind) {
  return static_cast<uint8_t>(static_cast<uint8_t>(channel) | static_cast<uint8_t>(kind) << 4);
}

}  // namespace internal
}  // namespace wuzha::ledger
