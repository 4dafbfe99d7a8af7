// The fraud side's parameters, one table per fraud type and the city-wide volumes, with
// their sources in docs/sim-calibration.md (numbered there; "assumed" where no figure
// was published). Changing a figure here changes the city: docs/sim.md lists them.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/fraud_type.h"
#include "sim/city.h"
#include "sim/text_gen.h"

namespace wuzha::sim::internal {

// Per 13.7 million residents per day (Wuhan, DESIGN.md and docs/sim-calibration.md).
inline constexpr double kWuhanResidents = 13.7e6;
inline constexpr double kColdCallsPerDay = 30000;     // gang calls to strangers (assumed)
inline constexpr double kSmsPerDay = 190000;          // fraud SMS (Wuhan 2025: 200k+)
inline constexpr double kExposuresPerDay = 95000;     // visits to fraud sites from ads and chats
inline constexpr uint32_t kResidentsPerGang = 60000;  // assumed; at least kMinGangs
inline constexpr int kMinGangs = 3;

// Chances per contact (assumed, tuned so that engaged targets ≈ 800 per 13.7M a day,
// the Wuhan visit figure).
inline constexpr double kCallAnswered = 0.45;
inline constexpr double kEngageAnsweredCall = 0.045;  // times the profile factor
inline constexpr double kSmsClick = 0.03;
inline constexpr double kEngageClick = 0.18;
inline constexpr double kEngageExposure = 0.0018;
inline constexpr double kOffProfile = 0.25;  // a resident outside the type's profile

// Dissuasion by a visit: p0 / (1 + t / tau), t = time since the first contact.
inline constexpr double kVisitReached = 0.9;

// Laundering (docs/sim-calibration.md §5): money leaves layer 1 within minutes, mules keep
// a commission, cash withdrawals and exits stay below the 50,000-yuan cash threshold.
inline constexpr int64_t kSplitBelowFen = 5'000'000;  // 50,000 yuan
inline constexpr int64_t kAtmMaxFen = 2'000'000;      // 20,000 yuan per withdrawal
inline constexpr int kMuleCommissionPerMille = 20;

struct ScriptParams {
  FraudType type;
  uint32_t case_weight;              // share of cases, % (docs/sim-calibration.md §1)
  uint32_t profiles;                 // bit (1 << RiskProfile) per profile targeted
  uint8_t min_age, max_age;          // targets' ages
  int follow_min, follow_max;        // follow-up calls and SMS before the link
  bool link, app, long_call;         // lure link, fraud app, screen-share call
  int64_t lead_min_ms, lead_max_ms;  // first contact → first payment
  int tasks;                         // 刷单: small paid tasks before the advances
  int pays_min, pays_max;
  int64_t gap_min_ms, gap_max_ms;          // between payments
  int64_t amount_min_fen, amount_max_fen;  // first payment; later ones may grow
  int growth_percent;                      // each payment vs the previous one
  double agree;                            // an engaged target goes on to pay
  double report;                           // a victim reports (some never do)
  int64_t report_median_ms;                // after the last payment
  double visit_p0;
  int64_t visit_tau_ms;
  BrandKind brand;
  std::string_view memo;
};

constexpr int64_t kMin = 60000, kHour = 60 * kMin, kDay = 24 * kHour;
constexpr uint32_t Bit(RiskProfile p) { return 1u << static_cast<unsigned>(p); }
constexpr uint32_t kAnyone = 0x1f;

inline constexpr std::array<ScriptParams, kFraudTypeCount> kScripts = {{
    {FraudType::kOrderBrushing,
     35,
     Bit(RiskProfile::kStudent) | Bit(RiskProfile::kJobSeeker) | Bit(RiskProfile::kGeneral),
     16,
     45,
     1,
     2,
     true,
     true,
     false,
     1 * kHour,
     20 * kHour,
     2,
     2,
     4,
     20 * kMin,
     4 * kHour,
     200'000,
     1'500'000,
     250,
     0.45,
     0.7,
     2 * kHour,
     0.9,
     12 * kHour,
     BrandKind::kShopping,
     "刷单任务"},
    {FraudType::kFakeInvestment,
     15,
     Bit(RiskProfile::kInvestor) | Bit(RiskProfile::kGeneral),
     25,
     65,
     2,
     4,
     true,
     true,
     false,
     1 * kDay,
     4 * kDay,
     0,
     3,
     6,
     8 * kHour,
     2 * kDay,
     1'000'000,
     5'000'000,
     180,
     0.4,
     0.65,
     1 * kDay,
     0.8,
     3 * kDay,
     BrandKind::kFinance,
     "投资入金"},
    {FraudType::kFakeCustomerService,
     12,
     kAnyone,
     18,
     70,
     1,
     2,
     true,
     true,
     true,
     20 * kMin,
     90 * kMin,
     0,
     1,
     3,
     5 * kMin,
     20 * kMin,
     300'000,
     3'000'000,
     120,
     0.4,
     0.8,
     30 * kMin,
     0.95,
     1 * kHour,
     BrandKind::kShopping,
     "退款验证"},
    {FraudType::kFakePolice,
     7,
     Bit(RiskProfile::kElderly) | Bit(RiskProfile::kGeneral),
     25,
     85,
     2,
     3,
     false,
     true,
     true,
     2 * kHour,
     20 * kHour,
     0,
     1,
     3,
     30 * kMin,
     3 * kHour,
     2'000'000,
     10'000'000,
     150,
     0.35,
     0.8,
     3 * kHour,
     0.95,
     1 * kHour,
     BrandKind::kGovernment,
     "安全账户"},
    {FraudType::kFakeLoan,
     12,
     Bit(RiskProfile::kJobSeeker) | Bit(RiskProfile::kGeneral),
     20,
     50,
     1,
     2,
     true,
     true,
     false,
     2 * kHour,
     20 * kHour,
     0,
     2,
     4,
     1 * kHour,
     6 * kHour,
     50'000,
     500'000,
     200,
     0.45,
     0.6,
     1 * kDay,
     0.9,
     12 * kHour,
     BrandKind::kFinance,
     "解冻费"},
    {FraudType::kFakeInsurance,
     5,
     Bit(RiskProfile::kElderly) | Bit(RiskProfile::kGeneral),
     30,
     85,
     1,
     2,
     true,
     true,
     true,
     20 * kMin,
     90 * kMin,
     0,
     1,
     2,
     10 * kMin,
     40 * kMin,
     300'000,
     2'000'000,
     130,
     0.4,
     0.75,
     3 * kHour,
     0.95,
     1 * kHour,
     BrandKind::kInsurance,
     "取消扣费"},
    {FraudType::kRomance,
     9,
     Bit(RiskProfile::kInvestor) | Bit(RiskProfile::kGeneral),
     25,
     60,
     3,
     6,
     true,
     true,
     false,
     2 * kDay,
     5 * kDay,
     0,
     3,
     6,
     12 * kHour,
     2 * kDay,
     1'000'000,
     6'000'000,
     170,
     0.4,
     0.55,
     1 * kDay,
     0.7,
     7 * kDay,
     BrandKind::kFinance,
     "充值"},
    {FraudType::kGameTrade,
     5,
     Bit(RiskProfile::kStudent) | Bit(RiskProfile::kGeneral),
     12,
     35,
     1,
     2,
     true,
     false,
     false,
     30 * kMin,
     6 * kHour,
     0,
     1,
     2,
     10 * kMin,
     1 * kHour,
     30'000,
     300'000,
     150,
     0.45,
     0.5,
     1 * kDay,
     0.9,
     12 * kHour,
     BrandKind::kGame,
     "游戏账号"},
}};

inline const ScriptParams& Script(FraudType t) { return kScripts[static_cast<size_t>(t)]; }

}  // namespace wuzha::sim::internal
