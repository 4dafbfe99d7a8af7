#include "sim/internal/city_builder.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <unordered_set>

#include "sim/internal/derive.h"
#include "sim/internal/org_tree.h"
#include "sim/internal/tables.h"

namespace wuzha::sim::internal {
namespace {

constexpr uint32_t kMaxPopulation = 20'000'000;
constexpr uint32_t kIdSequencesPerSex = 499;  // digits 15-17: 001..997 odd, 002..998 even
constexpr size_t kBankSlots = std::size(kBanks);
constexpr size_t kCarrierSlots = std::size(kCarriers);
constexpr size_t kAnyBankSlot = kBankSlots + kCarrierSlots;
constexpr size_t kSlots = kAnyBankSlot + 1;

uint32_t CeilDiv(uint64_t a, uint64_t b) { return static_cast<uint32_t>((a + b - 1) / b); }

// k distinct indexes out of [0, n) (partial Fisher-Yates), in draw order.
std::vector<uint32_t> Sample(Rng& rng, uint32_t n, uint32_t k) {
  std::vector<uint32_t> all(n);
  for (uint32_t i = 0; i < n; ++i) all[i] = i;
  k = std::min(k, n);
  for (uint32_t i = 0; i < k; ++i) std::swap(all[i], all[i + rng.Uniform(n - i)]);
  all.resize(k);
  return all;
}

Occupation PickOccupation(uint8_t age, Rng& rng) {
  if (age < 6) return Occupation::kChild;
  if (age < 18) return Occupation::kStudent;
  if (age < 23) {
    // Gross higher-education enrolment 54.4% (Ministry of Education, 2020).
    if (rng.Chance(0.55)) return Occupation::kStudent;
    return rng.Chance(0.15) ? Occupation::kJobSeeker : Occupation::kEmployee;
  }
  if (age >= 60) return rng.Chance(0.08) ? Occupation::kFarmer : Occupation::kRetired;
  const uint32_t r = static_cast<uint32_t>(rng.Uniform(100));
  if (r < 5) return Occupation::kJobSeeker;      // ~5% surveyed urban unemployment
  if (r < 20) return Occupation::kSelfEmployed;  // assumed 15%
  if (r < 28) return Occupation::kFarmer;        // assumed 8%: Wuhan's rural districts
  return Occupation::kEmployee;
}

RiskProfile PickRisk(uint8_t age, Occupation occupation, Rng& rng) {
  if (age >= 60) return RiskProfile::kElderly;
  if (occupation == Occupation::kStudent)
    return age >= 12 ? RiskProfile::kStudent : RiskProfile::kGeneral;
  if (occupation == Occupation::kJobSeeker) return RiskProfile::kJobSeeker;
  if (age >= 23 && rng.Chance(0.08)) return RiskProfile::kInvestor;
  return RiskProfile::kGeneral;
}

}  // namespace

CityBuilder::CityBuilder(const CityOptions& options) : root_(options.seed) {
  city_.options_ = options;
  const int64_t local_days =
      (options.start.millis() + Timestamp::kShanghaiOffsetMs) / (24LL * 3600 * 1000);
  const CivilDate today = CivilFromDays(local_days);
  start_year_ = today.year;
  start_day_of_year_ = DayOfYearNoLeap(today.month, today.day);
}

Result<City> CityBuilder::Build() {
  const uint32_t population = city_.options_.population;
  if (population == 0 || population > kMaxPopulation) {
    return InvalidArgumentError("population must be 1.." + std::to_string(kMaxPopulation) +
                                ", got " + std::to_string(population));
  }
  WUZHA_RETURN_IF_ERROR(BuildOrgTree());
  BuildStaff();
  ChooseCommunities();
  BuildOutlets();
  BuildNumberRanges();
  WUZHA_RETURN_IF_ERROR(BuildResidents());
  for (const RangeState& r : range_state_)
    city_.range_serials_.push_back(City::RangeSerials{r.used, r.multiplier, r.offset});
  city_.accounts_of_bank_ = accounts_of_bank_;
  city_.accounts_of_bank_.resize(city_.banks_.size(), 0);
  return std::move(city_);
}

Status CityBuilder::BuildOrgTree() {
  const std::string& dir = city_.options_.geo_dir;
  if (!dir.empty()) {
    auto tree = ReadGeoOrgTree(dir);
    if (tree.ok()) {
      city_.org_units_ = std::move(*tree);
    } else if (tree.error().code() != StatusCode::kNotFound) {
      return tree.error();
    }
  }
  if (city_.org_units_.empty()) city_.org_units_ = SyntheticOrgTree();

  auto& units = city_.org_units_;
  district_of_unit_.assign(units.size(), 0);
  for (uint32_t i = 0; i < units.size(); ++i) {
    switch (units[i].level) {
      case OrgLevel::kCity: break;
      case OrgLevel::kBranch: district_of_unit_[i] = district_count_++; break;
      default: district_of_unit_[i] = district_of_unit_[units[i].parent]; break;
    }
  }
  return Status::Ok();
}

void CityBuilder::BuildStaff() {
  Rng rng = root_.Fork("staff");
  const auto& units = city_.org_units_;
  for (uint32_t i = 0; i < units.size(); ++i) {
    if (units[i].level != OrgLevel::kCommunity) continue;
    city_.staff_.push_back(Staff{i, StaffRole::kOfficer});
    const int64_t grid_workers = rng.Range(1, 3);
    for (int64_t g = 0; g < grid_workers; ++g)
      city_.staff_.push_back(Staff{i, StaffRole::kGridWorker});
  }
}

void CityBuilder::ChooseCommunities() {
  std::vector<uint32_t> all;
  for (uint32_t i = 0; i < city_.org_units_.size(); ++i) {
    if (city_.org_units_[i].level == OrgLevel::kCommunity) all.push_back(i);
  }
  // A uniform sample over the whole city spreads over districts in proportion to their
  // communities; kept in tree order so that residents fill districts one after another.
  Rng rng = root_.Fork("communities");
  const uint32_t wanted = CeilDiv(city_.options_.population, kResidentsPerCommunityMin);
  std::vector<uint32_t> picked = Sample(rng, static_cast<uint32_t>(all.size()), wanted);
  std::sort(picked.begin(), picked.end());
  for (uint32_t p : picked) {
    city_.communities_.push_back(all[p]);
    community_district_.push_back(district_of_unit_[all[p]]);
  }
  city_.cell_count_ = static_cast<uint32_t>(city_.communities_.size()) * kCellsPerCommunity;
}

size_t CityBuilder::OutletKey(OutletKind kind, int institution, uint32_t district) const {
  const size_t slot = institution < 0             ? kAnyBankSlot
                      : kind == OutletKind::kBank ? static_cast<size_t>(institution)
                                                  : kBankSlots + static_cast<size_t>(institution);
  return slot * (district_count_ + 1) + district;
}

void CityBuilder::BuildOutlets() {
  Rng rng = root_.Fork("outlets");
  const uint32_t communities = static_cast<uint32_t>(city_.communities_.size());
  std::vector<uint32_t> bank_weights, carrier_weights;
  for (const BankInfo& b : kBanks) {
    city_.banks_.push_back(
        Bank{std::string(b.code), std::string(b.name), std::string(b.bin), b.card_length});
    bank_weights.push_back(b.outlet_weight);
  }
  for (const CarrierInfo& c : kCarriers) carrier_weights.push_back(c.share_percent);

  auto add_outlets = [&](OutletKind kind, uint32_t count, const std::vector<uint32_t>& weights) {
    const uint32_t first = static_cast<uint32_t>(city_.outlets_.size());
    for (uint32_t i = 0; i < count; ++i) {
      // Every institution has at least one outlet; the rest follow the weights.
      const size_t institution = i < weights.size() ? i : PickWeighted(rng, weights);
      const uint32_t community = city_.communities_[rng.Uniform(communities)];
      city_.outlets_.push_back(
          Outlet{community, kind, static_cast<uint8_t>(institution), false, 0});
    }
    const uint32_t complicit = std::max<uint32_t>(1, (count * kComplicitPerMille + 500) / 1000);
    for (uint32_t i : Sample(rng, count, complicit)) city_.outlets_[first + i].complicit = true;
  };
  const uint32_t banks =
      std::max<uint32_t>(kBankSlots, CeilDiv(communities * 10ULL, kCommunitiesPerBankOutletX10));
  const uint32_t carriers = std::max<uint32_t>(
      kCarrierSlots, CeilDiv(communities * 10ULL, kCommunitiesPerCarrierOutletX10));
  add_outlets(OutletKind::kBank, banks, bank_weights);
  add_outlets(OutletKind::kCarrier, carriers, carrier_weights);

  outlets_by_key_.assign(kSlots * (district_count_ + 1), {});
  for (uint32_t o = 0; o < city_.outlets_.size(); ++o) {
    Outlet& outlet = city_.outlets_[o];
    const uint32_t district = district_of_unit_[outlet.community];
    auto& local = outlets_by_key_[OutletKey(outlet.kind, outlet.institution, district)];
    local.push_back(o);
    outlet.number = static_cast<uint16_t>(local.size());
    outlets_by_key_[OutletKey(outlet.kind, outlet.institution, district_count_)].push_back(o);
    if (outlet.kind == OutletKind::kBank) {
      outlets_by_key_[OutletKey(outlet.kind, -1, district)].push_back(o);
      outlets_by_key_[OutletKey(outlet.kind, -1, district_count_)].push_back(o);
    }
  }
}

void CityBuilder::AddNumberRange(Carrier carrier) {
  static_assert(kNumbersPerRange == 10000);
  Rng rng = root_.Fork("range").Fork(std::to_string(city_.number_ranges_.size()));
  const CarrierInfo& info = kCarriers[static_cast<size_t>(carrier)];
  const size_t prefixes = info.prefixes.size() / 3;
  std::string prefix;
  bool taken = true;
  while (taken) {
    char block[8];
    std::snprintf(block, sizeof block, "%04u", static_cast<unsigned>(rng.Uniform(10000)));
    prefix = std::string(info.prefixes.substr(rng.Uniform(prefixes) * 3, 3)) + block;
    taken = std::any_of(city_.number_ranges_.begin(), city_.number_ranges_.end(),
                        [&](const NumberRange& r) { return r.prefix == prefix; });
  }
  const uint32_t index = static_cast<uint32_t>(city_.number_ranges_.size());
  city_.number_ranges_.push_back(NumberRange{prefix, carrier, carrier == Carrier::kVirtual});
  const DigitPermutation perm = DigitPermutation::ForPowerOfTen(kNumbersPerRange, rng.Next());
  range_state_.push_back(RangeState{0, perm.multiplier, perm.offset});
  ranges_of_carrier_[static_cast<size_t>(carrier)].push_back(index);
}

void CityBuilder::BuildNumberRanges() {
  ranges_of_carrier_.assign(kCarrierSlots, {});
  // Ranges are sized to be about kRangeFillPercent full: room for gangs' SIMs later.
  const uint64_t expected = city_.options_.population * 125ULL / 100;
  const uint64_t per_range = kNumbersPerRange * kRangeFillPercent / 100;
  for (const CarrierInfo& c : kCarriers) {
    const uint32_t ranges =
        std::max<uint32_t>(1, CeilDiv(expected * c.share_percent / 100, per_range));
    for (uint32_t i = 0; i < ranges; ++i) AddNumberRange(c.carrier);
  }
}

Status CityBuilder::BuildResidents() {
  const uint32_t population = city_.options_.population;
  const uint32_t communities = static_cast<uint32_t>(city_.communities_.size());
  Rng rng = root_.Fork("residents");
  city_.residents_.reserve(population);
  city_.phones_.reserve(population * 125ULL / 100);
  city_.accounts_.reserve(population * 190ULL / 100);
  accounts_of_bank_.assign(kBankSlots, 0);
  id_counters_.assign(static_cast<size_t>(district_count_) * (kMaxAge + 1) * 365 * 2, 0);

  // Community sizes vary ±50% around the mean (assumed); residents are contiguous.
  std::vector<uint64_t> cumulative(communities + 1, 0);
  for (uint32_t c = 0; c < communities; ++c)
    cumulative[c + 1] = cumulative[c] + 50 + rng.Uniform(101);
  for (uint32_t c = 0; c < communities; ++c) {
    const uint64_t end = population * cumulative[c + 1] / cumulative[communities];
    while (city_.residents_.size() < end) AddResident(c, rng);
  }
  if (city_.residents_.size() != population) return InternalError("resident count mismatch");
  return Status::Ok();
}

void CityBuilder::AddResident(uint32_t community_pos, Rng& rng) {
  static const std::vector<uint32_t> age_weights = [] {
    std::vector<uint32_t> w;
    for (const AgeBand& b : kAgeBands) w.push_back(b.weight);
    return w;
  }();
  const uint32_t owner = static_cast<uint32_t>(city_.residents_.size());
  const uint32_t district = community_district_[community_pos];
  Resident r{};
  r.community = city_.communities_[community_pos];
  r.home_cell =
      community_pos * kCellsPerCommunity + static_cast<uint32_t>(rng.Uniform(kCellsPerCommunity));
  const AgeBand& band = kAgeBands[PickWeighted(rng, age_weights)];
  r.age = static_cast<uint8_t>(rng.Range(band.lo, band.hi));
  r.sex = rng.Uniform(1000) < kMalePerMille ? Sex::kMale : Sex::kFemale;
  r.occupation = PickOccupation(r.age, rng);
  r.risk = PickRisk(r.age, r.occupation, rng);
  r.birth_day_of_year = static_cast<uint16_t>(rng.Range(1, 365));
  r.id_sequence = AssignIdSequence(district, r);
  r.first_phone = static_cast<uint32_t>(city_.phones_.size());
  r.first_account = static_cast<uint32_t>(city_.accounts_.size());
  if (r.age >= kMinAgeForCards) {
    r.phone_count = static_cast<uint8_t>(1 + PickWeighted(rng, kPhoneCountWeights));
    r.account_count = static_cast<uint8_t>(1 + PickWeighted(rng, kAccountCountWeights));
  }
  for (uint8_t i = 0; i < r.phone_count; ++i) AddPhone(owner, district, rng);
  for (uint8_t i = 0; i < r.account_count; ++i) AddAccount(owner, district, r.age, rng);
  city_.residents_.push_back(r);
}

uint16_t CityBuilder::AssignIdSequence(uint32_t district, Resident& r) {
  // ID numbers must be unique: count people per (district, birth date, sex) and give each
  // the next free sequence; a full birth date (499 people of one sex, only in a huge
  // city) moves the birthday to the next day.
  const uint32_t sex = r.sex == Sex::kMale ? 1 : 0;
  for (;;) {
    const size_t key = ((static_cast<size_t>(district) * (kMaxAge + 1) + r.age) * 365 +
                        (r.birth_day_of_year - 1u)) *
                           2 +
                       sex;
    uint16_t& count = id_counters_[key];
    if (count < kIdSequencesPerSex) {
      const uint32_t start =
          static_cast<uint32_t>(Mix64(city_.options_.seed, key) % kIdSequencesPerSex);
      const uint32_t slot = (start + count++) % kIdSequencesPerSex;
      return static_cast<uint16_t>(2 * slot + (sex ? 1 : 2));
    }
    r.birth_day_of_year = static_cast<uint16_t>(r.birth_day_of_year % 365 + 1);
  }
}

uint32_t CityBuilder::PickOutlet(OutletKind kind, int institution, uint32_t district,
                                 Rng& rng) const {
  const auto* outlets = &outlets_by_key_[OutletKey(kind, institution, district)];
  if (outlets->empty()) outlets = &outlets_by_key_[OutletKey(kind, institution, district_count_)];
  return (*outlets)[rng.Uniform(outlets->size())];
}

void CityBuilder::AddPhone(uint32_t owner, uint32_t district, Rng& rng) {
  static const std::vector<uint32_t> shares = [] {
    std::vector<uint32_t> w;
    for (const CarrierInfo& c : kCarriers) w.push_back(c.share_percent);
    return w;
  }();
  const size_t carrier = PickWeighted(rng, shares);
  const auto& ranges = ranges_of_carrier_[carrier];
  const size_t start = rng.Uniform(ranges.size());
  uint32_t range = UINT32_MAX;
  for (size_t i = 0; i < ranges.size() && range == UINT32_MAX; ++i) {
    const uint32_t candidate = ranges[(start + i) % ranges.size()];
    if (range_state_[candidate].used < kNumbersPerRange) range = candidate;
  }
  if (range == UINT32_MAX) {  // every range of the carrier is full: open one more
    AddNumberRange(static_cast<Carrier>(carrier));
    range = static_cast<uint32_t>(city_.number_ranges_.size() - 1);
  }
  RangeState& state = range_state_[range];
  const DigitPermutation perm{kNumbersPerRange, state.multiplier, state.offset};
  const uint32_t serial = static_cast<uint32_t>(perm(state.used++));
  const uint32_t outlet =
      PickOutlet(OutletKind::kCarrier, static_cast<int>(carrier), district, rng);
  city_.phones_.push_back(Phone{owner, range, outlet, serial});
}

void CityBuilder::AddAccount(uint32_t owner, uint32_t district, uint8_t age, Rng& rng) {
  const uint32_t outlet = PickOutlet(OutletKind::kBank, -1, district, rng);
  const uint8_t bank = city_.outlets_[outlet].institution;
  const auto& weights = age < 23    ? kBalanceWeightsYoung
                        : age >= 60 ? kBalanceWeightsElderly
                                    : kBalanceWeightsWorking;
  const BalanceBand& band = kBalanceBands[PickWeighted(rng, weights)];
  const int64_t balance = rng.Range(band.lo_fen, band.hi_fen - 1);
  city_.accounts_.push_back(Account{owner, outlet, accounts_of_bank_[bank]++, bank, balance});
}

}  // namespace wuzha::sim::internal
