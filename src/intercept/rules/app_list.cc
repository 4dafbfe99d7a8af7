// app.list: the APK file hash, the signing certificate or the package name on the
// lists. The file and the certificate identify an app; a package name alone does not
// (repackaged fraud apps reuse real ones), so only an allow-listed certificate allows,
// and a block-listed package blocks only together with an unknown certificate.
#include "intercept/rules/factories.h"
#include "intercept/rules/list_finding.h"

namespace wuzha::intercept {
namespace {

using lists::IndicatorType;
using lists::ListKind;

class AppListRule final : public AppRule {
 public:
  std::string_view name() const override { return "app.list"; }
  std::string_view description() const override {
    return "APK hash, signing certificate or package name on the allow or block list";
  }
  void Evaluate(const AppInput& in, const CheckContext& ctx, Findings& out) const override {
    auto find = [&](ListKind kind, IndicatorType type, std::string_view value) -> const lists::Entry* {
      return value.empty() ? nullptr : ctx.lists.Find(kind, type, value, ctx.now_ms);
    };
    if (const lists::Entry* e = find(ListKind::kAllow, IndicatorType::kAppCert, in.cert_sha256)) {
      out.push_back(ListFinding(name(), *e, "certificate"));
      return;
    }
    if (const lists::Entry* e = find(ListKind::kBlock, IndicatorType::kAppFile, in.file_sha256)) {
      out.push_back(ListFinding(name(), *e, "apk"));
      return;
    }
    if (const lists::Entry* e = find(ListKind::kBlock, IndicatorType::kAppCert, in.cert_sha256)) {
      out.push_back(ListFinding(name(), *e, "certificate"));
      return;
    }
    if (const lists::Entry* e = find(ListKind::kBlock, IndicatorType::kAppPackage, in.package)) {
      out.push_back(ListFinding(name(), *e, "package"));
    }
  }
};

}  // namespace

std::unique_ptr<AppRule> NewAppListRule(const Resources&) { return std::make_unique<AppListRule>(); }

}  // namespace wuzha::intercept
