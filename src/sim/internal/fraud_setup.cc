// FraudModel: the gangs, their SIM farms and mule cards (fraud_impl.h).
#include "sim/internal/fraud_impl.h"

namespace wuzha::sim::internal {

FraudType FraudModel::Impl::DrawType(Rng& r) const {
  uint32_t total = 0;
  for (const ScriptParams& s : kScripts) total += s.case_weight;
  uint32_t x = static_cast<uint32_t>(r.Uniform(total));
  for (const ScriptParams& s : kScripts) {
    if (x < s.case_weight) return s.type;
    x -= s.case_weight;
  }
  return FraudType::kOrderBrushing;
}

uint32_t FraudModel::Impl::DrawAdult(Rng& r, uint8_t lo, uint8_t hi) const {
  for (int tries = 0; tries < 64; ++tries) {
    const uint32_t who = reachable[r.Uniform(reachable.size())];
    const Resident& res = city.residents()[who];
    if (res.age >= lo && res.age <= hi && !recruited.count(who)) return who;
  }
  return reachable[r.Uniform(reachable.size())];
}

uint32_t FraudModel::Impl::DrawRecruit(Rng& r) {
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

void FraudModel::Impl::CreateGang(uint32_t g) {
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
  const int sims = gang.slow ? static_cast<int>(r.Range(14, 24)) : static_cast<int>(r.Range(8, 14));
  for (int i = 0; i < sims; ++i)
    Schedule(begin + r.Range(0, 6 * kHour), StepKind::kOpenSim, g, DrawRecruit(r));
  for (int i = 0; i < 3; ++i) NewDomain(gang);
  NewApp(gang);
}

void FraudModel::Impl::NewCampaign(Gang& gang) {
  gang.campaign = gang.id + "-C" + std::to_string(++gang.campaigns);
}

void FraudModel::Impl::NewDomain(Gang& gang) {
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

void FraudModel::Impl::NewApp(Gang& gang) {
  FraudApp app = MakeFraudApp(gang.type, gang.rng);
  gang.apps.push_back(app);
  gang.all_apps.push_back(std::move(app));
}

const Brand* FraudModel::Impl::PickBrand(BrandKind kind, Rng& r) const {
  std::vector<const Brand*> fits;
  for (const Brand& b : Brands())
    if (b.kind == kind) fits.push_back(&b);
  if (fits.empty()) return &Brands()[r.Uniform(Brands().size())];
  return fits[r.Uniform(fits.size())];
}

uint32_t FraudModel::Impl::FreeOutlet(const std::vector<uint32_t>& outlets, Rng& r) const {
  std::vector<uint32_t> open;
  for (uint32_t o : outlets)
    if (!world.OutletSuspended(o)) open.push_back(o);
  if (open.empty()) return kOutside;
  return open[r.Uniform(open.size())];
}

void FraudModel::Impl::OpenSim(uint32_t g, uint32_t holder, int64_t ts, std::vector<Pending>& out) {
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
  s.iccid = "8986" +
            std::to_string(10000000000000000ULL + Hash(options.seed, phone) % 90000000000000000ULL);
  AddSim(gang, g, phone);
  gang.outlets.insert(outlet);
  gang.members.push_back(
      GangMember{"sim_holder", city.PersonId(holder), city.ResidentName(holder)});
  ++world.stats().sims_opened;
}

void FraudModel::Impl::AddSim(Gang& gang, uint32_t g, uint32_t phone) {
  const uint32_t s = static_cast<uint32_t>(sims.size());
  sims.push_back(Sim{phone, g, 0, gang.boxes++ / 16});
  gang.spare_sims.insert(gang.spare_sims.begin(), s);
  gang.all_sims.push_back(s);
}

void FraudModel::Impl::OpenMule(uint32_t g, int layer, int64_t ts, std::vector<Pending>& out) {
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

}  // namespace wuzha::sim::internal
