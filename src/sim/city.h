// City: the people, places and institutions of the simulated city, built from a seed.
//
// The org tree follows a Chinese city's public security: city bureau (市局) → district
// branches (分局) → police stations (派出所, one per street) → communities (社区), each
// community with an officer (社区民警) and grid workers (网格员). With the real Wuhan
// division files (../shared/data/geo, NBS codes) the tree has Wuhan's 13 districts, 193
// streets and 3,495 communities; without them a synthetic tree of the same shape is made.
// Residents live in communities; they own phones (opened at carrier outlets, from the
// carriers' number ranges, 号段) and bank accounts (opened at bank outlets).
//
// Storage is compact so that a Wuhan-scale city (13.7M residents) fits in a few GB:
// names, ID numbers, phone numbers and account numbers are derived from the seed and
// the entity's index when asked for, not stored. Immutable after Build; thread safe to
// read. Same options, same city, on every machine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/timestamp.h"

namespace wuzha::sim {

namespace internal {
class CityBuilder;
}

enum class OrgLevel : uint8_t { kCity, kBranch, kStation, kCommunity };

struct OrgUnit {
  uint32_t parent;  // index in City::org_units(); the city bureau is its own parent
  OrgLevel level;
  std::string code;  // NBS division code for branch/station/community ("420102002003")
  std::string name;  // "武汉市公安局", "江岸分局", "大智派出所", "保成社区"
};

enum class StaffRole : uint8_t { kOfficer, kGridWorker };

struct Staff {
  uint32_t unit;  // the community (or station) they serve
  StaffRole role;
};

enum class Sex : uint8_t { kFemale, kMale };
enum class Occupation : uint8_t {
  kStudent,
  kEmployee,
  kSelfEmployed,
  kJobSeeker,
  kRetired,
  kFarmer,
  kChild,  // under school age (0-5)
};
// Who scams target (docs/sim.md cites the sources): the elderly (health insurance, fake
// police), students (order brushing, game trade), job seekers (brushing, loans), investors
// (fake investment, romance), everyone else (customer service).
enum class RiskProfile : uint8_t { kGeneral, kElderly, kStudent, kJobSeeker, kInvestor };

// 28 bytes: a Wuhan-scale city holds 13.7M of them. Children under 12 hold no phone and
// no account in their own name (phone_count == account_count == 0).
struct Resident {
  uint32_t community;      // OrgUnit index (level kCommunity)
  uint32_t home_cell;      // cell index
  uint32_t first_phone;    // phones [first_phone, first_phone + phone_count)
  uint32_t first_account;  // accounts [first_account, first_account + account_count)
  uint8_t phone_count;
  uint8_t account_count;
  uint8_t age;
  Sex sex;
  Occupation occupation;
  RiskProfile risk;
  uint16_t birth_day_of_year;  // 1..365 of a non-leap year, for the ID number
  uint16_t id_sequence;        // the ID number's digits 15-17; odd for men, even for women
};

enum class Carrier : uint8_t { kChinaMobile, kChinaUnicom, kChinaTelecom, kVirtual };

struct NumberRange {
  std::string prefix;  // 3 or 7 leading digits of the national number, e.g. "139" or "1700012"
  Carrier carrier;
  bool virtual_operator;
};

// Stable lower-case names used in the CSV files ("student", "elderly", "china_mobile").
std::string_view OrgLevelName(OrgLevel level);
std::string_view StaffRoleName(StaffRole role);
std::string_view SexName(Sex sex);
std::string_view OccupationName(Occupation occupation);
std::string_view RiskProfileName(RiskProfile risk);
std::string_view CarrierName(Carrier carrier);
// The carrier's code in events and outlet codes: "CMCC", "CUCC", "CTCC", "MVNO".
std::string_view CarrierCode(Carrier carrier);

enum class OutletKind : uint8_t { kBank, kCarrier };
std::string_view OutletKindName(OutletKind kind);

struct Outlet {
  uint32_t community;  // where it is
  OutletKind kind;
  uint8_t institution;  // index into City::banks() or the Carrier value
  bool complicit;       // opens accounts/SIMs for gangs (断卡 target); ground truth only
  uint16_t number;      // 1-based among the institution's outlets in its district
};

struct Phone {
  uint32_t owner;   // resident index
  uint32_t range;   // index into number_ranges()
  uint32_t outlet;  // where it was opened
  uint32_t serial;  // the subscriber digits after the range prefix (0..9999)
};

struct Account {
  uint32_t owner;   // resident index
  uint32_t outlet;  // where it was opened
  uint32_t serial;  // 0-based among the bank's accounts; the card number permutes it
  uint8_t bank;     // index into banks()
  int64_t opening_balance_fen;
};

struct Bank {
  std::string code;     // "ICBC"
  std::string name;     // "中国工商银行"
  std::string bin;      // card number prefix (6 digits), for realistic card numbers
  uint8_t card_length;  // digits of its debit card numbers (16 or 19), Luhn check last
};

struct CityOptions {
  uint64_t seed = 1;
  uint32_t population = 20000;
  // Directory with wuhan_districts.csv, wuhan_streets.csv, wuhan_communities.csv; empty
  // or missing = a synthetic tree. Only as many communities are used as the population
  // fills (about 3,900 residents per community at Wuhan scale).
  std::string geo_dir;
  Timestamp start = Timestamp::FromCivilUtc(2024, 4, 30, 16);  // 2024-05-01 00:00 Shanghai
};

class City {
 public:
  // Builds the city. kInvalidArgument for a population of 0 or above 20M; a geo file
  // that exists but cannot be parsed is kInvalidArgument naming the file and line.
  static Result<City> Build(const CityOptions& options);

