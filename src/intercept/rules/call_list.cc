// call.list: the caller on the allow list, on the block list, or in a blocked 号段.
#include "intercept/rules/factories.h"
#include "intercept/rules/list_finding.h"

namespace wuzha::intercept {
namespace {

class CallListRule final : public CallRule {
 public:
  std::string_view name() const override { return "call.list"; }
  std::string_view description() const override {
    return "caller number on the allow or block list, or in a blocked number range (号段)";
  }
  void Evaluate(const CallInput& in, const CheckContext& ctx, Findings& out) const override {
    if (in.caller.empty()) return;
    if (const lists::Entry* e = ctx.lists.FindPhone(lists::ListKind::kAllow, in.caller, ctx.now_ms)) {
      out.push_back(ListFinding(name(), *e, "caller"));
      return;
    }
    if (const lists::Entry* e = ctx.lists.FindPhone(lists::ListKind::kBlock, in.caller, ctx.now_ms)) {
      out.push_back(ListFinding(name(), *e, "caller"));
    }
  }
};

}  // namespace

std::unique_ptr<CallRule> NewCallListRule(const Resources&) { return std::make_unique<CallListRule>(); }

}  // namespace wuzha::intercept
