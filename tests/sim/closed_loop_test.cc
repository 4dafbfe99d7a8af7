// The closed loop: each action kind against a baseline run of the same city, seed and
// options. Until an action takes effect the two runs are the same event for event; after
// it, the action's effect shows in the events, the stats and the truth.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "formats/jsonl.h"
#include "sim/engine.h"
#include "sinks.h"

namespace wuzha::sim {
namespace {

constexpr int64_t kMinuteMs = 60000;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;

const City& LoopCity() {
  static const City* city = [] {
    CityOptions o;
    o.seed = 31;
    o.population = 6000;  // synthetic org tree
    auto built = City::Build(o);
    EXPECT_TRUE(built.ok()) << built.status().ToString();
    return new City(std::move(built).value());
  }();
  return *city;
}

int64_t Start() { return LoopCity().options().start.millis(); }

// Fraud scaled up for enough victims; legitimate contacts thinned out for speed (the gangs
// do not depend on them).
EngineOptions Options() {
  EngineOptions o;
  o.seed = 9;
  o.days = 3;
  o.fraud.scale = 60;
  o.rates.calls = 0.5;
  o.rates.sms = 1.0;
  o.rates.web = 1.0;
  return o;
}

// Every event and statement, in order, and the FNV-1a hash of the events' canonical JSON.
class RecordingSink : public HashSink {
 public:
  Status Write(const Event& e) override {
    WUZHA_RETURN_IF_ERROR(HashSink::Write(e));
    events.push_back(e);
    prefix_hash.push_back(hash);
    return Status::Ok();
  }
  Status WriteStatement(const Statement& statement) override {
    statements.push_back(statement);
    statement_position.push_back(events.size());
    return Status::Ok();
  }
  std::vector<Event> events;
  std::vector<uint64_t> prefix_hash;  // `hash` after each event
  std::vector<Statement> statements;
  std::vector<size_t> statement_position;  // events written before each statement
};

struct LoopRun {
  std::unique_ptr<Engine> engine;
  RecordingSink sink;
  const std::vector<Event>& events() const { return sink.events; }
  const Engine::Stats& stats() const { return engine->stats(); }
};

std::unique_ptr<LoopRun> RunWith(const std::vector<Action>& actions,
                                 const EngineOptions& options = Options(),
                                 TransferGate* gate = nullptr) {
  auto run = std::make_unique<LoopRun>();
  run->engine = std::make_unique<Engine>(LoopCity(), options);
  run->engine->set_transfer_gate(gate);
  for (const Action& a : actions) run->engine->Act(a);
  const Status s = run->engine->Run(run->sink);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return run;
}

const LoopRun& Baseline() {
  static const LoopRun* run = RunWith({}).release();
  return *run;
}

const Truth& BaselineTruth() {
  static const Truth* truth = new Truth(Baseline().engine->truth());
  return *truth;
}

Action MakeAction(uint64_t id, ActionKind kind, int64_t at, std::string target) {
  Action a;
  a.id = id;
  a.kind = kind;
  a.at = Timestamp::FromMillis(at);
  a.target = std::move(target);
  return a;
}

// When an action decided at `at` takes effect: the first slice boundary at or after
// at + the kind's delay (and not before the run starts).
int64_t Effect(const Action& a, const EngineOptions& o = Options()) {
  const int64_t t = std::max(Start(), a.at.millis() + o.delays.EffectDelay(a.kind));
  return Start() + (t - Start() + o.slice_ms - 1) / o.slice_ms * o.slice_ms;
}

int64_t FloorMinute(int64_t ts) { return ts - (ts - Start()) % kMinuteMs; }

std::string Json(const Event& e) {
  std::string line;
  formats::AppendEventJson(e, line);
  return line;
}

size_t CountBefore(const LoopRun& run, int64_t ts) {
  return std::partition_point(run.events().begin(), run.events().end(),
                              [&](const Event& e) { return e.ts.millis() < ts; }) -
         run.events().begin();
}

// The runs agree on every event before `ts`.
void ExpectSameBefore(const LoopRun& a, const LoopRun& b, int64_t ts) {
  const size_t n = CountBefore(a, ts);
  ASSERT_GT(n, 100u);
  ASSERT_EQ(CountBefore(b, ts), n);
  EXPECT_EQ(a.sink.prefix_hash[n - 1], b.sink.prefix_hash[n - 1]);
}

const VictimTruth* FindVictim(const Truth& truth, const std::string& person) {
  for (const VictimTruth& v : truth.victims)
    if (v.person_id == person) return &v;
  return nullptr;
}

const GangTruth* FindGang(const Truth& truth, const std::string& id) {
  for (const GangTruth& g : truth.gangs)
    if (g.id == id) return &g;
  return nullptr;
}

int Layer(const Truth& truth, const std::string& account) {
  for (const GangTruth& g : truth.gangs)
    for (const MuleAccount& m : g.accounts)
      if (m.account == account) return m.layer;
  return -1;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool Completed(const Event& e) {
  return e.type == EventType::kTransfer &&
         e.as<TransferEvent>().status == TransferStatus::kCompleted;
}

bool IsVictimPayment(const Event& e) {
  return e.type == EventType::kTransfer && e.label.fraud && e.label.role == "victim";
}

// Replays the completed transfers from the opening balances (gangs' new cards at 0): no
// account inside the city goes negative, and the result is the engine's final balance.
void ExpectReplayMatchesBalances(const LoopRun& run) {
  const City& city = LoopCity();
  std::unordered_map<std::string, int64_t> balance;
  for (uint32_t a = 0; a < city.accounts().size(); ++a)
    balance.emplace(city.AccountNumber(a), city.accounts()[a].opening_balance_fen);
  for (const Event& e : run.events())
    if (e.type == EventType::kAccountOpen) balance.emplace(e.as<AccountOpenEvent>().account, 0);
  for (const Event& e : run.events()) {
    if (!Completed(e)) continue;
    const auto& t = e.as<TransferEvent>();
    auto from = balance.find(t.from_account);
    if (from != balance.end()) {
      from->second -= t.amount.fen();
      ASSERT_GE(from->second, 0) << e.id;
    }
    auto to = balance.find(t.to_account);
    if (to != balance.end()) to->second += t.amount.fen();
  }
  int64_t total = 0;
  for (const auto& [number, fen] : balance) {
    ASSERT_EQ(fen, run.engine->BalanceFen(number)) << number;
    total += fen;
  }
  EXPECT_EQ(total, run.engine->TotalBalanceFen());
}

TEST(ClosedLoop, TheBaselineHasEnoughFraudToAct) {
  const Truth& truth = BaselineTruth();
  int losers = 0, reported = 0;
  for (const VictimTruth& v : truth.victims) {
    losers += v.loss_fen > 0;
    reported += v.reported.millis() != 0;
  }
  EXPECT_GE(truth.victims.size(), 40u);
  EXPECT_GE(losers, 5);
  EXPECT_GE(reported, 1);
  EXPECT_GT(Baseline().stats().accounts_opened, 0u);
  EXPECT_EQ(Baseline().stats().contacts_blocked, 0u);
  EXPECT_EQ(Baseline().stats().transfers_held + Baseline().stats().transfers_blocked +
                Baseline().stats().transfers_refused,
            0u);
}

// --- contacts ------------------------------------------------------------------------

TEST(ClosedLoop, BlockNumberStopsItsCallsAndSmsButNotTheGang) {
  // The first gang SIM to call, blocked before its first call.
  const Event* first = nullptr;
  for (const Event& e : Baseline().events())
    if (e.type == EventType::kCall && e.label.fraud) {
      first = &e;
      break;
    }
  ASSERT_NE(first, nullptr);
  const std::string number = first->as<CallEvent>().caller;
  const std::string gang = first->label.gang;
  const Action block = MakeAction(1, ActionKind::kBlockNumber,
                                  FloorMinute(first->ts.millis()) - 15 * kMinuteMs, number);
  const int64_t effect = Effect(block);
  ASSERT_LE(effect, first->ts.millis());
  auto run = RunWith({block});
  ExpectSameBefore(Baseline(), *run, effect);
  uint64_t gang_calls_after = 0;
  for (const Event& e : run->events()) {
    if (e.ts.millis() < effect) continue;
    if (e.type == EventType::kCall) {
      ASSERT_NE(e.as<CallEvent>().caller, number) << e.id;
      gang_calls_after += e.label.fraud && e.label.gang == gang;
    }
    if (e.type == EventType::kSms) {
      ASSERT_NE(e.as<SmsEvent>().sender, number) << e.id;
    }
  }
  EXPECT_GT(run->stats().contacts_blocked, 0u);
  EXPECT_GT(gang_calls_after, 100u);  // it rotates to its other SIMs
}

// A number blocked while in use: nothing from it after the effect, the gang carries on.
TEST(ClosedLoop, BlockNumberInUseStopsItForGood) {
  std::map<std::string, std::vector<int64_t>> calls;
  std::map<std::string, std::string> gang_of;
  for (const Event& e : Baseline().events())
    if (e.type == EventType::kCall && e.label.fraud) {
      calls[e.as<CallEvent>().caller].push_back(e.ts.millis());
      gang_of[e.as<CallEvent>().caller] = e.label.gang;
    }
  auto busiest = std::max_element(calls.begin(), calls.end(), [](const auto& a, const auto& b) {
    return a.second.size() < b.second.size();
  });
  ASSERT_NE(busiest, calls.end());
  ASSERT_GE(busiest->second.size(), 10u);
  const std::string number = busiest->first;
  const Action block = MakeAction(2, ActionKind::kBlockNumber,
                                  FloorMinute(busiest->second[busiest->second.size() / 2]), number);
  const int64_t effect = Effect(block);
  ASSERT_GE(busiest->second.back(), effect);  // the baseline used it after the effect
  auto run = RunWith({block});
  ExpectSameBefore(Baseline(), *run, effect);
  uint64_t before = 0, gang_calls_after = 0;
  for (const Event& e : run->events()) {
    if (e.type == EventType::kCall && e.as<CallEvent>().caller == number) {
      ASSERT_LT(e.ts.millis(), effect) << e.id;
      ++before;
    }
    if (e.type == EventType::kSms) {
      ASSERT_FALSE(e.as<SmsEvent>().sender == number && e.ts.millis() >= effect) << e.id;
    }
    if (e.type == EventType::kCall && e.label.fraud && e.label.gang == gang_of[number] &&
        e.ts.millis() >= effect)
      ++gang_calls_after;
  }
  EXPECT_GT(before, 0u);
  EXPECT_GT(gang_calls_after, 50u);
  std::cout << "contacts_blocked after blocking a number in use: " << run->stats().contacts_blocked
            << "\n";
}

// A blocked SMS sender sends no SMS; unlike a blocked number, its calls still go through
// (shown with a resident who texts and calls).
TEST(ClosedLoop, BlockSmsSenderStopsItsSmsOnly) {
  const Event* blast = nullptr;
  for (const Event& e : Baseline().events())
    if (e.type == EventType::kSms && e.label.fraud && e.label.role == "sms_sender") {
      blast = &e;
      break;
    }
  ASSERT_NE(blast, nullptr);
  const std::string gang_sender = blast->as<SmsEvent>().sender;
  const int64_t at = FloorMinute(blast->ts.millis()) - 10 * kMinuteMs;
  // A resident who sends SMS and places calls after `at`.
  std::map<std::string, int> sms_after, calls_after;
  const int64_t decided = at + 4 * kHourMs;
  for (const Event& e : Baseline().events()) {
    if (e.label.fraud || e.ts.millis() < decided + kHourMs) continue;
    if (e.type == EventType::kSms) ++sms_after[e.as<SmsEvent>().sender];
    if (e.type == EventType::kCall) ++calls_after[e.as<CallEvent>().caller];
  }
  std::string resident;
  for (const auto& [number, n] : sms_after)
    if (n >= 2 && calls_after[number] >= 2 && number.size() == 13) {
      resident = number;
      break;
    }
  ASSERT_FALSE(resident.empty());
  const Action block_gang = MakeAction(3, ActionKind::kBlockSmsSender, at, gang_sender);
  const Action block_resident = MakeAction(4, ActionKind::kBlockSmsSender, decided, resident);
  const int64_t effect = Effect(block_gang);
  const int64_t resident_effect = Effect(block_resident);
  ASSERT_LE(effect, blast->ts.millis());
  auto run = RunWith({block_gang, block_resident});
  ExpectSameBefore(Baseline(), *run, effect);
  int resident_calls_after = 0;
  for (const Event& e : run->events()) {
    if (e.type == EventType::kSms) {
      const std::string& sender = e.as<SmsEvent>().sender;
      ASSERT_FALSE(sender == gang_sender && e.ts.millis() >= effect) << e.id;
      ASSERT_FALSE(sender == resident && e.ts.millis() >= resident_effect) << e.id;
    }
    if (e.type == EventType::kCall && e.as<CallEvent>().caller == resident &&
        e.ts.millis() >= decided + kHourMs)
      ++resident_calls_after;
  }
  // Legitimate calls do not depend on what the gangs do: the same calls as the baseline.
  EXPECT_EQ(resident_calls_after, calls_after[resident]);
  EXPECT_GT(run->stats().contacts_blocked, 0u);
}

TEST(ClosedLoop, BlockDomainStopsVisitsAndTheGangRotatesToANewDomain) {
  const int64_t hot_shift = Start() + Options().days / 2 * kDayMs;
  const Event* first = nullptr;
  for (const Event& e : Baseline().events())
    if (e.type == EventType::kWeb && e.label.fraud) {
      first = &e;
      break;
    }
  ASSERT_NE(first, nullptr);
  ASSERT_LT(first->ts.millis(), hot_shift);
  const std::string domain = first->as<WebEvent>().domain;
  const std::string gang = first->label.gang;
  const Action block = MakeAction(5, ActionKind::kBlockDomain,
                                  FloorMinute(first->ts.millis()) - 40 * kMinuteMs, domain);
  const int64_t effect = Effect(block);
  ASSERT_LE(effect, first->ts.millis());
  auto run = RunWith({block});
  ExpectSameBefore(Baseline(), *run, effect);
  const Truth truth = run->engine->truth();
  const GangTruth& before = *FindGang(BaselineTruth(), gang);
  const GangTruth& after = *FindGang(truth, gang);
  std::set<std::string> new_domains;
  for (const std::string& d : after.domains)
    if (!Contains(before.domains, d)) new_domains.insert(d);
  EXPECT_TRUE(Contains(after.domains, domain));  // the truth keeps every domain it used
  EXPECT_FALSE(new_domains.empty());
  uint64_t on_new = 0;
  for (const Event& e : run->events()) {
    if (e.type != EventType::kWeb || e.ts.millis() < effect) continue;
    const std::string& host = e.as<WebEvent>().domain;
    ASSERT_NE(host, domain) << e.id;
    ASSERT_FALSE(host.size() > domain.size() && host.compare(host.size() - domain.size() - 1,
                                                             std::string::npos, "." + domain) == 0)
        << e.id;
    on_new += e.label.fraud && new_domains.count(host);
  }
  EXPECT_GT(on_new, 0u);  // the replacement is in use
}

TEST(ClosedLoop, BlockAppStopsItsInstallsAndTheGangShipsANewApp) {
  const Event* first = nullptr;
  for (const Event& e : Baseline().events())
    if (e.type == EventType::kApp && e.label.fraud) {
      first = &e;
      break;
    }
  ASSERT_NE(first, nullptr);
  const std::string package = first->as<AppEvent>().package;
  const std::string gang = first->label.gang;
  const Action block = MakeAction(6, ActionKind::kBlockApp,
                                  FloorMinute(first->ts.millis()) - 61 * kMinuteMs, package);
  const int64_t effect = Effect(block);
  ASSERT_LE(effect, first->ts.millis());
  auto run = RunWith({block});
  ExpectSameBefore(Baseline(), *run, effect);
  for (const Event& e : run->events()) {
    if (e.type == EventType::kApp && e.ts.millis() >= effect) {
      ASSERT_NE(e.as<AppEvent>().package, package) << e.id;
    }
  }
  const Truth truth = run->engine->truth();
  const GangTruth& before = *FindGang(BaselineTruth(), gang);
  const GangTruth& after = *FindGang(truth, gang);
  std::set<std::string> new_apps;
  for (const std::string& a : after.apps)
    if (!Contains(before.apps, a)) new_apps.insert(a);
  EXPECT_TRUE(Contains(after.apps, package));  // the truth keeps every app it shipped
  EXPECT_FALSE(new_apps.empty());
  // The gang's victims install the replacement instead.
  uint64_t replacement = 0;
  for (const Event& e : run->events())
    if (e.type == EventType::kApp && e.label.gang == gang && e.ts.millis() >= effect)
      replacement += new_apps.count(e.as<AppEvent>().package);
  EXPECT_GT(replacement, 0u);
}

// --- transfers -----------------------------------------------------------------------

// The first victim (by first loss, at least an hour into the run).
const VictimTruth& FirstVictim() {
  const VictimTruth* best = nullptr;
  for (const VictimTruth& v : BaselineTruth().victims)
    if (v.loss_fen > 0 && v.first_loss.millis() >= Start() + kHourMs &&
        (best == nullptr || v.first_loss < best->first_loss))
      best = &v;
  EXPECT_NE(best, nullptr);
  return *best;
}

void ExpectVictimStopped(ActionKind kind, TransferStatus status) {
  const VictimTruth& v = FirstVictim();
  const Action stop =
      MakeAction(7, kind, FloorMinute(v.first_loss.millis()) - 5 * kMinuteMs, v.account);
  const int64_t effect = Effect(stop);
  auto run = RunWith({stop});
  ExpectSameBefore(Baseline(), *run, effect);
  int stopped = 0;
  for (const Event& e : run->events()) {
    if (!IsVictimPayment(e) || e.label.victim != v.person_id || e.ts.millis() < effect) continue;
    ASSERT_EQ(e.as<TransferEvent>().status, status) << e.id;
    ++stopped;
  }
  EXPECT_GT(stopped, 0);
  const VictimTruth* after = FindVictim(run->engine->truth(), v.person_id);
  ASSERT_NE(after, nullptr);
  EXPECT_LT(after->loss_fen, v.loss_fen);
  EXPECT_EQ(after->stopped_transfers, stopped);
  ExpectReplayMatchesBalances(*run);
  if (status == TransferStatus::kHeld) {
    EXPECT_GT(run->stats().transfers_held, 0u);
  } else {
    EXPECT_GT(run->stats().transfers_blocked, 0u);
  }
}

TEST(ClosedLoop, HoldTransferHoldsTheVictimsPaymentsAndMovesNoMoney) {
  ExpectVictimStopped(ActionKind::kHoldTransfer, TransferStatus::kHeld);
}

TEST(ClosedLoop, BlockTransferBlocksTheVictimsPaymentsAndMovesNoMoney) {
  ExpectVictimStopped(ActionKind::kBlockTransfer, TransferStatus::kBlocked);
}

// A hold lasts delays.hold_duration_ms from its effect: with none, nothing is held.
TEST(ClosedLoop, AHoldLastsOnlyItsDuration) {
  const VictimTruth& v = FirstVictim();
  EngineOptions o = Options();
  o.delays.hold_duration_ms = 0;  // expires at once
  const Action hold = MakeAction(8, ActionKind::kHoldTransfer,
                                 FloorMinute(v.first_loss.millis()) - 5 * kMinuteMs, v.account);
  auto run = RunWith({hold}, o);
  EXPECT_EQ(run->stats().transfers_held, 0u);
  EXPECT_EQ(run->sink.hash, Baseline().sink.hash);
}

class BlockVictimPayments : public TransferGate {
 public:
  TransferDecision Decide(const Event& transfer) override {
    ++decided;
    return IsVictimPayment(transfer) ? TransferDecision::kBlock : TransferDecision::kAllow;
  }
  uint64_t decided = 0;
};

TEST(ClosedLoop, ATransferGateThatBlocksEveryVictimPaymentStopsAllTheft) {
  BlockVictimPayments gate;
  auto run = RunWith({}, Options(), &gate);
  EXPECT_GT(gate.decided, 1000u);  // legitimate transfers are asked about too
  EXPECT_EQ(run->stats().stolen_fen, 0);
  EXPECT_EQ(run->stats().victims, 0u);
  EXPECT_GT(run->stats().transfers_blocked, 0u);
  const Truth truth = run->engine->truth();
  EXPECT_FALSE(truth.victims.empty());
  for (const VictimTruth& v : truth.victims) {
    EXPECT_EQ(v.loss_fen, 0) << v.person_id;
    EXPECT_EQ(v.transfers, 0) << v.person_id;
  }
  EXPECT_TRUE(truth.money_paths.empty());
  uint64_t blocked = 0;
  for (const Event& e : run->events()) {
    if (!IsVictimPayment(e)) continue;
    ASSERT_EQ(e.as<TransferEvent>().status, TransferStatus::kBlocked) << e.id;
    ++blocked;
  }
  EXPECT_EQ(blocked, run->stats().transfers_blocked);
  ExpectReplayMatchesBalances(*run);
}

// The first victim payment to a layer-1 mule in the baseline.
const Event& FirstMulePayment() {
  for (const Event& e : Baseline().events())
    if (IsVictimPayment(e) && Completed(e) &&
        Layer(BaselineTruth(), e.as<TransferEvent>().to_account) == 1 &&
        e.ts.millis() < Start() + kDayMs)
      return e;
  ADD_FAILURE() << "no victim payment on the first day";
  return Baseline().events().front();
}

// Stop-pays (or freezes) the mule right after the first victim's money reaches it, before
// the mule can pass it on, and steps the run, watching the mule's balance.
struct StoppedMule {
  std::unique_ptr<LoopRun> run;
  std::string mule;
  int64_t effect = 0;
  int64_t received = 0;          // the mule's balance at the effect
  int64_t lowest_in_window = 0;  // its lowest balance within the window
  bool holdings_frozen_in_window = false;
};

StoppedMule StopMule(ActionKind kind, int64_t window_ms) {
  const Event& pay = FirstMulePayment();
  StoppedMule s;
  s.mule = pay.as<TransferEvent>().to_account;
  EngineOptions o = Options();
  o.delays.stop_pay_ms = 0;
  o.delays.freeze_ms = 0;
  const Action stop = MakeAction(9, kind, pay.ts.millis() + 1, s.mule);
  s.effect = Effect(stop, o);
  s.run = std::make_unique<LoopRun>();
  s.run->engine = std::make_unique<Engine>(LoopCity(), o);
  Engine& engine = *s.run->engine;
  engine.Act(stop);
  s.lowest_in_window = INT64_MAX;
  while (!engine.done()) {
    EXPECT_TRUE(engine.Step(s.run->sink).ok());
    const int64_t now = engine.now().millis();
    if (now == s.effect) s.received = engine.BalanceFen(s.mule);
    if (now > s.effect && now <= s.effect + window_ms)
      s.lowest_in_window = std::min(s.lowest_in_window, engine.BalanceFen(s.mule));
    if (now == s.effect + window_ms - kHourMs) {
      for (const MoneyPath& p : engine.truth().money_paths)
        for (const MoneyHolding& h : p.holdings)
          if (h.account == s.mule) s.holdings_frozen_in_window |= h.frozen;
    }
  }
  return s;
}

void ExpectNothingLeaves(const StoppedMule& s, int64_t until) {
  ExpectSameBefore(Baseline(), *s.run, s.effect);
  uint64_t incoming = 0;
  for (const Event& e : s.run->events()) {
    if (!Completed(e) || e.ts.millis() < s.effect || e.ts.millis() >= until) continue;
    ASSERT_NE(e.as<TransferEvent>().from_account, s.mule) << e.id;
    incoming += e.as<TransferEvent>().to_account == s.mule;
  }
  EXPECT_GT(s.received, 0);
  EXPECT_GE(s.lowest_in_window, s.received);  // what it received stays
  EXPECT_GT(s.run->stats().transfers_refused, 0u);
  ExpectReplayMatchesBalances(*s.run);
}

TEST(ClosedLoop, StopPayKeepsTheMulesMoneyForTheWindow) {
  const int64_t window = Options().delays.stop_pay_duration_ms;
  const StoppedMule s = StopMule(ActionKind::kStopPay, window);
  ExpectNothingLeaves(s, s.effect + window);
  EXPECT_TRUE(s.holdings_frozen_in_window);
}

TEST(ClosedLoop, FreezeKeepsTheMulesMoneyForGood) {
  const int64_t end = Start() + Options().days * kDayMs;
  const StoppedMule s = StopMule(ActionKind::kFreeze, end - Start());
  ExpectNothingLeaves(s, end);
  const Truth truth = s.run->engine->truth();
  int64_t held = 0;
  for (const MoneyPath& p : truth.money_paths)
    for (const MoneyHolding& h : p.holdings)
      if (h.account == s.mule) {
        EXPECT_TRUE(h.frozen) << p.victim;
        held += h.fen;
      }
  EXPECT_GT(held, 0);
}

// --- visits --------------------------------------------------------------------------

const std::set<FeedbackOutcome> kOutcomes = {
    FeedbackOutcome::kDissuaded, FeedbackOutcome::kRefused, FeedbackOutcome::kNotReached,
    FeedbackOutcome::kAlreadyLost, FeedbackOutcome::kFalseAlarm};

// Visiting every engaged target minutes after their first contact (as a closed loop
// would, reading the truth between slices) dissuades most of them.
TEST(ClosedLoop, EarlyVisitsDissuadeMostTargets) {
  auto run = std::make_unique<LoopRun>();
  run->engine = std::make_unique<Engine>(LoopCity(), Options());
  Engine& engine = *run->engine;
  std::map<std::string, std::string> visited;  // warning id → person
  uint64_t step = 0, id = 100;
  while (!engine.done()) {
    ASSERT_TRUE(engine.Step(run->sink).ok());
    if (++step % 5 != 0) continue;
    for (const VictimTruth& v : engine.truth().victims) {
      bool seen = false;
      for (const auto& [w, p] : visited) seen |= p == v.person_id;
      if (seen) continue;
      Action a = MakeAction(++id, ActionKind::kVisit, engine.now().millis(), v.person_id);
      a.ref = "W" + std::to_string(id);
      a.officer = "P-0001";
      visited[a.ref] = v.person_id;
      engine.Act(a);
    }
  }
  const Truth truth = engine.truth();
  std::map<FeedbackOutcome, int> outcomes;
  std::set<std::string> answered;
  for (const Event& e : run->events()) {
    if (e.type != EventType::kFeedback) continue;
    const auto& f = e.as<FeedbackEvent>();
    ASSERT_TRUE(visited.count(f.warning_id)) << f.warning_id;
    EXPECT_TRUE(answered.insert(f.warning_id).second) << f.warning_id;
    EXPECT_EQ(f.officer_id, "P-0001");
    EXPECT_TRUE(kOutcomes.count(f.outcome)) << static_cast<int>(f.outcome);
    ++outcomes[f.outcome];
    const VictimTruth* v = FindVictim(truth, visited[f.warning_id]);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->dissuaded, f.outcome == FeedbackOutcome::kDissuaded) << v->person_id;
    EXPECT_EQ(v->visited, e.ts) << v->person_id;
    EXPECT_EQ(e.label.victim, v->person_id);
  }
  // A visit decided in the last slice takes effect after the run.
  EXPECT_GE(answered.size() + 1, visited.size());
  EXPECT_EQ(engine.stats().visits, answered.size());
  EXPECT_EQ(engine.stats().dissuaded, static_cast<uint64_t>(outcomes[FeedbackOutcome::kDissuaded]));
  int64_t loss = 0, baseline_loss = 0;
  for (const VictimTruth& v : truth.victims) loss += v.loss_fen;
  for (const VictimTruth& v : BaselineTruth().victims) baseline_loss += v.loss_fen;
  std::cout << "visits " << answered.size() << ": dissuaded "
            << outcomes[FeedbackOutcome::kDissuaded] << ", refused "
            << outcomes[FeedbackOutcome::kRefused] << ", not reached "
            << outcomes[FeedbackOutcome::kNotReached] << ", already lost "
            << outcomes[FeedbackOutcome::kAlreadyLost] << ", false alarm "
            << outcomes[FeedbackOutcome::kFalseAlarm] << "; loss " << loss / 100 << " yuan vs "
            << baseline_loss / 100 << " without visits\n";
  EXPECT_GE(answered.size(), 30u);
  EXPECT_GT(outcomes[FeedbackOutcome::kDissuaded] * 2, static_cast<int>(answered.size()));
  EXPECT_LT(loss * 2, baseline_loss);
  // A dissuaded target pays nothing after the visit.
  for (const Event& e : run->events()) {
    if (!IsVictimPayment(e)) continue;
    const VictimTruth* v = FindVictim(truth, e.label.victim);
    ASSERT_NE(v, nullptr);
    if (v->dissuaded) {
      EXPECT_LT(e.ts, v->visited) << e.id;
    }
  }
}

TEST(ClosedLoop, VisitsToStrangersAreFalseAlarmsAndLateVisitsFindTheMoneyGone) {
  const Truth& truth = BaselineTruth();
  std::set<std::string> targets;
  for (const VictimTruth& v : truth.victims) targets.insert(v.person_id);
  std::string stranger;
  for (uint32_t r = 0; r < LoopCity().residents().size() && stranger.empty(); ++r)
    if (LoopCity().residents()[r].age >= 18 && !targets.count(LoopCity().PersonId(r)))
      stranger = LoopCity().PersonId(r);
  const VictimTruth* late = nullptr;
  for (const VictimTruth& v : truth.victims)
    if (v.reported.millis() != 0 && (late == nullptr || v.reported < late->reported)) late = &v;
  ASSERT_NE(late, nullptr);
  Action a = MakeAction(11, ActionKind::kVisit, Start() + 10 * kHourMs, stranger);
  a.ref = "W-stranger";
  Action b = MakeAction(12, ActionKind::kVisit, FloorMinute(late->reported.millis()) + kMinuteMs,
                        late->person_id);
  b.ref = "W-late";
  auto run = RunWith({a, b});
  std::map<std::string, const Event*> feedback;
  for (const Event& e : run->events())
    if (e.type == EventType::kFeedback) feedback[e.as<FeedbackEvent>().warning_id] = &e;
  ASSERT_EQ(feedback.size(), 2u);
  ASSERT_TRUE(feedback.count("W-stranger"));
  ASSERT_TRUE(feedback.count("W-late"));
  EXPECT_EQ(feedback["W-stranger"]->as<FeedbackEvent>().outcome, FeedbackOutcome::kFalseAlarm);
  EXPECT_FALSE(feedback["W-stranger"]->label.fraud);
  EXPECT_EQ(feedback["W-stranger"]->ts.millis(), Effect(a));
  EXPECT_EQ(feedback["W-late"]->as<FeedbackEvent>().outcome, FeedbackOutcome::kAlreadyLost);
  EXPECT_EQ(feedback["W-late"]->ts.millis(), Effect(b));
  EXPECT_EQ(run->stats().visits, 2u);
  EXPECT_EQ(run->stats().dissuaded, 0u);
  // Neither visit changes what the gangs do: the same events but the two feedbacks.
  auto without_id = [](Event e) {
    e.id.clear();
    return Json(e);
  };
  std::vector<std::string> without, base;
  for (const Event& e : run->events())
    if (e.type != EventType::kFeedback) without.push_back(without_id(e));
  for (const Event& e : Baseline().events()) base.push_back(without_id(e));
  EXPECT_TRUE(without == base);
}

// --- outlets and statements ----------------------------------------------------------

std::vector<std::string> ComplicitBankOutlets() {
  std::vector<std::string> codes;
  for (uint32_t i = 0; i < LoopCity().outlets().size(); ++i) {
    const Outlet& o = LoopCity().outlets()[i];
    if (o.complicit && o.kind == OutletKind::kBank) codes.push_back(LoopCity().OutletCode(i));
  }
  return codes;
}

TEST(ClosedLoop, SuspendingEveryComplicitBankOutletStopsMuleCards) {
  const auto outlets = ComplicitBankOutlets();
  ASSERT_FALSE(outlets.empty());
  EngineOptions o = Options();
  o.delays.suspend_outlet_ms = 0;
  std::vector<Action> actions;
  for (const std::string& code : outlets)
    actions.push_back(MakeAction(20 + actions.size(), ActionKind::kSuspendOutlet, Start(), code));
  auto run = RunWith(actions, o);
  EXPECT_GT(Baseline().stats().accounts_opened, 0u);
  EXPECT_EQ(run->stats().accounts_opened, 0u);
  EXPECT_GT(run->stats().openings_refused, 0u);
  EXPECT_GT(run->stats().sims_opened, 0u);  // carriers' outlets were not suspended
  for (const Event& e : run->events()) ASSERT_NE(e.type, EventType::kAccountOpen) << e.id;
  // The gangs rent residents' own cards instead.
  for (const GangTruth& g : run->engine->truth().gangs)
    for (const MuleAccount& m : g.accounts) EXPECT_TRUE(m.outlet.empty()) << m.account;
}

TEST(ClosedLoop, ASuspendedOutletOpensNothingAfterItsEffect) {
  std::map<std::string, int> opened;
  int64_t first = INT64_MAX;
  for (const Event& e : Baseline().events())
    if (e.type == EventType::kAccountOpen) {
      ++opened[e.as<AccountOpenEvent>().outlet];
      first = std::min(first, e.ts.millis());
    }
  ASSERT_FALSE(opened.empty());
  auto busiest = std::max_element(opened.begin(), opened.end(),
                                  [](const auto& a, const auto& b) { return a.second < b.second; });
  const std::string outlet = busiest->first;
  // Decided an hour before the first opening: the default delay lets the openings of the
  // first hours through; no delay stops this outlet's.
  const Action slow = MakeAction(30, ActionKind::kSuspendOutlet, first - kHourMs, outlet);
  auto late = RunWith({slow});
  EXPECT_EQ(late->sink.hash, Baseline().sink.hash);
  EngineOptions o = Options();
  o.delays.suspend_outlet_ms = 0;
  auto now = RunWith({slow}, o);
  uint64_t elsewhere = 0;
  for (const Event& e : now->events())
    if (e.type == EventType::kAccountOpen) {
      ASSERT_NE(e.as<AccountOpenEvent>().outlet, outlet) << e.id;
      ++elsewhere;
    }
  EXPECT_EQ(now->stats().accounts_opened, elsewhere);
  if (ComplicitBankOutlets().size() > 1) {
    EXPECT_GT(elsewhere, 0u);
  }
}

TEST(ClosedLoop, RequestStatementDeliversTheMulesTransfers) {
  const Event& pay = FirstMulePayment();
  const std::string mule = pay.as<TransferEvent>().to_account;
  const int64_t at = FloorMinute(pay.ts.millis()) + 6 * kHourMs;
  const Action request = MakeAction(40, ActionKind::kRequestStatement, at, mule);
  auto run = RunWith({request});
  // A statement changes nothing in the city.
  EXPECT_EQ(run->sink.hash, Baseline().sink.hash);
  ASSERT_EQ(run->sink.statements.size(), 1u);
  EXPECT_EQ(run->stats().statements, 1u);
  const Statement& st = run->sink.statements[0];
  EXPECT_EQ(st.action_id, 40u);
  EXPECT_EQ(st.account, mule);
  EXPECT_EQ(st.requested.millis(), at);
  EXPECT_EQ(st.delivered.millis(), at + Options().delays.statement_ms);
  // Delivered between the events before and after its time.
  const size_t pos = run->sink.statement_position[0];
  ASSERT_GT(pos, 0u);
  ASSERT_LT(pos, run->events().size());
  EXPECT_LT(run->events()[pos - 1].ts, st.delivered);
  EXPECT_GE(run->events()[pos].ts, st.delivered);
  // Exactly the completed transfers touching the account within the window, in order.
  std::map<std::string, const Event*> expected;
  const int64_t from = at - Options().statement_days * kDayMs;
  for (const Event& e : run->events()) {
    if (!Completed(e) || e.ts.millis() < from || e.ts.millis() > at) continue;
    const auto& t = e.as<TransferEvent>();
    if (t.from_account == mule || t.to_account == mule) expected[e.id] = &e;
  }
  ASSERT_FALSE(st.transfers.empty());
  EXPECT_EQ(st.transfers.size(), expected.size());
  for (size_t i = 0; i < st.transfers.size(); ++i) {
    const Event& e = st.transfers[i];
    ASSERT_EQ(e.type, EventType::kTransfer);
    const auto& t = e.as<TransferEvent>();
    EXPECT_TRUE(t.from_account == mule || t.to_account == mule) << e.id;
    auto it = expected.find(e.id);
    ASSERT_NE(it, expected.end()) << e.id;
    const auto& w = it->second->as<TransferEvent>();
    EXPECT_EQ(e.ts, it->second->ts) << e.id;
    EXPECT_EQ(t.amount.fen(), w.amount.fen()) << e.id;
    EXPECT_EQ(t.from_account, w.from_account) << e.id;
    EXPECT_EQ(t.to_account, w.to_account) << e.id;
    EXPECT_EQ(t.channel, w.channel) << e.id;
    if (i > 0) {
      EXPECT_LE(st.transfers[i - 1].ts, e.ts);
    }
  }
}

// --- determinism -----------------------------------------------------------------------

std::vector<Action> Mixed() {
  const Event& pay = FirstMulePayment();
  const VictimTruth& v = FirstVictim();
  std::string number, domain;
  for (const Event& e : Baseline().events()) {
    if (number.empty() && e.type == EventType::kCall && e.label.fraud)
      number = e.as<CallEvent>().caller;
    if (domain.empty() && e.type == EventType::kWeb && e.label.fraud)
      domain = e.as<WebEvent>().domain;
  }
  const int64_t t = Start() + 9 * kHourMs;
  std::vector<Action> a = {
      MakeAction(50, ActionKind::kBlockNumber, t, number),
      MakeAction(51, ActionKind::kBlockDomain, t, domain),
      MakeAction(52, ActionKind::kFreeze, pay.ts.millis(), pay.as<TransferEvent>().to_account),
      MakeAction(53, ActionKind::kHoldTransfer, v.first_loss.millis(), v.account),
      // Same effect time, ordered by id.
      MakeAction(54, ActionKind::kVisit, t + 2 * kHourMs, v.person_id),
      MakeAction(55, ActionKind::kVisit, t + 2 * kHourMs, LoopCity().PersonId(0)),
      MakeAction(56, ActionKind::kRequestStatement, t, pay.as<TransferEvent>().to_account),
  };
  return a;
}

TEST(ClosedLoop, SameActionsSameEventsWhateverTheOrderTheyWereGiven) {
  std::vector<Action> actions = Mixed();
  auto a = RunWith(actions);
  auto b = RunWith(actions);
  std::reverse(actions.begin(), actions.end());
  auto c = RunWith(actions);
  EXPECT_EQ(a->sink.hash, b->sink.hash);
  EXPECT_EQ(a->sink.hash, c->sink.hash);
  EXPECT_EQ(a->events().size(), c->events().size());
  EXPECT_NE(a->sink.hash, Baseline().sink.hash);
  EXPECT_EQ(a->sink.statements.size(), 1u);
}

// Stepping by hand and reading the truth between slices changes nothing.
TEST(ClosedLoop, ReadingTheTruthBetweenStepsDoesNotChangeTheRun) {
  Engine engine(LoopCity(), Options());
  RecordingSink sink;
  uint64_t step = 0;
  while (!engine.done()) {
    ASSERT_TRUE(engine.Step(sink).ok());
    if (++step % 7 == 0) (void)engine.truth();
  }
  EXPECT_EQ(sink.hash, Baseline().sink.hash);
}

}  // namespace
}  // namespace wuzha::sim
