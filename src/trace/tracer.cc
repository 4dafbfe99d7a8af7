#include <algorithm>
#include <queue>
#include <unordered_map>

#include "trace/internal/pool.h"
#include "trace/trace.h"

namespace wuzha::trace {

using internal::kClean;
using internal::Pool;
using internal::Portion;
using ledger::AccountId;
using ledger::Row;

std::string_view PolicyName(Policy policy) {
  switch (policy) {
    case Policy::kFifo: return "fifo";
    case Policy::kLifo: return "lifo";
    case Policy::kProRata: return "pro_rata";
    case Policy::kPoison: return "poison";
  }
  return "fifo";
}

bool ParsePolicy(std::string_view name, Policy& out) {
  for (int i = 0; i < kPolicyCount; ++i) {
    const auto p = static_cast<Policy>(i);
    if (name == PolicyName(p)) {
      out = p;
      return true;
    }
  }
  if (name == "prorata" || name == "haircut") {
    out = Policy::kProRata;
    return true;
  }
  return false;
}

namespace {

// Rows are traced in (ts, row) order, the ledger's own order.
struct Key {
  int64_t ts;
  Row row;
  friend bool operator<(const Key& a, const Key& b) {
    return a.ts != b.ts ? a.ts < b.ts : a.row < b.row;
  }
  friend bool operator>(const Key& a, const Key& b) { return b < a; }
  friend bool operator==(const Key& a, const Key& b) { return a.ts == b.ts && a.row == b.row; }
};

struct Traced {
  Pool pool;
  int layer;
  int64_t opening;  // the ledger's opening balance when the account was first traced
};

}  // namespace

struct Tracer::Impl {
  Impl(const ledger::Ledger& l, TracerOptions o) : ledger(l), options(o) {}
  const ledger::Ledger& ledger;
  TracerOptions options;

  // The case: victims and their stolen transfers.
  std::vector<std::string> victim_ids;
  std::unordered_map<std::string, uint32_t> victim_index;
  std::unordered_map<Row, uint32_t> victim_of_row;
  std::vector<Row> new_victim_rows;  // added since the last Update

  // The trace; Reset() clears it for a replay.
  std::unordered_map<AccountId, Traced> accounts;
  std::vector<Hop> hops;
  std::vector<Exit> exits;
  std::vector<int64_t> stolen, absorbed;
  std::priority_queue<Key, std::vector<Key>, std::greater<Key>> queue;
  Key frontier{INT64_MIN, 0};
  bool any_traced = false;
  size_t seen_rows = 0;
  uint64_t seen_version = 0;
  uint64_t replays = 0;

  Key KeyOf(Row r) const { return Key{ledger.ts(r).millis(), r}; }

  void Reset() {
    accounts.clear();
    hops.clear();
    exits.clear();
    stolen.assign(victim_ids.size(), 0);
    absorbed.assign(victim_ids.size(), 0);
    queue = {};
    frontier = Key{INT64_MIN, 0};
    any_traced = false;
  }

  bool Touches(Row r) const {
    if (victim_of_row.count(r)) return true;
    if (accounts.count(ledger.from(r))) return true;
    const AccountId to = ledger.to(r);
    return to != ledger::kNoAccount && accounts.count(to) > 0;
  }

  // The account's balance just before row `before` (its own rows in (ts, row) order).
  int64_t BalanceBefore(AccountId id, Key before) const {
    int64_t bal = ledger.OpeningBalance(id);
    for (Row r : ledger.Outgoing(id)) {
      if (!(KeyOf(r) < before)) break;
      if (ledger.to(r) != id) bal -= ledger.fen(r);
    }
    for (Row r : ledger.Incoming(id)) {
      if (!(KeyOf(r) < before)) break;
      if (ledger.from(r) != id) bal += ledger.fen(r);
    }
    return std::max<int64_t>(bal, 0);
  }

  // Queues every row of a newly traced account after `after`.
  void QueueRowsOf(AccountId id, Key after) {
    for (auto rows : {ledger.Outgoing(id), ledger.Incoming(id)}) {
      auto it = std::upper_bound(rows.begin(), rows.end(), after,
                                 [this](const Key& k, Row r) { return k < KeyOf(r); });
      for (; it != rows.end(); ++it) queue.push(KeyOf(*it));
    }
  }

