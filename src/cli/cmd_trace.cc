// wuzha trace FILES... : one case traced from files (docs/trace.md). The files are
// transfer events (JSON Lines or CSV, a bank's statements included; a directory means
// every file in it); bad records go to quarantine as with `wuzha ingest`. The victims are
// named with --victim PERSON=TX[,TX...] (their stolen transfers' ids), or taken from the
// report events in the files with --from-reports. With --frozen ACCOUNT=FEN the frozen
// balances are allocated to the victims and the refund plan written.
//
// wuzha eval trace --seed S: the closed loop on a simulated city (cli/trace_eval.h).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "cli/command.h"
#include "cli/run_files.h"
#include "cli/trace_eval.h"
#include "ingest/ingest.h"
#include "ledger/ledger.h"
#include "trace/refund.h"
#include "trace/report_rows.h"

namespace wuzha::cli {
namespace {

struct TraceArgs {
  std::vector<std::string> inputs;
  std::vector<std::string> victims;  // PERSON=TX,TX
  std::vector<std::string> frozen;   // ACCOUNT=FEN
  bool from_reports = false;
  std::string policy;
  std::string quarantine;
  std::string refund_csv, refund_json;
  bool json = false;
};

std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(in, ec)) {
      files.push_back(in);
      continue;
    }
    std::vector<std::string> inside;
    for (const auto& entry : std::filesystem::directory_iterator(in, ec)) {
      if (entry.is_regular_file()) inside.push_back(entry.path().string());
    }
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

Status WriteFile(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) return IoError("cannot write " + path);
  return Status::Ok();
}

