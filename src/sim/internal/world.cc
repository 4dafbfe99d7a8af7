#include "sim/internal/world.h"

#include <algorithm>
#include <charconv>
#include <numeric>

#include "core/event_schema.h"
#include "sim/internal/fraud.h"
#include "sim/internal/legit.h"

namespace wuzha::sim::internal {
namespace {

constexpr int64_t kDayMs = 24 * 3600000LL;

std::string_view ChannelName(Channel c) {
  static constexpr std::string_view kNames[] = {"mobile",  "online", "atm",
                                                "counter", "pos",    "third_party"};
  return kNames[static_cast<size_t>(c)];
}

// Cash leaves the banking system at a teller or an ATM; a remote transfer does not.
bool IsRemote(Channel c) { return c != Channel::kAtm && c != Channel::kCounter; }

}  // namespace

World::World(const City& city, const EngineOptions& options) : city_(city), options_(options) {
  balances_.reserve(city_.accounts().size());
  for (const Account& a : city_.accounts()) balances_.push_back(a.opening_balance_fen);
  for (uint32_t i = 0; i < city_.outlets().size(); ++i) outlet_index_[city_.OutletCode(i)] = i;
  begin_ = next_ = city_.options().start.millis();
  end_ = begin_ + std::max(0, options_.days) * kDayMs;
  const uint32_t payroll = AddExternal(std::string(kPayrollAccount), std::string(kPayrollBank),
                                       std::string(kPayrollName));
  legit_ = std::make_unique<LegitGenerator>(city_, options_, payroll);
  if (options_.fraud.enabled) fraud_ = std::make_unique<FraudModel>(*this);
}

World::~World() = default;

// --- accounts and phones -------------------------------------------------------------

uint32_t World::OpenAccount(uint32_t owner, uint8_t bank, uint32_t outlet) {
  const uint32_t k = opened_per_bank_[bank]++;
  opened_accounts_.push_back(OpenedAccount{owner, outlet, bank, city_.SpareAccountNumber(bank, k)});
  balances_.push_back(0);
  const uint32_t index = static_cast<uint32_t>(balances_.size() - 1);
  if (account_index_built_) account_index_[opened_accounts_.back().number] = index;
  return index;
}

uint32_t World::AddExternal(std::string number, std::string bank, std::string name) {
  externals_.push_back(External{std::move(number), std::move(bank), std::move(name)});
  return kExternalBit | static_cast<uint32_t>(externals_.size() - 1);
}

std::string World::AccountNumber(uint32_t account) const {
  if (!IsInside(account)) return externals_[account & ~kExternalBit].number;
  if (account < city_.accounts().size()) return city_.AccountNumber(account);
  return opened_accounts_[account - city_.accounts().size()].number;
}

std::string_view World::AccountBank(uint32_t account) const {
  if (!IsInside(account)) return externals_[account & ~kExternalBit].bank;
  const uint8_t bank = account < city_.accounts().size()
                           ? city_.accounts()[account].bank
                           : opened_accounts_[account - city_.accounts().size()].bank;
  return city_.banks()[bank].code;
}

uint32_t World::AccountOwner(uint32_t account) const {
  if (!IsInside(account)) return kOutside;
  if (account < city_.accounts().size()) return city_.accounts()[account].owner;
  return opened_accounts_[account - city_.accounts().size()].owner;
}

std::string World::AccountName(uint32_t account) const {
  if (!IsInside(account)) return externals_[account & ~kExternalBit].name;
  return city_.ResidentName(AccountOwner(account));
}

void World::FillTransferParty(uint32_t account, std::string& number, std::string& bank,
                              std::string& name) const {
  number = AccountNumber(account);
  bank = std::string(AccountBank(account));
  name = AccountName(account);
}

int64_t World::TotalBalance() const {
  return std::accumulate(balances_.begin(), balances_.end(), int64_t{0});
}

uint32_t World::FindAccount(std::string_view number) const {
  if (!account_index_built_) {
    account_index_.reserve(balances_.size());
    for (uint32_t i = 0; i < balances_.size(); ++i) account_index_[AccountNumber(i)] = i;
    account_index_built_ = true;
  }
  auto it = account_index_.find(std::string(number));
  return it == account_index_.end() ? kOutside : it->second;
}

bool World::CannotSend(uint32_t account, int64_t ts) const {
  auto it = restrictions_.find(account);
  if (it == restrictions_.end()) return false;
  return it->second.frozen || it->second.stop_pay_until > ts;
}

bool World::IsFrozen(uint32_t account) const {
  auto it = restrictions_.find(account);
  return it != restrictions_.end() && (it->second.frozen || it->second.stop_pay_until > next_);
}

uint32_t World::OpenPhone(uint32_t owner, uint32_t range, uint32_t outlet) {
  (void)outlet;
  uint32_t& k = opened_per_range_[range];
  if (k >= city_.SparePhoneCount(range)) return kOutside;
  opened_phones_.push_back(OpenedPhone{owner, city_.SparePhoneNumber(range, k++)});
  return static_cast<uint32_t>(city_.phones().size() + opened_phones_.size() - 1);
}

std::string World::PhoneNumber(uint32_t phone) const {
  if (phone < city_.phones().size()) return city_.PhoneNumber(phone);
  return opened_phones_[phone - city_.phones().size()].number;
}

bool World::DomainBlocked(std::string_view domain) const {
  if (blocked_domains_.empty()) return false;
  // The domain or any parent: blocking a registrable domain blocks its subdomains.
  while (true) {
    if (blocked_domains_.count(std::string(domain))) return true;
    const size_t dot = domain.find('.');
    if (dot == std::string_view::npos) return false;
    domain.remove_prefix(dot + 1);
  }
}

// --- the slice loop --------------------------------------------------------------------

Status World::Step(EventSink& sink) {
  if (options_.slice_ms <= 0) return InvalidArgumentError("slice_ms must be positive");
  if (options_.days < 0) return InvalidArgumentError("days must not be negative");
  if (done()) return FailedPreconditionError("the simulation has ended");
  const int64_t start = next_;
  const int64_t len = std::min(options_.slice_ms, end_ - start);
  slice_.clear();
  ApplyDueActions(sink, slice_);
  legit_->Slice(start, len, slice_);
  if (fraud_) fraud_->Slice(start, len, slice_);
  // Sort small keys, not the 600-byte events.
  order_.clear();
  for (uint32_t i = 0; i < slice_.size(); ++i)
    order_.push_back(SortKey{slice_[i].ts, slice_[i].seq, slice_[i].source, i});
  std::sort(order_.begin(), order_.end(), [](const SortKey& a, const SortKey& b) {
    if (a.ts != b.ts) return a.ts < b.ts;
    if (a.source != b.source) return a.source < b.source;
    return a.seq < b.seq;
  });
  next_ = start + len;
  for (const SortKey& key : order_) {
    Pending& p = slice_[key.index];
    const Outcome outcome = Deliver(p);
    const bool written =
        outcome == Outcome::kDone || outcome == Outcome::kHeld || outcome == Outcome::kBlocked;
    if (written) {
      const uint64_t number = ++written_;
      char id[24] = {'E'};
      p.event.id.assign(id, std::to_chars(id + 1, id + sizeof id, number).ptr);
      if (p.event.type == EventType::kTransfer && outcome == Outcome::kDone) {
        MoveTaint(p, number);
        LogTransfer(p, number);
      }
      const size_t type = static_cast<size_t>(p.event.type);
      ++stats_.events_by_type[type];
      if (p.event.label.fraud) ++stats_.fraud_events_by_type[type];
    }
    if (p.hook != UINT32_MAX && fraud_) fraud_->OnOutcome(p, outcome);
    if (written) WUZHA_RETURN_IF_ERROR(sink.Write(p.event));
  }
  if (fraud_) fraud_->EndSlice(next_);
  return Status::Ok();
}

Outcome World::Deliver(Pending& p) {
  Event& e = p.event;
  switch (e.type) {
    case EventType::kCall:
      if (!blocked_numbers_.empty() && NumberBlocked(e.as<CallEvent>().caller)) break;
      return Outcome::kDone;
    case EventType::kSms: {
      const std::string& sender = e.as<SmsEvent>().sender;
      if (!blocked_numbers_.empty() && NumberBlocked(sender)) break;
      if (!blocked_senders_.empty() && blocked_senders_.count(sender)) break;
      return Outcome::kDone;
    }
    case EventType::kWeb:
      if (DomainBlocked(e.as<WebEvent>().domain)) break;
      return Outcome::kDone;
    case EventType::kApp:
      if (!blocked_apps_.empty() && AppBlocked(e.as<AppEvent>().package)) break;
      return Outcome::kDone;
    case EventType::kTransfer: return DeliverTransfer(p);
    default: return Outcome::kDone;
  }
  ++stats_.contacts_blocked;
  return Outcome::kContactBlocked;
}

Outcome World::DeliverTransfer(Pending& p) {
  TransferEvent& t = p.event.as<TransferEvent>();
  if (p.step_fen == 0) return Outcome::kDone;
  if (IsInside(p.from) && p.from != kOutside) {
    if (CannotSend(p.from, p.ts)) {
      ++stats_.transfers_refused;
      return Outcome::kRefused;
    }
    int64_t amount = std::min(t.amount.fen(), balances_[p.from] / p.step_fen * p.step_fen);
    if (amount <= 0) return Outcome::kNoFunds;
    t.amount = Money::FromFen(amount);
    auto it = restrictions_.find(p.from);
    TransferDecision decision = TransferDecision::kAllow;
    if (it != restrictions_.end() && IsRemote(t.channel)) {
      if (it->second.blocked)
        decision = TransferDecision::kBlock;
      else if (it->second.hold_until > p.ts)
        decision = TransferDecision::kHold;
    }
    if (decision == TransferDecision::kAllow && gate_ != nullptr) decision = gate_->Decide(p.event);
    if (decision == TransferDecision::kHold) {
      t.status = TransferStatus::kHeld;
      ++stats_.transfers_held;
      return Outcome::kHeld;
    }
    if (decision == TransferDecision::kBlock) {
      t.status = TransferStatus::kBlocked;
      ++stats_.transfers_blocked;
      return Outcome::kBlocked;
    }
    balances_[p.from] -= amount;
  } else {
    stats_.cash_in_fen += t.amount.fen();
  }
  const int64_t amount = t.amount.fen();
  if (p.to != kOutside && IsInside(p.to)) {
    balances_[p.to] += amount;
  } else {
    stats_.cash_out_fen += amount;
  }
  p.moved_fen = amount;
  return Outcome::kDone;
}

// --- the closed loop ----------------------------------------------------------------

void World::Act(Action action) {
  const int64_t effect = action.at.millis() + options_.delays.EffectDelay(action.kind);
  actions_.emplace(std::make_pair(effect, action.id), std::move(action));
}

void World::ApplyDueActions(EventSink& sink, std::vector<Pending>& slice) {
  while (!actions_.empty() && actions_.begin()->first.first <= next_) {
    auto node = actions_.extract(actions_.begin());
    const Action& a = node.mapped();
    if (a.kind == ActionKind::kRequestStatement) {
      const Status s = DeliverStatement(a, sink);
      (void)s;  // a sink that refuses a statement loses only the statement
      continue;
    }
    Apply(a, slice);
  }
}

void World::Apply(const Action& a, std::vector<Pending>& slice) {
  const int64_t effect = std::max(next_, a.at.millis() + options_.delays.EffectDelay(a.kind));
  switch (a.kind) {
    case ActionKind::kBlockNumber: {
      blocked_numbers_.insert(NormalizePhoneForAction(a.target));
      break;
    }
    case ActionKind::kBlockSmsSender: {
      blocked_senders_.insert(NormalizePhoneForAction(a.target));
      break;
    }
    case ActionKind::kBlockDomain:
      blocked_domains_.insert(a.target);
      break;
    case ActionKind::kBlockApp:
      blocked_apps_.insert(a.target);
      break;
    case ActionKind::kHoldTransfer:
    case ActionKind::kBlockTransfer:
    case ActionKind::kStopPay:
    case ActionKind::kFreeze: {
      const uint32_t account = FindAccount(a.target);
      if (account == kOutside) break;
      Restriction& r = restrictions_[account];
      if (a.kind == ActionKind::kHoldTransfer)
        r.hold_until = std::max(r.hold_until, effect + options_.delays.hold_duration_ms);
      if (a.kind == ActionKind::kBlockTransfer) r.blocked = true;
      if (a.kind == ActionKind::kStopPay)
        r.stop_pay_until =
            std::max(r.stop_pay_until, effect + options_.delays.stop_pay_duration_ms);
      if (a.kind == ActionKind::kFreeze) r.frozen = true;
      break;
    }
    case ActionKind::kVisit:
      ++stats_.visits;
      if (fraud_) {
        fraud_->OnVisit(a, effect, slice);
      } else {
        FraudModel::NoFraudFeedback(*this, a, effect, slice);
      }
      break;
    case ActionKind::kSuspendOutlet: {
      auto it = outlet_index_.find(a.target);
      if (it != outlet_index_.end()) suspended_outlets_.insert(it->second);
      break;
    }
    case ActionKind::kRequestStatement: break;
  }
}

Status World::DeliverStatement(const Action& a, EventSink& sink) {
  ++stats_.statements;
  Statement st;
  st.action_id = a.id;
  st.account = a.target;
  st.requested = a.at;
  st.delivered = Timestamp::FromMillis(a.at.millis() + options_.delays.statement_ms);
  const uint32_t account = FindAccount(a.target);
  const int64_t from = a.at.millis() - options_.statement_days * kDayMs;
  if (account != kOutside) {
    for (const LoggedTransfer& l : log_) {
      if (l.ts < from || l.ts > a.at.millis()) continue;
      if (l.from != account && l.to != account) continue;
      Event e;
      e.Reset(EventType::kTransfer);
      char id[24] = {'E'};
      e.id.assign(id, std::to_chars(id + 1, id + sizeof id, l.event).ptr);
      e.ts = Timestamp::FromMillis(l.ts);
      TransferEvent& t = e.as<TransferEvent>();
      FillTransferParty(l.from, t.from_account, t.from_bank, t.from_name);
      if (l.to != kOutside) FillTransferParty(l.to, t.to_account, t.to_bank, t.to_name);
      t.amount = Money::FromFen(l.fen);
      t.channel = l.channel;
      st.transfers.push_back(std::move(e));
    }
  }
  return sink.WriteStatement(st);
}

void World::LogTransfer(const Pending& p, uint64_t event_number) {
  if (options_.statement_days <= 0) return;
  log_.push_back(LoggedTransfer{p.ts, event_number, p.from, p.to, p.moved_fen,
                                p.event.as<TransferEvent>().channel});
  // Keep the window plus the longest a statement request can wait for its effect.
  const int64_t keep = (options_.statement_days + 1) * kDayMs;
  while (!log_.empty() && log_.front().ts < p.ts - keep) log_.pop_front();
}

// --- taint: where stolen money goes, FIFO ---------------------------------------------

void World::MoveTaint(const Pending& p, uint64_t event_number) {
  const int64_t amount = p.moved_fen;
  const bool from_inside = p.from != kOutside && IsInside(p.from);
  const bool to_inside = p.to != kOutside && IsInside(p.to);
  // The portions this transfer carries, by victim.
  std::vector<Lot> portions;
  auto src = from_inside ? taint_.find(p.from) : taint_.end();
  if (src != taint_.end()) {
    int64_t left = amount;
    auto& lots = src->second;
    while (left > 0 && !lots.empty()) {
      Lot& front = lots.front();
      const int64_t take = std::min(left, front.fen);
      portions.push_back(Lot{front.victim, take});
      front.fen -= take;
      left -= take;
      if (front.fen == 0) lots.pop_front();
    }
    if (left > 0) portions.push_back(Lot{kClean, left});  // REQUIRES-style guard
  } else {
    portions.push_back(Lot{kClean, amount});
  }
  if (p.theft_victim != UINT32_MAX) {
    // The clean part is newly stolen; money the victim got back from the gang (刷单's
    // paid tasks) keeps its attribution.
    for (Lot& l : portions) {
      if (l.victim != kClean) continue;
      l.victim = p.theft_victim;
      stolen_[p.theft_victim] += l.fen;
    }
  }
  const bool tainted = std::any_of(portions.begin(), portions.end(),
                                   [](const Lot& l) { return l.victim != kClean; });
  if (!tainted) {
    if (to_inside) {
      auto dst = taint_.find(p.to);
      if (dst != taint_.end()) {
        auto& lots = dst->second;
        if (!lots.empty() && lots.back().victim == kClean) {
          lots.back().fen += amount;
        } else {
          lots.push_back(Lot{kClean, amount});
        }
      }
    }
    return;
  }
  const Channel channel = p.event.as<TransferEvent>().channel;
  for (const Lot& l : portions) {
    if (l.victim == kClean) continue;
    Hop hop{l.victim, event_number, p.ts, p.from, p.to, l.fen, channel};
    if (to_inside) {
      hops_.push_back(hop);
    } else {
      exits_.push_back(hop);
    }
  }
  if (!to_inside) return;
  auto [dst, inserted] = taint_.try_emplace(p.to);
  auto& lots = dst->second;
  if (inserted) {
    // Its balance before this credit was clean money.
    const int64_t before = balances_[p.to] - amount;
    if (before > 0) lots.push_back(Lot{kClean, before});
  }
  for (const Lot& l : portions) {
    if (!lots.empty() && lots.back().victim == l.victim) {
      lots.back().fen += l.fen;
    } else {
      lots.push_back(l);
    }
  }
}

std::vector<MoneyPath> World::MoneyPaths(const std::vector<uint32_t>& victims) const {
  std::unordered_map<uint32_t, size_t> index;
  std::vector<MoneyPath> paths;
  for (uint32_t v : victims) {
    if (index.count(v)) continue;
    index[v] = paths.size();
    paths.emplace_back();
    paths.back().victim = city_.PersonId(v);
  }
  auto to_hop = [&](const Hop& h) {
    MoneyHop m;
    char id[24] = {'E'};
    m.event_id.assign(id, std::to_chars(id + 1, id + sizeof id, h.event).ptr);
    m.ts = Timestamp::FromMillis(h.ts);
    m.from = AccountNumber(h.from);
    if (h.to != kOutside) m.to = AccountNumber(h.to);
    m.fen = h.fen;
    m.channel = std::string(ChannelName(h.channel));
    return m;
  };
  for (const Hop& h : hops_) {
    auto it = index.find(h.victim);
    if (it == index.end()) continue;
    MoneyPath& path = paths[it->second];
    path.hops.push_back(to_hop(h));
  }
  for (const auto& [victim, fen] : stolen_) {
    auto it = index.find(victim);
    if (it != index.end()) paths[it->second].stolen_fen = fen;
  }
  for (const Hop& h : exits_) {
    auto it = index.find(h.victim);
    if (it != index.end()) paths[it->second].exits.push_back(to_hop(h));
  }
  // Holdings: every account's lots, merged per victim, accounts in index order.
  std::vector<uint32_t> accounts;
  for (const auto& [account, lots] : taint_) accounts.push_back(account);
  std::sort(accounts.begin(), accounts.end());
  for (uint32_t account : accounts) {
    std::unordered_map<uint32_t, int64_t> by_victim;
    std::vector<uint32_t> order;
    for (const Lot& l : taint_.at(account)) {
      if (l.victim == kClean || l.fen == 0) continue;
      if (!by_victim.count(l.victim)) order.push_back(l.victim);
      by_victim[l.victim] += l.fen;
    }
    for (uint32_t v : order) {
      auto it = index.find(v);
      if (it == index.end()) continue;
      paths[it->second].holdings.push_back(
          MoneyHolding{AccountNumber(account), by_victim[v], IsFrozen(account)});
    }
  }
  return paths;
}

Truth World::BuildTruth() const {
  Truth truth;
  if (fraud_) fraud_->FillTruth(truth);
  return truth;
}

}  // namespace wuzha::sim::internal
