#include "sim/internal/fraud.h"

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
#include "sim/internal/fraud_params.h"
#include "sim/internal/ids.h"
#include "sim/text_gen.h"

namespace wuzha::sim::internal {

std::string NormalizePhoneForAction(const std::string& target) {
  auto n = NormalizePhone(target);
  return n.ok() ? n.value().e164 : target;
}

namespace {

// Fraud contacts follow office hours: nothing 23:00-07:00, busiest mid-morning.
constexpr std::array<double, 24> kFraudHours = {0,   0,   0,   0,   0,   0,   0,   0.4,
                                                1.2, 1.8, 2.0, 1.8, 1.0, 1.4, 1.8, 1.8,
                                                1.6, 1.4, 1.0, 1.0, 0.9, 0.6, 0.3, 0};

constexpr double kFraudHoursMean = 21.0 / 24;  // the weights above sum to 21

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

std::string Id(char prefix, uint64_t n, int width) {
  std::string s(1, prefix);
  std::string digits = std::to_string(n);
  if (static_cast<int>(digits.size()) < width) s.append(width - digits.size(), '0');
  return s + digits;
}

// A whole-yuan amount between lo and hi, log-uniform by octaves (integer arithmetic).
int64_t LogUniform(int64_t lo, int64_t hi, Rng& rng) {
  if (hi <= lo) return lo;
  int octaves = 0;
  for (int64_t v = lo; v * 2 <= hi; v *= 2) ++octaves;
  int64_t base = lo;
  for (int i = static_cast<int>(rng.Uniform(static_cast<uint64_t>(octaves) + 1)); i > 0; --i)
    base *= 2;
  const int64_t top = std::min(hi, base * 2);
  return rng.Range(base, std::max(base, top)) / 100 * 100;
}

}  // namespace

struct FraudModel::Impl {
  explicit Impl(World& w)
      : world(w), city(w.city()), options(w.options()), rng(Rng(options.seed).Fork("fraud")) {
    const double scale = static_cast<double>(city.residents().size()) / kWuhanResidents *
                         std::max(0.0, options.fraud.scale);
    for (uint32_t i = 0; i < city.residents().size(); ++i) {
      const Resident& r = city.residents()[i];
      if (r.phone_count > 0 && r.account_count > 0) reachable.push_back(i);
    }
    int gangs = options.fraud.gangs;
    if (gangs <= 0)
      gangs =
          std::max<int>(kMinGangs, static_cast<int>(city.residents().size() / kResidentsPerGang));
    calls_per_gang_day = kColdCallsPerDay * scale / gangs;
    sms_per_gang_day = kSmsPerDay * scale / gangs;
    exposures_per_gang_day = kExposuresPerDay * scale / gangs;
    for (uint32_t i = 0; i < city.outlets().size(); ++i) {
      const Outlet& o = city.outlets()[i];
      if (!o.complicit) continue;
      (o.kind == OutletKind::kBank ? complicit_banks : complicit_carriers).push_back(i);
    }
    for (uint32_t i = 0; i < city.number_ranges().size(); ++i)
      (city.number_ranges()[i].virtual_operator ? virtual_ranges : real_ranges).push_back(i);
    hot_day = options.fraud.hot_shift_day >= 0 ? options.fraud.hot_shift_day : options.days / 2;
    static constexpr FraudType kHot[] = {FraudType::kFakeCustomerService, FraudType::kFakeInsurance,
                                         FraudType::kOrderBrushing};
    hot_type = rng.Pick(kHot);
    begin = city.options().start.millis();
    if (reachable.empty()) return;
    for (int g = 0; g < gangs; ++g) CreateGang(static_cast<uint32_t>(g));
  }

  // --- setup ----------------------------------------------------------------------

  FraudType DrawType(Rng& r) const {
    uint32_t total = 0;
    for (const ScriptParams& s : kScripts) total += s.case_weight;
    uint32_t x = static_cast<uint32_t>(r.Uniform(total));
    for (const ScriptParams& s : kScripts) {
      if (x < s.case_weight) return s.type;
      x -= s.case_weight;
    }
    return FraudType::kOrderBrushing;
  }

  uint32_t DrawAdult(Rng& r, uint8_t lo, uint8_t hi) const {
    for (int tries = 0; tries < 64; ++tries) {
      const uint32_t who = reachable[r.Uniform(reachable.size())];
      const Resident& res = city.residents()[who];
      if (res.age >= lo && res.age <= hi && !recruited.count(who)) return who;
    }
    return reachable[r.Uniform(reachable.size())];
  }

  // A resident who rents out a card or a SIM: students and job seekers first (断卡).
  uint32_t DrawRecruit(Rng& r) {
    uint32_t who = 0;
    for (int tries = 0; tries < 64; ++tries) {
      who = DrawAdult(r, 18, 45);
      const Resident& res = city.residents()[who];
      if (res.risk == RiskProfile::kStudent || res.risk == RiskProfile::kJobSeeker || r.Chance(0.3))
        break;
    }
    recruited.insert(who);
    return who;
  }

  void CreateGang(uint32_t g) {
    gangs.emplace_back();
    Gang& gang = gangs.back();
    gang.rng = rng.Fork("gang/" + std::to_string(g));
    Rng& r = gang.rng;
    gang.id = Id('G', g + 1, 2);
    // The den: a resident's home community and cell; its callers are recruited locally.
    const uint32_t host = reachable[r.Uniform(reachable.size())];
    gang.den_community = city.residents()[host].community;
    gang.den_cell = city.residents()[host].home_cell;
    gang.type = DrawType(r);
    gang.types.push_back(gang.type);
    NewCampaign(gang);
    gang.slow = r.Chance(0.35);
    gang.evasion = 0.1 + 0.5 * r.Unit();
    gang.ip = "10." + std::to_string(16 + g % 200) + "." + std::to_string(r.Uniform(256)) + "." +
              std::to_string(1 + r.Uniform(254));
    const int callers = static_cast<int>(r.Range(2, 4));
    for (int i = 0; i < callers; ++i) {
      uint32_t who = DrawAdult(r, 18, 40);
      // Prefer someone living in the den's community.
      for (int tries = 0; tries < 32; ++tries) {
        const uint32_t c = DrawAdult(r, 18, 40);
        if (city.residents()[c].community == gang.den_community) {
          who = c;
          break;
        }
      }
      recruited.insert(who);
      gang.callers.push_back(who);
      gang.members.push_back(GangMember{"caller", city.PersonId(who), city.ResidentName(who)});
    }
    gang.financier = DrawAdult(r, 30, 55);
    recruited.insert(gang.financier);
    gang.members.push_back(
        GangMember{"financier", city.PersonId(gang.financier), city.ResidentName(gang.financier)});
    const Resident& fin = city.residents()[gang.financier];
    gang.financier_account = fin.first_account;
    gang.mules[0].push_back(gang.financier_account);
    gang.mule_truth.push_back(MuleAccount{world.AccountNumber(gang.financier_account), 0,
                                          city.PersonId(gang.financier), ""});
    // Mule cards by layer, opened or rented over the first hours of the run.
    const int per_layer[4] = {0, static_cast<int>(r.Range(4, 7)), static_cast<int>(r.Range(3, 5)),
                              static_cast<int>(r.Range(1, 2))};
    for (uint32_t layer = 1; layer <= 3; ++layer)
      for (int i = 0; i < per_layer[layer]; ++i)
        Schedule(begin + r.Range(0, 6 * kHour), StepKind::kOpenMule, g, layer);
    // The SIM farm.
    const int sims =
        gang.slow ? static_cast<int>(r.Range(14, 24)) : static_cast<int>(r.Range(8, 14));
    for (int i = 0; i < sims; ++i)
      Schedule(begin + r.Range(0, 6 * kHour), StepKind::kOpenSim, g, DrawRecruit(r));
    for (int i = 0; i < 3; ++i) NewDomain(gang);
    NewApp(gang);
  }

