// The inside of FraudModel (fraud.h), shared by its implementation files: fraud.cc (the
// model's entry points and outcomes), fraud_setup.cc (gangs, SIM farms, mule cards),
// fraud_contacts.cc (the slice's cold calls, SMS blasts and ad visits), fraud_scripts.cc
// (engaged targets' scripts, reports, visits), fraud_laundering.cc and fraud_truth.cc.
// Nothing outside those files includes it.
#pragma once

#include <algorithm>
#include <charconv>
#include <map>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/fraud_type.h"
#include "core/phone.h"
#include "core/random.h"
#include "sim/internal/fraud.h"
#include "sim/internal/fraud_params.h"
#include "sim/internal/ids.h"
#include "sim/text_gen.h"

namespace wuzha::sim::internal {

// Fraud contacts follow office hours: nothing 23:00-07:00, busiest mid-morning.
inline constexpr std::array<double, 24> kFraudHours = {0,   0,   0,   0,   0,   0,   0,   0.4,
                                                       1.2, 1.8, 2.0, 1.8, 1.0, 1.4, 1.8, 1.8,
                                                       1.6, 1.4, 1.0, 1.0, 0.9, 0.6, 0.3, 0};

inline constexpr double kFraudHoursMean = 21.0 / 24;  // the weights above sum to 21

enum class StepKind : uint8_t {
  kScript,    // a: target — its next planned move
  kClick,     // a: gang, b: resident — an SMS recipient follows the link
  kLaunder,   // a: job — one laundering transfer
  kReport,    // a: target
  kOpenSim,   // a: gang, b: holder resident
  kOpenMule,  // a: gang, b: layer (the resident is drawn when it runs)
};

struct Step {
  int64_t due;
  uint64_t seq;
  StepKind kind;
  uint32_t a, b;
  bool operator>(const Step& o) const { return due != o.due ? due > o.due : seq > o.seq; }
};

enum class Move : uint8_t {
  kCall,      // a follow-up call from the agent's SIM
  kLongCall,  // the screen-share call while the victim "verifies"
  kSms,       // a follow-up SMS with the link or the agent's contact
  kLink,      // the victim opens the lure link
  kApp,       // the victim installs the app
  kTask,      // 刷单: a small paid task (victim → mule)
  kRebate,    // 刷单: the task paid back with commission (mule → victim)
  kPay,       // a payment (victim → mule)
};

struct PlannedMove {
  int64_t at;
  Move move;
  int64_t amount;
};

struct Sim {
  uint32_t phone;
  uint32_t gang;
  int32_t quota;  // contacts before the gang throws it away
  uint32_t box;   // SIM box (shared IMEI)
  int64_t last_day = -1;
  bool blocked = false;
};

struct Gang {
  std::string id;
  uint32_t den_community = 0;
  uint32_t den_cell = 0;
  FraudType type = FraudType::kOrderBrushing;
  std::vector<FraudType> types;
  std::string campaign;
  int campaigns = 0;
  bool slow = false;  // low-and-slow SIM use (many SIMs, few calls each)
  double evasion = 0.3;
  std::string ip;
  std::vector<uint32_t> callers;
  uint32_t financier = 0, financier_account = 0;
  std::vector<uint32_t> call_sims, sms_sims, spare_sims, all_sims;  // indexes into sims
  std::vector<std::string> domains, all_domains;
  std::vector<FraudApp> apps, all_apps;
  std::array<std::vector<uint32_t>, 4> mules;  // accounts by layer (0 = financier)
  std::vector<MuleAccount> mule_truth;
  std::vector<GangMember> members;
  std::set<uint32_t> outlets;
  uint32_t boxes = 0;
  Rng rng{0};
};

struct Target {
  uint32_t resident = 0, gang = 0, phone = 0, account = 0;
  FraudType type = FraudType::kOrderBrushing;
  std::string campaign;
  uint32_t agent_sim = 0;
  int64_t first_contact = 0, first_loss = 0, visited = 0, reported = 0;
  std::vector<PlannedMove> plan;
  size_t next = 0;
  int retries = 0;
  int stopped = 0;
  int transfers = 0;
  int64_t loss = 0, refund = 0;
  bool agreed = false, active = true, dissuaded = false;
};

struct Job {
  uint32_t gang;
  uint32_t from, to;  // to: account, external, or kOutside (cash)
  int64_t fen;
  uint8_t to_layer;  // layer of `to`; 4 = an exit
  uint8_t tries;
  uint8_t cycles;
  Channel channel;
  std::string_view memo;
  uint32_t victim;  // resident whose money it mostly carries (labels)
};

inline std::string Id(char prefix, uint64_t n, int width) {
  std::string s(1, prefix);
  std::string digits = std::to_string(n);
  if (static_cast<int>(digits.size()) < width) s.append(width - digits.size(), '0');
  return s + digits;
}

// A whole-yuan amount between lo and hi, log-uniform by octaves (integer arithmetic).
inline int64_t LogUniform(int64_t lo, int64_t hi, Rng& rng) {
  if (hi <= lo) return lo;
  int octaves = 0;
  for (int64_t v = lo; v * 2 <= hi; v *= 2) ++octaves;
  int64_t base = lo;
  for (int i = static_cast<int>(rng.Uniform(static_cast<uint64_t>(octaves) + 1)); i > 0; --i)
    base *= 2;
  const int64_t top = std::min(hi, base * 2);
  return rng.Range(base, std::max(base, top)) / 100 * 100;
}

struct FraudModel::Impl {
  explicit Impl(World& w);

