#include "intercept/rules/registry.h"

#include "intercept/rules/factories.h"

namespace wuzha::intercept {
namespace {

template <typename R, typename... Factory>
std::vector<std::unique_ptr<R>> Collect(const Resources& resources, Factory... factories) {
  std::vector<std::unique_ptr<R>> rules;
  for (auto* factory : {factories...}) {
    if (auto rule = factory(resources)) rules.push_back(std::move(rule));
  }
  return rules;
}

}  // namespace

std::vector<std::unique_ptr<CallRule>> BuildCallRules(const Resources& resources) {
  return Collect<CallRule>(resources,
                           NewCallListRule,
                           NewCallSpoofRule,
                           NewCallRangeRule,
                           NewCallBehaviourRule);
}

std::vector<std::unique_ptr<SmsRule>> BuildSmsRules(const Resources& resources) {
  return Collect<SmsRule>(resources,
                          NewSmsSenderListRule,
                          NewSmsLinkListRule,
                          NewSmsKeywordRule,
                          NewSmsClassifierRule);
}

std::vector<std::unique_ptr<UrlRule>> BuildUrlRules(const Resources& resources) {
  return Collect<UrlRule>(resources,
                          NewUrlListRule,
                          NewUrlLookalikeRule,
                          NewUrlNewDomainRule);
}

std::vector<std::unique_ptr<AppRule>> BuildAppRules(const Resources& resources) {
  return Collect<AppRule>(resources,
                          NewAppListRule,
                          NewAppBrandLabelRule,
                          NewAppPermissionsRule,
                          NewAppPackageShapeRule);
}

}  // namespace wuzha::intercept