  void NewCampaign(Gang& gang) {
    gang.campaign = gang.id + "-C" + std::to_string(++gang.campaigns);
  }

  void NewDomain(Gang& gang) {
    const ScriptParams& s = Script(gang.type);
    std::string domain;
    for (int tries = 0; tries < 8; ++tries) {
      if (gang.rng.Chance(0.6)) {
        const Brand* brand = PickBrand(s.brand, gang.rng);
        domain = LookalikeDomain(*brand, gang.rng);
      } else {
        domain = FraudDomain(gang.type, gang.rng);
      }
      if (!used_domains.count(domain)) break;
    }
    used_domains.insert(domain);
    gang.domains.push_back(domain);
    gang.all_domains.push_back(domain);
  }

  void NewApp(Gang& gang) {
    FraudApp app = MakeFraudApp(gang.type, gang.rng);
    gang.apps.push_back(app);
    gang.all_apps.push_back(std::move(app));
  }

  const Brand* PickBrand(BrandKind kind, Rng& r) const {
    std::vector<const Brand*> fits;
    for (const Brand& b : Brands())
      if (b.kind == kind) fits.push_back(&b);
    if (fits.empty()) return &Brands()[r.Uniform(Brands().size())];
    return fits[r.Uniform(fits.size())];
  }

  // --- scheduling -------------------------------------------------------------------

  void Schedule(int64_t due, StepKind kind, uint32_t a, uint32_t b = 0) {
    steps.push(Step{std::max(due, floor_ts), step_seq++, kind, a, b});
  }

  // A target's events belong to the campaign and type that engaged them, even after the
  // gang has moved on to another (the hot-topic shift).
  static void LabelFor(Pending& p, const Target& t) {
    p.event.label.campaign = t.campaign;
    p.event.label.fraud_type = std::string(FraudTypeName(t.type));
  }

  Pending& NewEvent(std::vector<Pending>& out, int64_t ts, EventType type, const Gang& gang,
                    std::string_view role, uint32_t victim) {
    out.emplace_back();
    Pending& p = out.back();
    p.ts = ts;
    p.source = kSrcFraud;
    p.seq = event_seq++;
    p.event.Reset(type);
    p.event.ts = Timestamp::FromMillis(ts);
    p.event.has_label = true;
    Label& l = p.event.label;
    l.fraud = true;
    l.fraud_type = std::string(FraudTypeName(gang.type));
    l.gang = gang.id;
    l.campaign = gang.campaign;
    l.role = std::string(role);
    if (victim != UINT32_MAX) l.victim = city.PersonId(victim);
    return p;
  }

  // --- the slice ----------------------------------------------------------------------

  void Slice(int64_t start, int64_t len, std::vector<Pending>& out) {
    floor_ts = start;
    const int64_t end = start + len;
    // Contacts of the slice, hour piece by hour piece.
    for (int64_t a = start; a < end;) {
      const int64_t local = a + Timestamp::kShanghaiOffsetMs;
      const int64_t b = std::min(end, a + kHour - ((local % kHour) + kHour) % kHour);
      const int hour = static_cast<int>(((local % kDay) + kDay) % kDay / kHour);
      const double f = kFraudHours[static_cast<size_t>(hour)] / kFraudHoursMean *
                       static_cast<double>(b - a) / static_cast<double>(kDay);
      for (uint32_t g = 0; g < gangs.size(); ++g) Contacts(g, a, b - a, f, out);
      a = b;
    }
    // Scripted steps due in the slice. Steps they schedule land in later slices.
    floor_ts = end;
    while (!steps.empty() && steps.top().due < end) {
      const Step s = steps.top();
      steps.pop();
      RunStep(s, out);
    }
    const int64_t day = (start - begin) / kDay;
    if (day >= hot_day && !shifted && options.days > 1) HotShift();
  }

  void Contacts(uint32_t g, int64_t start, int64_t len, double day_fraction,
                std::vector<Pending>& out) {
    Gang& gang = gangs[g];
    Rng& r = gang.rng;
    const uint64_t calls = r.Poisson(calls_per_gang_day * day_fraction);
    for (uint64_t i = 0; i < calls; ++i) ColdCall(g, start + r.Range(0, len - 1), out);
    const uint64_t sms = r.Poisson(sms_per_gang_day * day_fraction);
    for (uint64_t i = 0; i < sms; ++i) Blast(g, start + r.Range(0, len - 1), out);
    const uint64_t ads = r.Poisson(exposures_per_gang_day * day_fraction);
    for (uint64_t i = 0; i < ads; ++i) Exposure(g, start + r.Range(0, len - 1), out);
  }

  // A SIM of the gang for calls (or SMS): one of the active ones; used up or blocked ones
  // are replaced from the farm. kOutside when the farm is empty.
  uint32_t UseSim(Gang& gang, bool for_sms, int64_t ts) {
    auto& active = for_sms ? gang.sms_sims : gang.call_sims;
    // As many SIMs in use as the day's volume needs: a slow gang spreads its calls
    // (about 12 a SIM a day), a fast one bursts (about 50), SMS boxes send about 400.
    const double per_day =
        for_sms ? sms_per_gang_day / 400 : calls_per_gang_day / (gang.slow ? 12.0 : 50.0);
    const size_t want = static_cast<size_t>(std::max(1.0, per_day + 0.5));
    while (active.size() < want && !gang.spare_sims.empty()) {
      const uint32_t s = gang.spare_sims.back();
      gang.spare_sims.pop_back();
      sims[s].quota = for_sms     ? static_cast<int32_t>(gang.rng.Range(500, 1000))
                      : gang.slow ? static_cast<int32_t>(gang.rng.Range(12, 30))
                                  : static_cast<int32_t>(gang.rng.Range(60, 150));
      active.push_back(s);
    }
    if (gang.spare_sims.size() < 3 && !farm_order_pending.count(gang.id)) {
      farm_order_pending.insert(gang.id);
      const uint32_t g = static_cast<uint32_t>(&gang - gangs.data());
      const int batch = static_cast<int>(gang.rng.Range(5, 12));
      for (int i = 0; i < batch; ++i)
        Schedule(ts + gang.rng.Range(2 * kHour, 12 * kHour), StepKind::kOpenSim, g,
                 DrawRecruit(gang.rng));
    }
    if (active.empty()) return kOutside;
    const size_t i = gang.rng.Uniform(active.size());
    const uint32_t s = active[i];
    if (--sims[s].quota <= 0) active.erase(active.begin() + static_cast<long>(i));
    const int64_t day = (ts - begin) / kDay;
    if (sims[s].last_day != day) {
      sims[s].last_day = day;
      ++world.stats().fraud_numbers_used;
    }
    return s;
  }

