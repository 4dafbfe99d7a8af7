// MuleScorer::Rank: features from the state (internal/mule_state.h), the weighted score
// and the ranking with reasons. The feature table below is the scoring; docs/risk.md
// copies it, and tests/risk/mules_test.cc checks each feature on hand-made events.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>

#include "core/det_math.h"
#include "risk/internal/mule_state.h"
#include "risk/mules.h"

namespace wuzha::risk {

using internal::AccountState;
using internal::kHourMs;
using internal::kNever;
using internal::kNone;
using internal::MuleState;
using internal::SimState;

namespace {

constexpr double kNa = std::numeric_limits<double>::quiet_NaN();

// A feature adds weight × ramp(value): 0 at `lo` or beyond it, `weight` at `hi` or beyond,
// linear in between (lo > hi for features where less is worse). A NaN value (the feature
// does not apply) adds nothing. Pass-two features read the suspects pass one found.
struct FeatureSpec {
  const char* name;
  double lo, hi, weight;
  bool pass_two;
};

double Contribution(const FeatureSpec& f, double v) {
  if (std::isnan(v)) return 0;
  const double x = std::clamp((v - f.lo) / (f.hi - f.lo), 0.0, 1.0);
  return f.weight * x;
}

// Weights were set by hand on the cities of seeds 11 and 3 (never on seed 7, the one
// docs/risk.md reports) and are in logit units: with a bias of -7 an entity needs several
// pieces of evidence to reach a score of 0.5.
constexpr double kBias = -7.0;

enum AccountFeature : int {
  kAFlagged,
  kAReportedVictims,
  kAPassThrough,
  kAQuickOut,
  kAThroughYuan,
  kAPayers,
  kAPayees,
  kASharedDevice,
  kADevices,
  kADormantDays,
  kAOpenToUseHours,
  kAUnusedSinceOpenDays,
  kANotUsedByOpener,
  kAPersonOpenings,
  kASimAndCard,
  kAOutletFlaggedShare,
  kAFlaggedPayers,
  kAFlaggedPayees,
  kAccountFeatureCount,
};

constexpr FeatureSpec kAccountFeatures[kAccountFeatureCount] = {
    {"flagged", 0, 1, 5.0, false},
    {"reported_victims", 0, 2, 4.0, false},
    {"pass_through", 0.6, 0.97, 1.5, false},
    {"quick_out_share", 0.2, 0.8, 2.0, false},
    {"max_day_through_yuan", 2000, 30000, 2.5, false},
    {"payers", 3, 12, 0.5, false},
    {"payees", 2, 6, 0.8, false},
    {"shared_device", 1, 4, 3.0, false},
    {"devices", 1, 2, 1.0, false},
    {"dormant_days", 1, 7, 0.5, false},
    {"open_to_first_use_hours", 72, 2, 1.0, false},
    {"unused_since_open_days", 1, 3, 1.0, false},
    {"not_used_by_opener", 0.5, 1, 1.0, false},
    {"person_openings", 1, 3, 1.0, false},
    {"sim_and_card", 0, 1, 1.5, false},
    {"outlet_flagged_share", 0.05, 0.3, 4.0, true},
    {"flagged_payers", 0, 2, 2.5, true},
    {"flagged_payees", 0, 2, 1.5, true},
};

enum SimFeature : int {
  kSFlagged,
  kSReportedVictims,
  kSCallsPerDay,
  kSContacts,
  kSSmsPerDay,
  kSInboundShare,
  kSNewNumber,
  kSSharedImei,
  kSOpenToUseHours,
  kSUnusedSinceOpenDays,
  kSPersonOpenings,
  kSSimAndCard,
  kSOutletFlaggedShare,
  kSimFeatureCount,
};

constexpr FeatureSpec kSimFeatures[kSimFeatureCount] = {
    {"flagged", 0, 1, 5.0, false},
    {"reported_victims", 0, 3, 4.0, false},
    {"max_calls_per_day", 20, 80, 0.8, false},
    {"contacts", 10, 30, 0.5, false},
    {"max_sms_per_day", 10, 100, 2.5, false},
    {"inbound_share", 0.05, 0.0, 2.0, false},
    {"new_number_days", 1, 2, 1.0, false},
    {"shared_imei", 1, 4, 3.0, false},
    {"open_to_first_use_hours", 72, 2, 1.0, false},
    {"unused_since_open_days", 1, 3, 1.0, false},
    {"person_openings", 1, 3, 1.0, false},
    {"sim_and_card", 0, 1, 1.5, false},
    {"outlet_flagged_share", 0.05, 0.3, 4.0, true},
};

double Ratio(double num, double den) { return den > 0 ? num / den : kNa; }

double Hours(int64_t ms) { return static_cast<double>(ms) / kHourMs; }

double PersonOpenings(const MuleState& s, uint32_t person) {
  if (person == kNone) return kNa;
  const auto& p = s.persons[person];
  return p.cards + p.sims;
}

double SimAndCard(const MuleState& s, uint32_t person) {
  if (person == kNone) return kNa;
  const auto& p = s.persons[person];
  return p.cards > 0 && p.sims > 0 ? 1 : 0;
}

double OpenToUse(int64_t opened, int64_t first_use) {
  if (opened == kNever || first_use == kNever) return kNa;
  return Hours(first_use - opened);
}

// Days since an opening that nothing has used yet.
double UnusedSinceOpen(int64_t opened, int64_t first_use, int64_t now) {
  if (opened == kNever || first_use != kNever) return kNa;
  return static_cast<double>(std::max<int64_t>(0, now - opened)) / internal::kDayMs;
}

template <size_t N>
using Row = std::array<double, N>;

Row<kAccountFeatureCount> AccountOwn(const MuleState& s, const AccountState& a, int64_t now) {
  Row<kAccountFeatureCount> v;
  v.fill(kNa);
  v[kAFlagged] = a.flagged ? 1 : 0;
  v[kAReportedVictims] = static_cast<double>(a.reported_victims.size());
  // Amount ratios need a minimum of money to mean anything: 1,000 yuan.
  if (a.in_fen >= 100000) v[kAPassThrough] = std::min(1.0, Ratio(a.out_fen, a.in_fen));
  if (a.out_fen >= 100000) v[kAQuickOut] = Ratio(a.quick_out_fen, a.out_fen);
  v[kAThroughYuan] = static_cast<double>(a.max_day_through_fen) / 100;
  v[kAPayers] = static_cast<double>(a.payers.size());
  v[kAPayees] = static_cast<double>(a.payees.size());
  double shared = 1, devices = 0;
  for (uint32_t d : a.devices.ids()) {
    shared = std::max(shared, static_cast<double>(s.devices[d].holders.size()));
    if (s.device_ids.Lookup(d)[0] == 'd') ++devices;
  }
  v[kASharedDevice] = shared;
  v[kADevices] = devices;
  if (a.dormant_ms != kNever)
    v[kADormantDays] = static_cast<double>(a.dormant_ms) / internal::kDayMs;
  v[kAOpenToUseHours] = OpenToUse(a.opened_ms, a.first_use_ms);
  v[kAUnusedSinceOpenDays] = UnusedSinceOpen(a.opened_ms, a.first_use_ms, now);
  if (a.opener_phone != kNone && a.out_count > 0)
    v[kANotUsedByOpener] = Ratio(a.out_not_by_opener, a.out_count);
  v[kAPersonOpenings] = PersonOpenings(s, a.person);
  v[kASimAndCard] = SimAndCard(s, a.person);
  return v;
}

Row<kSimFeatureCount> SimOwn(const MuleState& s, const SimState& m, int64_t now) {
  Row<kSimFeatureCount> v;
  v.fill(kNa);
  v[kSFlagged] = m.flagged ? 1 : 0;
  v[kSReportedVictims] = static_cast<double>(m.reported_victims.size());
  v[kSCallsPerDay] = m.calls_day.max;
  v[kSContacts] = static_cast<double>(m.contacts.size());
  v[kSSmsPerDay] = m.sms_day.max;
  const double out = m.calls_out + m.sms_out, in = m.calls_in + m.sms_in;
  // A number that contacts many and is never contacted back: needs some volume out.
  if (out >= 10) v[kSInboundShare] = in / (in + out);
  // A number that first showed up days into the run by calling out: new to the network.
  // Numbers seen on the first day may be old ones; it does not apply to them.
  if (m.first_use_ms != kNever && m.first_use_ms == m.first_seen_ms &&
      m.first_seen_ms - s.first_ts >= internal::kDayMs)
    v[kSNewNumber] = static_cast<double>(m.first_seen_ms - s.first_ts) / internal::kDayMs;
  double shared = m.imeis.size() ? 1 : kNa;
  for (uint32_t d : m.imeis.ids())
    shared = std::max(shared, static_cast<double>(s.devices[d].sims.size()));
  v[kSSharedImei] = shared;
  v[kSOpenToUseHours] = OpenToUse(m.opened_ms, m.first_use_ms);
  v[kSUnusedSinceOpenDays] = UnusedSinceOpen(m.opened_ms, m.first_use_ms, now);
  v[kSPersonOpenings] = PersonOpenings(s, m.person);
  v[kSSimAndCard] = SimAndCard(s, m.person);
  return v;
}

template <size_t N>
double Logit(const FeatureSpec (&specs)[N], const Row<N>& v, bool pass_two) {
  double z = kBias;
  for (size_t i = 0; i < N; ++i)
    if (pass_two || !specs[i].pass_two) z += Contribution(specs[i], v[i]);
  return z;
}

// Openings and suspects per outlet, for the leave-one-out share of an entity's outlet.
struct OutletCounts {
  std::vector<uint32_t> openings, suspects;
  explicit OutletCounts(size_t n) : openings(n), suspects(n) {}
  void Add(uint32_t outlet, bool suspect) {
    if (outlet == kNone) return;
    ++openings[outlet];
    suspects[outlet] += suspect;
  }
  // Share of the outlet's other openings that are suspect, with one clean opening added
  // as a prior so that one suspect neighbour is not a certainty.
  double Share(uint32_t outlet, bool self_suspect) const {
    if (outlet == kNone) return kNa;
    const double others = openings[outlet] - 1.0;
    if (others <= 0) return 0;
    return (suspects[outlet] - (self_suspect ? 1.0 : 0.0)) / (others + 1.0);
  }
};

template <size_t N>
MuleScore Materialize(std::string_view id, const FeatureSpec (&specs)[N], const Row<N>& v,
                      double logit, size_t max_reasons) {
  MuleScore out;
  out.id = std::string(id);
  out.logit = logit;
  out.score = 1.0 / (1.0 + DetExp(-logit));
  for (size_t i = 0; i < N; ++i) {
    const double c = Contribution(specs[i], v[i]);
    if (c > 0) out.reasons.push_back(MuleReason{specs[i].name, v[i], c});
  }
  std::stable_sort(out.reasons.begin(), out.reasons.end(),
                   [](const MuleReason& a, const MuleReason& b) { return a.weight > b.weight; });
  if (out.reasons.size() > max_reasons) out.reasons.resize(max_reasons);
  return out;
}

// Indexes ordered by logit, highest first, ties by id.
std::vector<uint32_t> Order(std::vector<uint32_t> ids, const std::vector<double>& logit,
                            const Interner& names) {
  std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
    if (logit[a] != logit[b]) return logit[a] > logit[b];
    return names.Lookup(a) < names.Lookup(b);
  });
  return ids;
}

