// wuzha eval intercept --seed S: interception on a simulated city against its truth
// (cli/intercept_eval.h): per channel recall and false block rate, and indicators
// blocked per day scaled to Wuhan's 13.7M residents beside Wuhan's published figures.
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/intercept_eval.h"

namespace wuzha::cli {
namespace {

void PrintChannel(const char* name, const ChannelScore& c) {
  std::printf("  %-5s fraud %8llu  recall %.4f (flagged %.4f)   legit %10llu  false block %.6f  false warn %.6f\n",
              name, (unsigned long long)c.fraud, c.recall(), c.recall_flagged(),
              (unsigned long long)c.legit, c.false_block_rate(), c.false_warn_rate());
}

int EvalIntercept(const InterceptEvalOptions& options, bool json) {
  InterceptEvalOptions o = options;
  if (!json) o.progress = [](std::string_view line) { std::fprintf(stderr, "%.*s\n", int(line.size()), line.data()); };
  auto result = RunInterceptEval(o);
  if (!result.ok()) return ReportError(result.error(), 1);
  if (json) {
    std::printf("%s\n", result->ToJson().c_str());
    return 0;
  }
  const InterceptEvalResult& r = *result;
  std::printf("interception on city seed %llu (%u residents, %d days; classifier trained on %llu texts of another city)\n",
              (unsigned long long)o.seed, o.population, o.days,
              (unsigned long long)r.classifier_training_texts);
  PrintChannel("call", r.call);
  PrintChannel("sms", r.sms);
  PrintChannel("web", r.web);
  PrintChannel("app", r.app);
  const double scale = 13.7e6 / o.population / std::max(1, o.days);
  std::printf("blocked per day at 13.7M residents: numbers %.0f (Wuhan 1,200), SMS %.0f (Wuhan 190,000), "
              "apps + domains %.0f (Wuhan 100,000+)\n",
              r.numbers_blocked * scale, r.sms_blocked * scale, (r.domains_blocked + r.apps_blocked) * scale);
  std::printf("auto-listed %llu indicators (%.1f s)\n", (unsigned long long)r.listed, r.seconds);
  return 0;
}

}  // namespace

void AddEvalInterceptCommand(CLI::App& eval, int& exit_code) {
  auto opts = std::make_shared<InterceptEvalOptions>();
  auto json = std::make_shared<bool>(false);
  auto* cmd = eval.add_subcommand("intercept", "Score interception on a simulated city against its truth");
  cmd->add_option("--seed", opts->seed, "the evaluated city's seed")->required();
  cmd->add_option("--train-seed", opts->train_seed, "the city the SMS classifier learns from (default seed+1000)");
  cmd->add_option("--population", opts->population, "residents")->check(CLI::Range(1000u, 20000000u))
      ->capture_default_str();
  cmd->add_option("--days", opts->days, "days to simulate")->check(CLI::Range(1, 365))->capture_default_str();
  cmd->add_option("--threads", opts->threads, "simulator threads (0 = every core)");
  cmd->add_option("--phone-db", opts->phone_db, "phone2region.zdb for the 号段 rules");
  cmd->add_flag("!--no-auto-list", opts->auto_list, "do not feed blocks and reports to the block list");
  cmd->add_flag("--closed-loop", opts->act, "blocked indicators are blocked in the city too (gangs rotate)");
  cmd->add_flag("--json", *json, "print the figures as one JSON object");
  cmd->callback([opts, json, &exit_code] { exit_code = EvalIntercept(*opts, *json); });
}

}  // namespace wuzha::cli