  std::string CellNear(Gang& gang) {
    uint32_t cell = gang.den_cell;
    if (gang.rng.Chance(0.3))
      cell = (cell + 1 + static_cast<uint32_t>(gang.rng.Uniform(3))) % city.cell_count();
    return city.CellId(cell);
  }

  uint32_t ResidentPhone(uint32_t resident) const { return city.residents()[resident].first_phone; }

  double ProfileFactor(const Gang& gang, uint32_t resident) const {
    const Resident& r = city.residents()[resident];
    const ScriptParams& s = Script(gang.type);
    if (r.age < s.min_age || r.age > s.max_age) return kOffProfile * 0.5;
    return (s.profiles & Bit(r.risk)) ? 1.0 : kOffProfile;
  }

  void FillCall(Pending& p, Gang& gang, uint32_t sim, uint32_t callee_phone, bool answered,
                int64_t duration_s) {
    CallEvent& c = p.event.as<CallEvent>();
    c.caller = world.PhoneNumber(sims[sim].phone);
    c.callee = world.PhoneNumber(callee_phone);
    c.answered = answered;
    c.duration_s = answered ? duration_s : 0;
    c.caller_cell = CellNear(gang);
    const uint32_t owner =
        callee_phone < city.phones().size() ? city.phones()[callee_phone].owner : 0;
    c.callee_cell = city.CellId(city.residents()[owner].home_cell);
    c.caller_imei = Imei(options.seed ^ 0x5b0c, Hash(0, sims[sim].gang, sims[sim].box));
    p.hook = kHookSim;
    p.hook_step = sim;
  }

  void ColdCall(uint32_t g, int64_t ts, std::vector<Pending>& out) {
    Gang& gang = gangs[g];
    const uint32_t sim = UseSim(gang, false, ts);
    if (sim == kOutside) return;
    const uint32_t who = reachable[gang.rng.Uniform(reachable.size())];
    if (recruited.count(who)) return;
    const bool answered = gang.rng.Chance(kCallAnswered);
    const bool engaged = answered && !targets_by_resident.count(who) &&
                         gang.rng.Chance(kEngageAnsweredCall * ProfileFactor(gang, who));
    Pending& p = NewEvent(out, ts, EventType::kCall, gang, "caller", who);
    FillCall(p, gang, sim, ResidentPhone(who), answered,
             engaged ? gang.rng.Range(240, 1500) : gang.rng.Range(3, 40));
    if (engaged) engage_on_delivery[p.seq] = Engagement{g, who, ts};
  }

  std::string LureFor(Gang& gang) {
    if (gang.domains.empty()) NewDomain(gang);
    return LureUrl(gang.domains[gang.rng.Uniform(gang.domains.size())], gang.rng);
  }

  void Blast(uint32_t g, int64_t ts, std::vector<Pending>& out) {
    Gang& gang = gangs[g];
    const uint32_t sim = UseSim(gang, true, ts);
    if (sim == kOutside) return;
    const uint32_t who = reachable[gang.rng.Uniform(reachable.size())];
    Pending& p = NewEvent(out, ts, EventType::kSms, gang, "sms_sender", who);
    SmsEvent& m = p.event.as<SmsEvent>();
    m.sender = world.PhoneNumber(sims[sim].phone);
    m.receiver = city.PhoneNumber(ResidentPhone(who));
    FraudSmsInput in;
    in.type = gang.type;
    in.url = LureFor(gang);
    if (gang.rng.Chance(0.4))
      in.contact = "QQ" + std::to_string(gang.rng.Range(10000000, 999999999));
    in.brand = PickBrand(Script(gang.type).brand, gang.rng);
    m.text = FraudSms(in, gang.evasion, gang.rng);
    m.sender_cell = CellNear(gang);
    m.sender_imei = Imei(options.seed ^ 0x5b0c, Hash(0, sims[sim].gang, sims[sim].box));
    p.hook = kHookSim;
    p.hook_step = sim;
    if (gang.rng.Chance(kSmsClick) && !recruited.count(who))
      Schedule(ts + gang.rng.Range(kMin, 2 * kHour), StepKind::kClick, g, who);
  }

  void WebVisit(std::vector<Pending>& out, Gang& gang, int64_t ts, uint32_t who,
                std::string_view role, uint32_t hook, uint32_t hook_step) {
    Pending& p = NewEvent(out, ts, EventType::kWeb, gang, role, who);
    WebEvent& w = p.event.as<WebEvent>();
    const uint32_t phone = ResidentPhone(who);
    w.phone = city.PhoneNumber(phone);
    w.url = LureFor(gang);
    const size_t host = w.url.find("://") + 3;
    const size_t slash = w.url.find('/', host);
    w.domain = w.url.substr(host, slash == std::string::npos ? std::string::npos : slash - host);
    w.cell = city.CellId(city.residents()[who].home_cell);
    w.device = Imei(options.seed, phone);
    p.hook = hook;
    p.hook_step = hook_step;
  }

  void Exposure(uint32_t g, int64_t ts, std::vector<Pending>& out) {
    Gang& gang = gangs[g];
    const uint32_t who = reachable[gang.rng.Uniform(reachable.size())];
    if (recruited.count(who)) return;
    WebVisit(out, gang, ts, who, "target", kHookExposure, who);
    if (!targets_by_resident.count(who) &&
        gang.rng.Chance(kEngageExposure * ProfileFactor(gang, who)))
      engage_on_delivery[out.back().seq] = Engagement{g, who, ts};
  }

  void Click(uint32_t g, uint32_t who, int64_t ts, std::vector<Pending>& out) {
    Gang& gang = gangs[g];
    WebVisit(out, gang, ts, who, "target", kHookExposure, who);
    if (!targets_by_resident.count(who) && gang.rng.Chance(kEngageClick * ProfileFactor(gang, who)))
      engage_on_delivery[out.back().seq] = Engagement{g, who, ts};
  }

  // --- targets and their scripts ---------------------------------------------------------

