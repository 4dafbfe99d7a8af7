// libFuzzer target for the `aapt dump badging` parser and the app heuristics: parsing
// never crashes and fails only with kInvalidArgument; a parsed query has a package and
// each permission once; the brand-label, permission and package-shape rules never crash
// on it and score in [0, 1]. The parser and the three rules are compiled in directly
// (not wuzha::intercept, whose fastText and vectorscan parts this target does not need).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "intercept/app_manifest.h"
#include "intercept/rules/factories.h"
#include "lists/snapshot.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wuzha;
  using namespace wuzha::intercept;
  static const Resources resources;
  static const auto rules = [] {
    std::vector<std::unique_ptr<AppRule>> r;
    r.push_back(NewAppBrandLabelRule(resources));
    r.push_back(NewAppPermissionsRule(resources));
    r.push_back(NewAppPackageShapeRule(resources));
    return r;
  }();
  static const auto snapshot = lists::Snapshot::Build({});
  if (size > 16384) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto query = ParseAaptBadging(text);
  if (!query.ok()) {
    if (query.error().code() != StatusCode::kInvalidArgument) std::abort();
    return 0;
  }
  if (query->package.empty()) std::abort();
  const auto& perms = query->permissions;
  for (const std::string& p : perms) {
    if (p.empty() || std::count(perms.begin(), perms.end(), p) != 1) std::abort();
  }
  for (AppSource source : {AppSource::kStore, AppSource::kSideload}) {
    query->source = source;
    const AppInput in{*query, query->package, {}, {}};
    const CheckContext ctx{*snapshot, 0};
    Findings findings;
    for (const auto& rule : rules) rule->Evaluate(in, ctx, findings);
    for (const Finding& f : findings) {
      if (!(f.score >= 0 && f.score <= 1)) std::abort();
    }
  }
  return 0;
}