// Feature rows, logits and pass one's verdict for one kind of entity.
template <size_t N>
struct Scored {
  std::vector<uint32_t> ids;  // the entities ranked
  std::vector<Row<N>> rows;
  std::vector<double> logit;
  std::vector<char> suspect;
  explicit Scored(size_t n) : rows(n), logit(n), suspect(n) {}
};

// Pass one for accounts and numbers: own features, and who is suspect on them alone.
void PassOne(const MuleState& s, int64_t now, double suspect_logit, Scored<kAccountFeatureCount>& a,
             Scored<kSimFeatureCount>& m, OutletCounts& outlets) {
  for (uint32_t i = 0; i < s.accounts.size(); ++i) {
    a.ids.push_back(i);
    a.rows[i] = AccountOwn(s, s.accounts[i], now);
    a.suspect[i] =
        s.accounts[i].flagged || Logit(kAccountFeatures, a.rows[i], false) >= suspect_logit;
    outlets.Add(s.accounts[i].outlet, a.suspect[i]);
  }
  for (uint32_t i = 0; i < s.sims.size(); ++i) {
    if (!s.sims[i].mobile) continue;
    m.ids.push_back(i);
    m.rows[i] = SimOwn(s, s.sims[i], now);
    m.suspect[i] = s.sims[i].flagged || Logit(kSimFeatures, m.rows[i], false) >= suspect_logit;
    outlets.Add(s.sims[i].outlet, m.suspect[i]);
  }
}

