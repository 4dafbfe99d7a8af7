#include "core/fraud_type.h"

#include <array>

namespace wuzha {
namespace {
constexpr std::array<std::string_view, kFraudTypeCount> kNames = {
    "刷单返利", "虚假投资理财", "冒充客服", "冒充公检法", "虚假贷款", "百万医疗保障", "杀猪盘", "游戏交易"};
constexpr std::array<std::string_view, kFraudTypeCount> kCodes = {
    "brushing", "investment", "service", "police", "loan", "insurance", "romance", "game"};
}  // namespace

std::string_view FraudTypeName(FraudType type) { return kNames[static_cast<size_t>(type)]; }
std::string_view FraudTypeCode(FraudType type) { return kCodes[static_cast<size_t>(type)]; }

std::optional<FraudType> ParseFraudType(std::string_view s) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == s || kCodes[i] == s) return static_cast<FraudType>(i);
  }
  return std::nullopt;
}

}  // namespace wuzha