  // --- setup ----------------------------------------------------------------------

  FraudType DrawType(Rng& r) const;

  uint32_t DrawAdult(Rng& r, uint8_t lo, uint8_t hi) const;

  // A resident who rents out a card or a SIM: students and job seekers first (断卡).
  uint32_t DrawRecruit(Rng& r);

  void CreateGang(uint32_t g);

  void NewCampaign(Gang& gang);

  void NewDomain(Gang& gang);

  void NewApp(Gang& gang);

  const Brand* PickBrand(BrandKind kind, Rng& r) const;

  // --- scheduling -------------------------------------------------------------------

  void Schedule(int64_t due, StepKind kind, uint32_t a, uint32_t b = 0);

  // A target's events belong to the campaign and type that engaged them, even after the
  // gang has moved on to another (the hot-topic shift).
  static void LabelFor(Pending& p, const Target& t);

  Pending& NewEvent(std::vector<Pending>& out, int64_t ts, EventType type, const Gang& gang,
                    std::string_view role, uint32_t victim);

  // --- the slice ----------------------------------------------------------------------

  void Slice(int64_t start, int64_t len, std::vector<Pending>& out);

  void Contacts(uint32_t g, int64_t start, int64_t len, double day_fraction,
                std::vector<Pending>& out);

  // A SIM of the gang for calls (or SMS): one of the active ones; used up or blocked ones
  // are replaced from the farm. kOutside when the farm is empty.
  uint32_t UseSim(Gang& gang, bool for_sms, int64_t ts);

  std::string CellNear(Gang& gang);

  uint32_t ResidentPhone(uint32_t resident) const { return city.residents()[resident].first_phone; }

  double ProfileFactor(const Gang& gang, uint32_t resident) const;

  void FillCall(Pending& p, Gang& gang, uint32_t sim, uint32_t callee_phone, bool answered,
                int64_t duration_s);

  void ColdCall(uint32_t g, int64_t ts, std::vector<Pending>& out);

  std::string LureFor(Gang& gang);

  void Blast(uint32_t g, int64_t ts, std::vector<Pending>& out);

  void WebVisit(std::vector<Pending>& out, Gang& gang, int64_t ts, uint32_t who,
                std::string_view role, uint32_t hook, uint32_t hook_step);

  void Exposure(uint32_t g, int64_t ts, std::vector<Pending>& out);

  void Click(uint32_t g, uint32_t who, int64_t ts, std::vector<Pending>& out);

  // --- targets and their scripts ---------------------------------------------------------

  void Engage(uint32_t g, uint32_t who, uint32_t agent_sim, int64_t t0);

  uint32_t AgentSim(Target& t, int64_t ts);

