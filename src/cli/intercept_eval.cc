#include "cli/intercept_eval.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <memory>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cli/sms_training.h"
#include "intercept/checker.h"
#include "intercept/sms_classifier.h"
#include "lists/indicator.h"
#include "lists/store.h"
#include "sim/city.h"
#include "sim/engine.h"
#include "sim/source.h"
#include "text/extract.h"
#include "text/normalize.h"

namespace wuzha::cli {
namespace {

constexpr int64_t kDayMs = 86400000;
constexpr int64_t kPublishEveryMs = 10 * 60000;
constexpr int64_t kListForMs = 30 * kDayMs;     // auto-listed entries expire after 30 days
constexpr int64_t kReportLookbackMs = 3 * kDayMs;  // contacts a report can name
constexpr double kWuhanResidents = 13.7e6;
constexpr int kWarningsToList = 3;  // warned calls from a number (installs of an app) to list it

int Threads(int requested) {
  return requested > 0 ? requested : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

void Tally(ChannelScore& c, bool fraud, intercept::Decision d) {
  const bool blocked = d == intercept::Decision::kBlock;
  const bool warned = d == intercept::Decision::kWarn;
  if (fraud) {
    ++c.fraud;
    c.fraud_blocked += blocked;
    c.fraud_warned += warned;
  } else {
    ++c.legit;
    c.legit_blocked += blocked;
    c.legit_warned += warned;
  }
}

// The block list as the center keeps it during the run: what to add, once.
class AutoLister {
 public:
  AutoLister(lists::Store& store, sim::Engine* engine) : store_(store), engine_(engine) {}

  void Add(lists::IndicatorType type, const std::string& value, std::string_view source,
           const std::string& fraud_type, int64_t now_ms) {
    auto canonical = lists::NormalizeIndicator(type, value);
    if (!canonical.ok()) return;
    if (!listed_.insert(std::to_string(static_cast<int>(type)) + ':' + *canonical).second) return;
    lists::Entry e;
    e.kind = lists::ListKind::kBlock;
    e.type = type;
    e.value = *canonical;
    e.source = std::string(source);
    e.fraud_type = ParseFraudType(fraud_type);
    e.first_seen_ms = e.last_seen_ms = now_ms;
    e.expires_ms = now_ms + kListForMs;
    if (!store_.Upsert(std::move(e), "eval.auto_list", now_ms).ok()) return;
    ++added_;
    if (engine_ != nullptr) {
      sim::Action a;
      a.id = ++action_id_;
      a.at = Timestamp::FromMillis(now_ms);
      a.target = *canonical;
      switch (type) {
        case lists::IndicatorType::kNumber: a.kind = sim::ActionKind::kBlockNumber; break;
        case lists::IndicatorType::kDomain: a.kind = sim::ActionKind::kBlockDomain; break;
        case lists::IndicatorType::kAppPackage: a.kind = sim::ActionKind::kBlockApp; break;
        default: return;
      }
      engine_->Act(std::move(a));
    }
  }
  void MaybePublish(int64_t now_ms) {
    if (now_ms - last_publish_ms_ < kPublishEveryMs || store_.pending_changes() == 0) return;
    store_.Publish();
    last_publish_ms_ = now_ms;
  }
  uint64_t added() const { return added_; }

 private:
  lists::Store& store_;
  sim::Engine* engine_;
  std::unordered_set<std::string> listed_;
  uint64_t added_ = 0;
  uint64_t action_id_ = 0;
  int64_t last_publish_ms_ = 0;
};

// A host's registrable domain, or the host.
std::string DomainOf(std::string_view host) {
  std::string lower(host);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (auto r = lists::RegistrableDomain(lower)) return *r;
  return lower;
}

// What a victim's report can name: the fraud contacts of the last days, per phone.
struct Contact {
  int64_t time_ms;
  lists::IndicatorType type;
  std::string value;
};

}  // namespace

Result<InterceptEvalResult> RunInterceptEval(const InterceptEvalOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  InterceptEvalResult result;
  result.options = options;
  SmsTrainingCity training;
  training.seed = options.train_seed != 0 ? options.train_seed : options.seed + 1000;
  training.population = options.population;
  training.days = options.days;
  training.threads = Threads(options.threads);
  training.progress = options.progress;
  WUZHA_ASSIGN_OR_RETURN(auto classifier,
                         TrainSmsClassifierOnCity(training, &result.classifier_training_texts));

  sim::CityOptions co;
  co.seed = options.seed;
  co.population = options.population;
  WUZHA_ASSIGN_OR_RETURN(sim::City city, sim::City::Build(co));
  sim::EngineOptions eo;
  eo.seed = options.seed;
  eo.days = options.days;
  eo.threads = Threads(options.threads);
  sim::Source source(city, eo);

  lists::Store store;
  store.Publish();
  intercept::CheckerOptions copts;
  copts.phone_db = options.phone_db;
  WUZHA_ASSIGN_OR_RETURN(auto checker, intercept::Checker::Create(store, std::move(classifier), copts));
  AutoLister lister(store, options.act ? &source.engine() : nullptr);

  std::unordered_set<std::string> numbers, domains, apps;
  std::unordered_map<std::string, int> warnings;  // "call:<number>", "app:<package>" -> warned
  std::unordered_map<std::string, std::deque<Contact>> contacts;  // victim phone -> fraud contacts
  auto remember = [&](const std::string& phone, int64_t t, lists::IndicatorType type, std::string value) {
    auto& q = contacts[phone];
    while (!q.empty() && q.front().time_ms < t - kReportLookbackMs) q.pop_front();
    q.push_back({t, type, std::move(value)});
  };

  Event e;
  int64_t next_progress_ms = 0;
  using intercept::Decision;
  using lists::IndicatorType;
  while (true) {
    WUZHA_ASSIGN_OR_RETURN(bool more, source.Next(e));
    if (!more) break;
    const int64_t now = e.ts.millis();
    if (next_progress_ms == 0) next_progress_ms = now + kDayMs;
    if (now >= next_progress_ms && options.progress) {
      next_progress_ms += kDayMs;
      options.progress("day done: sms recall " + std::to_string(result.sms.recall()) +
                       ", listed " + std::to_string(lister.added()));
    }
    lister.MaybePublish(now);
    const bool fraud = e.has_label && e.label.fraud;
    switch (e.type) {
      case EventType::kCall: {
        const auto& call = e.as<CallEvent>();
        const intercept::Verdict v = checker->CheckEvent(e);
        Tally(result.call, fraud, v.decision);
        if (v.decision == Decision::kBlock) {
          numbers.insert(call.caller);
          if (options.auto_list) lister.Add(IndicatorType::kNumber, call.caller, "auto.call", v.fraud_type, now);
        } else if (v.decision == Decision::kWarn && options.auto_list &&
                   ++warnings["call:" + call.caller] == kWarningsToList) {
          // An analyst lists a number the checks keep warning about.
          lister.Add(IndicatorType::kNumber, call.caller, "auto.call_warnings", v.fraud_type, now);
        }
        if (fraud) remember(call.callee, now, IndicatorType::kNumber, call.caller);
        break;
      }
      case EventType::kSms: {
        const auto& sms = e.as<SmsEvent>();
        const intercept::Verdict v = checker->CheckEvent(e);
        Tally(result.sms, fraud, v.decision);
        if (v.decision == Decision::kBlock) {
          ++result.sms_blocked;
          numbers.insert(sms.sender);
          if (options.auto_list) {
            lister.Add(IndicatorType::kNumber, sms.sender, "auto.sms", v.fraud_type, now);
            for (const text::Entity& ent : text::Extract(text::Normalize(sms.text))) {
              if (ent.kind == text::EntityKind::kUrl) {
                lister.Add(IndicatorType::kDomain, DomainOf(lists::UrlHost(ent.value)), "auto.sms_link",
                           v.fraud_type, now);
              }
            }
          }
        }
        if (fraud) remember(sms.receiver, now, IndicatorType::kNumber, sms.sender);
        break;
      }
      case EventType::kWeb: {
        const auto& web = e.as<WebEvent>();
        const intercept::Verdict v = checker->CheckEvent(e);
        Tally(result.web, fraud, v.decision);
        const std::string domain = DomainOf(web.domain.empty() ? lists::UrlHost(web.url) : web.domain);
        if (v.decision == Decision::kBlock) {
          domains.insert(domain);
          if (options.auto_list) lister.Add(IndicatorType::kDomain, domain, "auto.web", v.fraud_type, now);
        }
        if (fraud) remember(web.phone, now, IndicatorType::kDomain, domain);
        break;
      }
      case EventType::kApp: {
        const auto& app = e.as<AppEvent>();
        if (app.action != AppAction::kInstall) break;
        const intercept::Verdict v = checker->CheckEvent(e);
        Tally(result.app, fraud, v.decision);
        if (v.decision == Decision::kBlock) {
          apps.insert(app.package);
          if (options.auto_list) lister.Add(IndicatorType::kAppPackage, app.package, "auto.app", v.fraud_type, now);
        } else if (v.decision == Decision::kWarn && options.auto_list &&
                   ++warnings["app:" + app.package] == kWarningsToList) {
          lister.Add(IndicatorType::kAppPackage, app.package, "auto.app_warnings", v.fraud_type, now);
        }
        if (fraud) remember(app.phone, now, IndicatorType::kAppPackage, app.package);
        break;
      }
      case EventType::kReport: {
        // The victim names how they were reached; the truth's fraud contacts stand in for
        // the statement taken at the police station.
        if (!options.auto_list) break;
        const auto& report = e.as<ReportEvent>();
        auto it = contacts.find(report.phone);
        if (it == contacts.end()) break;
        for (const Contact& c : it->second) {
          if (c.time_ms >= now - kReportLookbackMs) lister.Add(c.type, c.value, "auto.report", report.fraud_type, now);
        }
        contacts.erase(it);
        break;
      }
      default:
        break;
    }
    checker->Observe(e);
  }
  result.numbers_blocked = numbers.size();
  result.domains_blocked = domains.size();
  result.apps_blocked = apps.size();
  result.listed = lister.added();
  result.contacts_blocked_in_city = source.engine().stats().contacts_blocked;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

namespace {

void AppendChannel(std::string& out, const char* name, const ChannelScore& c) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "\"%s\":{\"fraud\":%llu,\"legit\":%llu,\"fraud_blocked\":%llu,\"fraud_warned\":%llu,"
                "\"legit_blocked\":%llu,\"legit_warned\":%llu,\"recall\":%.4f,\"recall_flagged\":%.4f,"
                "\"false_block_rate\":%.6f,\"false_warn_rate\":%.6f}",
                name, (unsigned long long)c.fraud, (unsigned long long)c.legit,
                (unsigned long long)c.fraud_blocked, (unsigned long long)c.fraud_warned,
                (unsigned long long)c.legit_blocked, (unsigned long long)c.legit_warned, c.recall(),
                c.recall_flagged(), c.false_block_rate(), c.false_warn_rate());
  out += buf;
}

}  // namespace

std::string InterceptEvalResult::ToJson() const {
  const double days = std::max(1, options.days);
  const double scale = kWuhanResidents / std::max<uint32_t>(1, options.population);
  std::string out;
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "{\"seed\":%llu,\"train_seed\":%llu,\"population\":%u,\"days\":%d,"
                "\"auto_list\":%s,\"closed_loop\":%s,\"classifier_training_texts\":%llu,\"channels\":{",
                (unsigned long long)options.seed,
                (unsigned long long)(options.train_seed ? options.train_seed : options.seed + 1000),
                options.population, options.days, options.auto_list ? "true" : "false",
                options.act ? "true" : "false", (unsigned long long)classifier_training_texts);
  out += buf;
  AppendChannel(out, "call", call);
  out += ',';
  AppendChannel(out, "sms", sms);
  out += ',';
  AppendChannel(out, "web", web);
  out += ',';
  AppendChannel(out, "app", app);
  std::snprintf(
      buf, sizeof buf,
      "},\"blocked_per_day\":{\"numbers\":%.1f,\"sms\":%.1f,\"domains\":%.1f,\"apps\":%.1f},"
      "\"blocked_per_day_at_13_7m\":{\"numbers\":%.0f,\"sms\":%.0f,\"domains\":%.0f,\"apps\":%.0f,"
      "\"apps_and_domains\":%.0f},"
      "\"wuhan_per_day\":{\"numbers\":1200,\"sms\":190000,\"apps_and_domains\":100000},"
      "\"listed\":%llu,\"contacts_blocked_in_city\":%llu,\"seconds\":%.1f}",
      numbers_blocked / days, sms_blocked / days, domains_blocked / days, apps_blocked / days,
      numbers_blocked / days * scale, sms_blocked / days * scale, domains_blocked / days * scale,
      apps_blocked / days * scale, (domains_blocked + apps_blocked) / days * scale,
      (unsigned long long)listed, (unsigned long long)contacts_blocked_in_city, seconds);
  out += buf;
  return out;
}

}  // namespace wuzha::cli
