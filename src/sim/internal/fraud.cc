// FraudModel: construction, the steps and what their outcomes start (fraud_impl.h).
#include "sim/internal/fraud_impl.h"

namespace wuzha::sim::internal {

std::string NormalizePhoneForAction(const std::string& target) {
  auto n = NormalizePhone(target);
  return n.ok() ? n.value().e164 : target;
}

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

FraudModel::Impl::Impl(World& w)
    : world(w), city(w.city()), options(w.options()), rng(Rng(options.seed).Fork("fraud")) {
  const double scale = static_cast<double>(city.residents().size()) / kWuhanResidents *
                       std::max(0.0, options.fraud.scale);
  for (uint32_t i = 0; i < city.residents().size(); ++i) {
    const Resident& r = city.residents()[i];
    if (r.phone_count > 0 && r.account_count > 0) reachable.push_back(i);
  }
  int gangs = options.fraud.gangs;
  if (gangs <= 0)
    gangs = std::max<int>(kMinGangs, static_cast<int>(city.residents().size() / kResidentsPerGang));
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

void FraudModel::Impl::RunStep(const Step& s, std::vector<Pending>& out) {
  switch (s.kind) {
    case StepKind::kScript: RunScript(s.a, s.due, out); break;
    case StepKind::kClick: Click(s.a, s.b, s.due, out); break;
    case StepKind::kLaunder: Launder(s.a, s.due, out); break;
    case StepKind::kReport: Report(s.a, s.due, out); break;
    case StepKind::kOpenSim: OpenSim(s.a, s.b, s.due, out); break;
    case StepKind::kOpenMule: OpenMule(s.a, static_cast<int>(s.b), s.due, out); break;
  }
}

void FraudModel::Impl::OnOutcome(const Pending& p, Outcome outcome) {
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
    if (p.event.type == EventType::kCall || p.event.type == EventType::kSms) RetireSim(t.agent_sim);
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

void FraudModel::Impl::OnJob(const Pending& p, Outcome outcome) {
  Job& j = jobs[p.hook_step];
  if (outcome == Outcome::kRefused || outcome == Outcome::kHeld || outcome == Outcome::kBlocked) {
    if (++j.tries <= 8) Schedule(p.ts + 6 * kHour, StepKind::kLaunder, p.hook_step);
    return;
  }
  if (outcome != Outcome::kDone || p.moved_fen <= 0) return;
  if (j.to_layer <= 3 && j.to != kOutside && IsInside(j.to))
    PlanForward(j.gang, j.to, j.to_layer, p.moved_fen, p.ts, j.victim, j.cycles);
}

uint32_t FraudModel::Impl::GangOf(const Pending& p) const {
  for (uint32_t g = 0; g < gangs.size(); ++g)
    if (gangs[g].id == p.event.label.gang) return g;
  return 0;
}

void FraudModel::Impl::RetireSim(uint32_t s) {
  sims[s].blocked = true;
  Gang& gang = gangs[sims[s].gang];
  for (auto* list : {&gang.call_sims, &gang.sms_sims, &gang.spare_sims}) {
    auto it = std::find(list->begin(), list->end(), s);
    if (it != list->end()) list->erase(it);
  }
}

void FraudModel::Impl::RotateDomain(Gang& gang, const std::string& domain) {
  auto it = std::find(gang.domains.begin(), gang.domains.end(), domain);
  if (it != gang.domains.end()) gang.domains.erase(it);
  if (gang.domains.size() < 3) NewDomain(gang);
}

void FraudModel::Impl::RotateApp(Gang& gang, const std::string& package) {
  auto it = std::find_if(gang.apps.begin(), gang.apps.end(),
                         [&](const FraudApp& a) { return a.package == package; });
  if (it != gang.apps.end()) gang.apps.erase(it);
  if (gang.apps.empty()) NewApp(gang);
}

void FraudModel::Impl::EndSlice(int64_t next) {
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

void FraudModel::Impl::HotShift() {
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

}  // namespace wuzha::sim::internal