  void Engage(uint32_t g, uint32_t who, uint32_t agent_sim, int64_t t0) {
    Gang& gang = gangs[g];
    const Resident& res = city.residents()[who];
    if (targets_by_resident.count(who) || res.account_count == 0) return;
    const ScriptParams& s = Script(gang.type);
    Rng& r = gang.rng;
    Target t;
    t.resident = who;
    t.gang = g;
    t.phone = res.first_phone;
    t.account = res.first_account;
    t.type = gang.type;
    t.campaign = gang.campaign;
    t.agent_sim = agent_sim;
    t.first_contact = t0;
    // The plan: follow-ups, the link, the app, then the payments.
    const int64_t lead = r.Range(s.lead_min_ms, s.lead_max_ms);
    const int follows = static_cast<int>(r.Range(s.follow_min, s.follow_max));
    int64_t at = t0;
    const int steps_before_pay =
        follows + (s.link ? 1 : 0) + (s.app ? 1 : 0) + (s.long_call ? 1 : 0);
    const int64_t step = std::max<int64_t>(kMin, lead / (steps_before_pay + 1));
    for (int i = 0; i < follows; ++i) {
      at += r.Range(step / 2, step);
      t.plan.push_back({at, i % 2 == 0 ? Move::kSms : Move::kCall, 0});
    }
    if (s.link) t.plan.push_back({at += r.Range(step / 2, step), Move::kLink, 0});
    if (s.app) t.plan.push_back({at += r.Range(step / 2, step), Move::kApp, 0});
    if (s.long_call) t.plan.push_back({at += r.Range(step / 2, step), Move::kLongCall, 0});
    at = std::max(at, t0 + lead);
    for (int i = 0; i < s.tasks; ++i) {
      const int64_t task = r.Range(50, 500) * 100;
      t.plan.push_back({at, Move::kTask, task});
      at += r.Range(5 * kMin, 30 * kMin);
      t.plan.push_back({at, Move::kRebate, task * (110 + r.Range(0, 15)) / 100 / 100 * 100});
      at += r.Range(10 * kMin, 60 * kMin);
    }
    int64_t amount = LogUniform(s.amount_min_fen, s.amount_max_fen, r);
    const int pays = static_cast<int>(r.Range(s.pays_min, s.pays_max));
    for (int i = 0; i < pays; ++i) {
      t.plan.push_back({at, Move::kPay, amount});
      at += r.Range(s.gap_min_ms, s.gap_max_ms);
      amount = amount * s.growth_percent / 100 / 100 * 100;
    }
    const uint32_t id = static_cast<uint32_t>(targets.size());
    targets.push_back(std::move(t));
    targets_by_resident[who] = id;
    ++world.stats().targets_engaged;
    Schedule(targets.back().plan.front().at, StepKind::kScript, id);
  }

  uint32_t AgentSim(Target& t, int64_t ts) {
    Gang& gang = gangs[t.gang];
    const Sim& s = sims[t.agent_sim];
    if (s.blocked) {
      const uint32_t fresh = UseSim(gang, false, ts);
      if (fresh != kOutside) t.agent_sim = fresh;
    } else {
      const int64_t day = (ts - begin) / kDay;
      if (sims[t.agent_sim].last_day != day) {
        sims[t.agent_sim].last_day = day;
        ++world.stats().fraud_numbers_used;
      }
    }
    return t.agent_sim;
  }

  uint32_t AliveMule(Gang& gang, int layer, int64_t ts) {
    auto& list = gang.mules[static_cast<size_t>(layer)];
    std::vector<uint32_t> alive;
    for (uint32_t a : list)
      if (!world.CannotSend(a, ts)) alive.push_back(a);
    if (alive.empty()) return kOutside;
    return alive[gang.rng.Uniform(alive.size())];
  }

  void RunScript(uint32_t id, int64_t ts, std::vector<Pending>& out) {
    Target& t = targets[id];
    if (!t.active || t.next >= t.plan.size()) return;
    Gang& gang = gangs[t.gang];
    const ScriptParams& s = Script(t.type);
    const PlannedMove& m = t.plan[t.next];
    const uint32_t hook_step = static_cast<uint32_t>(t.next);
    switch (m.move) {
      case Move::kCall:
      case Move::kLongCall: {
        const uint32_t sim = AgentSim(t, ts);
        Pending& p = NewEvent(out, ts, EventType::kCall, gang, "caller", t.resident);
        LabelFor(p, t);
        FillCall(p, gang, sim, t.phone, true,
                 m.move == Move::kLongCall ? gang.rng.Range(1800, 5400) : gang.rng.Range(120, 900));
        p.hook = id;
        p.hook_step = hook_step;
        break;
      }
      case Move::kSms: {
        const uint32_t sim = AgentSim(t, ts);
        Pending& p = NewEvent(out, ts, EventType::kSms, gang, "caller", t.resident);
        LabelFor(p, t);
        SmsEvent& msg = p.event.as<SmsEvent>();
        msg.sender = world.PhoneNumber(sims[sim].phone);
        msg.receiver = city.PhoneNumber(t.phone);
        FraudSmsInput in;
        in.type = t.type;
        in.url = s.link ? LureFor(gang) : "";
        in.contact = world.PhoneNumber(sims[sim].phone).substr(2);
        in.brand = PickBrand(s.brand, gang.rng);
        msg.text = FraudSms(in, gang.evasion, gang.rng);
        msg.sender_cell = CellNear(gang);
        msg.sender_imei = Imei(options.seed ^ 0x5b0c, Hash(0, sims[sim].gang, sims[sim].box));
        p.hook = id;
        p.hook_step = hook_step;
        break;
      }
      case Move::kLink:
        WebVisit(out, gang, ts, t.resident, "victim", id, hook_step);
        LabelFor(out.back(), t);
        break;
      case Move::kApp: {
        if (gang.apps.empty()) NewApp(gang);
        const FraudApp& app = gang.apps.back();
        Pending& p = NewEvent(out, ts, EventType::kApp, gang, "victim", t.resident);
        LabelFor(p, t);
        AppEvent& a = p.event.as<AppEvent>();
        a.phone = city.PhoneNumber(t.phone);
        a.package = app.package;
        a.app_name = app.name;
        a.cert_sha256 = app.cert_sha256;
        a.file_sha256 = app.file_sha256;
        a.action = AppAction::kInstall;
        a.source = gang.rng.Chance(0.7) ? AppSource::kLink : AppSource::kSideload;
        a.device = Imei(options.seed, t.phone);
        p.hook = id;
        p.hook_step = hook_step;
        break;
      }
      case Move::kTask:
      case Move::kPay: {
        if (!t.agreed) {
          if (!gang.rng.Chance(s.agree)) {
            t.active = false;  // suspicious: stops answering
            return;
          }
          t.agreed = true;
        }
        const uint32_t mule = AliveMule(gang, 1, ts);
        if (mule == kOutside) {
          Retry(id, ts + gang.rng.Range(2 * kHour, 6 * kHour));
          return;
        }
        Pending& p = NewEvent(out, ts, EventType::kTransfer, gang, "victim", t.resident);
        LabelFor(p, t);
        TransferEvent& tr = p.event.as<TransferEvent>();
        world.FillTransferParty(t.account, tr.from_account, tr.from_bank, tr.from_name);
        world.FillTransferParty(mule, tr.to_account, tr.to_bank, tr.to_name);
        tr.amount = Money::FromFen(m.amount);
        tr.channel = gang.rng.Chance(0.8) ? Channel::kMobile : Channel::kOnline;
        tr.payer_phone = city.PhoneNumber(t.phone);
        tr.device = Imei(options.seed, t.phone);
        tr.memo = gang.rng.Chance(0.5) ? std::string(s.memo) : "";
        p.from = t.account;
        p.to = mule;
        p.step_fen = 100;
        p.theft_victim = t.resident;
        p.hook = id;
        p.hook_step = hook_step;
        break;
      }
      case Move::kRebate: {
        const uint32_t mule = AliveMule(gang, 1, ts);
        if (mule == kOutside) {
          Advance(id, ts);
          return;
        }
        Pending& p = NewEvent(out, ts, EventType::kTransfer, gang, "mule", t.resident);
        LabelFor(p, t);
        TransferEvent& tr = p.event.as<TransferEvent>();
        world.FillTransferParty(mule, tr.from_account, tr.from_bank, tr.from_name);
        world.FillTransferParty(t.account, tr.to_account, tr.to_bank, tr.to_name);
        tr.amount = Money::FromFen(m.amount);
        tr.channel = Channel::kMobile;
        tr.device = GangDevice(gang);
        tr.ip = gang.ip;
        tr.memo = "佣金";
        p.from = mule;
        p.to = t.account;
        p.step_fen = 1;
        p.hook = id;
        p.hook_step = hook_step;
        break;
      }
    }
  }

