#include "intercept/checker.h"

#include <algorithm>
#include <cstdio>

#include "core/phone.h"
#include "formats/jsonl.h"
#include "intercept/brand_table.h"
#include "intercept/caller_tracker.h"
#include "intercept/domain_history.h"
#include "intercept/internal/idna.h"
#include "intercept/rules/registry.h"
#include "intercept/sms_classifier.h"
#include "intercept/sms_rules.h"
#include "lists/indicator.h"
#include "lists/phone_region.h"
#include "text/extract.h"
#include "text/normalize.h"

namespace wuzha::intercept {

struct SharedResources::Parts {
  std::unique_ptr<lists::PhoneRegionDb> regions;
  std::unique_ptr<SmsRules> keywords;
  std::unique_ptr<SmsClassifier> classifier;
  std::unique_ptr<BrandTable> brands;
};

SharedResources::SharedResources() : parts_(std::make_unique<Parts>()) {}

Result<std::shared_ptr<const SharedResources>> SharedResources::Create(
    const lists::Store& lists, const CheckerOptions& options) {
  return Create(lists, options, nullptr);
}
SharedResources::~SharedResources() = default;

Result<std::shared_ptr<const SharedResources>> SharedResources::Create(
    const lists::Store& lists, const CheckerOptions& options,
    std::unique_ptr<SmsClassifier> classifier) {
  WUZHA_RETURN_IF_ERROR(text::InitNormalizer());
  std::shared_ptr<SharedResources> shared(new SharedResources());
  Parts& parts = *shared->parts_;
  if (!options.phone_db.empty()) {
    auto db = lists::PhoneRegionDb::Open(options.phone_db);
    if (!db.ok()) return db.error();
    parts.regions = std::make_unique<lists::PhoneRegionDb>(std::move(db).value());
  }
  auto keywords = SmsRules::Build();
  if (!keywords.ok()) return keywords.error();
  parts.keywords = std::make_unique<SmsRules>(std::move(keywords).value());
  if (!classifier && !options.classifier_model.empty()) {
    auto loaded = SmsClassifier::Load(options.classifier_model);
    if (!loaded.ok()) return loaded.error();
    classifier = std::make_unique<SmsClassifier>(std::move(loaded).value());
  }
  parts.classifier = std::move(classifier);
  // Brands: built-ins, the ranked list if given, the store's protected domains now.
  std::vector<std::string> protected_domains;
  if (const auto snapshot = lists.snapshot()) {
    for (const lists::Entry& e : snapshot->entries()) {
      if (e.kind == lists::ListKind::kProtected && e.type == lists::IndicatorType::kDomain) {
        protected_domains.push_back(e.value);
      }
    }
  }
  auto brands = BrandTable::Create(options.tranco, protected_domains);
  if (!brands.ok()) return brands.error();
  parts.brands = std::move(brands).value();
  return std::shared_ptr<const SharedResources>(std::move(shared));
}

struct Checker::Owned {
  std::shared_ptr<const SharedResources> shared;
  std::unique_ptr<CallerTracker> callers;
  std::unique_ptr<DomainHistory> domains;
};

Checker::Checker(const lists::Store& lists, const CheckerOptions& options)
    : lists_(lists), options_(options), owned_(std::make_unique<Owned>()) {}

Checker::~Checker() = default;

Result<std::unique_ptr<Checker>> Checker::Create(const lists::Store& lists,
                                                 const CheckerOptions& options) {
  return Create(lists, std::unique_ptr<SmsClassifier>(), options);
}

Result<std::unique_ptr<Checker>> Checker::Create(const lists::Store& lists,
                                                 std::unique_ptr<SmsClassifier> classifier,
                                                 const CheckerOptions& options) {
  auto shared = SharedResources::Create(lists, options, std::move(classifier));
  if (!shared.ok()) return shared.error();
  return Create(lists, std::move(shared).value(), options);
}

Result<std::unique_ptr<Checker>> Checker::Create(const lists::Store& lists,
                                                 std::shared_ptr<const SharedResources> shared,
                                                 const CheckerOptions& options) {
  WUZHA_RETURN_IF_ERROR(text::InitNormalizer());
  std::unique_ptr<Checker> checker(new Checker(lists, options));
  Owned& owned = *checker->owned_;
  owned.shared = std::move(shared);
  owned.callers = std::make_unique<CallerTracker>();
  owned.domains =
      std::make_unique<DomainHistory>(int64_t{options.new_domain_days} * DomainHistory::kDayMs);
  const SharedResources::Parts& parts = *owned.shared->parts_;

  Resources& r = checker->resources_;
  r.regions = parts.regions.get();
  r.keywords = parts.keywords.get();
  r.classifier = parts.classifier.get();
  r.callers = owned.callers.get();
  r.brands = parts.brands.get();
  r.domains = owned.domains.get();
  r.home_area_code = options.home_area_code;

  checker->call_rules_ = BuildCallRules(r);
  checker->sms_rules_ = BuildSmsRules(r);
  checker->url_rules_ = BuildUrlRules(r);
  checker->app_rules_ = BuildAppRules(r);
  return checker;
}

Verdict Checker::Combine(Findings& findings) const {
  Verdict v;
  double keep = 1;  // prod(1 - score)
  Decision demanded = Decision::kAllow;
  bool allowed = false;
  const Finding* typed = nullptr;
  for (const Finding& f : findings) {
    switch (f.effect) {
      case Effect::kAllow: allowed = true; break;
      case Effect::kBlock: demanded = Decision::kBlock; break;
      case Effect::kWarn: demanded = std::max(demanded, Decision::kWarn); break;
      case Effect::kScore: break;
    }
    keep *= 1 - std::clamp(f.score, 0.0, 1.0);
    if (!f.fraud_type.empty() && (typed == nullptr || f.score > typed->score)) typed = &f;
  }
  v.score = 1 - keep;
  if (allowed) {
    v.decision = Decision::kAllow;
  } else {
    Decision by_score = v.score >= options_.block_score  ? Decision::kBlock
                        : v.score >= options_.warn_score ? Decision::kWarn
                                                         : Decision::kAllow;
    v.decision = std::max(demanded, by_score);
    if (typed != nullptr && v.decision != Decision::kAllow) v.fraud_type = typed->fraud_type;
  }
  v.reasons.reserve(findings.size());
  for (Finding& f : findings) v.reasons.push_back({std::string(f.rule), std::move(f.detail)});
  return v;
}

Verdict Checker::CheckCall(const CallQuery& query) const {
  const std::shared_ptr<const lists::Snapshot> snapshot = lists_.snapshot();
  std::string caller, callee;
  CallInput in{query, {}, PhoneKind::kMobile, {}};
  if (auto kind = NormalizePhoneInto(query.caller, caller); kind.ok()) {
    in.caller = caller;
    in.caller_kind = *kind;
  }
  if (!query.callee.empty() && NormalizePhoneInto(query.callee, callee).ok()) in.callee = callee;
  const CheckContext ctx{*snapshot, query.time_ms};
  Findings findings;
  for (const auto& rule : call_rules_) rule->Evaluate(in, ctx, findings);
  return Combine(findings);
}

Verdict Checker::CheckSms(const SmsQuery& query) const {
  const std::shared_ptr<const lists::Snapshot> snapshot = lists_.snapshot();
  // Per-thread buffers: a check allocates nothing for the text once they have grown.
  thread_local std::string normalized;
  thread_local std::vector<text::Entity> entities;
  thread_local std::string sender;
  text::NormalizeInto(query.text, normalized);
  text::ExtractInto(normalized, entities);
  SmsInput in{query, normalized, entities, {}};
  if (!query.sender.empty() && NormalizePhoneInto(query.sender, sender).ok()) in.sender = sender;
  const CheckContext ctx{*snapshot, query.time_ms};
  Findings findings;
  for (const auto& rule : sms_rules_) rule->Evaluate(in, ctx, findings);
  // A message is also judged by where its links go: each link (the first four) gets the
  // URL rules, and one that would be warned or blocked on its own counts for the message
  // (lookalikes, new domains with other evidence). List hits are sms.link_list's already.
  int links = 0;
  for (const text::Entity& entity : entities) {
    if (entity.kind != text::EntityKind::kUrl || ++links > 4) continue;
    Findings link;
    UrlFindings({entity.value, query.time_ms}, *snapshot, link);
    link.erase(std::remove_if(link.begin(), link.end(),
                              [](const Finding& f) { return f.rule == "url.list"; }),
               link.end());
    if (link.empty()) continue;
    Verdict v = Combine(link);
    if (v.decision == Decision::kAllow) continue;
    Finding f;
    f.rule = "sms.link_check";
    f.score = v.score;
    f.fraud_type = v.fraud_type;
    f.detail = entity.value + ":";
    for (const Reason& r : v.reasons) f.detail += " " + r.rule + " (" + r.detail + ")";
    findings.push_back(std::move(f));
  }
  return Combine(findings);
}

Verdict Checker::CheckUrl(const UrlQuery& query) const {
  const std::shared_ptr<const lists::Snapshot> snapshot = lists_.snapshot();
  Findings findings;
  UrlFindings(query, *snapshot, findings);
  return Combine(findings);
}

void Checker::UrlFindings(const UrlQuery& query, const lists::Snapshot& snapshot,
                          Findings& findings) const {
  std::string_view raw = query.url;
  while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r')) raw.remove_suffix(1);
  const std::string_view authority = lists::UrlHost(raw);
  const std::string host = internal::HostToAscii(authority);
  std::string url;
  // A URL (not a bare host): a scheme, or something after the host.
  if (raw.find("://") != std::string_view::npos || raw.find_first_of("/?#") != std::string_view::npos) {
    std::string ascii_url(raw);
    if (!host.empty() && authority != host) {
      ascii_url.replace(static_cast<size_t>(authority.data() - raw.data()), authority.size(), host);
    }
    if (auto normalized = lists::NormalizeUrl(ascii_url); normalized.ok()) url = *normalized;
  }
  std::string registrable;
  if (!host.empty()) {
    if (auto r = lists::RegistrableDomain(host)) registrable = *r;
  }
  const std::string unicode_host = internal::HostToUnicode(host);
  const UrlInput in{query, host, url, registrable, unicode_host};
  const CheckContext ctx{snapshot, query.time_ms};
  for (const auto& rule : url_rules_) rule->Evaluate(in, ctx, findings);
}

Verdict Checker::CheckApp(const AppQuery& query) const {
  const std::shared_ptr<const lists::Snapshot> snapshot = lists_.snapshot();
  auto hex = [](std::string_view text) {
    auto v = lists::NormalizeIndicator(lists::IndicatorType::kAppCert, text);
    return v.ok() ? *v : std::string();
  };
  std::string_view package = query.package;
  while (!package.empty() && package.back() == ' ') package.remove_suffix(1);
  while (!package.empty() && package.front() == ' ') package.remove_prefix(1);
  const std::string cert = hex(query.cert_sha256);
  const std::string file = hex(query.file_sha256);
  const AppInput in{query, package, cert, file};
  const CheckContext ctx{*snapshot, query.time_ms};
  Findings findings;
  for (const auto& rule : app_rules_) rule->Evaluate(in, ctx, findings);
  return Combine(findings);
}

Verdict Checker::CheckEvent(const Event& event) const {
  switch (event.type) {
    case EventType::kCall: return CheckCall(CallQueryFromEvent(event));
    case EventType::kSms: return CheckSms(SmsQueryFromEvent(event));
    case EventType::kWeb: return CheckUrl(UrlQueryFromEvent(event));
    case EventType::kApp: return CheckApp(AppQueryFromEvent(event));
    default: return {};
  }
}

void Checker::Observe(const Event& event) {
  (void)event;  // the trackers' feeds are added with the trackers
  owned_->callers->Observe(event);
  if (event.type == EventType::kWeb) {
    const auto& web = event.as<WebEvent>();
    owned_->domains->Observe(web.domain.empty() ? web.url : web.domain, event.ts.millis());
  }
}

std::vector<RuleInfo> Checker::rules() const {
  std::vector<RuleInfo> out;
  auto add = [&out](const char* channel, const auto& rules) {
    for (const auto& rule : rules) {
      out.push_back({channel, std::string(rule->name()), std::string(rule->description())});
    }
  };
  add("call", call_rules_);
  add("sms", sms_rules_);
  add("url", url_rules_);
  add("app", app_rules_);
  return out;
}

std::string VerdictToJson(const Verdict& verdict) {
  std::string out = "{\"decision\":";
  formats::AppendJsonString(DecisionName(verdict.decision), out);
  out += ",\"fraud_type\":";
  formats::AppendJsonString(verdict.fraud_type, out);
  char score[32];
  std::snprintf(score, sizeof score, ",\"score\":%.4f", verdict.score);
  out += score;
  out += ",\"reasons\":[";
  for (size_t i = 0; i < verdict.reasons.size(); ++i) {
    if (i) out += ',';
    out += "{\"rule\":";
    formats::AppendJsonString(verdict.reasons[i].rule, out);
    out += ",\"detail\":";
    formats::AppendJsonString(verdict.reasons[i].detail, out);
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace wuzha::intercept