// Pass two: the neighbourhood (outlet, counterparties) from pass one's suspects.
void PassTwo(const MuleState& s, const OutletCounts& outlets, Scored<kAccountFeatureCount>& a,
             Scored<kSimFeatureCount>& m) {
  for (uint32_t i : a.ids) {
    const AccountState& st = s.accounts[i];
    a.rows[i][kAOutletFlaggedShare] = outlets.Share(st.outlet, a.suspect[i]);
    double payers = 0, payees = 0;
    for (uint32_t p : st.payers.ids()) payers += a.suspect[p];
    for (uint32_t p : st.payees.ids()) payees += a.suspect[p];
    a.rows[i][kAFlaggedPayers] = payers;
    a.rows[i][kAFlaggedPayees] = payees;
    a.logit[i] = Logit(kAccountFeatures, a.rows[i], true);
  }
  for (uint32_t i : m.ids) {
    m.rows[i][kSOutletFlaggedShare] = outlets.Share(s.sims[i].outlet, m.suspect[i]);
    m.logit[i] = Logit(kSimFeatures, m.rows[i], true);
  }
}

template <size_t N>
std::vector<MuleScore> Materialize(const Scored<N>& scored, const FeatureSpec (&specs)[N],
                                   const Interner& names, size_t top_n, size_t max_reasons) {
  const std::vector<uint32_t> order = Order(scored.ids, scored.logit, names);
  const size_t n = top_n ? std::min(top_n, order.size()) : order.size();
  std::vector<MuleScore> out;
  out.reserve(n);
  for (size_t k = 0; k < n; ++k) {
    const uint32_t i = order[k];
    out.push_back(
        Materialize(names.Lookup(i), specs, scored.rows[i], scored.logit[i], max_reasons));
  }
  return out;
}