  std::string GangDevice(const Gang& gang) const {
    return Imei(options.seed ^ 0xde5, HashText(gang.id));
  }

  void Advance(uint32_t id, int64_t ts) {
    Target& t = targets[id];
    t.retries = 0;
    ++t.next;
    if (!t.active) return;
    if (t.next >= t.plan.size()) {
      Finish(id, ts);
      return;
    }
    Schedule(std::max(ts + kMin, t.plan[t.next].at), StepKind::kScript, id);
  }

  void Retry(uint32_t id, int64_t due) {
    Target& t = targets[id];
    if (++t.retries > 2) {
      t.active = false;
      Finish(id, due);
      return;
    }
    // Shift the rest of the plan by the delay.
    const int64_t shift = std::max<int64_t>(0, due - t.plan[t.next].at);
    for (size_t i = t.next; i < t.plan.size(); ++i) t.plan[i].at += shift;
    Schedule(due, StepKind::kScript, id);
  }

  void Finish(uint32_t id, int64_t ts) {
    Target& t = targets[id];
    t.active = false;
    if (t.loss <= 0 || report_scheduled.count(id)) return;
    report_scheduled.insert(id);
    const ScriptParams& s = Script(t.type);
    Gang& gang = gangs[t.gang];
    if (!gang.rng.Chance(s.report)) return;
    // Log-uniform within [median/4, median*4].
    static constexpr int kFactorsX4[] = {1, 2, 4, 8, 16};
    const int64_t delay =
        std::max<int64_t>(20 * kMin, s.report_median_ms * kFactorsX4[gang.rng.Uniform(5)] / 4 *
                                         (75 + static_cast<int64_t>(gang.rng.Uniform(51))) / 100);
    Schedule(ts + delay, StepKind::kReport, id);
  }

  void Report(uint32_t id, int64_t ts, std::vector<Pending>& out) {
    Target& t = targets[id];
    Gang& gang = gangs[t.gang];
    Pending& p = NewEvent(out, ts, EventType::kReport, gang, "victim", t.resident);
    LabelFor(p, t);
    ReportEvent& rep = p.event.as<ReportEvent>();
    rep.person_id = city.PersonId(t.resident);
    rep.phone = city.PhoneNumber(t.phone);
    rep.account = city.AccountNumber(t.account);
    rep.fraud_type = std::string(FraudTypeName(t.type));
    rep.loss = Money::FromFen(t.loss);
    rep.fraud_ts = Timestamp::FromMillis(t.first_loss);
    const uint32_t community = city.residents()[t.resident].community;
    rep.community = city.org_units()[community].code;
    rep.station = city.org_units()[city.org_units()[community].parent].code;
    t.reported = ts;
    p.hook = kHookReport;
    ++world.stats().reports;
  }

  // --- laundering ---------------------------------------------------------------------

  uint32_t External(std::string_view kind, uint32_t n) {
    const std::string key = std::string(kind) + "/" + std::to_string(n);
    auto it = externals.find(key);
    if (it != externals.end()) return it->second;
    static constexpr std::string_view kBanks[] = {"ICBC", "CCB", "ABC", "BOC", "CMB"};
    std::string number = "62";
    const uint64_t h = Hash(options.seed, HashText(key));
    std::string digits = std::to_string(h % 100000000000000000ULL);
    number += std::string(17 - std::min<size_t>(17, digits.size()), '0') + digits;
    std::string name = kind == "otc"   ? "个人(USDT承兑商)"
                       : kind == "pay" ? "某某网络科技有限公司(支付通道)"
                                       : "某某金店";
    const uint32_t index = world.AddExternal(number, std::string(kBanks[h % 5]), name);
    externals[key] = index;
    return index;
  }

  void PlanForward(uint32_t g, uint32_t account, int layer, int64_t fen, int64_t ts,
                   uint32_t victim, uint8_t cycles) {
    Gang& gang = gangs[g];
    Rng& r = gang.rng;
    if (fen <= 100) return;
    auto add = [&](uint32_t to, int64_t part, uint8_t to_layer, Channel ch, std::string_view memo,
                   int64_t delay) {
      const uint32_t job = static_cast<uint32_t>(jobs.size());
      jobs.push_back(Job{g, account, to, part, to_layer, 0, cycles, ch, memo, victim});
      Schedule(ts + delay, StepKind::kLaunder, job);
    };
    auto split = [&](int64_t total, int parts) {
      std::vector<int64_t> out;
      int64_t left = total;
      for (int i = parts; i > 1; --i) {
        const int64_t share = left / i;
        const int64_t piece =
            std::max<int64_t>(100, share * (80 + static_cast<int64_t>(r.Uniform(41))) / 100);
        out.push_back(std::min(piece, left));
        left -= out.back();
      }
      out.push_back(left);
      return out;
    };
    if (layer == 1 || layer == 2) {
      // Mules keep a commission; the rest moves on within minutes (layer 1) or hours.
      const int64_t keep = layer == 1 ? fen * kMuleCommissionPerMille / 1000 : 0;
      const int64_t move = fen - keep;
      const bool cycle = layer == 2 && cycles == 0 && r.Chance(0.1);
      const int next_layer = cycle ? 1 : layer + 1;
      int parts = static_cast<int>((move + kSplitBelowFen - 1) / kSplitBelowFen);
      if (layer == 1 && r.Chance(0.7)) parts = std::max(parts, static_cast<int>(r.Range(2, 4)));
      parts = std::max(parts, 1);
      const int64_t base = layer == 1 ? r.Range(kMin, 15 * kMin) : r.Range(10 * kMin, 3 * kHour);
      int i = 0;
      for (int64_t piece : split(move, parts)) {
        uint32_t to = AliveMule(gang, next_layer, ts);
        if (to == account) to = AliveMule(gang, next_layer, ts);
        if (to == kOutside || to == account) {
          CashOut(g, account, piece, ts + base, victim, cycles);
          continue;
        }
        add(to, piece, static_cast<uint8_t>(next_layer), Channel::kMobile, "",
            base + i++ * r.Range(kMin, 5 * kMin));
      }
      if (cycle) jobs.back().cycles = 1;
      return;
    }
    if (layer == 3) {
      // 20% to the financier, the rest cashed out.
      const int64_t to_boss = fen / 5;
      if (to_boss > 0)
        add(gang.financier_account, to_boss, 0, Channel::kMobile, "",
            r.Range(30 * kMin, 6 * kHour));
      CashOut(g, account, fen - to_boss, ts + r.Range(30 * kMin, 12 * kHour), victim, cycles);
      return;
    }
    // The financier converts to USDT a day or two later.
    CashOut(g, account, fen, ts + r.Range(1 * kDay, 2 * kDay), victim, cycles);
  }

