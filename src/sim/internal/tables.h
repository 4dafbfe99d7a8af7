// Published figures and assumed parameters of the simulated city, in one place so that
// docs/sim.md can cite each one. Integer weights only: sampling must not depend on a
// floating-point library (cross-machine determinism).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "sim/city.h"

namespace wuzha::sim::internal {

// --- population (7th national census, 2020, national 5-year age groups, per 10,000)
struct AgeBand {
  uint8_t lo, hi;  // inclusive
  uint32_t weight;
};
inline constexpr AgeBand kAgeBands[] = {
    {0, 4, 548},   {5, 9, 634},   {10, 14, 613}, {15, 19, 528}, {20, 24, 530}, {25, 29, 663},
    {30, 34, 877}, {35, 39, 697}, {40, 44, 661}, {45, 49, 831}, {50, 54, 846}, {55, 59, 706},
    {60, 64, 544}, {65, 69, 503}, {70, 74, 347}, {75, 79, 222}, {80, 84, 150}, {85, 100, 104},
};
inline constexpr uint32_t kMalePerMille = 512;  // sex ratio 105.07 (census 2020)
inline constexpr int kMaxAge = 100;

// --- people per community, phones and accounts
inline constexpr uint32_t kResidentsPerCommunityMin = 300;  // assumed, small cities
inline constexpr uint32_t kCellsPerCommunity = 3;           // assumed
inline constexpr uint8_t kMinAgeForCards = 12;              // assumed: no own SIM/card below
// Phones per card-holding resident 1/2/3 (mean 1.38, i.e. ~1.2 per capita: MIIT).
inline constexpr uint32_t kPhoneCountWeights[] = {70, 22, 8};
// Accounts that transact, per card-holding resident 1/2/3/4 (assumed; mean 2.05).
inline constexpr uint32_t kAccountCountWeights[] = {35, 35, 20, 10};

// --- carriers: subscriber shares (MIIT 2023, %) and their real 3-digit prefixes (号段)
struct CarrierInfo {
  Carrier carrier;
  uint32_t share_percent;
  std::string_view prefixes;  // concatenated 3-digit prefixes
};
inline constexpr CarrierInfo kCarriers[] = {
    {Carrier::kChinaMobile, 57,
     "134135136137138139147150151152157158159178182183184187188195197198"},
    {Carrier::kChinaUnicom, 18, "130131132145155156166175176185186196"},
    {Carrier::kChinaTelecom, 24, "133149153173177180181189190191193199"},
    {Carrier::kVirtual, 1, "170171162165167"},
};
inline constexpr uint32_t kNumbersPerRange = 10000;  // 7-digit prefix + 4 subscriber digits
// Ranges are sized so that the residents' phones fill them about this much (assumed).
inline constexpr uint32_t kRangeFillPercent = 50;

// --- banks: real names, codes and debit-card BINs; outlet weights assumed
struct BankInfo {
  std::string_view code, name, bin;
  uint8_t card_length;
  uint32_t outlet_weight;
};
inline constexpr BankInfo kBanks[] = {
    {"ICBC", "中国工商银行", "622202", 19, 14},    {"CCB", "中国建设银行", "621700", 19, 13},
    {"ABC", "中国农业银行", "622848", 19, 14},     {"BOC", "中国银行", "621661", 19, 10},
    {"CMB", "招商银行", "622588", 16, 5},          {"PSBC", "中国邮政储蓄银行", "621799", 19, 14},
    {"BOCOM", "交通银行", "622260", 19, 5},        {"CIB", "兴业银行", "622909", 18, 4},
    {"SPDB", "上海浦东发展银行", "622521", 16, 3}, {"CITIC", "中信银行", "622690", 16, 3},
    {"CMBC", "中国民生银行", "622622", 16, 3},     {"WHRCB", "武汉农村商业银行", "623595", 19, 8},
    {"HKB", "汉口银行", "622865", 19, 4},
};

// --- outlets
inline constexpr uint32_t kCommunitiesPerBankOutletX10 = 25;     // 1 per 2.5 communities
inline constexpr uint32_t kCommunitiesPerCarrierOutletX10 = 30;  // 1 per 3 communities
inline constexpr uint32_t kComplicitPerMille = 30;               // ~3% (assumed)

// --- opening balances (fen): decade bands and weights per age group (assumed)
struct BalanceBand {
  int64_t lo_fen, hi_fen;
};
inline constexpr BalanceBand kBalanceBands[] = {{1'000, 100'000},
                                                {100'000, 1'000'000},
                                                {1'000'000, 10'000'000},
                                                {10'000'000, 100'000'000},
                                                {100'000'000, 500'000'000}};
inline constexpr uint32_t kBalanceWeightsYoung[] = {30, 40, 22, 7, 1};  // under 23
inline constexpr uint32_t kBalanceWeightsWorking[] = {10, 30, 38, 18, 4};
inline constexpr uint32_t kBalanceWeightsElderly[] = {8, 22, 38, 25, 7};  // 60+

// --- synthetic tree when no geo files are given: Wuhan's shape
inline constexpr uint32_t kSyntheticDistricts = 13;
inline constexpr uint32_t kSyntheticStationsPerDistrict = 15;
inline constexpr uint32_t kSyntheticCommunitiesPerStation = 18;

}  // namespace wuzha::sim::internal
