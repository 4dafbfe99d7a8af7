// MuleScorer: event-by-event state (mules.h). mule_scoring.cc turns it into scores.
#include "risk/mules.h"

#include <algorithm>
#include <string>

#include "risk/internal/mule_state.h"

namespace wuzha::risk {

using internal::AccountState;
using internal::kNever;
using internal::kNone;
using internal::MuleState;
using internal::SimState;

namespace {

uint32_t Account(MuleState& s, std::string_view number) {
  const uint32_t id = s.account_ids.Intern(number);
  if (id == s.accounts.size()) s.accounts.emplace_back();
  return id;
}

uint32_t Number(MuleState& s, std::string_view number) {
  const uint32_t id = s.number_ids.Intern(number);
  if (id == s.sims.size()) {
    s.sims.emplace_back();
    s.sims.back().mobile = internal::IsMobileE164(number);
  }
  return id;
}

// Devices and IPs share one id space; the prefix keeps an IMEI and an IP apart.
uint32_t Device(MuleState& s, char kind, std::string_view key) {
  s.key.assign(1, kind);
  s.key.append(key);
  const uint32_t id = s.device_ids.Intern(s.key);
  if (id == s.devices.size()) s.devices.emplace_back();
  return id;
}

uint32_t Person(MuleState& s, std::string_view person_id) {
  const uint32_t id = s.person_ids.Intern(person_id);
  if (id == s.persons.size()) s.persons.emplace_back();
  return id;
}

uint32_t Outlet(MuleState& s, std::string_view code) {
  const uint32_t id = s.outlet_ids.Intern(code);
  s.outlets = s.outlet_ids.size();
  return id;
}

void RollDay(AccountState& a, int64_t day) {
  if (a.day == day) return;
  a.day = day;
  a.day_in_fen = a.day_out_fen = 0;
}

void FirstUse(int64_t& first, int64_t ts) {
  if (first == kNever) first = ts;
}

// The time an account or number was quiet before `ts`: since its last activity, else
// since it was opened, else since the scorer started watching.
int64_t QuietBefore(const AccountState& a, int64_t ts, int64_t first_ts) {
  if (a.last_activity_ms != kNever) return ts - a.last_activity_ms;
  if (a.opened_ms != kNever) return ts - a.opened_ms;
  return ts - first_ts;
}

void PayOut(MuleState& s, const MuleScorerOptions& o, const TransferEvent& t, uint32_t from,
            uint32_t to, int64_t ts) {
  AccountState& a = s.accounts[from];
  const int64_t fen = t.amount.fen();
  RollDay(a, internal::ShanghaiDay(ts));
  ++a.out_count;
  a.out_fen += fen;
  a.day_out_fen += fen;
  a.max_day_through_fen = std::max(a.max_day_through_fen, std::min(a.day_in_fen, a.day_out_fen));
  // Passed through: money out soon after money in, up to what came in. A shop that takes
  // many small payments and pays a supplier is not passing its takings on within minutes.
  if (a.last_in_ms != kNever && ts - a.last_in_ms <= o.quick_out_ms && a.unmatched_in_fen > 0) {
    const int64_t matched = std::min(fen, a.unmatched_in_fen);
    a.unmatched_in_fen -= matched;
    a.quick_out_fen += matched;
    if (a.dormant_ms == kNever) a.dormant_ms = a.idle_before_last_in_ms;
  }
  if (to != kNone) {
    a.payees.Insert(to, o.set_cap);
    a.recent_out.Push({to, ts, fen});
  }
  // Who pays from a device or an IP: one person's phone pays for that person's accounts; a
  // gang's phone pays for many people's.
  const uint32_t holder =
      internal::StableHash32(t.from_name.empty() ? t.from_account : t.from_name);
  if (o.use_devices && !t.device.empty()) {
    const uint32_t d = Device(s, 'd', t.device);
    a.devices.Insert(d, o.set_cap);
    s.devices[d].holders.Insert(holder, o.set_cap);
  }
  if (o.use_devices && !t.ip.empty()) {
    const uint32_t d = Device(s, 'i', t.ip);
    a.devices.Insert(d, o.set_cap);
    s.devices[d].holders.Insert(holder, o.set_cap);
  }
  if (a.opener_phone != kNone) {
    const auto payer = s.number_ids.Find(t.payer_phone);
    if (t.payer_phone.empty() || !payer || *payer != a.opener_phone) ++a.out_not_by_opener;
  }
  FirstUse(a.first_use_ms, ts);
  a.last_activity_ms = ts;
}

void PayIn(MuleState& s, const MuleScorerOptions& o, const TransferEvent& t, uint32_t from,
           uint32_t to, int64_t ts) {
  AccountState& b = s.accounts[to];
  const int64_t fen = t.amount.fen();
  RollDay(b, internal::ShanghaiDay(ts));
  ++b.in_count;
  b.in_fen += fen;
  b.day_in_fen += fen;
  if (from != kNone) b.payers.Insert(from, o.set_cap);
  b.idle_before_last_in_ms = QuietBefore(b, ts, s.first_ts);
  if (b.last_in_ms == kNever || ts - b.last_in_ms > o.quick_out_ms) b.unmatched_in_fen = 0;
  b.unmatched_in_fen += fen;
  b.last_in_ms = ts;
  FirstUse(b.first_use_ms, ts);
  b.last_activity_ms = ts;
}

void OnTransfer(MuleState& s, const MuleScorerOptions& o, const TransferEvent& t, int64_t ts) {
  if (t.status != TransferStatus::kCompleted) return;
  const uint32_t from = t.from_account.empty() ? kNone : Account(s, t.from_account);
  const uint32_t to = t.to_account.empty() ? kNone : Account(s, t.to_account);
  if (to != kNone) PayIn(s, o, t, from, to, ts);
  if (from != kNone) PayOut(s, o, t, from, to, ts);
}

// One outbound contact (call or SMS) from `from` to `to`, made from `imei`.
void OnContact(MuleState& s, const MuleScorerOptions& o, std::string_view from_number,
               std::string_view to_number, std::string_view imei, bool sms, int64_t ts) {
  if (from_number.empty() || to_number.empty()) return;
  const uint32_t from = Number(s, from_number);
  const uint32_t to = Number(s, to_number);
  const int64_t day = internal::ShanghaiDay(ts);
  SimState& a = s.sims[from];
  FirstUse(a.first_seen_ms, ts);
  if (sms) {
    ++a.sms_out;
    a.sms_day.Add(day);
  } else {
    ++a.calls_out;
    a.calls_day.Add(day);
  }
  a.contacts.Insert(to, o.set_cap);
  FirstUse(a.first_use_ms, ts);
  const bool from_mobile = a.mobile;
  if (o.use_devices && !imei.empty()) {
    const uint32_t d = Device(s, 'd', imei);
    a.imeis.Insert(d, o.set_cap);
    s.devices[d].sims.Insert(from, o.set_cap);
  }
  SimState& b = s.sims[to];
  FirstUse(b.first_seen_ms, ts);
  if (sms) {
    ++b.sms_in;
  } else {
    ++b.calls_in;
  }
  if (from_mobile) b.inbound.Push({from, ts});
}

void OnAccountOpen(MuleState& s, const AccountOpenEvent& a, int64_t ts) {
  if (a.account.empty()) return;
  const uint32_t id = Account(s, a.account);
  const uint32_t outlet = a.outlet.empty() ? kNone : Outlet(s, a.outlet);
  const uint32_t person = a.person_id.empty() ? kNone : Person(s, a.person_id);
  const uint32_t phone = a.phone.empty() ? kNone : Number(s, a.phone);
  AccountState& st = s.accounts[id];
  if (st.opened_ms != kNever) return;  // a repeated record
  st.opened_ms = ts;
  st.outlet = outlet;
  st.person = person;
  st.opener_phone = phone;
  if (person != kNone) ++s.persons[person].cards;
}

void OnSimOpen(MuleState& s, const SimOpenEvent& o, int64_t ts) {
  if (o.phone.empty()) return;
  const uint32_t id = Number(s, o.phone);
  const uint32_t outlet = o.outlet.empty() ? kNone : Outlet(s, o.outlet);
  const uint32_t person = o.person_id.empty() ? kNone : Person(s, o.person_id);
  SimState& st = s.sims[id];
  if (st.opened_ms != kNever) return;
  st.opened_ms = ts;
  st.outlet = outlet;
  st.person = person;
  if (person != kNone) ++s.persons[person].sims;
}

// A victim's report points at the payees of the victim's payments from the loss on, and
// at the mobiles that contacted the victim in the days before it.
void OnReport(MuleState& s, const MuleScorerOptions& o, const ReportEvent& r, int64_t ts) {
  const int64_t loss_at = r.fraud_ts.millis() > 0 ? r.fraud_ts.millis() : ts - o.report_lookback_ms;
  if (!r.account.empty()) {
    if (const auto victim = s.account_ids.Find(r.account)) {
      for (const internal::Payment& p : s.accounts[*victim].recent_out.items())
        if (p.ts >= loss_at - o.report_slack_ms && p.fen >= o.min_report_fen)
          s.accounts[p.payee].reported_victims.Insert(*victim, o.set_cap);
    }
  }
  if (!r.phone.empty()) {
    if (const auto victim = s.number_ids.Find(r.phone)) {
      for (const internal::Contact& c : s.sims[*victim].inbound.items())
        if (c.ts >= loss_at - o.report_lookback_ms && c.ts <= loss_at + o.report_slack_ms)
          s.sims[c.from].reported_victims.Insert(*victim, o.set_cap);
    }
  }
}

}  // namespace

MuleScorer::MuleScorer(MuleScorerOptions options)
    : options_(options), state_(std::make_unique<MuleState>()) {}
MuleScorer::~MuleScorer() = default;
MuleScorer::MuleScorer(MuleScorer&&) noexcept = default;
MuleScorer& MuleScorer::operator=(MuleScorer&&) noexcept = default;

Status MuleScorer::Observe(const Event& e) {
  MuleState& s = *state_;
  const int64_t ts = e.ts.millis();
  if (s.last_ts != kNever && ts < s.last_ts)
    return InvalidArgumentError("mules: event " + e.id + " at " + e.ts.ToString() +
                                " is older than the last one observed");
  if (s.first_ts == kNever) s.first_ts = ts;
  s.last_ts = ts;
  switch (e.type) {
    case EventType::kTransfer: OnTransfer(s, options_, e.as<TransferEvent>(), ts); break;
    case EventType::kCall: {
      const CallEvent& c = e.as<CallEvent>();
      OnContact(s, options_, c.caller, c.callee, c.caller_imei, false, ts);
      break;
    }
    case EventType::kSms: {
      const SmsEvent& m = e.as<SmsEvent>();
      OnContact(s, options_, m.sender, m.receiver, m.sender_imei, true, ts);
      break;
    }
    case EventType::kAccountOpen:
      if (options_.use_openings) OnAccountOpen(s, e.as<AccountOpenEvent>(), ts);
      break;
    case EventType::kSimOpen:
      if (options_.use_openings) OnSimOpen(s, e.as<SimOpenEvent>(), ts);
      break;
    case EventType::kReport:
      if (options_.use_reports) OnReport(s, options_, e.as<ReportEvent>(), ts);
      break;
    default: break;
  }
  return Status::Ok();
}

void MuleScorer::FlagAccount(std::string_view account) {
  if (!account.empty()) state_->accounts[Account(*state_, account)].flagged = true;
}

void MuleScorer::FlagNumber(std::string_view phone) {
  if (!phone.empty()) state_->sims[Number(*state_, phone)].flagged = true;
}

size_t MuleScorer::accounts_seen() const { return state_->accounts.size(); }
size_t MuleScorer::numbers_seen() const { return state_->sims.size(); }

}  // namespace wuzha::risk
