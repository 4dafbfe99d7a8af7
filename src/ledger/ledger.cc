#include "ledger/ledger.h"

#include <algorithm>
#include <string>

#include "ledger/internal/ledger_impl.h"

namespace wuzha::ledger {

using internal::AccountTable;
using Impl = internal::LedgerAccess::Impl;
using internal::RowLists;
using internal::TransactionIds;

std::string_view FlowKindName(FlowKind kind) {
  switch (kind) {
    case FlowKind::kTransfer: return "transfer";
    case FlowKind::kCash: return "cash";
    case FlowKind::kThirdParty: return "third_party";
    case FlowKind::kCrypto: return "crypto";
    case FlowKind::kGoods: return "goods";
  }
  return "transfer";
}

FlowKind ClassifyFlow(const TransferEvent& t) {
  if (t.to_account.empty()) return FlowKind::kCash;
  if (t.channel == Channel::kThirdParty) return FlowKind::kThirdParty;
  // An OTC trader is paid by an ordinary transfer: the memo is what gives it away.
  static constexpr std::string_view kCoinWords[] = {"USDT", "usdt", "BTC", "btc", "ETH",
                                                    "泰达", "币",   "承兑", "OTC", "otc"};
  for (std::string_view w : kCoinWords) {
    if (t.memo.find(w) != std::string::npos) return FlowKind::kCrypto;
  }
  if (t.channel == Channel::kPos) return FlowKind::kGoods;
  return FlowKind::kTransfer;
}

namespace {

Status Validate(const TransferRow& r) {
  if (r.from.empty()) return InvalidArgumentError("ledger: from_account is empty");
  if (r.fen <= 0) return InvalidArgumentError("ledger: amount_fen must be > 0");
  if (r.from.size() > AccountTable::kMaxKeyBytes || r.to.size() > AccountTable::kMaxKeyBytes) {
    return InvalidArgumentError("ledger: an account number is longer than 255 bytes");
  }
  if (r.id.size() > TransactionIds::kMaxIdBytes) {
    return InvalidArgumentError("ledger: the transaction id is longer than 255 bytes");
  }
  if (static_cast<uint8_t>(r.channel) > static_cast<uint8_t>(Channel::kThirdParty) ||
      static_cast<int>(r.kind) >= kFlowKindCount) {
    return InvalidArgumentError("ledger: channel or flow kind out of range");
  }
  return Status::Ok();
}

// One row's lookups, computed ahead of storing it.
struct Pending {
  bool ok = false;  // the row's strings are short enough to be parsed (else Store refuses it)
  TransactionIds::Key key;
  AccountTable::Packed from, to;
  const AccountTable::Entry* from_guess = nullptr;
  const AccountTable::Entry* to_guess = nullptr;
};

}  // namespace

// The append path shared by Append and AppendBatch (which runs the first stages for the
// rows ahead, so that their cache misses overlap).
class AppendPath {
 public:
  explicit AppendPath(Impl& m) : m_(m) {}

  // Parses and hashes, and starts loading the slots the row will probe.
  void Start(const TransferRow& r, Pending& p) {
    p = Pending{};
    p.ok = r.id.size() <= TransactionIds::kMaxIdBytes &&
           r.from.size() <= AccountTable::kMaxKeyBytes && r.to.size() <= AccountTable::kMaxKeyBytes;
    if (!p.ok) return;
    p.key = m_.ids.Parse(r.id);
    p.from = AccountTable::Pack(r.from);
    m_.ids.Prefetch(p.key);
    m_.accounts.Prefetch(p.from);
    if (!r.to.empty()) {
      p.to = AccountTable::Pack(r.to);
      m_.accounts.Prefetch(p.to);
    }
  }
  // Reads the (now cached) entries and starts loading the ends of the row lists.
  void Near(const TransferRow& r, const Pending& p) {
    if (!p.ok) return;
    if (const AccountTable::Entry* e = m_.accounts.Peek(p.from)) {
      if (const void* a = m_.lists.TailAddress(e->out)) __builtin_prefetch(a, 1);
    }
    if (r.to.empty()) return;
    if (const AccountTable::Entry* e = m_.accounts.Peek(p.to)) {
      if (const void* a = m_.lists.TailAddress(e->in)) __builtin_prefetch(a, 1);
    }
  }