  void Process(Row r, std::vector<Portion>& portions, std::vector<Portion>& scratch) {
    const AccountId from = ledger.from(r);
    const AccountId to = ledger.to(r);
    if (from == to) return;  // moves nothing
    const int64_t fen = ledger.fen(r);
    const int64_t ts = ledger.ts(r).millis();
    auto src = accounts.find(from);
    portions.clear();
    if (src != accounts.end()) {
      src->second.pool.Take(fen, portions);
    } else {
      portions.push_back(Portion{kClean, fen});
    }
    auto victim = victim_of_row.find(r);
    const bool theft = victim != victim_of_row.end();
    if (theft) {
      // What the victim pays the gang that is not already someone's traced money.
      for (Portion& p : portions) {
        if (p.victim != kClean) continue;
        p.victim = victim->second;
        stolen[victim->second] += p.fen;
      }
    }
    const bool tainted = std::any_of(portions.begin(), portions.end(),
                                     [](const Portion& p) { return p.victim != kClean; });
    const int from_layer = theft ? 0 : (src != accounts.end() ? src->second.layer : 0);
    auto dst = to == ledger::kNoAccount ? accounts.end() : accounts.find(to);
    const bool exit = dst == accounts.end() &&
                      (to == ledger::kNoAccount || ledger.kind(r) != ledger::FlowKind::kTransfer);
    if (exit) {
      for (const Portion& p : portions) {
        if (p.victim == kClean) continue;
        exits.push_back(Exit{p.victim, r, from, ledger.kind(r), p.fen, ledger.ts(r), from_layer});
        hops.push_back(Hop{p.victim, r, from, ledger::kNoAccount, p.fen});
      }
      return;
    }
    if (dst == accounts.end()) {
      if (!tainted) return;
      const Key k = KeyOf(r);
      dst = accounts.emplace(to, Traced{Pool(options.policy, BalanceBefore(to, k), ts),
                                        from_layer + 1, ledger.OpeningBalance(to)})
                .first;
      QueueRowsOf(to, k);
    }
    scratch.clear();
    dst->second.pool.Add(portions, ts, scratch);
    for (const Portion& a : scratch) absorbed[a.victim] += a.fen;
    for (const Portion& p : portions) {
      if (p.victim != kClean) hops.push_back(Hop{p.victim, r, from, to, p.fen});
    }
  }

