#include "store/store.h"

#include <array>

namespace wuzha::store {
namespace {

// The names of each enum, indexed by its value: the order follows the enum's.
template <typename E>
struct Names;
template <>
struct Names<UnitKind> {
  static constexpr std::array<std::string_view, 4> kAll = {"city", "branch", "station",
                                                           "community"};
};
template <>
struct Names<Role> {
  static constexpr std::array<std::string_view, 9> kAll = {"city_analyst", "branch",      "station",
                                                           "officer",      "grid_worker", "bank",
                                                           "carrier",      "auditor",     "admin"};
};
template <>
struct Names<Grade> {
  static constexpr std::array<std::string_view, 3> kAll = {"red", "orange", "yellow"};
};
template <>
struct Names<WarningStatus> {
  static constexpr std::array<std::string_view, 5> kAll = {"open", "assigned", "in_progress",
                                                           "escalated", "closed"};
};
template <>
struct Names<Feedback> {
  static constexpr std::array<std::string_view, 6> kAll = {
      "reached_by_phone", "visited", "dissuaded", "already_lost", "not_reachable", "false_alarm"};
};
template <>
struct Names<WarningEventKind> {
  static constexpr std::array<std::string_view, 7> kAll = {
      "created", "routed", "assigned", "escalated", "feedback", "status_changed", "note"};
};
template <>
struct Names<CaseStatus> {
  static constexpr std::array<std::string_view, 5> kAll = {"open", "investigating", "suspended",
                                                           "solved", "closed"};
};
template <>
struct Names<CaseLinkKind> {
  static constexpr std::array<std::string_view, 7> kAll = {"report",  "victim", "account", "order",
                                                           "warning", "gang",   "phone"};
};
template <>
struct Names<CaseEventKind> {
  static constexpr std::array<std::string_view, 5> kAll = {"created", "status_changed", "linked",
                                                           "unlinked", "note"};
};
template <>
struct Names<OrderKind> {
  static constexpr std::array<std::string_view, 2> kAll = {"stop_pay", "freeze"};
};
template <>
struct Names<OrderState> {
  static constexpr std::array<std::string_view, 5> kAll = {"requested", "executed", "expired",
                                                           "converted", "withdrawn"};
};

template <typename E>
std::string_view NameOf(E v) {
  const auto& all = Names<E>::kAll;
  auto i = static_cast<size_t>(v);
  return i < all.size() ? all[i] : std::string_view("unknown");
}

}  // namespace

std::string_view EnumName(UnitKind v) { return NameOf(v); }
std::string_view EnumName(Role v) { return NameOf(v); }
std::string_view EnumName(Grade v) { return NameOf(v); }
std::string_view EnumName(WarningStatus v) { return NameOf(v); }
std::string_view EnumName(Feedback v) { return NameOf(v); }
std::string_view EnumName(WarningEventKind v) { return NameOf(v); }
std::string_view EnumName(CaseStatus v) { return NameOf(v); }
std::string_view EnumName(CaseLinkKind v) { return NameOf(v); }
std::string_view EnumName(CaseEventKind v) { return NameOf(v); }
std::string_view EnumName(OrderKind v) { return NameOf(v); }
std::string_view EnumName(OrderState v) { return NameOf(v); }

template <typename E>
std::optional<E> ParseEnum(std::string_view name) {
  const auto& all = Names<E>::kAll;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

template std::optional<UnitKind> ParseEnum<UnitKind>(std::string_view);
template std::optional<Role> ParseEnum<Role>(std::string_view);
template std::optional<Grade> ParseEnum<Grade>(std::string_view);
template std::optional<WarningStatus> ParseEnum<WarningStatus>(std::string_view);
template std::optional<Feedback> ParseEnum<Feedback>(std::string_view);
template std::optional<WarningEventKind> ParseEnum<WarningEventKind>(std::string_view);
template std::optional<CaseStatus> ParseEnum<CaseStatus>(std::string_view);
template std::optional<CaseLinkKind> ParseEnum<CaseLinkKind>(std::string_view);
template std::optional<CaseEventKind> ParseEnum<CaseEventKind>(std::string_view);
template std::optional<OrderKind> ParseEnum<OrderKind>(std::string_view);
template std::optional<OrderState> ParseEnum<OrderState>(std::string_view);

}  // namespace wuzha::store
