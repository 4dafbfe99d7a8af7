#include "ledger/ledger.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include <xxhash.h>

#include "core/interner.h"

namespace wuzha::ledger {

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

struct Ledger::Impl {
  Interner accounts;
  // Columns, one entry per row.
  std::vector<int64_t> ts, fen;
  std::vector<AccountId> from, to;
  std::vector<uint8_t> channel, kind;
  std::vector<uint32_t> id_end;  // ids back to back in id_bytes; row r ends at id_end[r]
  std::string id_bytes;
  // Transaction-id hash → row, to drop repeats.
  std::unordered_map<uint64_t, Row> ids;
  std::vector<std::vector<Row>> out, in;
  struct Anchor {
    int64_t at, fen;
  };
  std::unordered_map<AccountId, Anchor> anchors;
  uint64_t version = 0;

  AccountId Account(std::string_view number) {
    const AccountId id = accounts.Intern(number);
    if (id >= out.size()) {
      out.resize(id + 1);
      in.resize(id + 1);
    }
    return id;
  }

  bool Before(Row a, Row b) const { return ts[a] != ts[b] ? ts[a] < ts[b] : a < b; }

  void Index(std::vector<Row>& rows, Row r) {
    if (rows.empty() || Before(rows.back(), r)) {
      rows.push_back(r);
      return;
    }
    auto at = std::upper_bound(rows.begin(), rows.end(), r,
                               [this](Row x, Row y) { return Before(x, y); });
    rows.insert(at, r);
  }

  // Net flow of rows with ts <= at (all rows when at is INT64_MAX), and the lowest the
  // running net flow reaches along the way (0 at the start).
  void Flow(AccountId id, int64_t at, int64_t& net, int64_t& low) const {
    const auto& o = out[id];
    const auto& i = in[id];
    size_t a = 0, b = 0;
    net = 0;
    low = 0;
    while (a < o.size() || b < i.size()) {
      const bool take_out = b == i.size() || (a < o.size() && Before(o[a], i[b]));
      const Row r = take_out ? o[a++] : i[b++];
      if (ts[r] > at) break;
      // A transfer to oneself moves nothing.
      if (from[r] == to[r]) continue;
      net += take_out ? -fen[r] : fen[r];
      low = std::min(low, net);
    }
  }
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
  if (from.empty()) return InvalidArgumentError("ledger: from_account is empty");
  if (fen <= 0) return InvalidArgumentError("ledger: amount_fen must be > 0");
  Impl& m = *impl_;
  const Row row = static_cast<Row>(m.ts.size());
  if (!id.empty()) {
    const uint64_t h = XXH3_64bits(id.data(), id.size());
    auto [it, added] = m.ids.try_emplace(h, row);
    if (!added && TransactionId(it->second) == id) return AppendOutcome::kDuplicate;
  }
  const AccountId f = m.Account(from);
  const AccountId t = to.empty() ? kNoAccount : m.Account(to);
  m.ts.push_back(ts.millis());
  m.fen.push_back(fen);
  m.from.push_back(f);
  m.to.push_back(t);
  m.channel.push_back(static_cast<uint8_t>(channel));
  m.kind.push_back(static_cast<uint8_t>(kind));
  m.id_bytes.append(id);
  m.id_end.push_back(static_cast<uint32_t>(m.id_bytes.size()));
  m.Index(m.out[f], row);
  if (t != kNoAccount) m.Index(m.in[t], row);
  ++m.version;
  return AppendOutcome::kAdded;
}

void Ledger::SetBalance(std::string_view account, Timestamp at, int64_t fen) {
  const AccountId id = impl_->Account(account);
  impl_->anchors[id] = Impl::Anchor{at.millis(), fen};
  ++impl_->version;
}

size_t Ledger::size() const { return impl_->ts.size(); }
size_t Ledger::account_count() const { return impl_->accounts.size(); }
std::optional<AccountId> Ledger::FindAccount(std::string_view number) const {
  return impl_->accounts.Find(number);
}
std::string_view Ledger::AccountNumber(AccountId id) const { return impl_->accounts.Lookup(id); }

Timestamp Ledger::ts(Row row) const { return Timestamp::FromMillis(impl_->ts[row]); }
AccountId Ledger::from(Row row) const { return impl_->from[row]; }
AccountId Ledger::to(Row row) const { return impl_->to[row]; }
int64_t Ledger::fen(Row row) const { return impl_->fen[row]; }
Channel Ledger::channel(Row row) const { return static_cast<Channel>(impl_->channel[row]); }
FlowKind Ledger::kind(Row row) const { return static_cast<FlowKind>(impl_->kind[row]); }
std::string Ledger::TransactionId(Row row) const {
  const uint32_t begin = row == 0 ? 0 : impl_->id_end[row - 1];
  return impl_->id_bytes.substr(begin, impl_->id_end[row] - begin);
}

std::span<const Row> Ledger::Outgoing(AccountId id) const { return impl_->out[id]; }
std::span<const Row> Ledger::Incoming(AccountId id) const { return impl_->in[id]; }

int64_t Ledger::OpeningBalance(AccountId id) const {
  const Impl& m = *impl_;
  auto anchor = m.anchors.find(id);
  int64_t net, low;
  if (anchor != m.anchors.end()) {
    m.Flow(id, anchor->second.at, net, low);
    return anchor->second.fen - net;
  }
  m.Flow(id, INT64_MAX, net, low);
  return -low;
}

int64_t Ledger::BalanceAt(AccountId id, Timestamp at) const {
  int64_t net, low;
  impl_->Flow(id, at.millis(), net, low);
  return OpeningBalance(id) + net;
}

size_t Ledger::memory_bytes() const {
  const Impl& m = *impl_;
  size_t b = m.ts.capacity() * 8 + m.fen.capacity() * 8 + m.from.capacity() * 4 +
             m.to.capacity() * 4 + m.channel.capacity() + m.kind.capacity() +
             m.id_end.capacity() * 4 + m.id_bytes.capacity() + m.ids.size() * 32 +
             m.accounts.memory_bytes();
  for (const auto& v : m.out) b += v.capacity() * 4 + sizeof(v);
  for (const auto& v : m.in) b += v.capacity() * 4 + sizeof(v);
  return b;
}

uint64_t Ledger::version() const { return impl_->version; }

}  // namespace wuzha::ledger
