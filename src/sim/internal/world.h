// World: the engine's state and its slice loop. It owns the balances of every account
// (the city's and those gangs open), the accounts and SIMs opened during the run, the
// closed loop's restrictions (blocked contacts, held/frozen accounts, suspended outlets),
// the FIFO taint of stolen money, and the two generators: legitimate traffic
// (legit.h) and the gangs (fraud.h). Events of a slice are sorted by (ts, source, seq)
// and delivered one by one: a delivery checks the restrictions, moves the money and
// tells the generator that made the event what happened.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/event.h"
#include "sim/engine.h"

namespace wuzha::sim::internal {

class LegitGenerator;
class FraudModel;

// No account: the other side of a cash withdrawal.
inline constexpr uint32_t kOutside = UINT32_MAX;
// Accounts outside the city (payroll, payment platforms, OTC traders): the low bits
// index World's external table.
inline constexpr uint32_t kExternalBit = 0x80000000u;
inline bool IsInside(uint32_t account) { return (account & kExternalBit) == 0; }

// Source ids: the second key of the output order.
enum Source : uint8_t {
  kSrcCall,
  kSrcBusinessCall,
  kSrcSms,
  kSrcWeb,
  kSrcApp,
  kSrcTransfer,
  kSrcAtm,
  kSrcSalary,
  kSrcLoop,  // feedback to the closed loop's visits
  kSrcFraud,
};
inline constexpr int kLegitRateSources = 7;  // kSrcCall .. kSrcAtm

// What happened to an event at delivery.
enum class Outcome : uint8_t {
  kDone,            // written; money moved in full or in part (Pending::moved_fen)
  kContactBlocked,  // a blocked number, sender, domain or app: not written
  kHeld,            // written with status held: no money moved
  kBlocked,         // written with status blocked: no money moved
  kRefused,         // the payer is stop-paid or frozen, or the outlet suspended: not written
  kNoFunds,         // nothing to pay with: not written
};

// An event of the slice before the sort.
struct Pending {
  int64_t ts = 0;
  uint8_t source = 0;
  uint64_t seq = 0;
  Event event;
  uint32_t from = kOutside;  // accounts of a transfer
  uint32_t to = kOutside;
  // 0 for events without money; else the amount is cut to the payer's balance in
  // multiples of it.
  int64_t step_fen = 0;
  // A victim's own transfer to a gang: the money becomes that victim's stolen money.
  uint32_t theft_victim = UINT32_MAX;  // resident index
  // Who to tell about the outcome (FraudModel script id), or none.
  uint32_t hook = UINT32_MAX;
  uint32_t hook_step = 0;
  int64_t moved_fen = 0;  // set at delivery
};

class World {
 public:
  World(const City& city, const EngineOptions& options);
  ~World();

  Status Step(EventSink& sink);
  bool done() const { return next_ >= end_; }
  int64_t now() const { return next_; }
  void Act(Action action);
  void set_gate(TransferGate* gate) { gate_ = gate; }

  const City& city() const { return city_; }
  const EngineOptions& options() const { return options_; }
  Engine::Stats& stats() { return stats_; }
  const Engine::Stats& stats() const { return stats_; }

  // --- accounts: [0, city.accounts().size()) are the city's, then those opened here.
  uint32_t account_count() const { return static_cast<uint32_t>(balances_.size()); }
  uint32_t OpenAccount(uint32_t owner, uint8_t bank, uint32_t outlet);
  uint32_t AddExternal(std::string number, std::string bank, std::string name);
  std::string AccountNumber(uint32_t account) const;
  std::string_view AccountBank(uint32_t account) const;
  std::string AccountName(uint32_t account) const;
  uint32_t AccountOwner(uint32_t account) const;  // resident; kOutside for externals
  void FillTransferParty(uint32_t account, std::string& number, std::string& bank,
                         std::string& name) const;
  int64_t balance(uint32_t account) const { return balances_[account]; }
  int64_t TotalBalance() const;
  // Index of an account by number, or kOutside.
  uint32_t FindAccount(std::string_view number) const;
  // Frozen, stop-paid or otherwise unable to send at `ts`.
  bool CannotSend(uint32_t account, int64_t ts) const;
  bool IsFrozen(uint32_t account) const;

