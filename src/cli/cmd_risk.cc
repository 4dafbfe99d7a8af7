// wuzha train risk --seed S: trains the transfer model on a simulated city's ground truth
// and writes it as XGBoost JSON with its model card (risk/risk_model.h).
// wuzha eval risk --seed S: trains on another city and scores the real-time check in the
// evaluated city's loop (cli/risk_eval.h).
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/mule_eval.h"
#include "cli/risk_eval.h"
#include "core/money.h"
#include "risk/rules.h"
#include "risk/trainer.h"

namespace wuzha::cli {
namespace {

void AddCityOptions(CLI::App& cmd, RiskEvalOptions& o) {
  cmd.add_option("--population", o.population, "residents")
      ->check(CLI::Range(1000u, 20000000u))
      ->capture_default_str();
  cmd.add_option("--days", o.days, "days to simulate")
      ->check(CLI::Range(1, 365))
      ->capture_default_str();
  cmd.add_option("--fraud-scale", o.fraud_scale, "gangs' volume (1 = Wuhan's rate per resident)")
      ->capture_default_str();
  cmd.add_option("--threads", o.threads, "simulator threads (0 = every core)");
  cmd.add_option("--rules", o.rules_path, "rule file (default: the built-in data/risk/rules.toml)");
  cmd.add_option("--target-false-hold-rate", o.target_false_hold_rate,
                 "legitimate transfers the thresholds may hold")
      ->capture_default_str();
  cmd.add_flag("!--no-sms-classifier", o.sms_classifier,
               "check SMS with interception's keyword rules only (no classifier city: faster)");
}

// A rule file given on the command line is checked before anything runs (exit 2).
Status CheckRules(const RiskEvalOptions& o) {
  if (o.rules_path.empty()) return Status::Ok();
  return risk::RuleSet::LoadFile(o.rules_path).status();
}

void Progress(RiskEvalOptions& o, bool quiet) {
  if (!quiet)
    o.progress = [](std::string_view line) {
      std::fprintf(stderr, "%.*s\n", int(line.size()), line.data());
    };
}

int TrainRisk(RiskEvalOptions o, const std::string& out, const std::string& out_no_linkage,
              bool json) {
  if (Status s = CheckRules(o); !s.ok()) return ReportError(s);
  Progress(o, json);
  // The training city is the one named by --seed.
  o.train_seed = o.seed;
  auto trained = TrainRiskOnCity(o);
  if (!trained.ok()) return ReportError(trained.error(), 1);
  if (!out.empty()) {
    if (Status s = risk::WriteModelFile(out, trained->full.model_json); !s.ok())
      return ReportError(s, 1);
  }
  if (!out_no_linkage.empty()) {
    if (Status s = risk::WriteModelFile(out_no_linkage, trained->no_linkage.model_json); !s.ok())
      return ReportError(s, 1);
  }
  const auto& t = trained->full;
  if (json) {
    std::printf(
        "{\"seed\":%llu,\"rows\":%llu,\"positives\":%llu,\"train_rows\":%llu,\"calibration_rows\":%"
        "llu,"
        "\"calibration_recall\":%.4f,\"calibration_false_hold_rate\":%.6f,\"calibration_pr_auc\":%."
        "4f,"
        "\"warn\":%.6g,\"hold\":%.6g,\"block\":%.6g,\"out\":\"%s\"}\n",
        (unsigned long long)o.seed, (unsigned long long)trained->rows,
        (unsigned long long)trained->positives, (unsigned long long)t.train_rows,
        (unsigned long long)t.calibration_rows, t.calibration_recall, t.calibration_false_hold_rate,
        t.calibration_pr_auc, t.card.thresholds.warn.value_or(0),
        t.card.thresholds.hold.value_or(0), t.card.thresholds.block.value_or(0), out.c_str());
    return 0;
  }
  std::printf("trained on city seed %llu: %llu transfers, %llu fraud\n", (unsigned long long)o.seed,
              (unsigned long long)trained->rows, (unsigned long long)trained->positives);
  std::printf("  held-out payers: recall %.4f at false-hold rate %.6f, PR-AUC %.4f\n",
              t.calibration_recall, t.calibration_false_hold_rate, t.calibration_pr_auc);
  std::printf("  thresholds: warn %.4g, hold %.4g, block %.4g\n",
              t.card.thresholds.warn.value_or(0), t.card.thresholds.hold.value_or(0),
              t.card.thresholds.block.value_or(0));
  if (!out.empty()) std::printf("  model written to %s\n", out.c_str());
  return 0;
}

int EvalRisk(RiskEvalOptions o, bool json) {
  if (Status s = CheckRules(o); !s.ok()) return ReportError(s);
  Progress(o, json);
  auto result = RunRiskEval(o);
  if (!result.ok()) return ReportError(result.error(), 1);
  const RiskEvalResult& r = *result;
  // The daily mule card / mule SIM ranking (断卡) on the same city (cli/mule_eval.h).
  MuleEvalOptions mo;
  mo.seed = o.seed;
  mo.population = o.population;
  mo.days = o.days;
  mo.threads = o.threads;
  auto mules = RunMuleEval(mo);
  if (!mules.ok()) return ReportError(mules.error(), 1);
  if (json) {
    std::string out = r.ToJson();
    const std::string m = mules->ToJson();
    out.pop_back();  // '}': the mule figures join the same object
    out += "," + m.substr(1);
    std::printf("%s\n", out.c_str());
    return 0;
  }
  std::printf("transfer risk on city seed %llu (%u residents, %d days), trained on seed %llu\n",
              (unsigned long long)o.seed, o.population, o.days,
              (unsigned long long)(o.train_seed ? o.train_seed : o.seed + 1000));
  auto line = [](const char* name, const GateScore& s) {
    std::printf(
        "  %-26s recall %.4f (%llu of %llu before layer 2; %.4f at the payment), false holds %.6f,"
        " PR-AUC %.4f, saved %s\n",
        name, s.recall(), (unsigned long long)s.held_or_blocked_before_exit,
        (unsigned long long)s.fraud_transfers, s.recall_at_payment(), s.false_hold_rate(), s.pr_auc,
        Money::FromFen(s.fen_saved).ToDisplay().c_str());
  };
  line("rules + model", r.full);
  line("rules only", r.rules_only);
  line("rules + model, no linkage", r.no_linkage);
  std::printf("  (%.1f s)\n", r.seconds);
  std::printf("mule cards and SIMs (daily ranking): %s\n", mules->ToJson().c_str());
  return 0;
}

}  // namespace

void AddTrainCommand(CLI::App& app, const GlobalOptions&, int& exit_code) {
  auto* train = app.add_subcommand("train", "Train a model on a simulated city's ground truth");
  train->require_subcommand(1);
  auto opts = std::make_shared<RiskEvalOptions>();
  auto out = std::make_shared<std::string>();
  auto out_no_linkage = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto* cmd = train->add_subcommand(
      "risk", "Train the transfer-risk model (XGBoost JSON with its model card)");
  cmd->add_option("--seed", opts->seed, "the training city's seed")->required();
  cmd->add_option("--out", *out, "write the model here (XGBoost JSON)");
  cmd->add_option("--out-no-linkage", *out_no_linkage,
                  "also write the model trained without telecom linkage");
  cmd->add_option("--classifier-seed", opts->classifier_seed,
                  "the SMS classifier's city (default: seed + 2000)");
  cmd->add_option("--rows-csv", opts->rows_csv,
                  "also write the training rows as CSV (features, label, role)");
  AddCityOptions(*cmd, *opts);
  cmd->add_flag("--json", *json, "print the figures as one JSON object");
  cmd->callback([opts, out, out_no_linkage, json, &exit_code] {
    exit_code = TrainRisk(*opts, *out, *out_no_linkage, *json);
  });
}

void AddEvalRiskCommand(CLI::App& eval, int& exit_code) {
  auto opts = std::make_shared<RiskEvalOptions>();
  auto json = std::make_shared<bool>(false);
  auto* cmd = eval.add_subcommand(
      "risk",
      "Score real-time transfer risk (rules, model, telecom linkage) in a simulated city's loop");
  cmd->add_option("--seed", opts->seed, "the evaluated city's seed")->required();
  cmd->add_option("--train-seed", opts->train_seed,
                  "the training city's seed (default: seed + 1000)");
  cmd->add_option("--classifier-seed", opts->classifier_seed,
                  "the SMS classifier's city (default: seed + 2000)");
  AddCityOptions(*cmd, *opts);
  cmd->add_flag("!--no-baseline", opts->baseline,
                "skip the run without the gate (fen_saved is then 0)");
  cmd->add_flag("--json", *json, "print the figures as one JSON object");
  cmd->callback([opts, json, &exit_code] { exit_code = EvalRisk(*opts, *json); });
}

}  // namespace wuzha::cli
