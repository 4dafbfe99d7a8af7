// FraudModel: a slice's cold calls, SMS blasts, ad visits and clicks (fraud_impl.h).
#include "sim/internal/fraud_impl.h"

namespace wuzha::sim::internal {

void FraudModel::Impl::Schedule(int64_t due, StepKind kind, uint32_t a, uint32_t b) {
  steps.push(Step{std::max(due, floor_ts), step_seq++, kind, a, b});
}

void FraudModel::Impl::LabelFor(Pending& p, const Target& t) {
  p.event.label.campaign = t.campaign;
  p.event.label.fraud_type = std::string(FraudTypeName(t.type));
}

Pending& FraudModel::Impl::NewEvent(std::vector<Pending>& out, int64_t ts, EventType type,
                                    const Gang& gang, std::string_view role, uint32_t victim) {
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

void FraudModel::Impl::Slice(int64_t start, int64_t len, std::vector<Pending>& out) {
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

void FraudModel::Impl::Contacts(uint32_t g, int64_t start, int64_t len, double day_fraction,
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

uint32_t FraudModel::Impl::UseSim(Gang& gang, bool for_sms, int64_t ts) {
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

std::string FraudModel::Impl::CellNear(Gang& gang) {
  uint32_t cell = gang.den_cell;
  if (gang.rng.Chance(0.3))
    cell = (cell + 1 + static_cast<uint32_t>(gang.rng.Uniform(3))) % city.cell_count();
  return city.CellId(cell);
}

double FraudModel::Impl::ProfileFactor(const Gang& gang, uint32_t resident) const {
  const Resident& r = city.residents()[resident];
  const ScriptParams& s = Script(gang.type);
  if (r.age < s.min_age || r.age > s.max_age) return kOffProfile * 0.5;
  return (s.profiles & Bit(r.risk)) ? 1.0 : kOffProfile;
}

void FraudModel::Impl::FillCall(Pending& p, Gang& gang, uint32_t sim, uint32_t callee_phone,
                                bool answered, int64_t duration_s) {
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

void FraudModel::Impl::ColdCall(uint32_t g, int64_t ts, std::vector<Pending>& out) {
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

std::string FraudModel::Impl::LureFor(Gang& gang) {
  if (gang.domains.empty()) NewDomain(gang);
  return LureUrl(gang.domains[gang.rng.Uniform(gang.domains.size())], gang.rng);
}

void FraudModel::Impl::Blast(uint32_t g, int64_t ts, std::vector<Pending>& out) {
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
  if (gang.rng.Chance(0.4)) in.contact = "QQ" + std::to_string(gang.rng.Range(10000000, 999999999));
  in.brand = PickBrand(Script(gang.type).brand, gang.rng);
  m.text = FraudSms(in, gang.evasion, gang.rng);
  m.sender_cell = CellNear(gang);
  m.sender_imei = Imei(options.seed ^ 0x5b0c, Hash(0, sims[sim].gang, sims[sim].box));
  p.hook = kHookSim;
  p.hook_step = sim;
  if (gang.rng.Chance(kSmsClick) && !recruited.count(who))
    Schedule(ts + gang.rng.Range(kMin, 2 * kHour), StepKind::kClick, g, who);
}

void FraudModel::Impl::WebVisit(std::vector<Pending>& out, Gang& gang, int64_t ts, uint32_t who,
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

void FraudModel::Impl::Exposure(uint32_t g, int64_t ts, std::vector<Pending>& out) {
  Gang& gang = gangs[g];
  const uint32_t who = reachable[gang.rng.Uniform(reachable.size())];
  if (recruited.count(who)) return;
  WebVisit(out, gang, ts, who, "target", kHookExposure, who);
  if (!targets_by_resident.count(who) &&
      gang.rng.Chance(kEngageExposure * ProfileFactor(gang, who)))
    engage_on_delivery[out.back().seq] = Engagement{g, who, ts};
}

void FraudModel::Impl::Click(uint32_t g, uint32_t who, int64_t ts, std::vector<Pending>& out) {
  Gang& gang = gangs[g];
  WebVisit(out, gang, ts, who, "target", kHookExposure, who);
  if (!targets_by_resident.count(who) && gang.rng.Chance(kEngageClick * ProfileFactor(gang, who)))
    engage_on_delivery[out.back().seq] = Engagement{g, who, ts};
}

}  // namespace wuzha::sim::internal