  void CashOut(uint32_t g, uint32_t account, int64_t fen, int64_t at, uint32_t victim,
               uint8_t cycles) {
    Gang& gang = gangs[g];
    Rng& r = gang.rng;
    int64_t left = fen;
    int i = 0;
    while (left > 0) {
      const double u = r.Unit();
      int64_t piece;
      uint32_t to;
      Channel ch;
      std::string_view memo;
      if (u < 0.2) {  // ATM, in notes of 100 yuan, at most 20,000 a time
        piece = std::min(left, kAtmMaxFen) / 10000 * 10000;
        if (piece == 0) piece = left;
        to = kOutside;
        ch = Channel::kAtm;
        memo = "取款";
      } else if (u < 0.6) {  // a payment platform's merchant channel (跑分)
        piece = std::min(left, r.Range(10000, 49999) * 100);
        to = External("pay", static_cast<uint32_t>(r.Uniform(20)));
        ch = Channel::kThirdParty;
        memo = "货款";
      } else if (u < 0.9) {  // USDT from an OTC trader
        piece = std::min(left, r.Range(10000, 49999) * 100);
        to = External("otc", static_cast<uint32_t>(r.Uniform(10)));
        ch = Channel::kMobile;
        memo = "USDT";
      } else {  // gold and goods
        piece = std::min(left, r.Range(5000, 40000) * 100);
        to = External("gold", static_cast<uint32_t>(r.Uniform(5)));
        ch = Channel::kPos;
        memo = "黄金";
      }
      if (left - piece < 100) piece = left;  // no dust left behind
      const uint32_t job = static_cast<uint32_t>(jobs.size());
      jobs.push_back(Job{g, account, to, piece, 4, 0, cycles, ch, memo, victim});
      Schedule(at + i++ * r.Range(2 * kMin, 20 * kMin), StepKind::kLaunder, job);
      left -= piece;
    }
  }

  void Launder(uint32_t id, int64_t ts, std::vector<Pending>& out) {
    const Job& j = jobs[id];
    Gang& gang = gangs[j.gang];
    Pending& p = NewEvent(out, ts, EventType::kTransfer, gang, "mule", j.victim);
    TransferEvent& tr = p.event.as<TransferEvent>();
    world.FillTransferParty(j.from, tr.from_account, tr.from_bank, tr.from_name);
    if (j.to != kOutside) world.FillTransferParty(j.to, tr.to_account, tr.to_bank, tr.to_name);
    tr.amount = Money::FromFen(j.fen);
    tr.channel = j.channel;
    tr.memo = std::string(j.memo);
    if (j.channel == Channel::kAtm) {
      const uint32_t outlet =
          j.from < city.accounts().size() ? city.accounts()[j.from].outlet : MuleOutlet(j.from);
      tr.outlet = city.OutletCode(outlet);
    } else {
      tr.device = GangDevice(gang);
      tr.ip = gang.ip;
    }
    p.from = j.from;
    p.to = j.to;
    p.step_fen = 1;
    p.hook = kHookJob;
    p.hook_step = id;
  }

  uint32_t MuleOutlet(uint32_t account) const {
    auto it = opened_outlet.find(account);
    return it == opened_outlet.end() ? 0 : it->second;
  }

  // --- SIMs and mule cards --------------------------------------------------------------

  uint32_t FreeOutlet(const std::vector<uint32_t>& outlets, Rng& r) const {
    std::vector<uint32_t> open;
    for (uint32_t o : outlets)
      if (!world.OutletSuspended(o)) open.push_back(o);
    if (open.empty()) return kOutside;
    return open[r.Uniform(open.size())];
  }

  void OpenSim(uint32_t g, uint32_t holder, int64_t ts, std::vector<Pending>& out) {
    Gang& gang = gangs[g];
    Rng& r = gang.rng;
    farm_order_pending.erase(gang.id);
    const uint32_t outlet = FreeOutlet(complicit_carriers, r);
    if (outlet == kOutside) {
      // Every complicit outlet is suspended: rent a resident's own SIM instead (no opening).
      ++world.stats().openings_refused;
      const uint32_t phone = city.residents()[holder].first_phone;
      AddSim(gang, g, phone);
      gang.members.push_back(
          GangMember{"sim_holder", city.PersonId(holder), city.ResidentName(holder)});
      return;
    }
    const Outlet& o = city.outlets()[outlet];
    const Carrier carrier = static_cast<Carrier>(o.institution);
    // 40% on virtual-operator ranges, else the outlet's carrier.
    std::vector<uint32_t> ranges;
    const bool virt = r.Chance(0.4) && !virtual_ranges.empty();
    for (uint32_t i : virt ? virtual_ranges : real_ranges)
      if (virt || city.number_ranges()[i].carrier == carrier) ranges.push_back(i);
    if (ranges.empty()) ranges = real_ranges;
    const uint32_t range = ranges[r.Uniform(ranges.size())];
    const uint32_t phone = world.OpenPhone(holder, range, outlet);
    if (phone == kOutside) return;
    Pending& p = NewEvent(out, ts, EventType::kSimOpen, gang, "sim_holder", UINT32_MAX);
    SimOpenEvent& s = p.event.as<SimOpenEvent>();
    s.phone = world.PhoneNumber(phone);
    s.person_id = city.PersonId(holder);
    s.name = city.ResidentName(holder);
    s.carrier = std::string(CarrierCode(city.number_ranges()[range].carrier));
    s.outlet = city.OutletCode(outlet);
    s.iccid = "8986" + std::to_string(10000000000000000ULL +
                                      Hash(options.seed, phone) % 90000000000000000ULL);
    AddSim(gang, g, phone);
    gang.outlets.insert(outlet);
    gang.members.push_back(
        GangMember{"sim_holder", city.PersonId(holder), city.ResidentName(holder)});
    ++world.stats().sims_opened;
  }