int RunTrace(const GlobalOptions& global, const TraceArgs& args) {
  auto cfg = LoadEffectiveConfig(global);
  if (!cfg.ok()) return ReportError(cfg.error());
  trace::Policy policy;
  const std::string policy_name = args.policy.empty() ? cfg->trace.policy : args.policy;
  if (!trace::ParsePolicy(policy_name, policy)) {
    return ReportError(InvalidArgumentError("--policy: unknown policy '" + policy_name +
                                            "' (fifo, lifo, pro_rata, poison)"));
  }
  auto options = IngestOptionsFrom(*cfg, std::nullopt);
  if (!options.ok()) return ReportError(options.error());
  const std::string qpath = args.quarantine.empty() ? cfg->ingest.quarantine : args.quarantine;
  auto quarantine = ingest::QuarantineWriter::Open(qpath);
  if (!quarantine.ok()) return ReportError(quarantine.error(), 1);

  ledger::Ledger ledger;
  std::vector<Event> reports;
  uint64_t duplicates = 0;
  ingest::Ingestor ingestor(*options, quarantine->get());
  Status s = ingestor.Run(ExpandInputs(args.inputs), [&](Event& e) -> Status {
    if (e.type == EventType::kTransfer) {
      auto added = ledger.Append(e);
      if (!added.ok()) return ingestor.QuarantineCurrent(formats::Reason::kInvalidValue, "amount_fen",
                                                         added.error().message());
      duplicates += *added == ledger::AppendOutcome::kDuplicate;
    } else if (e.type == EventType::kReport) {
      reports.push_back(e);
    }
    return Status::Ok();
  });
  if (!s.ok()) return ReportError(s, 1);
  std::fputs(ingestor.summary().ToText().c_str(), stderr);
  std::fprintf(stderr, "ledger: %zu transfers, %zu accounts, %llu duplicates dropped\n",
               ledger.size(), ledger.account_count(), (unsigned long long)duplicates);

  // Transaction id → row, for --victim.
  std::map<std::string, ledger::Row, std::less<>> by_id;
  for (ledger::Row r = 0; r < ledger.size(); ++r) by_id.emplace(ledger.TransactionId(r), r);
  trace::Tracer tracer(ledger, trace::TracerOptions{policy});
  std::map<std::string, int64_t> losses;
  for (const auto& spec : args.victims) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) {
      return ReportError(InvalidArgumentError("--victim " + spec + ": expected PERSON=TX[,TX...]"));
    }
    std::vector<ledger::Row> rows;
    int64_t loss = 0;
    std::string_view list = std::string_view(spec).substr(eq + 1);
    while (!list.empty()) {
      const auto comma = list.find(',');
      const std::string_view tx = list.substr(0, comma);
      auto it = by_id.find(tx);
      if (it == by_id.end()) {
        return ReportError(NotFoundError("--victim " + spec + ": no transfer with id '" +
                                         std::string(tx) + "' in the input"));
      }
      rows.push_back(it->second);
      loss += ledger.fen(it->second);
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    const std::string person = spec.substr(0, eq);
    if (auto st = tracer.AddVictim(person, rows); !st.ok()) return ReportError(st);
    losses[person] += loss;
  }
  if (args.from_reports) {
    for (const Event& e : reports) {
      const auto& r = e.as<ReportEvent>();
      auto rows = trace::StolenRowsForReport(ledger, r.account, r.loss.fen(), r.fraud_ts, e.ts);
      if (rows.empty()) {
        std::fprintf(stderr, "report of %s: no transfer of account %s matches the loss\n",
                     r.person_id.c_str(), r.account.c_str());
        continue;
      }
      if (auto st = tracer.AddVictim(r.person_id, rows); !st.ok()) return ReportError(st);
      losses[r.person_id] = r.loss.fen();
    }
  }
  if (losses.empty()) {
    return ReportError(InvalidArgumentError("no victims: name them with --victim or use --from-reports"));
  }
  tracer.Update();
  const trace::TraceReport rep = tracer.Report();

  std::vector<trace::FrozenBalance> frozen;
  for (const auto& spec : args.frozen) {
    const auto eq = spec.find('=');
    const auto id = eq == std::string::npos ? std::nullopt : ledger.FindAccount(spec.substr(0, eq));
    int64_t fen = 0;
    if (!id || std::sscanf(spec.c_str() + eq + 1, "%lld", reinterpret_cast<long long*>(&fen)) != 1) {
      return ReportError(InvalidArgumentError("--frozen " + spec +
                                              ": expected ACCOUNT=FEN with an account of the input"));
    }
    frozen.push_back({*id, fen});
  }
  if (!frozen.empty()) {
    std::vector<int64_t> loss_by_victim;
    for (const auto& v : rep.victims) loss_by_victim.push_back(losses[v.id]);
    const auto plan = trace::AllocateRefunds(tracer, rep, frozen, loss_by_victim);
    if (!args.refund_csv.empty()) {
      if (auto st = WriteFile(args.refund_csv, trace::RefundPlanCsv(ledger, rep, plan)); !st.ok()) {
        return ReportError(st, 1);
      }
    }
    const std::string plan_json = trace::RefundPlanJson(ledger, rep, plan);
    if (!args.refund_json.empty()) {
      if (auto st = WriteFile(args.refund_json, plan_json); !st.ok()) return ReportError(st, 1);
    }
    std::fprintf(stderr, "refund plan: %lld fen frozen, %lld allocated to victims, %lld left to the holders\n",
                 (long long)plan.frozen_fen, (long long)plan.allocated_fen, (long long)plan.unallocated_fen);
  }

  if (args.json) {
    std::printf("%s\n", trace::ReportJson(ledger, tracer, rep).c_str());
    return 0;
  }
  std::printf("policy %s, %zu victims, conserved: %s\n", std::string(trace::PolicyName(policy)).c_str(),
              rep.victims.size(), rep.conserved ? "yes" : "NO");
  for (const auto& v : rep.victims) {
    std::printf("  victim %s: stolen %s (and %s disputed: paid out of the gang's paybacks), held in accounts %s, left %s\n",
                v.id.c_str(), Money::FromFen(v.stolen_fen).ToDisplay().c_str(),
                Money::FromFen(v.disputed_fen + v.absorbed_fen).ToDisplay().c_str(),
                Money::FromFen(v.held_fen).ToDisplay().c_str(),
                Money::FromFen(v.exited_fen).ToDisplay().c_str());
  }
  std::printf("stop-pay first:\n");
  int shown = 0;
  for (const auto& c : rep.stop_pay) {
    if (++shown > 20) break;
    std::printf("  %-22s %14s  layer %d  moves in ~%lld min\n",
                std::string(ledger.AccountNumber(c.account)).c_str(),
                Money::FromFen(c.recoverable_fen).ToDisplay().c_str(), c.layer,
                (long long)(c.expected_left_ms / 60000));
  }
  return 0;
}

