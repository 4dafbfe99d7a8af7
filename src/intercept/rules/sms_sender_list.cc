// sms.sender_list: the sender on the allow list (a known service number) or the block list.
#include "intercept/rules/factories.h"
#include "intercept/rules/list_finding.h"

namespace wuzha::intercept {
namespace {

class SmsSenderListRule final : public SmsRule {
 public:
  std::string_view name() const override { return "sms.sender_list"; }
  std::string_view description() const override {
    return "sender number on the allow list (known service number) or the block list";
  }
  void Evaluate(const SmsInput& in, const CheckContext& ctx, Findings& out) const override {
    if (in.sender.empty()) return;
    if (const lists::Entry* e = ctx.lists.FindPhone(lists::ListKind::kAllow, in.sender, ctx.now_ms)) {
      out.push_back(ListFinding(name(), *e, "sender"));
    } else if (const lists::Entry* b = ctx.lists.FindPhone(lists::ListKind::kBlock, in.sender, ctx.now_ms)) {
      out.push_back(ListFinding(name(), *b, "sender"));
    }
  }
};

}  // namespace

std::unique_ptr<SmsRule> NewSmsSenderListRule(const Resources&) {
  return std::make_unique<SmsSenderListRule>();
}

}  // namespace wuzha::intercept
