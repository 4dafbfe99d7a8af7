// url.list: the URL itself, its host or a parent domain of it on the allow or block
// list. Allow wins over block for the same query: an allow entry is an analyst's
// decision that a domain is good, taken after the block list was built.
#include "intercept/rules/factories.h"
#include "intercept/rules/list_finding.h"

namespace wuzha::intercept {
namespace {

class UrlListRule final : public UrlRule {
 public:
  std::string_view name() const override { return "url.list"; }
  std::string_view description() const override {
    return "URL, domain or a parent domain on the allow or block list";
  }
  void Evaluate(const UrlInput& in, const CheckContext& ctx, Findings& out) const override {
    if (in.host.empty()) return;
    if (const lists::Entry* e = ctx.lists.FindDomain(lists::ListKind::kAllow, in.host, ctx.now_ms)) {
      out.push_back(ListFinding(name(), *e, "domain"));
      return;
    }
    if (!in.url.empty()) {
      if (const lists::Entry* e =
              ctx.lists.Find(lists::ListKind::kBlock, lists::IndicatorType::kUrl, in.url, ctx.now_ms)) {
        out.push_back(ListFinding(name(), *e, "url"));
        return;
      }
    }
    if (const lists::Entry* e = ctx.lists.FindDomain(lists::ListKind::kBlock, in.host, ctx.now_ms)) {
      out.push_back(ListFinding(name(), *e, "domain"));
    }
  }
};

}  // namespace

std::unique_ptr<UrlRule> NewUrlListRule(const Resources&) { return std::make_unique<UrlListRule>(); }

}  // namespace wuzha::intercept