  void AddSim(Gang& gang, uint32_t g, uint32_t phone) {
    const uint32_t s = static_cast<uint32_t>(sims.size());
    sims.push_back(Sim{phone, g, 0, gang.boxes++ / 16});
    gang.spare_sims.insert(gang.spare_sims.begin(), s);
    gang.all_sims.push_back(s);
  }

  void OpenMule(uint32_t g, int layer, int64_t ts, std::vector<Pending>& out) {
    Gang& gang = gangs[g];
    Rng& r = gang.rng;
    const uint32_t who = DrawRecruit(r);
    const Resident& res = city.residents()[who];
    const bool want_new = r.Chance(0.6);
    const uint32_t outlet = want_new ? FreeOutlet(complicit_banks, r) : kOutside;
    uint32_t account;
    std::string outlet_code;
    if (outlet == kOutside) {
      // Rent the resident's existing card: their own money and spending mix with the gang's.
      if (want_new) ++world.stats().openings_refused;
      account = res.first_account + static_cast<uint32_t>(r.Uniform(res.account_count));
    } else {
      const uint8_t bank = city.outlets()[outlet].institution;
      account = world.OpenAccount(who, bank, outlet);
      opened_outlet[account] = outlet;
      outlet_code = city.OutletCode(outlet);
      Pending& p = NewEvent(out, ts, EventType::kAccountOpen, gang, "mule", UINT32_MAX);
      AccountOpenEvent& a = p.event.as<AccountOpenEvent>();
      a.account = world.AccountNumber(account);
      a.person_id = city.PersonId(who);
      a.name = city.ResidentName(who);
      a.phone = city.PhoneNumber(res.first_phone);
      a.bank = city.banks()[bank].code;
      a.outlet = outlet_code;
      a.account_type = "debit";
      gang.outlets.insert(outlet);
      ++world.stats().accounts_opened;
    }
    gang.mules[static_cast<size_t>(layer)].push_back(account);
    gang.mule_truth.push_back(
        MuleAccount{world.AccountNumber(account), layer, city.PersonId(who), outlet_code});
    gang.members.push_back(GangMember{"mule", city.PersonId(who), city.ResidentName(who)});
  }

  // --- steps ----------------------------------------------------------------------------

  void RunStep(const Step& s, std::vector<Pending>& out) {
    switch (s.kind) {
      case StepKind::kScript: RunScript(s.a, s.due, out); break;
      case StepKind::kClick: Click(s.a, s.b, s.due, out); break;
      case StepKind::kLaunder: Launder(s.a, s.due, out); break;
      case StepKind::kReport: Report(s.a, s.due, out); break;
      case StepKind::kOpenSim: OpenSim(s.a, s.b, s.due, out); break;
      case StepKind::kOpenMule: OpenMule(s.a, static_cast<int>(s.b), s.due, out); break;
    }
  }

  void OnOutcome(const Pending& p, Outcome outcome) {
    if (p.hook == kHookSim || p.hook == kHookExposure) {
      if (p.hook == kHookSim && outcome == Outcome::kContactBlocked) RetireSim(p.hook_step);
      if (p.hook == kHookExposure && outcome == Outcome::kContactBlocked)
        RotateDomain(gangs[GangOf(p)], p.event.as<WebEvent>().domain);
      auto it = engage_on_delivery.find(p.seq);
      if (it != engage_on_delivery.end()) {
        if (outcome == Outcome::kDone) pending_engagements.push_back(it->second);
        engage_on_delivery.erase(it);
      }
      return;
    }
    if (p.hook == kHookReport) return;
    if (p.hook == kHookJob) {
      OnJob(p, outcome);
      return;
    }
    const uint32_t id = p.hook;
    Target& t = targets[id];
    Gang& gang = gangs[t.gang];
    const PlannedMove& m = t.plan[p.hook_step];
    if (outcome == Outcome::kContactBlocked) {
      // Rotate what was blocked and try again later.
      if (p.event.type == EventType::kWeb) RotateDomain(gang, p.event.as<WebEvent>().domain);
      if (p.event.type == EventType::kApp) RotateApp(gang, p.event.as<AppEvent>().package);
      if (p.event.type == EventType::kCall || p.event.type == EventType::kSms)
        RetireSim(t.agent_sim);
      Retry(id, p.ts + gang.rng.Range(30 * kMin, 2 * kHour));
      return;
    }
    if (outcome == Outcome::kHeld || outcome == Outcome::kBlocked) {
      ++t.stopped;
      Retry(id, p.ts + gang.rng.Range(30 * kMin, 2 * kHour));
      return;
    }
    if (outcome == Outcome::kRefused) {  // the mule card was stopped: another one later
      Retry(id, p.ts + gang.rng.Range(10 * kMin, kHour));
      return;
    }
    if (m.move == Move::kRebate && outcome != Outcome::kDone) {
      Advance(id, p.ts);
      return;
    }
    if (outcome == Outcome::kNoFunds) {
      Finish(id, p.ts);
      return;
    }
    if (m.move == Move::kTask || m.move == Move::kPay) {
      if (t.loss == 0) {
        t.first_loss = p.ts;
        ++world.stats().victims;
      }
      t.loss += p.moved_fen;
      ++t.transfers;
      world.stats().stolen_fen += p.moved_fen;
      PlanForward(t.gang, p.to, 1, p.moved_fen, p.ts, t.resident, 0);
    } else if (m.move == Move::kRebate) {
      t.refund += p.moved_fen;
    }
    Advance(id, p.ts);
  }

  void OnJob(const Pending& p, Outcome outcome) {
    Job& j = jobs[p.hook_step];
    if (outcome == Outcome::kRefused || outcome == Outcome::kHeld || outcome == Outcome::kBlocked) {
      if (++j.tries <= 8) Schedule(p.ts + 6 * kHour, StepKind::kLaunder, p.hook_step);
      return;
    }
    if (outcome != Outcome::kDone || p.moved_fen <= 0) return;
    if (j.to_layer <= 3 && j.to != kOutside && IsInside(j.to))
      PlanForward(j.gang, j.to, j.to_layer, p.moved_fen, p.ts, j.victim, j.cycles);
  }

  uint32_t GangOf(const Pending& p) const {
    for (uint32_t g = 0; g < gangs.size(); ++g)
      if (gangs[g].id == p.event.label.gang) return g;
    return 0;
  }

  void RetireSim(uint32_t s) {
    sims[s].blocked = true;
    Gang& gang = gangs[sims[s].gang];
    for (auto* list : {&gang.call_sims, &gang.sms_sims, &gang.spare_sims}) {
      auto it = std::find(list->begin(), list->end(), s);
      if (it != list->end()) list->erase(it);
    }
  }

