// The fraud types wuzha classifies, warns and reports by: the categories Chinese
// anti-fraud centers publish (公安部 typical cases). Labels and reports carry the Chinese
// name; code uses the enum. A value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace wuzha {

enum class FraudType : uint8_t {
  kOrderBrushing,      // 刷单返利: paid "tasks" (likes, orders) that end in big advances
  kFakeInvestment,     // 虚假投资理财: fake trading platforms, "teachers" in chat groups
  kFakeCustomerService,  // 冒充客服: refunds, flight changes (机票退改签), account "fixes"
  kFakePolice,         // 冒充公检法: "your card is in a money-laundering case"
  kFakeLoan,           // 虚假贷款: fees before a loan that never comes
  kFakeInsurance,      // 百万医疗保障: "your million-yuan medical cover will auto-renew"
  kRomance,            // 杀猪盘: a long courtship, then an investment
  kGameTrade,          // 游戏交易: game accounts and items, fake escrow
};
inline constexpr int kFraudTypeCount = 8;

// "刷单返利", "虚假投资理财", "冒充客服", "冒充公检法", "虚假贷款", "百万医疗保障", "杀猪盘", "游戏交易".
std::string_view FraudTypeName(FraudType type);
// Short ASCII code for ids and file names: "brushing", "investment", "service", "police",
// "loan", "insurance", "romance", "game".
std::string_view FraudTypeCode(FraudType type);
// Inverse of either name; nullopt when unknown.
std::optional<FraudType> ParseFraudType(std::string_view name_or_code);

}  // namespace wuzha
