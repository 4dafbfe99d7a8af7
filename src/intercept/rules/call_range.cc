// call.range: a caller on a virtual-operator number range (虚拟运营商 号段: 170, 171, 162,
// 165, 167), which fraud favours for SIMs opened in bulk, registered outside the city.
// A small score only: many people use virtual operators legitimately; it tips the
// balance when other rules already found something. Needs the 号段 table.
#include <string>

#include "intercept/rules/factories.h"
#include "lists/phone_region.h"

namespace wuzha::intercept {
namespace {

constexpr double kScore = 0.1;

class CallRangeRule final : public CallRule {
 public:
  explicit CallRangeRule(const Resources& resources)
      : regions_(*resources.regions), home_area_code_(resources.home_area_code) {}
  std::string_view name() const override { return "call.range"; }
  std::string_view description() const override {
    return "caller on a virtual-operator number range (170/171/162/165/167) registered "
           "outside the city";
  }

  void Evaluate(const CallInput& in, const CheckContext&, Findings& out) const override {
    if (in.caller.empty() || in.caller_kind != PhoneKind::kVirtualMobile) return;
    const auto region = regions_.Lookup(in.caller);
    if (!region || region->area_code.empty() || region->area_code == home_area_code_) return;
    out.push_back(Finding{name(), Effect::kScore, kScore, "",
                          "virtual-operator number " + std::string(in.caller.substr(2, 3)) +
                              " 号段 registered in " + region->province + " " + region->city +
                              " (" + region->area_code + "), outside the city"});
  }

 private:
  const lists::PhoneRegionDb& regions_;
  std::string home_area_code_;
};

}  // namespace

std::unique_ptr<CallRule> NewCallRangeRule(const Resources& resources) {
  if (resources.regions == nullptr) return nullptr;
  return std::make_unique<CallRangeRule>(resources);
}

}  // namespace wuzha::intercept
