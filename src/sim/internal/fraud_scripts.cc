// FraudModel: engaged targets' scripts, reports and officers' visits (fraud_impl.h).
#include "sim/internal/fraud_impl.h"

namespace wuzha::sim::internal {

void FraudModel::Impl::Engage(uint32_t g, uint32_t who, uint32_t agent_sim, int64_t t0) {
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
  const int steps_before_pay = follows + (s.link ? 1 : 0) + (s.app ? 1 : 0) + (s.long_call ? 1 : 0);
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
  target_by_person[city.PersonId(who)] = id;
  ++world.stats().targets_engaged;
  Schedule(targets.back().plan.front().at, StepKind::kScript, id);
}

uint32_t FraudModel::Impl::AgentSim(Target& t, int64_t ts) {
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

uint32_t FraudModel::Impl::AliveMule(Gang& gang, int layer, int64_t ts) {
  auto& list = gang.mules[static_cast<size_t>(layer)];
  std::vector<uint32_t> alive;
  for (uint32_t a : list)
    if (!world.CannotSend(a, ts)) alive.push_back(a);
  if (alive.empty()) return kOutside;
  return alive[gang.rng.Uniform(alive.size())];
}

void FraudModel::Impl::RunScript(uint32_t id, int64_t ts, std::vector<Pending>& out) {
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

std::string FraudModel::Impl::GangDevice(const Gang& gang) const {
  return Imei(options.seed ^ 0xde5, HashText(gang.id));
}

void FraudModel::Impl::Advance(uint32_t id, int64_t ts) {
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

void FraudModel::Impl::Retry(uint32_t id, int64_t due) {
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

void FraudModel::Impl::Finish(uint32_t id, int64_t ts) {
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

void FraudModel::Impl::Report(uint32_t id, int64_t ts, std::vector<Pending>& out) {
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

void FraudModel::Impl::OnVisit(const Action& a, int64_t effect, std::vector<Pending>& out) {
  uint32_t found = UINT32_MAX;
  if (auto it = target_by_person.find(a.target); it != target_by_person.end()) found = it->second;
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
      const double p_dissuade = s.visit_p0 / (1.0 + elapsed / static_cast<double>(s.visit_tau_ms));
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

}  // namespace wuzha::sim::internal