int EvalTrace(const TraceEvalOptions& options, bool json) {
  TraceEvalOptions o = options;
  if (!json) o.progress = [](std::string_view line) { std::fprintf(stderr, "%.*s\n", int(line.size()), line.data()); };
  auto result = RunTraceEval(o);
  if (!result.ok()) return ReportError(result.error(), 1);
  const TraceEvalResult& r = *result;
  if (json) {
    std::printf("%s\n", r.ToJson().c_str());
    return r.conservation_ok ? 0 : 1;
  }
  std::printf("fund tracing on city seed %llu (%u residents, %d days, %s)\n", (unsigned long long)o.seed,
              o.population, o.days, std::string(trace::PolicyName(o.policy)).c_str());
  std::printf("  victims %llu, reported and traced %llu\n", (unsigned long long)r.victims,
              (unsigned long long)r.traced_victims);
  std::printf("  stolen %s; of the reported victims' %s, %s still in the city's accounts\n",
              Money::FromFen(r.stolen_fen).ToDisplay().c_str(),
              Money::FromFen(r.reported_stolen_fen).ToDisplay().c_str(),
              Money::FromFen(r.inside_fen).ToDisplay().c_str());
  std::printf("  located %s (%.1f%%), frozen %s, refunded %s, misallocated %s, conservation %s\n",
              Money::FromFen(r.located_fen).ToDisplay().c_str(),
              r.inside_fen ? 100.0 * r.located_fen / r.inside_fen : 0.0,
              Money::FromFen(r.frozen_fen).ToDisplay().c_str(),
              Money::FromFen(r.refunded_fen).ToDisplay().c_str(),
              Money::FromFen(r.misallocated_fen).ToDisplay().c_str(), r.conservation_ok ? "ok" : "BROKEN");
  std::printf("  orders: %llu stop-payments, %llu freezes (%.1f s)\n", (unsigned long long)r.stop_pay_orders,
              (unsigned long long)r.freeze_orders, r.seconds);
  return r.conservation_ok ? 0 : 1;
}

}  // namespace

void AddTraceCommand(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<TraceArgs>();
  auto* cmd = app.add_subcommand("trace", "Trace victims' money through transfer files (one case)");
  cmd->add_option("inputs", args->inputs, "transfer files or directories (JSON Lines or CSV; statements too)")
      ->required();
  cmd->add_option("--victim", args->victims, "PERSON=TX[,TX...]: a victim and the ids of their stolen transfers");
  cmd->add_flag("--from-reports", args->from_reports, "take the victims from the report events in the input");
  cmd->add_option("--policy", args->policy, "fifo, lifo, pro_rata or poison (default: [trace] policy)");
  cmd->add_option("--frozen", args->frozen, "ACCOUNT=FEN: a frozen balance to allocate to the victims");
  cmd->add_option("--refund-csv", args->refund_csv, "write the refund plan as CSV");
  cmd->add_option("--refund-json", args->refund_json, "write the refund plan as JSON");
  cmd->add_option("--quarantine", args->quarantine, "where refused records go (default: [ingest] quarantine)");
  cmd->add_flag("--json", args->json, "print the trace (holdings, exits, stop-pay list, graph) as JSON");
  cmd->callback([&global, args, &exit_code] { exit_code = RunTrace(global, *args); });
}

void AddEvalTraceCommand(CLI::App& eval, const GlobalOptions& global, int& exit_code) {
  auto opts = std::make_shared<TraceEvalOptions>();
  auto json = std::make_shared<bool>(false);
  auto policy = std::make_shared<std::string>("fifo");
  auto* cmd = eval.add_subcommand("trace", "Score fund tracing, stop-payments, freezes and refunds on a simulated city");
  cmd->add_option("--seed", opts->seed, "the city's seed")->required();
  cmd->add_option("--population", opts->population, "residents")->check(CLI::Range(1000u, 20000000u))
      ->capture_default_str();
  cmd->add_option("--days", opts->days, "days to simulate")->check(CLI::Range(1, 365))->capture_default_str();
  cmd->add_option("--threads", opts->threads, "simulator threads (0 = every core)");
  cmd->add_option("--fraud-scale", opts->fraud_scale, "gangs' volume (1 = Wuhan's rate per resident)")
      ->capture_default_str();
  cmd->add_option("--policy", *policy, "fifo, lifo, pro_rata or poison")->capture_default_str();
  cmd->add_flag("!--no-orders", opts->act, "trace only: no stop-payments or freezes in the city");
  cmd->add_flag("--json", *json, "print the figures as one JSON object");
  cmd->callback([opts, json, policy, &global, &exit_code] {
    auto cfg = LoadEffectiveConfig(global);
    if (!cfg.ok()) {
      exit_code = ReportError(cfg.error());
      return;
    }
    opts->stop_pay_duration_ms = cfg->trace.stop_pay_hours * 3600000;
    opts->freeze_duration_ms = cfg->trace.freeze_days * 86400000;
    if (!trace::ParsePolicy(*policy, opts->policy)) {
      exit_code = ReportError(InvalidArgumentError("--policy: unknown policy '" + *policy + "'"));
      return;
    }
    exit_code = EvalTrace(*opts, *json);
  });
}

}  // namespace wuzha::cli
