#include "sim/city.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_set>

#include "core/event_schema.h"
#include "core/phone.h"
#include "sim/internal/org_tree.h"

namespace wuzha::sim {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string GeoDir() { return std::string(WUZHA_SHARED_DATA_DIR) + "/geo"; }
bool HaveGeo() { return fs::exists(GeoDir() + "/wuhan_communities.csv"); }

City BuildOrDie(CityOptions options) {
  auto city = City::Build(options);
  EXPECT_TRUE(city.ok()) << city.status().ToString();
  return std::move(city).value();
}

CityOptions Options(uint32_t population, bool geo = true, uint64_t seed = 7) {
  CityOptions o;
  o.seed = seed;
  o.population = population;
  if (geo) o.geo_dir = GeoDir();
  return o;
}

// A fresh directory under the system temp dir, removed at scope exit.
class TempDir {
 public:
  TempDir() {
    static int n = 0;
    path_ = fs::temp_directory_path() /
            ("wuzha_city_test_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string path() const { return path_.string(); }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
  }

 private:
  fs::path path_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string District(const City& city, uint32_t unit) {
  return city.org_units()[unit].code.substr(0, 6);
}

// ------------------------------------------------------------------ org tree

TEST(CityOrgTree, BuildsWuhanBranchesStationsAndCommunitiesFromGeoFiles) {
  if (!HaveGeo()) GTEST_SKIP() << "no geo files at " << GeoDir();
  City city = BuildOrDie(Options(1000));
  std::map<OrgLevel, int> count;
  for (const OrgUnit& u : city.org_units()) ++count[u.level];
  EXPECT_EQ(count[OrgLevel::kCity], 1);
  EXPECT_EQ(count[OrgLevel::kBranch], 13);
  EXPECT_EQ(count[OrgLevel::kStation], 193);
  EXPECT_EQ(count[OrgLevel::kCommunity], 3495);
  EXPECT_EQ(city.org_units()[0].name, "武汉市公安局");
  EXPECT_EQ(city.org_units()[0].parent, 0u);
  std::map<std::string, const OrgUnit*> by_code;
  for (const OrgUnit& u : city.org_units()) by_code[u.code] = &u;
  ASSERT_TRUE(by_code.count("420102002003"));
  const OrgUnit& community = *by_code["420102002003"];
  EXPECT_EQ(community.name, "保成社区");
  const OrgUnit& station = city.org_units()[community.parent];
  EXPECT_EQ(station.name, "大智派出所");
  EXPECT_EQ(station.code, "420102002");
  const OrgUnit& branch = city.org_units()[station.parent];
  EXPECT_EQ(branch.name, "江岸分局");
  EXPECT_EQ(branch.level, OrgLevel::kBranch);
  EXPECT_EQ(branch.parent, 0u);
}

TEST(CityOrgTree, NamesStationsAndBranchesAfterTheirDivisions) {
  EXPECT_EQ(internal::BranchName("江岸区"), "江岸分局");
  EXPECT_EQ(internal::BranchName("东西湖区"), "东西湖分局");
  EXPECT_EQ(internal::StationName("大智街道"), "大智派出所");
  EXPECT_EQ(internal::StationName("凤凰镇"), "凤凰派出所");
  EXPECT_EQ(internal::StationName("天兴乡"), "天兴派出所");
  EXPECT_EQ(internal::StationName("吴家山街"), "吴家山派出所");
  EXPECT_EQ(internal::StationName("东湖风景区街道（武昌）"), "东湖风景区派出所（武昌）");
  EXPECT_EQ(internal::StationName("江汉经济开发区"), "江汉经济开发区派出所");
}

TEST(CityOrgTree, FallsBackToSyntheticTreeOfWuhansShapeWithoutGeoFiles) {
  CityOptions options = Options(1000, false);
  options.geo_dir = "/nonexistent/geo";
  City city = BuildOrDie(options);
  std::map<OrgLevel, int> count;
  for (const OrgUnit& u : city.org_units()) ++count[u.level];
  EXPECT_EQ(count[OrgLevel::kBranch], 13);
  EXPECT_EQ(count[OrgLevel::kStation], 13 * 15);
  EXPECT_EQ(count[OrgLevel::kCommunity], 13 * 15 * 18);
  for (const OrgUnit& u : city.org_units()) {
    const size_t length = u.level == OrgLevel::kCommunity ? 12
                          : u.level == OrgLevel::kStation ? 9
                                                          : 6;
    EXPECT_EQ(u.code.size(), length) << u.name;
    if (u.level != OrgLevel::kCity) {
      EXPECT_TRUE(u.code.starts_with(city.org_units()[u.parent].code.substr(
          0, u.level == OrgLevel::kBranch ? 4 : u.code.size() - 3)))
          << u.code;
    }
  }
}

TEST(CityOrgTree, MalformedGeoFileIsInvalidArgumentNamingFileAndLine) {
  TempDir dir;
  dir.Write("wuhan_districts.csv", "code,name,cityCode,provinceCode\n420102,\"江岸区\",4201,42\n");
  dir.Write("wuhan_streets.csv",
            "code,name,areaCode,provinceCode,cityCode\r\n420102002,\"大智街道\",420102,42,4201\r\n"
            "420102003,\"一元街道,420102,42,4201\r\n");
  dir.Write("wuhan_communities.csv", "code,name,streetCode,provinceCode,cityCode,areaCode\n");
  CityOptions options = Options(100, false);
  options.geo_dir = dir.path();
  auto city = City::Build(options);
  ASSERT_FALSE(city.ok());
  EXPECT_EQ(city.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(city.error().message()), HasSubstr("wuhan_streets.csv:3"));
}

TEST(CityOrgTree, UnknownParentCodeIsInvalidArgumentNamingLine) {
  TempDir dir;
  dir.Write("wuhan_districts.csv",
            "\xEF\xBB\xBF"
            "code,name,cityCode,provinceCode\n420102,江岸区,4201,42\n");
  dir.Write("wuhan_streets.csv",
            "code,name,areaCode,provinceCode,cityCode\n420102002,大智街道,420102,42,4201\n");
  dir.Write("wuhan_communities.csv",
            "code,name,streetCode,provinceCode,cityCode,areaCode\n"
            "420102002003,保成社区,420102002,42,4201,420102\n"
            "420102009001,某社区,420102009,42,4201,420102\n");
  CityOptions options = Options(100, false);
  options.geo_dir = dir.path();
  auto city = City::Build(options);
  ASSERT_FALSE(city.ok());
  EXPECT_EQ(city.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(city.error().message()), HasSubstr("wuhan_communities.csv:3"));
  EXPECT_THAT(std::string(city.error().message()), HasSubstr("420102009"));
}

TEST(CityOrgTree, CommunityCodeOutsideItsStreetIsInvalidArgument) {
  TempDir dir;
  dir.Write("wuhan_districts.csv", "code,name,cityCode,provinceCode\n420102,江岸区,4201,42\n");
  dir.Write("wuhan_streets.csv",
            "code,name,areaCode,provinceCode,cityCode\n420102002,大智街道,420102,42,4201\n");
  dir.Write("wuhan_communities.csv",
            "code,name,streetCode,provinceCode,cityCode,areaCode\n"
            "420103002003,保成社区,420102002,42,4201,420102\n");
  CityOptions options = Options(100, false);
  options.geo_dir = dir.path();
  auto city = City::Build(options);
  ASSERT_FALSE(city.ok());
  EXPECT_EQ(city.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(city.error().message()), HasSubstr("wuhan_communities.csv:2"));
}

TEST(CityOrgTree, ReadsTinyGeoFilesWithBomQuotesAndCrlf) {
  TempDir dir;
  dir.Write("wuhan_districts.csv",
            "\xEF\xBB\xBF"
            "code,name,cityCode,provinceCode\r\n420102,\"江岸区\",4201,42\r\n");
  dir.Write("wuhan_streets.csv",
            "code,name,areaCode,provinceCode,cityCode\r\n"
            "420102002,\"大智\"\"街道\"\"\",420102,42,4201\r\n\r\n");
  dir.Write("wuhan_communities.csv",
            "code,name,streetCode,provinceCode,cityCode,areaCode\r\n"
            "420102002003,\"保成社区\",420102002,42,4201,420102");
  CityOptions options = Options(100, false);
  options.geo_dir = dir.path();
  City city = BuildOrDie(options);
  ASSERT_EQ(city.org_units().size(), 4u);
  EXPECT_EQ(city.org_units()[1].name, "江岸分局");
  EXPECT_EQ(city.org_units()[2].name, "大智\"街道\"派出所");
  EXPECT_EQ(city.org_units()[3].name, "保成社区");
  EXPECT_EQ(city.communities(), std::vector<uint32_t>{3});
}

TEST(CityOrgTree, SplitCsvRejectsUnterminatedQuote) {
  auto records = internal::SplitCsv("a,b\n\"x,y\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(records.error().message()), HasSubstr("2"));
}

TEST(CityStaff, EachCommunityHasOneOfficerAndOneToThreeGridWorkers) {
  City city = BuildOrDie(Options(2000));
  std::map<uint32_t, std::pair<int, int>> per_unit;
  for (const Staff& s : city.staff()) {
    ASSERT_EQ(city.org_units()[s.unit].level, OrgLevel::kCommunity);
    (s.role == StaffRole::kOfficer ? per_unit[s.unit].first : per_unit[s.unit].second)++;
  }
  size_t communities = 0;
  for (const OrgUnit& u : city.org_units()) communities += u.level == OrgLevel::kCommunity;
  EXPECT_EQ(per_unit.size(), communities);
  for (const auto& [unit, counts] : per_unit) {
    EXPECT_EQ(counts.first, 1);
    EXPECT_GE(counts.second, 1);
    EXPECT_LE(counts.second, 3);
  }
  EXPECT_EQ(city.StaffCode(0), "P-00000");
  EXPECT_EQ(city.StaffCode(1), "G-00001");
  EXPECT_GE(city.StaffName(0).size(), 6u);
}

// ------------------------------------------------------------------ communities

TEST(CityCommunities, UsesOneCommunityPer300ResidentsSpreadOverDistricts) {
  if (!HaveGeo()) GTEST_SKIP() << "no geo files at " << GeoDir();
  City city = BuildOrDie(Options(20000));
  EXPECT_EQ(city.communities().size(), 67u);  // ceil(20,000 / 300)
  EXPECT_EQ(city.cell_count(), 67u * 3);
  std::set<std::string> districts;
  std::map<uint32_t, int> residents_per_community;
  for (uint32_t c : city.communities()) {
    EXPECT_EQ(city.org_units()[c].level, OrgLevel::kCommunity);
    districts.insert(District(city, c));
  }
  EXPECT_GE(districts.size(), 10u);
  for (const Resident& r : city.residents()) ++residents_per_community[r.community];
  EXPECT_EQ(residents_per_community.size(), 67u);
  for (const auto& [c, n] : residents_per_community) {
    EXPECT_GT(n, 100);
    EXPECT_LT(n, 600);
  }
}

TEST(CityCommunities, TinyCityLivesInOneCommunity) {
  City city = BuildOrDie(Options(50));
  EXPECT_EQ(city.communities().size(), 1u);
  EXPECT_EQ(city.residents().size(), 50u);
}

TEST(CityCommunities, HomeCellsBelongToTheResidentsCommunity) {
  City city = BuildOrDie(Options(5000));
  std::map<uint32_t, uint32_t> position;
  for (uint32_t i = 0; i < city.communities().size(); ++i) position[city.communities()[i]] = i;
  for (const Resident& r : city.residents()) {
    ASSERT_LT(r.home_cell, city.cell_count());
    EXPECT_EQ(r.home_cell / 3, position.at(r.community));
  }
  EXPECT_EQ(city.CellId(712), "WH-00712");
}

// ------------------------------------------------------------------ residents

TEST(CityResidents, ResidentRecordIsAtMost32Bytes) {
  static_assert(sizeof(Resident) <= 32);
  EXPECT_LE(sizeof(Resident), 32u);
  EXPECT_LE(sizeof(Phone), 16u);
  EXPECT_LE(sizeof(Account), 24u);
}

TEST(CityResidents, RejectsZeroAndAboveTwentyMillionPopulation) {
  for (uint32_t population : {0u, 20'000'001u}) {
    auto city = City::Build(Options(population));
    ASSERT_FALSE(city.ok());
    EXPECT_EQ(city.error().code(), StatusCode::kInvalidArgument);
  }
}

TEST(CityResidents, AgeAndSexFollowTheSeventhCensus) {
  City city = BuildOrDie(Options(100000));
  double old = 0, young = 0, male = 0;
  for (const Resident& r : city.residents()) {
    old += r.age >= 60;
    young += r.age <= 14;
    male += r.sex == Sex::kMale;
    ASSERT_LE(r.age, 100);
  }
  const double n = static_cast<double>(city.residents().size());
  EXPECT_NEAR(old / n, 0.187, 0.01);
  EXPECT_NEAR(young / n, 0.179, 0.01);
  EXPECT_NEAR(male / n, 0.512, 0.01);
}

TEST(CityResidents, OccupationAndRiskAreConsistentWithAge) {
  City city = BuildOrDie(Options(100000));
  double working = 0, job_seekers = 0, investors = 0;
  for (const Resident& r : city.residents()) {
    if (r.occupation == Occupation::kStudent) {
      EXPECT_TRUE(r.age >= 6 && r.age <= 22);
    }
    if (r.occupation == Occupation::kRetired) {
      EXPECT_GE(r.age, 60);
    }
    EXPECT_EQ(r.occupation == Occupation::kChild, r.age < 6);
    EXPECT_EQ(r.risk == RiskProfile::kElderly, r.age >= 60);
    if (r.risk == RiskProfile::kStudent) {
      EXPECT_EQ(r.occupation, Occupation::kStudent);
    }
    if (r.risk == RiskProfile::kJobSeeker) {
      EXPECT_EQ(r.occupation, Occupation::kJobSeeker);
    }
    if (r.age >= 23 && r.age < 60) {
      ++working;
      job_seekers += r.occupation == Occupation::kJobSeeker;
      investors += r.risk == RiskProfile::kInvestor;
    }
  }
  EXPECT_NEAR(job_seekers / working, 0.05, 0.01);
  EXPECT_NEAR(investors / working, 0.08 * 0.95, 0.01);
}

TEST(CityResidents, PersonIdsAreValidUniqueAndEncodeDistrictBirthDateAndSex) {
  City city = BuildOrDie(Options(20000));
  std::unordered_set<std::string> seen;
  for (uint32_t i = 0; i < city.residents().size(); ++i) {
    const Resident& r = city.residents()[i];
    const std::string id = city.PersonId(i);
    ASSERT_TRUE(IsValidPersonId(id)) << id;
    EXPECT_TRUE(seen.insert(id).second) << "duplicate " << id;
    EXPECT_EQ(id.substr(0, 6), District(city, r.community));
    EXPECT_EQ((id[16] - '0') % 2 == 1, r.sex == Sex::kMale) << id;
    // Age in full years on 2024-05-01 (the default start, Shanghai).
    const int year = std::stoi(id.substr(6, 4)), md = std::stoi(id.substr(10, 4));
    const int age = 2024 - year - (md > 501 ? 1 : 0);
    EXPECT_EQ(age, r.age) << id;
  }
}

TEST(CityResidents, NamesAreChineseWithCommonSurnamesMostFrequent) {
  City city = BuildOrDie(Options(20000));
  std::map<std::string, int> surnames;
  std::set<std::string> names;
  for (uint32_t i = 0; i < city.residents().size(); ++i) {
    const std::string name = city.ResidentName(i);
    ASSERT_GE(name.size(), 6u);   // 2 CJK characters
    ASSERT_LE(name.size(), 12u);  // 4 CJK characters
    ASSERT_EQ(name.size() % 3, 0u) << name;
    ++surnames[name.substr(0, 3)];
    names.insert(name);
    EXPECT_EQ(name, city.ResidentName(i));
  }
  EXPECT_GT(surnames["王"], surnames["林"]);
  EXPECT_GT(surnames["李"], surnames["熊"]);
  EXPECT_NEAR(surnames["王"] / 20000.0, 0.083, 0.015);  // 7.1% of all, ~85% in the list
  EXPECT_GT(names.size(), 8000u);
}

// ------------------------------------------------------------------ phones

TEST(CityPhones, AboutOnePointTwoPerCapitaAndNoneForChildren) {
  City city = BuildOrDie(Options(100000));
  for (const Resident& r : city.residents()) {
    if (r.age < 12) {
      EXPECT_EQ(r.phone_count, 0);
      EXPECT_EQ(r.account_count, 0);
    } else {
      EXPECT_TRUE(r.phone_count >= 1 && r.phone_count <= 3);
      EXPECT_TRUE(r.account_count >= 1 && r.account_count <= 4);
    }
  }
  const double per_capita = static_cast<double>(city.phones().size()) / 100000;
  EXPECT_GT(per_capita, 1.15);
  EXPECT_LT(per_capita, 1.3);
}

TEST(CityPhones, EveryPhoneNormalizesAsMobileAndIsUnique) {
  City city = BuildOrDie(Options(20000));
  std::unordered_set<std::string> seen;
  for (uint32_t i = 0; i < city.phones().size(); ++i) {
    const std::string number = city.PhoneNumber(i);
    auto normalized = NormalizePhone(number);
    ASSERT_TRUE(normalized.ok()) << number << ": " << normalized.status().ToString();
    EXPECT_EQ(normalized->e164, number);
    const NumberRange& range = city.number_ranges()[city.phones()[i].range];
    EXPECT_EQ(normalized->kind,
              range.virtual_operator ? PhoneKind::kVirtualMobile : PhoneKind::kMobile)
        << number;
    EXPECT_EQ(number.substr(2, 7), range.prefix);
    EXPECT_TRUE(seen.insert(number).second) << "duplicate " << number;
  }
}

TEST(CityPhones, ResidentsOwnTheirContiguousPhones) {
  City city = BuildOrDie(Options(5000));
  for (uint32_t i = 0; i < city.residents().size(); ++i) {
    const Resident& r = city.residents()[i];
    for (uint32_t p = r.first_phone; p < r.first_phone + r.phone_count; ++p) {
      EXPECT_EQ(city.phones()[p].owner, i);
    }
    for (uint32_t a = r.first_account; a < r.first_account + r.account_count; ++a) {
      EXPECT_EQ(city.accounts()[a].owner, i);
    }
  }
}

TEST(CityPhones, CarrierSharesMatchTheMarket) {
  City city = BuildOrDie(Options(100000));
  std::map<Carrier, double> count;
  for (const Phone& p : city.phones()) ++count[city.number_ranges()[p.range].carrier];
  const double n = static_cast<double>(city.phones().size());
  EXPECT_NEAR(count[Carrier::kChinaMobile] / n, 0.57, 0.01);
  EXPECT_NEAR(count[Carrier::kChinaTelecom] / n, 0.24, 0.01);
  EXPECT_NEAR(count[Carrier::kChinaUnicom] / n, 0.18, 0.01);
  EXPECT_NEAR(count[Carrier::kVirtual] / n, 0.01, 0.005);
}

TEST(CityPhones, NumberRangesAreSevenDigitPrefixesOfTheirCarrier) {
  City city = BuildOrDie(Options(20000));
  const std::map<Carrier, std::string> prefixes = {
      {Carrier::kChinaMobile, "134135136137138139147150151152157158159178182183184187188195197198"},
      {Carrier::kChinaUnicom, "130131132145155156166175176185186196"},
      {Carrier::kChinaTelecom, "133149153173177180181189190191193199"},
      {Carrier::kVirtual, "170171162165167"}};
  std::set<std::string> seen;
  for (const NumberRange& r : city.number_ranges()) {
    ASSERT_EQ(r.prefix.size(), 7u);
    EXPECT_EQ(r.virtual_operator, r.carrier == Carrier::kVirtual);
    EXPECT_EQ(prefixes.at(r.carrier).find(r.prefix.substr(0, 3)) % 3, 0u) << r.prefix;
    EXPECT_TRUE(seen.insert(r.prefix).second);
  }
}

TEST(CityPhones, OpenedAtACarrierOutletOfTheOwnersDistrictWhenThereIsOne) {
  City city = BuildOrDie(Options(100000));
  std::set<std::pair<std::string, int>> carrier_in_district;
  for (const Outlet& o : city.outlets()) {
    if (o.kind == OutletKind::kCarrier)
      carrier_in_district.insert({District(city, o.community), o.institution});
  }
  for (const Phone& p : city.phones()) {
    const Outlet& o = city.outlets()[p.outlet];
    ASSERT_EQ(o.kind, OutletKind::kCarrier);
    const Carrier carrier = city.number_ranges()[p.range].carrier;
    EXPECT_EQ(o.institution, static_cast<uint8_t>(carrier));
    const std::string home = District(city, city.residents()[p.owner].community);
    if (carrier_in_district.count({home, o.institution})) {
      EXPECT_EQ(District(city, o.community), home);
    }
  }
}

// ------------------------------------------------------------------ accounts, outlets

TEST(CityAccounts, NumbersAreLuhnValidUniqueAndStartWithTheBanksBin) {
  City city = BuildOrDie(Options(20000));
  std::unordered_set<std::string> seen;
  for (uint32_t i = 0; i < city.accounts().size(); ++i) {
    const Account& a = city.accounts()[i];
    const Bank& bank = city.banks()[a.bank];
    const std::string number = city.AccountNumber(i);
    ASSERT_EQ(number.size(), bank.card_length);
    EXPECT_TRUE(number.starts_with(bank.bin));
    int sum = 0;
    for (size_t k = 0; k < number.size(); ++k) {
      int d = number[number.size() - 1 - k] - '0';
      if (k % 2 == 1 && (d *= 2) > 9) d -= 9;
      sum += d;
    }
    EXPECT_EQ(sum % 10, 0) << number;
    EXPECT_TRUE(seen.insert(number).second) << "duplicate " << number;
    const Outlet& o = city.outlets()[a.outlet];
    EXPECT_EQ(o.kind, OutletKind::kBank);
    EXPECT_EQ(o.institution, a.bank);
    EXPECT_GT(a.opening_balance_fen, 0);
  }
}

TEST(CityAccounts, BanksAreRealWithTheirBins) {
  City city = BuildOrDie(Options(1000));
  std::map<std::string, std::string> bins;
  for (const Bank& b : city.banks()) bins[b.code] = b.bin;
  EXPECT_EQ(bins["ICBC"], "622202");
  EXPECT_EQ(bins["CCB"], "621700");
  EXPECT_EQ(bins["ABC"], "622848");
  EXPECT_EQ(bins["BOC"], "621661");
  EXPECT_EQ(bins["CMB"], "622588");
  EXPECT_EQ(bins["PSBC"], "621799");
  EXPECT_EQ(bins["BOCOM"], "622260");
}

TEST(CityOutlets, EveryInstitutionHasOneAndAboutThreePercentAreComplicit) {
  if (!HaveGeo()) GTEST_SKIP() << "no geo files at " << GeoDir();
  City city = BuildOrDie(Options(1'100'000));
  EXPECT_EQ(city.communities().size(), 3495u);  // all of Wuhan's communities
  std::set<std::pair<OutletKind, int>> institutions;
  std::map<OutletKind, double> total, complicit;
  std::set<std::string> codes;
  for (uint32_t i = 0; i < city.outlets().size(); ++i) {
    const Outlet& o = city.outlets()[i];
    institutions.insert({o.kind, o.institution});
    ++total[o.kind];
    complicit[o.kind] += o.complicit;
    EXPECT_TRUE(codes.insert(city.OutletCode(i)).second) << city.OutletCode(i);
  }
  EXPECT_EQ(institutions.size(), city.banks().size() + 4);
  EXPECT_NEAR(total[OutletKind::kBank], 3495 / 2.5, 2);
  EXPECT_NEAR(total[OutletKind::kCarrier], 3495 / 3.0, 2);
  EXPECT_NEAR(complicit[OutletKind::kBank] / total[OutletKind::kBank], 0.03, 0.002);
  EXPECT_NEAR(complicit[OutletKind::kCarrier] / total[OutletKind::kCarrier], 0.03, 0.002);
}

TEST(CityOutlets, OutletCodeNamesInstitutionAndDistrict) {
  City city = BuildOrDie(Options(1000));
  const Outlet& o = city.outlets()[0];  // the first bank outlet is ICBC's
  EXPECT_EQ(city.OutletCode(0), "ICBC-" + District(city, o.community) + "-01");
}

// ------------------------------------------------------------------ determinism, output

TEST(CityOutput, SameOptionsWriteIdenticalFilesAndAnotherSeedDoesNot) {
  TempDir a, b, c;
  ASSERT_TRUE(BuildOrDie(Options(3000)).WriteTo(a.path()).ok());
  ASSERT_TRUE(BuildOrDie(Options(3000)).WriteTo(b.path()).ok());
  ASSERT_TRUE(BuildOrDie(Options(3000, true, 8)).WriteTo(c.path()).ok());
  for (const char* file : {"org_units.csv", "staff.csv", "residents.csv", "phones.csv",
                           "accounts.csv", "outlets.csv", "number_ranges.csv"}) {
    const std::string first = ReadFile(a.path() + "/" + file);
    EXPECT_FALSE(first.empty()) << file;
    EXPECT_EQ(first, ReadFile(b.path() + "/" + file)) << file;
  }
  EXPECT_NE(ReadFile(a.path() + "/residents.csv"), ReadFile(c.path() + "/residents.csv"));
  EXPECT_NE(ReadFile(a.path() + "/phones.csv"), ReadFile(c.path() + "/phones.csv"));
}

TEST(CityOutput, WritesHeadersAndOneRowPerEntity) {
  TempDir dir;
  City city = BuildOrDie(Options(2000));
  ASSERT_TRUE(city.WriteTo(dir.path() + "/city").ok());
  auto lines = [&](const char* file) {
    std::ifstream in(dir.path() + "/city/" + file);
    std::string line, header;
    std::getline(in, header);
    size_t n = 0;
    while (std::getline(in, line)) ++n;
    return std::make_pair(header, n);
  };
  EXPECT_EQ(lines("residents.csv"),
            std::make_pair(
                std::string("index,person_id,name,sex,age,occupation,risk,community,home_cell"),
                city.residents().size()));
  EXPECT_EQ(lines("phones.csv"),
            std::make_pair(std::string("index,phone,owner,carrier,virtual,outlet"),
                           city.phones().size()));
  EXPECT_EQ(lines("accounts.csv"),
            std::make_pair(std::string("index,account,owner,bank,outlet,opening_balance_fen"),
                           city.accounts().size()));
  EXPECT_EQ(lines("org_units.csv").second, city.org_units().size());
  EXPECT_EQ(lines("staff.csv").second, city.staff().size());
  EXPECT_EQ(lines("outlets.csv").second, city.outlets().size());
  EXPECT_EQ(lines("number_ranges.csv").second, city.number_ranges().size());
}

TEST(CityOutput, UnwritableDirectoryIsIoError) {
  City city = BuildOrDie(Options(100));
  Status s = city.WriteTo("/proc/wuzha_no_such_dir");
  EXPECT_EQ(s.code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace wuzha::sim