  Result<AppendOutcome> Store(const TransferRow& r, const Pending& p) {
    WUZHA_RETURN_IF_ERROR(Validate(r));
    if (m_.rows >= UINT32_MAX - 1) return OutOfRangeError("ledger: 2^32 - 1 rows, full");
    if (!m_.ids.Add(p.key)) return AppendOutcome::kDuplicate;
    AccountTable::Entry* fe = &m_.accounts.Intern(r.from, p.from);
    const AccountId f = fe->id;
    AccountTable::Entry* te = nullptr;
    if (!r.to.empty()) {
      const size_t before = m_.accounts.size();
      te = &m_.accounts.Intern(r.to, p.to);
      // A new account may have grown the table and moved the payer's entry.
      if (m_.accounts.size() != before) fe = &m_.accounts.entry(f);
    }
    // Start loading both lists' ends now (a list that grows is copied from its start):
    // the two misses overlap each other and the column writes.
    PrefetchList(fe->out);
    if (te) PrefetchList(te->in);
    const Row row = static_cast<Row>(m_.rows);
    const int64_t ts = r.ts.millis();
    m_.PushRow(ts, r.fen, f, te ? te->id : kNoAccount, internal::PackFlags(r.channel, r.kind));
    m_.Index(fe->out, row, ts);
    if (te) m_.Index(te->in, row, ts);
    m_.max_ts = std::max(m_.max_ts, ts);
    ++m_.version;
    if (m_.lists.WantsCompaction()) m_.CompactLists();
    return AppendOutcome::kAdded;
  }

 private:
  void PrefetchList(const RowLists::List& list) const {
    const std::span<const Row> v = m_.lists.View(list);
    if (v.empty()) return;
    __builtin_prefetch(v.data());
    __builtin_prefetch(v.data() + v.size() - 1);
  }