  void Update() {
    const size_t size = ledger.size();
    const uint64_t version = ledger.version();
    bool replay = version - seen_version != size - seen_rows;  // a balance anchor changed
    for (Row r : new_victim_rows) replay = replay || (any_traced && !(frontier < KeyOf(r)));
    for (size_t r = seen_rows; r < size && !replay; ++r) {
      const Row row = static_cast<Row>(r);
      replay = any_traced && !(frontier < KeyOf(row)) && Touches(row);
      // Without a balance anchor, a traced account's opening balance is inferred from all
      // its rows: a new row can raise it, and with it the clean lot the trace began with.
      for (AccountId id : {ledger.from(row), ledger.to(row)}) {
        auto t = id == ledger::kNoAccount ? accounts.end() : accounts.find(id);
        if (t != accounts.end() && ledger.OpeningBalance(id) != t->second.opening) replay = true;
      }
    }
    if (replay && any_traced) {
      ++replays;
      Reset();
      for (const auto& [row, v] : victim_of_row) queue.push(KeyOf(row));
    } else {
      stolen.resize(victim_ids.size(), 0);
      absorbed.resize(victim_ids.size(), 0);
      for (Row r : new_victim_rows) queue.push(KeyOf(r));
      for (size_t r = seen_rows; r < size; ++r) {
        if (Touches(static_cast<Row>(r))) queue.push(KeyOf(static_cast<Row>(r)));
      }
    }
    new_victim_rows.clear();
    std::vector<Portion> portions, scratch;
    while (!queue.empty()) {
      const Key k = queue.top();
      queue.pop();
      if (any_traced && !(frontier < k)) continue;  // queued twice
      frontier = k;
      any_traced = true;
      Process(k.row, portions, scratch);
    }
    seen_rows = size;
    seen_version = version;
  }
};

Tracer::Tracer(const ledger::Ledger& ledger, TracerOptions options)
    : impl_(std::make_unique<Impl>(ledger, options)) {}
Tracer::~Tracer() = default;

Status Tracer::AddVictim(std::string_view victim_id, std::span<const ledger::Row> rows) {
  Impl& m = *impl_;
  for (Row r : rows) {
    if (r >= m.ledger.size()) {
      return InvalidArgumentError("trace: row " + std::to_string(r) + " is not in the ledger (" +
                                  std::to_string(m.ledger.size()) + " rows)");
    }
  }
  auto [it, added] = m.victim_index.try_emplace(std::string(victim_id),
                                                static_cast<uint32_t>(m.victim_ids.size()));
  if (added) m.victim_ids.emplace_back(victim_id);
  for (Row r : rows) {
    if (m.victim_of_row.try_emplace(r, it->second).second) m.new_victim_rows.push_back(r);
  }
  return Status::Ok();
}

void Tracer::Update() { impl_->Update(); }

const std::vector<Hop>& Tracer::hops() const { return impl_->hops; }
uint64_t Tracer::replays() const { return impl_->replays; }

std::vector<Hop> Tracer::PathTo(uint32_t victim, ledger::AccountId account) const {
  const Impl& m = *impl_;
  // Backwards in time: a hop into X counts when X later sent the victim's money on towards
  // the account (or X is the account).
  std::unordered_map<AccountId, int64_t> reaches{{account, INT64_MAX}};
  std::vector<Hop> path;
  for (auto it = m.hops.rbegin(); it != m.hops.rend(); ++it) {
    if (it->victim != victim || it->to == ledger::kNoAccount) continue;
    auto target = reaches.find(it->to);
    const int64_t ts = m.ledger.ts(it->row).millis();
    if (target == reaches.end() || ts > target->second) continue;
    path.push_back(*it);
    auto& latest = reaches[it->from];
    latest = std::max(latest, ts);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

namespace {

// Median time this account kept money: for each debit, the time since the credit before it.
int64_t MedianDwell(const ledger::Ledger& ledger, AccountId id) {
  std::vector<int64_t> dwell;
  auto in = ledger.Incoming(id);
  size_t i = 0;
  int64_t last_in = -1;
  for (Row r : ledger.Outgoing(id)) {
    const int64_t ts = ledger.ts(r).millis();
    while (i < in.size() && ledger.ts(in[i]).millis() <= ts) last_in = ledger.ts(in[i++]).millis();
    if (last_in >= 0) dwell.push_back(ts - last_in);
  }
  if (dwell.empty()) return -1;
  std::nth_element(dwell.begin(), dwell.begin() + dwell.size() / 2, dwell.end());
  return dwell[dwell.size() / 2];
}

}  // namespace

TraceReport Tracer::Report() const {
  const Impl& m = *impl_;
  TraceReport rep;
  rep.policy = m.options.policy;
  rep.as_of = Timestamp::FromMillis(m.any_traced ? m.frontier.ts : 0);
  for (size_t v = 0; v < m.victim_ids.size(); ++v) {
    VictimSummary s;
    s.id = m.victim_ids[v];
    s.stolen_fen = v < m.stolen.size() ? m.stolen[v] : 0;
    s.absorbed_fen = v < m.absorbed.size() ? m.absorbed[v] : 0;
    rep.victims.push_back(std::move(s));
  }
  std::vector<AccountId> ids;
  for (const auto& [id, t] : m.accounts) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  std::vector<Portion> tainted;
  for (AccountId id : ids) {
    const Traced& t = m.accounts.at(id);
    if (t.pool.total() != m.ledger.BalanceAt(id, Timestamp::FromMillis(INT64_MAX))) {
      rep.conserved = false;
    }
    t.pool.Tainted(tainted);
    if (tainted.empty()) continue;
    StopPayCandidate c;
    c.account = id;
    c.since = Timestamp::FromMillis(t.pool.last_tainted_ts());
    c.layer = t.layer;
    const bool no_out = m.ledger.Outgoing(id).empty();
    for (const Portion& p : tainted) {
      rep.holdings.push_back(Holding{p.victim, id, p.fen, c.since, t.layer, no_out});
      rep.victims[p.victim].held_fen += p.fen;
      c.recoverable_fen += p.fen;
      c.by_victim.emplace_back(p.victim, p.fen);
    }
    const int64_t dwell = MedianDwell(m.ledger, id);
    c.expected_dwell_ms = dwell >= 0 ? dwell : m.options.default_dwell_ms;
    c.expected_left_ms =
        std::max<int64_t>(0, c.expected_dwell_ms - (rep.as_of.millis() - c.since.millis()));
    // Money about to move goes first; among accounts alike, the larger sum.
    c.priority = static_cast<double>(c.recoverable_fen) / 100.0 /
                 (1.0 + static_cast<double>(c.expected_left_ms) / (30.0 * 60000.0));
    rep.stop_pay.push_back(std::move(c));
  }
  std::stable_sort(rep.stop_pay.begin(), rep.stop_pay.end(),
                   [](const StopPayCandidate& a, const StopPayCandidate& b) {
                     return a.priority > b.priority;
                   });
  rep.exits = m.exits;
  for (const Exit& e : rep.exits) rep.victims[e.victim].exited_fen += e.fen;
  for (const VictimSummary& s : rep.victims) {
    if (s.stolen_fen + s.absorbed_fen != s.held_fen + s.exited_fen) rep.conserved = false;
  }
  return rep;
}

}  // namespace wuzha::trace