// Outlets by their openings that score as mules now, the most first.
std::vector<MuleOutlet> RankOutlets(const MuleState& s, const Scored<kAccountFeatureCount>& a,
                                    const Scored<kSimFeatureCount>& m, double mule_logit) {
  std::vector<MuleOutlet> out(s.outlets);
  for (uint32_t o = 0; o < s.outlets; ++o) out[o].outlet = std::string(s.outlet_ids.Lookup(o));
  auto add = [&](uint32_t outlet, double logit) {
    if (outlet == kNone) return;
    ++out[outlet].openings;
    out[outlet].mule_openings += logit >= mule_logit;
  };
  for (uint32_t i : a.ids) add(s.accounts[i].outlet, a.logit[i]);
  for (uint32_t i : m.ids) add(s.sims[i].outlet, m.logit[i]);
  for (MuleOutlet& o : out) o.share = Ratio(o.mule_openings, o.openings);
  std::sort(out.begin(), out.end(), [](const MuleOutlet& x, const MuleOutlet& y) {
    if (x.mule_openings != y.mule_openings) return x.mule_openings > y.mule_openings;
    if (x.share != y.share) return x.share > y.share;
    return x.outlet < y.outlet;
  });
  return out;
}

}  // namespace

MuleRanking MuleScorer::Rank(Timestamp as_of, size_t top_n) const {
  const MuleState& s = *state_;
  const double p = std::clamp(options_.suspect_score, 1e-9, 1 - 1e-9);
  const double suspect_logit = DetLog(p / (1.0 - p));
  Scored<kAccountFeatureCount> accounts(s.accounts.size());
  Scored<kSimFeatureCount> sims(s.sims.size());
  OutletCounts outlets(s.outlets);
  PassOne(s, as_of.millis(), suspect_logit, accounts, sims, outlets);
  PassTwo(s, outlets, accounts, sims);
  MuleRanking out;
  out.as_of = as_of;
  out.accounts =
      Materialize(accounts, kAccountFeatures, s.account_ids, top_n, options_.max_reasons);
  out.sims = Materialize(sims, kSimFeatures, s.number_ids, top_n, options_.max_reasons);
  out.outlets = RankOutlets(s, accounts, sims, suspect_logit);
  return out;
}

}  // namespace wuzha::risk
