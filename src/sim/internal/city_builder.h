// CityBuilder: fills a City's private tables from its options (City::Build's body).
// Steps in order, each with its own Rng stream so that changing one step's draws does not
// reshuffle the others: org tree, staff, communities, outlets, number ranges, residents
// with their phones and accounts. Single-threaded; used once.
#pragma once

#include <cstdint>
#include <vector>

#include "core/random.h"
#include "core/status.h"
#include "sim/city.h"

namespace wuzha::sim::internal {

class CityBuilder {
 public:
  explicit CityBuilder(const CityOptions& options);
  Result<City> Build();

 private:
  struct RangeState {
    uint32_t used = 0;
    uint64_t multiplier = 1, offset = 0;  // permutation of the 10,000 subscriber numbers
  };

  Status BuildOrgTree();
  void BuildStaff();
  void ChooseCommunities();
  void BuildOutlets();
  void AddNumberRange(Carrier carrier);
  void BuildNumberRanges();
  Status BuildResidents();
  void AddResident(uint32_t community_pos, Rng& rng);
  uint16_t AssignIdSequence(uint32_t district, Resident& r);
  void AddPhone(uint32_t owner, uint32_t district, Rng& rng);
  void AddAccount(uint32_t owner, uint32_t district, uint8_t age, Rng& rng);
  uint32_t PickOutlet(OutletKind kind, int institution, uint32_t district, Rng& rng) const;
  size_t OutletKey(OutletKind kind, int institution, uint32_t district) const;

  City city_;
  Rng root_;
  uint32_t district_count_ = 0;
  std::vector<uint32_t> district_of_unit_;             // dense district id per org unit
  std::vector<uint32_t> community_district_;           // per position in communities_
  std::vector<std::vector<uint32_t>> outlets_by_key_;  // (kind, institution, district)
  std::vector<std::vector<uint32_t>> ranges_of_carrier_;
  std::vector<RangeState> range_state_;
  std::vector<uint32_t> accounts_of_bank_;
  std::vector<uint16_t> id_counters_;  // per (district, age, birth day, sex)
  int start_year_ = 2024, start_day_of_year_ = 1;
};

}  // namespace wuzha::sim::internal