  void RotateDomain(Gang& gang, const std::string& domain) {
    auto it = std::find(gang.domains.begin(), gang.domains.end(), domain);
    if (it != gang.domains.end()) gang.domains.erase(it);
    if (gang.domains.size() < 3) NewDomain(gang);
  }

  void RotateApp(Gang& gang, const std::string& package) {
    auto it = std::find_if(gang.apps.begin(), gang.apps.end(),
                           [&](const FraudApp& a) { return a.package == package; });
    if (it != gang.apps.end()) gang.apps.erase(it);
    if (gang.apps.empty()) NewApp(gang);
  }

  void EndSlice(int64_t next) {
    // Engagements found while delivering contacts start their scripts now.
    for (const auto& e : pending_engagements) {
      Gang& gang = gangs[e.gang];
      const uint32_t sim = UseSim(gang, false, e.ts);
      if (sim == kOutside) continue;
      floor_ts = next;
      Engage(e.gang, e.resident, sim, e.ts);
    }
    pending_engagements.clear();
  }

  void HotShift() {
    shifted = true;
    for (Gang& gang : gangs) {
      if (gang.type == hot_type || !gang.rng.Chance(0.5)) continue;
      gang.type = hot_type;
      gang.types.push_back(hot_type);
      NewCampaign(gang);
      NewDomain(gang);
      NewApp(gang);
    }
  }

  // --- the closed loop ------------------------------------------------------------------

  void OnVisit(const Action& a, int64_t effect, std::vector<Pending>& out) {
    uint32_t found = UINT32_MAX;
    for (uint32_t i = 0; i < targets.size(); ++i)
      if (city.PersonId(targets[i].resident) == a.target) found = i;  // the latest
    FeedbackOutcome outcome = FeedbackOutcome::kFalseAlarm;
    Pending& p = out.emplace_back();
    p.ts = effect;
    p.source = kSrcLoop;
    p.seq = event_seq++;
    p.event.Reset(EventType::kFeedback);
    p.event.ts = Timestamp::FromMillis(effect);
    p.event.has_label = true;
    if (found != UINT32_MAX) {
      Target& t = targets[found];
      Gang& gang = gangs[t.gang];
      const ScriptParams& s = Script(t.type);
      if (t.visited == 0) t.visited = effect;
      Label& l = p.event.label;
      l.fraud = true;
      l.fraud_type = std::string(FraudTypeName(t.type));
      l.gang = gang.id;
      l.campaign = t.campaign;
      l.role = "victim";
      l.victim = a.target;
      if (!t.active) {
        outcome = t.loss > 0 ? FeedbackOutcome::kAlreadyLost : FeedbackOutcome::kFalseAlarm;
      } else if (!visit_rng.Chance(kVisitReached)) {
        outcome = FeedbackOutcome::kNotReached;
      } else {
        const double elapsed = static_cast<double>(std::max<int64_t>(0, effect - t.first_contact));
        const double p_dissuade =
            s.visit_p0 / (1.0 + elapsed / static_cast<double>(s.visit_tau_ms));
        if (visit_rng.Chance(p_dissuade)) {
          t.dissuaded = true;
          t.active = false;
          ++world.stats().dissuaded;
          outcome = FeedbackOutcome::kDissuaded;
          Finish(found, effect);
        } else {
          outcome = FeedbackOutcome::kRefused;
        }
      }
    }
    FeedbackEvent& f = p.event.as<FeedbackEvent>();
    f.warning_id = a.ref.empty() ? "A" + std::to_string(a.id) : a.ref;
    f.officer_id = a.officer;
    f.outcome = outcome;
  }

  void FillTruth(Truth& truth) const {
    for (const Gang& gang : gangs) {
      GangTruth g;
      g.id = gang.id;
      g.den_community = city.org_units()[gang.den_community].code;
      g.den_cell = city.CellId(gang.den_cell);
      for (FraudType t : gang.types) g.fraud_types.emplace_back(FraudTypeName(t));
      g.members = gang.members;
      for (uint32_t s : gang.all_sims) g.numbers.push_back(world.PhoneNumber(sims[s].phone));
      g.domains = gang.all_domains;
      for (const FraudApp& a : gang.all_apps) g.apps.push_back(a.package);
      g.accounts = gang.mule_truth;
      for (uint32_t o : gang.outlets) g.outlets.push_back(city.OutletCode(o));
      truth.gangs.push_back(std::move(g));
    }
    std::vector<uint32_t> losers;
    for (const Target& t : targets) {
      VictimTruth v;
      v.person_id = city.PersonId(t.resident);
      v.name = city.ResidentName(t.resident);
      v.phone = city.PhoneNumber(t.phone);
      v.account = city.AccountNumber(t.account);
      v.community = city.org_units()[city.residents()[t.resident].community].code;
      v.gang = gangs[t.gang].id;
      v.campaign = t.campaign;
      v.fraud_type = std::string(FraudTypeName(t.type));
      v.first_contact = Timestamp::FromMillis(t.first_contact);
      v.first_loss = Timestamp::FromMillis(t.first_loss);
      v.visited = Timestamp::FromMillis(t.visited);
      v.reported = Timestamp::FromMillis(t.reported);
      v.loss_fen = t.loss;
      v.refund_fen = t.refund;
      v.transfers = t.transfers;
      v.stopped_transfers = t.stopped;
      v.dissuaded = t.dissuaded;
      truth.victims.push_back(std::move(v));
      if (t.loss > 0) losers.push_back(t.resident);
    }
    truth.money_paths = world.MoneyPaths(losers);
  }

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
  std::unordered_map<uint32_t, uint32_t> targets_by_resident;
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

FraudModel::FraudModel(World& world) : impl_(std::make_unique<Impl>(world)) {}
FraudModel::~FraudModel() = default;

void FraudModel::Slice(int64_t start, int64_t len, std::vector<Pending>& out) {
  impl_->Slice(start, len, out);
}
void FraudModel::OnOutcome(const Pending& p, Outcome outcome) { impl_->OnOutcome(p, outcome); }
void FraudModel::EndSlice(int64_t next) { impl_->EndSlice(next); }
void FraudModel::OnVisit(const Action& action, int64_t effect, std::vector<Pending>& out) {
  impl_->OnVisit(action, effect, out);
}
void FraudModel::FillTruth(Truth& truth) const { impl_->FillTruth(truth); }

void FraudModel::NoFraudFeedback(World& world, const Action& a, int64_t effect,
                                 std::vector<Pending>& out) {
  (void)world;
  Pending& p = out.emplace_back();
  p.ts = effect;
  p.source = kSrcLoop;
  p.seq = a.id;
  p.event.Reset(EventType::kFeedback);
  p.event.ts = Timestamp::FromMillis(effect);
  p.event.has_label = true;
  FeedbackEvent& f = p.event.as<FeedbackEvent>();
  f.warning_id = a.ref.empty() ? "A" + std::to_string(a.id) : a.ref;
  f.officer_id = a.officer;
  f.outcome = FeedbackOutcome::kFalseAlarm;
}

}  // namespace wuzha::sim::internal