  const CityOptions& options() const { return options_; }
  const std::vector<OrgUnit>& org_units() const { return org_units_; }
  const std::vector<Staff>& staff() const { return staff_; }
  const std::vector<Resident>& residents() const { return residents_; }
  const std::vector<Phone>& phones() const { return phones_; }
  const std::vector<Account>& accounts() const { return accounts_; }
  const std::vector<Outlet>& outlets() const { return outlets_; }
  const std::vector<NumberRange>& number_ranges() const { return number_ranges_; }
  const std::vector<Bank>& banks() const { return banks_; }
  uint32_t cell_count() const { return cell_count_; }
  // Communities (OrgUnit indexes) in the order residents were assigned to them.
  const std::vector<uint32_t>& communities() const { return communities_; }

  // Derived, not stored; deterministic.
  std::string ResidentName(uint32_t resident) const;  // "张伟", "欧阳娜娜"
  std::string PersonId(uint32_t resident) const;      // 18 digits, valid check digit
  std::string PhoneNumber(uint32_t phone) const;      // E.164 digits "86139..."
  std::string AccountNumber(uint32_t account) const;  // 16-19 digits, Luhn valid
  std::string CellId(uint32_t cell) const;            // "WH-0712"
  std::string OutletCode(uint32_t outlet) const;      // "ICBC-420102-03"
  std::string StaffCode(uint32_t staff) const;        // "P-4021" / "G-10233"
  std::string StaffName(uint32_t staff) const;

  // Numbers never issued to a resident, for SIMs and accounts opened while the city is
  // simulated (gangs' SIM farms and mule cards). Deterministic and distinct from every
  // issued number and from each other for distinct k.
  uint32_t SparePhoneCount(uint32_t range) const;  // how many spare numbers `range` has
  // REQUIRES: k < SparePhoneCount(range).
  std::string SparePhoneNumber(uint32_t range, uint32_t k) const;
  std::string SpareAccountNumber(uint8_t bank, uint32_t k) const;

  // Writes city/ files (org_units.csv, staff.csv, residents.csv, phones.csv,
  // accounts.csv, outlets.csv, number_ranges.csv) into `dir` (created if needed).
  // Personal data is synthetic. kIoError names the file.
  Status WriteTo(const std::string& dir) const;

 private:
  friend class internal::CityBuilder;
  std::string AccountNumberOf(const Account& a) const;

  CityOptions options_;
  std::vector<OrgUnit> org_units_;
  std::vector<Staff> staff_;
  std::vector<Resident> residents_;
  std::vector<Phone> phones_;
  std::vector<Account> accounts_;
  std::vector<Outlet> outlets_;
  std::vector<NumberRange> number_ranges_;
  std::vector<Bank> banks_;
  std::vector<uint32_t> communities_;
  uint32_t cell_count_ = 0;
  // How the builder issued numbers, so that spare ones continue the same sequences.
  struct RangeSerials {
    uint32_t issued;
    uint64_t multiplier, offset;  // the range's permutation of its 10,000 subscriber numbers
  };
  std::vector<RangeSerials> range_serials_;
  std::vector<uint32_t> accounts_of_bank_;
};

}  // namespace wuzha::sim
