#include <algorithm>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "trace/internal/pool.h"
#include "trace/trace.h"

namespace wuzha::trace {

using internal::kClean;
using internal::IsDisputed;
using internal::IsVictim;
using internal::kDisputedBit;
using internal::kUnattributed;
using internal::VictimOf;
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
  // Payers of the theft rows, with the time of their first theft.
  std::unordered_map<AccountId, int64_t> victim_accounts;
  std::unordered_set<AccountId> theft_payees;     // their payees: the gang's accounts
  std::vector<AccountId> new_role_accounts;  // joined either set since the last Update
  std::vector<Row> new_victim_rows;  // added since the last Update

  // The trace; Reset() clears it for a replay.
  std::unordered_map<AccountId, Traced> accounts;
  std::vector<Hop> hops;
  std::vector<Exit> exits;
  std::vector<int64_t> stolen, disputed, absorbed;
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
    disputed.assign(victim_ids.size(), 0);
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
  int64_t BalanceBefore(AccountId id, Key before, int64_t opening) const {
    int64_t bal = opening;
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

  // Money into a victim's account that the gang paid (刷单's task payments): from one of
  // the gang's accounts the victim pays, from a traced account, or from a stranger — an
  // account the victim had no transfer with before kPaybackWindowMs ahead of the first
  // theft — from then on.
  static constexpr int64_t kPaybackWindowMs = 7 * 86400000LL;
  bool IsPayback(Row r, bool from_traced) const {
    const AccountId to = ledger.to(r), from = ledger.from(r);
    if (to == ledger::kNoAccount || to == from || victim_of_row.count(r)) return false;
    auto v = victim_accounts.find(to);
    if (v == victim_accounts.end()) return false;
    if (from_traced || theft_payees.count(from)) return true;
    const int64_t window = v->second - kPaybackWindowMs;
    if (ledger.ts(r).millis() < window) return false;
    for (auto rows : {ledger.Incoming(to), ledger.Outgoing(to)}) {
      for (Row x : rows) {
        if (ledger.ts(x).millis() >= window) break;
        if (ledger.from(x) == from || ledger.to(x) == from) return false;  // known to them
      }
    }
    return true;
  }

  // Queues a victim account's credits: the paybacks among them come before the theft.
  void QueueVictimAccount(AccountId id) {
    for (Row r : ledger.Incoming(id)) queue.push(KeyOf(r));
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
    if (!theft && IsPayback(r, src != accounts.end())) {
      // The gang paying a victim back: whoever it was stolen from, not the victim.
      for (Portion& p : portions) {
        if (p.victim == kClean) p.victim = kUnattributed;
      }
    }
    if (theft) {
      // What the victim pays the gang that is not already someone's traced money.
      for (Portion& p : portions) {
        if (p.victim == kUnattributed) {
          p.victim = victim->second | kDisputedBit;
          disputed[victim->second] += p.fen;
          continue;
        }
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
        if (!IsVictim(p.victim)) continue;
        const uint32_t v = VictimOf(p.victim);
        const bool d = IsDisputed(p.victim);
        exits.push_back(Exit{v, r, from, ledger.kind(r), p.fen, ledger.ts(r), from_layer, d});
        hops.push_back(Hop{v, r, from, ledger::kNoAccount, p.fen, d});
      }
      return;
    }
    if (dst == accounts.end()) {
      if (!tainted) return;
      const Key k = KeyOf(r);
      const int64_t opening = ledger.OpeningBalance(to);
      dst = accounts.emplace(to, Traced{Pool(options.policy, BalanceBefore(to, k, opening), ts),
                                        from_layer + 1, opening})
                .first;
      QueueRowsOf(to, k);
    }
    scratch.clear();
    dst->second.pool.Add(portions, ts, scratch);
    for (const Portion& a : scratch) {
      if (IsVictim(a.victim)) absorbed[VictimOf(a.victim)] += a.fen;
    }
    for (const Portion& p : portions) {
      if (IsVictim(p.victim)) {
        hops.push_back(Hop{VictimOf(p.victim), r, from, to, p.fen, IsDisputed(p.victim)});
      }
    }
  }

  void Update() {
    const size_t size = ledger.size();
    const uint64_t version = ledger.version();
    // A row already traced that the new roles make a payback (gang → victim) must be
    // traced again.
    bool replay = false;
    for (AccountId id : new_role_accounts) {
      for (auto rows : {ledger.Outgoing(id), ledger.Incoming(id)}) {
        for (Row r : rows) {
          if (!any_traced || frontier < KeyOf(r)) break;
          if (IsPayback(r, accounts.count(ledger.from(r)) > 0)) replay = true;
        }
      }
    }
    if (version - seen_version != size - seen_rows) {
      // A balance anchor changed: it matters when it moves a traced account's opening.
      for (const auto& [id, t] : accounts) {
        if (ledger.OpeningBalance(id) != t.opening) {
          replay = true;
          break;
        }
      }
    }
    for (Row r : new_victim_rows) replay = replay || (any_traced && !(frontier < KeyOf(r)));
    // With nothing traced yet, no new row can matter but the theft rows: skip the scan
    // (a first trace over a ledger of millions of rows reads only the case's accounts).
    for (size_t r = accounts.empty() ? size : seen_rows; r < size && !replay; ++r) {
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
      for (const auto& [id, first] : victim_accounts) QueueVictimAccount(id);
    } else {
      for (AccountId id : new_role_accounts) {
        if (victim_accounts.count(id)) QueueVictimAccount(id);
      }
      stolen.resize(victim_ids.size(), 0);
      disputed.resize(victim_ids.size(), 0);
      absorbed.resize(victim_ids.size(), 0);
      for (Row r : new_victim_rows) queue.push(KeyOf(r));
      for (size_t r = accounts.empty() ? size : seen_rows; r < size; ++r) {
        if (Touches(static_cast<Row>(r))) queue.push(KeyOf(static_cast<Row>(r)));
      }
    }
    new_victim_rows.clear();
    new_role_accounts.clear();
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
    // A new victim account or gang account may change which earlier rows were paybacks.
    const int64_t ts = m.ledger.ts(r).millis();
    auto [va, added_account] = m.victim_accounts.try_emplace(m.ledger.from(r), ts);
    if (added_account || ts < va->second) {  // new, or its payback window moves earlier
      va->second = std::min(va->second, ts);
      m.new_role_accounts.push_back(m.ledger.from(r));
    }
    if (m.ledger.to(r) != ledger::kNoAccount && m.theft_payees.insert(m.ledger.to(r)).second) {
      m.new_role_accounts.push_back(m.ledger.to(r));
    }
  }
  return Status::Ok();
}

void Tracer::Update() { impl_->Update(); }

const std::vector<Hop>& Tracer::hops() const { return impl_->hops; }

std::vector<ledger::AccountId> Tracer::TracedAccounts() const {
  std::vector<AccountId> ids;
  for (const auto& [id, t] : impl_->accounts) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  return ids;
}
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
  // One hop per row: a row that carried several of the victim's lots is one move.
  std::vector<Hop> merged;
  for (const Hop& h : path) {
    if (!merged.empty() && merged.back().row == h.row && merged.back().to == h.to) {
      merged.back().fen += h.fen;
    } else {
      merged.push_back(h);
    }
  }
  return merged;
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
    s.disputed_fen = v < m.disputed.size() ? m.disputed[v] : 0;
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
    std::erase_if(tainted, [&](const Portion& p) {
      if (p.victim == kUnattributed) rep.unattributed_fen += p.fen;
      return p.victim == kUnattributed;
    });
    if (tainted.empty()) continue;
    StopPayCandidate c;
    c.account = id;
    c.since = Timestamp::FromMillis(t.pool.last_tainted_ts());
    c.layer = t.layer;
    const bool no_out = m.ledger.Outgoing(id).empty();
    for (const Portion& p : tainted) {
      const uint32_t v = VictimOf(p.victim);
      rep.holdings.push_back(
          Holding{v, id, p.fen, c.since, t.layer, no_out, IsDisputed(p.victim)});
      rep.victims[v].held_fen += p.fen;
      c.recoverable_fen += p.fen;
      auto same = std::find_if(c.by_victim.begin(), c.by_victim.end(),
                               [v](const auto& x) { return x.first == v; });
      if (same != c.by_victim.end()) {
        same->second += p.fen;
      } else {
        c.by_victim.emplace_back(v, p.fen);
      }
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
    if (s.stolen_fen + s.disputed_fen + s.absorbed_fen != s.held_fen + s.exited_fen) {
      rep.conserved = false;
    }
  }
  return rep;
}

}  // namespace wuzha::trace
