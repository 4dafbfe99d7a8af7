// url.new_domain: a registrable domain the city's traffic first saw less than a week
// ago (DomainHistory), or never. Scam sites live days; a fresh domain alone is weak
// evidence (most new domains are honest), so it only adds a low score that tips a
// verdict together with other findings. Protected and allow-listed domains never fire.
#include <cstdio>

#include "intercept/brand_table.h"
#include "intercept/domain_history.h"
#include "intercept/rules/factories.h"

namespace wuzha::intercept {
namespace {

class UrlNewDomainRule final : public UrlRule {
 public:
  UrlNewDomainRule(const DomainHistory& history, const BrandTable* brands)
      : history_(history), brands_(brands) {}
  std::string_view name() const override { return "url.new_domain"; }
  std::string_view description() const override {
    return "registrable domain first seen in the traffic less than a week ago, or never";
  }
  void Evaluate(const UrlInput& in, const CheckContext& ctx, Findings& out) const override {
    if (in.registrable.empty()) return;
    if (brands_ != nullptr && brands_->IsProtected(in.registrable)) return;
    if (ctx.lists.FindDomain(lists::ListKind::kAllow, in.host, ctx.now_ms) != nullptr ||
        ctx.lists.FindDomain(lists::ListKind::kProtected, in.host, ctx.now_ms) != nullptr) {
      return;
    }
    const std::optional<int64_t> first = history_.FirstSeen(in.registrable);
    if (first && ctx.now_ms - *first >= history_.new_window_ms()) return;
    Finding f;
    f.rule = name();
    f.score = 0.3;
    f.detail = std::string(in.registrable);
    if (first) {
      char age[64];
      std::snprintf(age, sizeof age, " first seen %.1f days ago",
                    static_cast<double>(ctx.now_ms - *first) / DomainHistory::kDayMs);
      f.detail += age;
    } else {
      f.detail += " never seen before";
    }
    out.push_back(std::move(f));
  }

 private:
  const DomainHistory& history_;
  const BrandTable* brands_;
};

}  // namespace

std::unique_ptr<UrlRule> NewUrlNewDomainRule(const Resources& resources) {
  if (resources.domains == nullptr) return nullptr;
  return std::make_unique<UrlNewDomainRule>(*resources.domains, resources.brands);
}

}  // namespace wuzha::intercept