  uint32_t AliveMule(Gang& gang, int layer, int64_t ts);

  void RunScript(uint32_t id, int64_t ts, std::vector<Pending>& out);

  std::string GangDevice(const Gang& gang) const;

  void Advance(uint32_t id, int64_t ts);

  void Retry(uint32_t id, int64_t due);

  void Finish(uint32_t id, int64_t ts);

  void Report(uint32_t id, int64_t ts, std::vector<Pending>& out);

  // --- laundering ---------------------------------------------------------------------

  uint32_t External(std::string_view kind, uint32_t n);

  void PlanForward(uint32_t g, uint32_t account, int layer, int64_t fen, int64_t ts,
                   uint32_t victim, uint8_t cycles);

  void CashOut(uint32_t g, uint32_t account, int64_t fen, int64_t at, uint32_t victim,
               uint8_t cycles);

  void Launder(uint32_t id, int64_t ts, std::vector<Pending>& out);

  uint32_t MuleOutlet(uint32_t account) const;

  // --- SIMs and mule cards --------------------------------------------------------------

  uint32_t FreeOutlet(const std::vector<uint32_t>& outlets, Rng& r) const;

  void OpenSim(uint32_t g, uint32_t holder, int64_t ts, std::vector<Pending>& out);

  void AddSim(Gang& gang, uint32_t g, uint32_t phone);

  void OpenMule(uint32_t g, int layer, int64_t ts, std::vector<Pending>& out);

  // --- steps ----------------------------------------------------------------------------

  void RunStep(const Step& s, std::vector<Pending>& out);

  void OnOutcome(const Pending& p, Outcome outcome);

  void OnJob(const Pending& p, Outcome outcome);

  uint32_t GangOf(const Pending& p) const;

  void RetireSim(uint32_t s);

  void RotateDomain(Gang& gang, const std::string& domain);

  void RotateApp(Gang& gang, const std::string& package);

  void EndSlice(int64_t next);

  void HotShift();

  // --- the closed loop ------------------------------------------------------------------

  void OnVisit(const Action& a, int64_t effect, std::vector<Pending>& out);

  void FillTruth(Truth& truth) const;

  static constexpr uint32_t kHookSim = UINT32_MAX - 1;
  static constexpr uint32_t kHookExposure = UINT32_MAX - 2;
  static constexpr uint32_t kHookJob = UINT32_MAX - 3;
  static constexpr uint32_t kHookReport = UINT32_MAX - 4;

  struct Engagement {
    uint32_t gang, resident;
    int64_t ts;
  };

  World& world;
  const City& city;
  const EngineOptions& options;
  Rng rng;
  Rng visit_rng{Rng(options.seed).Fork("visits")};
  int64_t begin = 0;
  int64_t floor_ts = 0;
  std::vector<uint32_t> reachable;  // residents with a phone and an account
  std::vector<uint32_t> complicit_banks, complicit_carriers, virtual_ranges, real_ranges;
  double calls_per_gang_day = 0, sms_per_gang_day = 0, exposures_per_gang_day = 0;
  int hot_day = 0;
  FraudType hot_type = FraudType::kFakeCustomerService;
  bool shifted = false;
  std::vector<Gang> gangs;
  std::vector<Sim> sims;
  std::vector<Target> targets;
  std::unordered_map<uint32_t, uint32_t> targets_by_resident;  // a resident is engaged once
  std::unordered_map<std::string, uint32_t> target_by_person;   // the same, by person id
  std::unordered_set<uint32_t> recruited;
  std::unordered_set<std::string> used_domains;
  std::set<std::string> farm_order_pending;
  std::set<uint32_t> report_scheduled;
  std::unordered_map<uint32_t, uint32_t> opened_outlet;
  std::map<std::string, uint32_t> externals;
  std::vector<Job> jobs;
  std::vector<Engagement> pending_engagements;
  std::unordered_map<uint64_t, Engagement> engage_on_delivery;  // by fraud event seq
  std::priority_queue<Step, std::vector<Step>, std::greater<Step>> steps;
  uint64_t step_seq = 0, event_seq = 0;
};

}  // namespace wuzha::sim::internal
