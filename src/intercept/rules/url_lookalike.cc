// url.lookalike: a domain imitating a protected brand (BrandTable) — typo, homoglyph,
// IDN, brand plus words, brand in the subdomains of an unrelated domain, TLD swap. The
// brand's own domains, ranked and protected domains, and allow-listed ones never fire.
#include <cstdio>

#include "core/fraud_type.h"
#include "intercept/brand_table.h"
#include "intercept/rules/factories.h"

namespace wuzha::intercept {
namespace {

// How sure one technique alone is. A homoglyph or a spelled-out official domain is never
// an accident; a one-letter difference or another suffix sometimes is (a different
// company with a similar name), so those warn without blocking on their own.
double Score(const Lookalike& m) {
  double score = 0.7;
  switch (m.technique) {
    case Technique::kHomoglyph: score = 0.9; break;
    case Technique::kIdn: score = m.brand != nullptr ? 0.9 : 0.6; break;
    case Technique::kAddedWords: score = m.seen.find('.') != std::string::npos ? 0.9 : 0.8; break;
    case Technique::kTypo: score = 0.7; break;
    case Technique::kTldSwap: score = 0.7; break;
  }
  if (m.brand != nullptr && m.brand->brand_class == BrandClass::kRanked) score -= 0.1;
  return score;
}

std::string_view TypeOf(const Brand* brand) {
  if (brand == nullptr) return {};
  switch (brand->brand_class) {
    case BrandClass::kGovernment: return FraudTypeName(FraudType::kFakePolice);
    case BrandClass::kBank:
    case BrandClass::kPayment:
    case BrandClass::kCarrier:
    case BrandClass::kPlatform: return FraudTypeName(FraudType::kFakeCustomerService);
    case BrandClass::kRanked: return {};
  }
  return {};
}

class UrlLookalikeRule final : public UrlRule {
 public:
  explicit UrlLookalikeRule(const BrandTable& brands) : brands_(brands) {}
  std::string_view name() const override { return "url.lookalike"; }
  std::string_view description() const override {
    return "domain imitating a protected brand: typo, homoglyph, IDN, added words, TLD swap";
  }
  void Evaluate(const UrlInput& in, const CheckContext& ctx, Findings& out) const override {
    if (in.registrable.empty()) return;
    if (ctx.lists.FindDomain(lists::ListKind::kAllow, in.host, ctx.now_ms) != nullptr ||
        ctx.lists.FindDomain(lists::ListKind::kProtected, in.host, ctx.now_ms) != nullptr) {
      return;
    }
    const std::optional<Lookalike> m = brands_.Find(in.host, in.registrable, in.unicode_host);
    if (!m) return;
    Finding f;
    f.rule = name();
    f.score = Score(*m);
    f.fraud_type = std::string(TypeOf(m->brand));
    if (m->brand == nullptr) {
      f.detail = "IDN label mixes scripts (idn: " + m->seen + ")";
    } else {
      f.detail = "lookalike of " + m->brand->domain + " (" +
                 std::string(TechniqueName(m->technique)) + ": " + m->seen;
      if (m->brand->domain.compare(0, m->brand->label.size(), m->brand->label) != 0) {
        f.detail += ", name " + m->brand->label;
      }
      f.detail += ')';
    }
    out.push_back(std::move(f));
  }

 private:
  const BrandTable& brands_;
};

}  // namespace

std::unique_ptr<UrlRule> NewUrlLookalikeRule(const Resources& resources) {
  if (resources.brands == nullptr) return nullptr;
  return std::make_unique<UrlLookalikeRule>(*resources.brands);
}

}  // namespace wuzha::intercept
