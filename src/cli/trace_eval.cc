#include "cli/trace_eval.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "ledger/ledger.h"
#include "sim/city.h"
#include "sim/source.h"
#include "trace/orders.h"
#include "trace/refund.h"
#include "trace/report_rows.h"

namespace wuzha::cli {

namespace {

int SimThreads(int requested) {
  if (requested > 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

struct PendingExecution {
  int64_t at;
  uint64_t order;
};

}  // namespace

std::string TraceEvalResult::ToJson() const {
  const double located_pct = inside_fen ? 100.0 * located_fen / inside_fen : 0;
  return fmt::format(
      "{{\"seed\":{},\"population\":{},\"days\":{},\"policy\":\"{}\",\"closed_loop\":{},"
      "\"victims\":{},\"reports\":{},\"traced_victims\":{},"
      "\"stolen_fen\":{},\"reported_stolen_fen\":{},\"inside_fen\":{},\"located_fen\":{},"
      "\"located_pct\":{:.2f},\"frozen_fen\":{},\"frozen_balance_fen\":{},\"refunded_fen\":{},"
      "\"misallocated_fen\":{},\"over_loss_fen\":{},\"conservation_ok\":{},"
      "\"stop_pay_orders\":{},\"freeze_orders\":{},\"orders_expired\":{},\"trace_replays\":{},"
      "\"seconds\":{:.1f}}}",
      options.seed, options.population, options.days, trace::PolicyName(options.policy),
      options.act ? "true" : "false", victims, reports, traced_victims, stolen_fen,
      reported_stolen_fen, inside_fen, located_fen, located_pct, frozen_fen, frozen_balance_fen,
      refunded_fen, misallocated_fen, over_loss_fen, conservation_ok ? "true" : "false",
      stop_pay_orders, freeze_orders, orders_expired, replays, seconds);
}

Result<TraceEvalResult> RunTraceEval(const TraceEvalOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  TraceEvalResult result;
  result.options = options;

  sim::CityOptions co;
  co.seed = options.seed;
  co.population = options.population;
  WUZHA_ASSIGN_OR_RETURN(sim::City city, sim::City::Build(co));
  sim::EngineOptions eo;
  eo.seed = options.seed;
  eo.days = options.days;
  eo.threads = SimThreads(options.threads);
  eo.fraud.scale = options.fraud_scale;
  sim::Source source(city, eo);
  sim::Engine& engine = source.engine();

  ledger::Ledger ledger;
  trace::Tracer tracer(ledger, trace::TracerOptions{options.policy});
  eo.delays.stop_pay_duration_ms = options.stop_pay_duration_ms;
  trace::OrderOptions oo;
  oo.stop_pay_duration_ms = options.stop_pay_duration_ms;
  oo.freeze_duration_ms = options.freeze_duration_ms;
  trace::OrderBook orders(oo);
  std::vector<PendingExecution> pending;  // orders the city's banks will execute
  std::unordered_map<std::string, int64_t> reported_loss;  // person id → loss
  uint64_t action_id = 1;

  auto act = [&](sim::ActionKind kind, const std::string& account, int64_t now) {
    sim::Action a;
    a.id = action_id++;
    a.kind = kind;
    a.at = Timestamp::FromMillis(now);
    a.target = account;
    engine.Act(std::move(a));
  };

  // Brings the trace up to date and orders a stop-payment and a freeze on every account
  // that holds enough victims' money and has no order yet.
  std::unordered_set<ledger::AccountId> asked;  // accounts whose balance the banks gave
  auto update = [&](int64_t now) {
    tracer.Update();
    // 查询: the banks answer the balance of every account the money reached. The engine's
    // balances are those at the end of the slice it has generated, so the anchor is put
    // there; the ledger sees the rest of the slice's rows before long.
    bool anchored = false;
    for (ledger::AccountId id : tracer.TracedAccounts()) {
      if (!asked.insert(id).second) continue;
      const std::string account(ledger.AccountNumber(id));
      ledger.SetBalance(account, Timestamp::FromMillis(engine.now().millis() - 1),
                        engine.BalanceFen(account));
      anchored = true;
    }
    if (anchored) tracer.Update();
    if (!options.act) return;
    const trace::TraceReport rep = tracer.Report();
    for (const auto& c : rep.stop_pay) {
      if (c.recoverable_fen < options.min_stop_pay_fen) continue;
      const std::string account(ledger.AccountNumber(c.account));
      if (orders.HasLiveOrder(account, trace::OrderKind::kFreeze)) continue;
      const auto ts = Timestamp::FromMillis(now);
      const uint64_t sp = orders.Request(trace::OrderKind::kStopPay, account, "city", c.recoverable_fen, ts);
      const uint64_t fr = orders.Request(trace::OrderKind::kFreeze, account, "city", c.recoverable_fen, ts);
      act(sim::ActionKind::kStopPay, account, now);
      act(sim::ActionKind::kFreeze, account, now);
      pending.push_back({now + eo.delays.stop_pay_ms, sp});
      pending.push_back({now + eo.delays.freeze_ms, fr});
      ++result.stop_pay_orders;
      ++result.freeze_orders;
    }
  };

  Event e;
  int64_t next_update = 0, next_progress = 0;
  bool dirty = false;
  while (true) {
    WUZHA_ASSIGN_OR_RETURN(bool more, source.Next(e));
    if (!more) break;
    const int64_t now = e.ts.millis();
    if (next_update == 0) {
      next_update = now + options.update_every_ms;
      next_progress = now + 86400000;
    }
    // The banks confirm what has taken effect by now.
    for (auto it = pending.begin(); it != pending.end();) {
      if (it->at <= now) {
        (void)orders.Execute(it->order, Timestamp::FromMillis(it->at));
        it = pending.erase(it);
      } else {
        ++it;
      }
    }
    if (now >= next_update) {
      orders.Advance(e.ts);
      if (dirty) update(now);
      next_update = now + options.update_every_ms;
    }
    if (now >= next_progress && options.progress) {
      options.progress(fmt::format("day done: {} transfers in the ledger, {} reports, {} orders",
                                   ledger.size(), result.reports, orders.orders().size()));
      next_progress += 86400000;
    }
    if (e.type == EventType::kTransfer) {
      auto added = ledger.Append(e);
      if (added.ok() && *added == ledger::AppendOutcome::kAdded) dirty = true;
    } else if (e.type == EventType::kReport) {
      const ReportEvent& r = e.as<ReportEvent>();
      ++result.reports;
      const auto rows =
          trace::StolenRowsForReport(ledger, r.account, r.loss.fen(), r.fraud_ts, e.ts);
      if (!rows.empty() && !reported_loss.count(r.person_id)) {
        WUZHA_RETURN_IF_ERROR(tracer.AddVictim(r.person_id, rows));
        reported_loss[r.person_id] = r.loss.fen();
        ++result.traced_victims;
        dirty = true;
        update(now);  // a report is urgent: trace and order at once
      }
    }
  }
  tracer.Update();
  orders.Advance(Timestamp::FromMillis(engine.now().millis()));
  const trace::TraceReport rep = tracer.Report();
  result.replays = tracer.replays();
  for (const auto& o : orders.orders()) result.orders_expired += o.state == trace::OrderState::kExpired;

  // The truth of the reported victims: where their money is, frozen or not.
  const sim::Truth truth = engine.truth();
  result.victims = truth.victims.size();
  std::map<std::pair<std::string, std::string>, int64_t> truth_held;  // (victim, account)
  std::unordered_set<std::string> frozen_accounts;
  for (const auto& path : truth.money_paths) {
    result.stolen_fen += path.stolen_fen;
    if (!reported_loss.count(path.victim)) continue;
    result.reported_stolen_fen += path.stolen_fen;
    for (const auto& h : path.holdings) {
      truth_held[{path.victim, h.account}] += h.fen;
      result.inside_fen += h.fen;
      if (h.frozen) result.frozen_fen += h.fen;
    }
  }
  // Located: what the trace puts where the truth has it.
  std::map<std::pair<std::string, std::string>, int64_t> ours;
  for (const auto& h : rep.holdings) {
    ours[{rep.victims[h.victim].id, std::string(ledger.AccountNumber(h.account))}] += h.fen;
  }
  for (const auto& [key, fen] : ours) {
    auto t = truth_held.find(key);
    if (t != truth_held.end()) result.located_fen += std::min(fen, t->second);
  }


  // The ownership audit: the frozen balances, allocated.
  std::vector<trace::FrozenBalance> frozen;
  const Timestamp end = engine.now();
  for (const auto& o : orders.orders()) {
    if (o.kind != trace::OrderKind::kFreeze || o.state != trace::OrderState::kExecuted) continue;
    if (!frozen_accounts.insert(o.account).second) continue;
    const auto id = ledger.FindAccount(o.account);
    if (!id) continue;
    const int64_t balance = engine.BalanceFen(o.account);
    frozen.push_back({*id, balance});
    result.frozen_balance_fen += balance;
  }
  (void)end;
  std::vector<int64_t> losses;
  for (const auto& v : rep.victims) losses.push_back(reported_loss[v.id]);
  const trace::RefundPlan plan = trace::AllocateRefunds(tracer, rep, frozen, losses);
  result.refunded_fen = plan.allocated_fen;
  std::map<std::pair<std::string, std::string>, int64_t> given;
  for (const auto& line : plan.lines) {
    given[{rep.victims[line.victim].id, std::string(ledger.AccountNumber(line.account))}] += line.fen;
  }
  for (const auto& [key, fen] : given) {
    auto t = truth_held.find(key);
    result.misallocated_fen += std::max<int64_t>(0, fen - (t == truth_held.end() ? 0 : t->second));
  }
  for (size_t v = 0; v < rep.victims.size(); ++v) {
    result.over_loss_fen += std::max<int64_t>(0, plan.per_victim[v] - losses[v]);
  }
  result.conservation_ok = rep.conserved && plan.conserved && plan.within_losses;
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace wuzha::cli
