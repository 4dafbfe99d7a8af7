// sms.link_list: links, phone numbers and bank cards inside the message checked against
// the block list. The message is judged by what it points to: a listed domain or a
// listed call-back number is as good as a listed sender. Allow-listed links do not make
// a message safe (fraud texts quote real bank sites next to their own).
#include "intercept/rules/factories.h"
#include "intercept/rules/list_finding.h"

namespace wuzha::intercept {
namespace {

class SmsLinkListRule final : public SmsRule {
 public:
  std::string_view name() const override { return "sms.link_list"; }
  std::string_view description() const override {
    return "a link, phone number or bank card in the message is on the block list";
  }
  void Evaluate(const SmsInput& in, const CheckContext& ctx, Findings& out) const override {
    for (const text::Entity& entity : in.entities) {
      const lists::Entry* hit = nullptr;
      std::string_view what;
      switch (entity.kind) {
        case text::EntityKind::kUrl:
          hit = ctx.lists.FindDomain(lists::ListKind::kBlock, lists::UrlHost(entity.value), ctx.now_ms);
          what = "link";
          break;
        case text::EntityKind::kPhone:
          hit = ctx.lists.FindPhone(lists::ListKind::kBlock, entity.value, ctx.now_ms);
          what = "number in text";
          break;
        case text::EntityKind::kBankCard:
          hit = ctx.lists.Find(lists::ListKind::kBlock, lists::IndicatorType::kAccount, entity.value,
                               ctx.now_ms);
          what = "account in text";
          break;
        default:
          break;
      }
      if (hit != nullptr) out.push_back(ListFinding(name(), *hit, what));
    }
  }
};

}  // namespace

std::unique_ptr<SmsRule> NewSmsLinkListRule(const Resources&) {
  return std::make_unique<SmsLinkListRule>();
}

}  // namespace wuzha::intercept