  // --- phones: [0, city.phones().size()) are the city's, then SIMs opened here.
  uint32_t OpenPhone(uint32_t owner, uint32_t range, uint32_t outlet);  // kOutside if full
  std::string PhoneNumber(uint32_t phone) const;
  bool NumberBlocked(std::string_view number) const {
    return blocked_numbers_.count(std::string(number)) > 0;
  }
  bool DomainBlocked(std::string_view domain) const;
  bool AppBlocked(std::string_view package) const {
    return blocked_apps_.count(std::string(package)) > 0;
  }
  bool OutletSuspended(uint32_t outlet) const { return suspended_outlets_.count(outlet) > 0; }

  // Stolen money by FIFO attribution: the money paths of every victim so far.
  std::vector<MoneyPath> MoneyPaths(const std::vector<uint32_t>& victims) const;

  Truth BuildTruth() const;

 private:
  struct Restriction {
    bool frozen = false;
    bool blocked = false;  // outgoing remote transfers refused
    int64_t stop_pay_until = 0;
    int64_t hold_until = 0;
  };
  struct External {
    std::string number, bank, name;
  };
  struct OpenedAccount {
    uint32_t owner, outlet;
    uint8_t bank;
    std::string number;
  };
  struct OpenedPhone {
    uint32_t owner;
    std::string number;
  };
  // A piece of an account's balance that came from one victim (kClean: not stolen).
  struct Lot {
    uint32_t victim;
    int64_t fen;
  };
  static constexpr uint32_t kClean = UINT32_MAX;
  struct Hop {
    uint32_t victim;
    uint64_t event;  // event number (id without its prefix)
    int64_t ts;
    uint32_t from, to;
    int64_t fen;
    Channel channel;
  };
  // A transfer kept for statements.
  struct LoggedTransfer {
    int64_t ts;
    uint64_t event;
    uint32_t from, to;
    int64_t fen;
    Channel channel;
  };

  void ApplyDueActions(EventSink& sink, std::vector<Pending>& slice);
  void Apply(const Action& action, std::vector<Pending>& slice);
  Status DeliverStatement(const Action& action, EventSink& sink);
  Outcome Deliver(Pending& p);
  Outcome DeliverTransfer(Pending& p);
  void MoveTaint(const Pending& p, uint64_t event_number);
  void LogTransfer(const Pending& p, uint64_t event_number);

  const City& city_;
  EngineOptions options_;
  Engine::Stats stats_;
  TransferGate* gate_ = nullptr;
  int64_t begin_ = 0, end_ = 0, next_ = 0;
  uint64_t written_ = 0;

  std::vector<int64_t> balances_;
  std::vector<OpenedAccount> opened_accounts_;
  std::vector<OpenedPhone> opened_phones_;
  std::unordered_map<uint8_t, uint32_t> opened_per_bank_;    // the next spare serial
  std::unordered_map<uint32_t, uint32_t> opened_per_range_;
  std::vector<External> externals_;
  mutable std::unordered_map<std::string, uint32_t> account_index_;  // built on first lookup
  mutable bool account_index_built_ = false;

  std::unordered_set<std::string> blocked_numbers_, blocked_senders_, blocked_domains_,
      blocked_apps_;
  std::unordered_map<uint32_t, Restriction> restrictions_;
  std::unordered_set<uint32_t> suspended_outlets_;
  std::unordered_map<std::string, uint32_t> outlet_index_;
  std::multimap<std::pair<int64_t, uint64_t>, Action> actions_;  // by (effect, id)

  std::unordered_map<uint32_t, std::deque<Lot>> taint_;
  std::unordered_map<uint32_t, int64_t> stolen_;  // by victim: fen that became theirs
  std::vector<Hop> hops_;
  std::vector<Hop> exits_;
  std::deque<LoggedTransfer> log_;

  std::unique_ptr<LegitGenerator> legit_;
  std::unique_ptr<FraudModel> fraud_;
  std::vector<Pending> slice_;
  struct SortKey {
    int64_t ts;
    uint64_t seq;
    uint8_t source;
    uint32_t index;
  };
  std::vector<SortKey> order_;

  friend class FraudModel;
};

}  // namespace wuzha::sim::internal