  Impl& m_;
};

Ledger::Ledger() : impl_(std::make_unique<Impl>()) {}
Ledger::~Ledger() = default;
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;

Result<AppendOutcome> Ledger::Append(const Event& e) {
  if (e.type != EventType::kTransfer) {
    return InvalidArgumentError("ledger: not a transfer event");
  }
  const TransferEvent& t = e.as<TransferEvent>();
  if (t.status != TransferStatus::kCompleted) return AppendOutcome::kNotMoved;
  return Append(e.id, e.ts, t.from_account, t.to_account, t.amount.fen(), t.channel,
                ClassifyFlow(t));
}

Result<AppendOutcome> Ledger::Append(std::string_view id, Timestamp ts, std::string_view from,
                                     std::string_view to, int64_t fen, Channel channel,
                                     FlowKind kind) {
  const TransferRow r{id, ts, from, to, fen, channel, kind};
  AppendPath path(*impl_);
  Pending p;
  path.Start(r, p);
  return path.Store(r, p);
}

Status Ledger::AppendBatch(std::span<const TransferRow> rows, std::span<AppendOutcome> outcomes) {
  WUZHA_CHECK(outcomes.size() == rows.size());
  // Two stages ahead of the row being stored, so that the cache misses of a dozen rows
  // overlap instead of following one another: the account entries, then the lists' ends.
  constexpr ptrdiff_t kStart = 12, kNear = 4;
  constexpr size_t kRing = 32;
  Pending ring[kRing];
  AppendPath path(*impl_);
  const ptrdiff_t n = static_cast<ptrdiff_t>(rows.size());
  for (ptrdiff_t i = -kStart; i < n; ++i) {
    if (i + kStart < n) {
      const size_t j = static_cast<size_t>(i + kStart);
      path.Start(rows[j], ring[j % kRing]);
    }
    if (i + kNear >= 0 && i + kNear < n) {
      const size_t j = static_cast<size_t>(i + kNear);
      path.Near(rows[j], ring[j % kRing]);
    }
    if (i < 0) continue;
    const size_t k = static_cast<size_t>(i);
    auto outcome = path.Store(rows[k], ring[k % kRing]);
    if (!outcome.ok()) return outcome.error().WithContext("row " + std::to_string(k));
    outcomes[k] = *outcome;
  }
  return Status::Ok();
}

void Ledger::SetBalance(std::string_view account, Timestamp at, int64_t fen) {
  // No row can name a longer number (Append refuses it), so its anchor would be unused.
  if (account.size() > AccountTable::kMaxKeyBytes) return;
  Impl& m = *impl_;
  const AccountId id = m.accounts.Intern(account, AccountTable::Pack(account)).id;
  m.anchors[id] = BalanceAnchor{at, fen};
  if (m.log) m.pending_anchors.push_back(internal::AnchorUpdate{id, at.millis(), fen});
  ++m.version;
}

std::optional<BalanceAnchor> Ledger::Anchor(AccountId id) const {
  auto it = impl_->anchors.find(id);
  if (it == impl_->anchors.end()) return std::nullopt;
  return it->second;
}

size_t Ledger::size() const { return impl_->rows; }
size_t Ledger::account_count() const { return impl_->accounts.size(); }
std::optional<AccountId> Ledger::FindAccount(std::string_view number) const {
  return impl_->accounts.Find(number);
}
std::string_view Ledger::AccountNumber(AccountId id) const { return impl_->accounts.Key(id); }

Timestamp Ledger::ts(Row row) const { return Timestamp::FromMillis(impl_->Ts(row)); }
AccountId Ledger::from(Row row) const { return impl_->From(row); }
AccountId Ledger::to(Row row) const { return impl_->To(row); }
int64_t Ledger::fen(Row row) const { return impl_->Fen(row); }
Channel Ledger::channel(Row row) const { return static_cast<Channel>(impl_->Flags(row) & 15); }
FlowKind Ledger::kind(Row row) const { return static_cast<FlowKind>(impl_->Flags(row) >> 4); }
std::string Ledger::TransactionId(Row row) const { return impl_->ids.Get(row); }

std::span<const Row> Ledger::Outgoing(AccountId id) const {
  return impl_->lists.View(impl_->accounts.entry(id).out);
}
std::span<const Row> Ledger::Incoming(AccountId id) const {
  return impl_->lists.View(impl_->accounts.entry(id).in);
}

namespace {

// Sums of fen wrap around (in unsigned arithmetic, so never undefined) instead of
// overflowing: only amounts past 9.2 * 10^18 fen in total, which no bank holds, would.
int64_t Plus(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
int64_t Minus(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}

// The fen of the rows of `v` (in (ts, row) order) with ts <= at.
int64_t SumUpTo(const Impl& m, std::span<const Row> v, int64_t at) {
  int64_t sum = 0;
  for (Row r : v) {
    if (m.Ts(r) > at) break;
    sum = Plus(sum, m.Fen(r));
  }
  return sum;
}

// Net flow into the account over rows with ts <= at. A transfer to oneself is in both
// lists and cancels out.
int64_t NetUpTo(const Impl& m, AccountId id, int64_t at) {
  const auto& e = m.accounts.entry(id);
  return Minus(SumUpTo(m, m.lists.View(e.in), at), SumUpTo(m, m.lists.View(e.out), at));
}

// The lowest the running net flow reaches over all the account's rows (0 at the start).
int64_t LowestNet(const Impl& m, AccountId id) {
  const auto& e = m.accounts.entry(id);
  const std::span<const Row> o = m.lists.View(e.out), in = m.lists.View(e.in);
  size_t a = 0, b = 0;
  int64_t net = 0, low = 0;
  while (a < o.size() || b < in.size()) {
    bool take_out = b == in.size();
    if (!take_out && a < o.size()) {
      const int64_t ta = m.Ts(o[a]), tb = m.Ts(in[b]);
      take_out = ta != tb ? ta < tb : o[a] < in[b];
    }
    const Row r = take_out ? o[a++] : in[b++];
    if (m.From(r) == m.To(r)) continue;  // moves nothing
    net = take_out ? Minus(net, m.Fen(r)) : Plus(net, m.Fen(r));
    low = std::min(low, net);
  }
  return low;
}

}  // namespace

int64_t Ledger::OpeningBalance(AccountId id) const {
  const Impl& m = *impl_;
  auto anchor = m.anchors.find(id);
  if (anchor != m.anchors.end()) {
    return Minus(anchor->second.fen, NetUpTo(m, id, anchor->second.at.millis()));
  }
  return Minus(0, LowestNet(m, id));
}

int64_t Ledger::BalanceAt(AccountId id, Timestamp at) const {
  return Plus(OpeningBalance(id), NetUpTo(*impl_, id, at.millis()));
}

size_t Ledger::memory_bytes() const { return impl_->memory_bytes(); }

uint64_t Ledger::version() const { return impl_->version; }

Status Ledger::Flush() {
  if (!impl_->log) return Status::Ok();
  return impl_->log->Flush(*this);
}

bool Ledger::durable() const { return impl_->log != nullptr; }

}  // namespace wuzha::ledger
