// wuzha check call|sms|url|app: one interception verdict, with the reasons that fired,
// against the lists directory (wuzha lists import) — what a carrier, a resolver or a
// phone's call screen would get from the service. Exit 0 whatever the verdict; 2 for
// usage errors, 1 when the lists or a model cannot be loaded.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "intercept/app_manifest.h"
#include "intercept/checker.h"
#include "lists/persist.h"
#include "lists/store.h"

namespace wuzha::cli {
namespace {

struct CheckArgs {
  std::string lists_dir;
  std::string model;
  std::string phone_db;
  std::string tranco;
  std::string at;  // the time to judge list expiry at; default now
  bool json = false;
  bool list_rules = false;
  // call
  std::string caller, callee;
  bool international = false;
  // sms
  std::string text, sender;
  // url
  std::string url;
  // app
  std::string manifest, package, label, cert, sha256;
  std::vector<std::string> permissions;
};

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Loaded {
  lists::Store store;
  std::unique_ptr<intercept::Checker> checker;
  int64_t at_ms = 0;
};

// Loads the lists directory and builds the checker; exit code in `code` on failure.
std::unique_ptr<Loaded> Load(const GlobalOptions& global, const CheckArgs& args, int& code) {
  auto cfg = LoadEffectiveConfig(global);
  if (!cfg.ok()) {
    code = ReportError(cfg.error());
    return nullptr;
  }
  auto loaded = std::make_unique<Loaded>();
  const std::string dir = args.lists_dir.empty() ? cfg->lists.dir : args.lists_dir;
  auto read = lists::LoadDir(dir, loaded->store);
  if (!read.ok()) {
    code = ReportError(read.error(), 1);
    return nullptr;
  }
  for (const std::string& e : read->errors) std::fprintf(stderr, "wuzha: warning: %s\n", e.c_str());
  loaded->store.Publish();
  intercept::CheckerOptions options;
  options.classifier_model = args.model;
  options.phone_db = args.phone_db;
  options.tranco = args.tranco;
  auto checker = intercept::Checker::Create(loaded->store, options);
  if (!checker.ok()) {
    code = ReportError(checker.error(), checker.error().code() == StatusCode::kNotFound ? 2 : 1);
    return nullptr;
  }
  loaded->checker = std::move(checker).value();
  loaded->at_ms = NowMs();
  if (!args.at.empty()) {
    auto at = Timestamp::Parse(args.at);
    if (!at.ok()) {
      code = ReportError(InvalidArgumentError("--at: " + std::string(at.error().message())));
      return nullptr;
    }
    loaded->at_ms = at->millis();
  }
  return loaded;
}

int Print(const intercept::Verdict& v, bool json) {
  if (json) {
    std::printf("%s\n", intercept::VerdictToJson(v).c_str());
    return 0;
  }
  std::printf("%s", std::string(intercept::DecisionName(v.decision)).c_str());
  if (!v.fraud_type.empty()) std::printf("  %s", v.fraud_type.c_str());
  std::printf("  score %.3f\n", v.score);
  for (const auto& r : v.reasons) std::printf("  %-22s %s\n", r.rule.c_str(), r.detail.c_str());
  if (v.reasons.empty()) std::printf("  (no rule fired)\n");
  return 0;
}

int ListRules(const intercept::Checker& checker, bool json) {
  const auto rules = checker.rules();
  if (json) {
    std::string out = "[";
    for (size_t i = 0; i < rules.size(); ++i) {
      if (i) out += ',';
      out += "{\"channel\":\"" + rules[i].channel + "\",\"rule\":\"" + rules[i].name + "\"}";
    }
    std::printf("%s]\n", out.c_str());
    return 0;
  }
  for (const auto& r : rules) std::printf("%-5s %-20s %s\n", r.channel.c_str(), r.name.c_str(), r.description.c_str());
  return 0;
}

int Run(const GlobalOptions& global, const CheckArgs& args, char channel) {
  int code = 0;
  auto loaded = Load(global, args, code);
  if (!loaded) return code;
  const intercept::Checker& checker = *loaded->checker;
  if (args.list_rules) return ListRules(checker, args.json);
  switch (channel) {
    case 'c': {
      intercept::CallQuery q;
      q.caller = args.caller;
      q.callee = args.callee;
      q.international_gateway = args.international;
      q.time_ms = loaded->at_ms;
      return Print(checker.CheckCall(q), args.json);
    }
    case 's':
      return Print(checker.CheckSms({args.sender, "", args.text, loaded->at_ms}), args.json);
    case 'u':
      return Print(checker.CheckUrl({args.url, loaded->at_ms}), args.json);
    default: {
      intercept::AppQuery q;
      if (!args.manifest.empty()) {
        auto parsed = intercept::ReadAaptBadgingFile(args.manifest);
        if (!parsed.ok()) return ReportError(parsed.error());
        q = std::move(parsed).value();
      }
      if (!args.package.empty()) q.package = args.package;
      if (!args.label.empty()) q.label = args.label;
      if (!args.cert.empty()) q.cert_sha256 = args.cert;
      if (!args.sha256.empty()) q.file_sha256 = args.sha256;
      for (const auto& p : args.permissions) q.permissions.push_back(p);
      if (q.package.empty()) return ReportError(InvalidArgumentError("check app: give --manifest or --package"));
      q.time_ms = loaded->at_ms;
      return Print(checker.CheckApp(q), args.json);
    }
  }
}

void CommonOptions(CLI::App* cmd, CheckArgs& args) {
  cmd->add_option("--lists-dir", args.lists_dir, "directory of the lists (default: lists.dir)");
  cmd->add_option("--at", args.at, "judge list expiry at this time (default: now)");
  cmd->add_option("--tranco", args.tranco,
                  "Tranco top-sites CSV: more protected brands for lookalikes (URLs, SMS links)");
  cmd->add_flag("--json", args.json, "print the verdict as one JSON object");
  cmd->add_flag("--list-rules", args.list_rules, "list the rules this check runs and exit");
}

}  // namespace

void AddCheckCommand(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* check = app.add_subcommand("check", "Ask interception about one call, SMS, URL or app");
  check->require_subcommand(1);
  auto args = std::make_shared<CheckArgs>();

  auto* call = check->add_subcommand("call", "Verdict for a caller number");
  call->add_option("caller,--caller", args->caller, "the calling number as presented")->required();
  call->add_option("--callee", args->callee, "the called number");
  call->add_flag("--international", args->international,
                 "the call came in through an international gateway");
  call->add_option("--phone-db", args->phone_db, "phone2region.zdb: carrier and home of 号段");
  CommonOptions(call, *args);
  call->callback([&global, args, &exit_code] { exit_code = Run(global, *args, 'c'); });

  auto* sms = check->add_subcommand("sms", "Verdict for an SMS text");
  sms->add_option("text,--text", args->text, "the message body")->required();
  sms->add_option("--sender", args->sender, "the sending number");
  sms->add_option("--model", args->model, "fastText classifier (wuzha eval text --save-model)");
  CommonOptions(sms, *args);
  sms->callback([&global, args, &exit_code] { exit_code = Run(global, *args, 's'); });

  auto* url = check->add_subcommand("url", "Verdict for a URL or a domain (a DNS query)");
  url->add_option("url,--url", args->url, "the URL or host")->required();
  CommonOptions(url, *args);
  url->callback([&global, args, &exit_code] { exit_code = Run(global, *args, 'u'); });

  auto* app_cmd = check->add_subcommand("app", "Verdict for an Android app");
  app_cmd->add_option("--manifest", args->manifest, "`aapt dump badging` output of the APK");
  app_cmd->add_option("--package", args->package, "package name");
  app_cmd->add_option("--label", args->label, "the label shown under the icon");
  app_cmd->add_option("--cert", args->cert, "signing certificate SHA-256 (hex)");
  app_cmd->add_option("--sha256", args->sha256, "APK file SHA-256 (hex)");
  app_cmd->add_option("--permission", args->permissions, "a requested permission (repeatable)");
  CommonOptions(app_cmd, *args);
  app_cmd->callback([&global, args, &exit_code] { exit_code = Run(global, *args, 'a'); });
}

}  // namespace wuzha::cli
