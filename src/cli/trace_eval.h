// `wuzha eval trace`: fund tracing in a simulated city's closed loop, scored against its
// ground truth. The banks stream their transfers into the ledger; when a victim reports
// (警情), the theft is picked out of the victim's transfers by the reported loss
// (trace/report_rows.h) and added to the center's trace; every few simulated minutes the
// trace is brought up to date and every account holding victims' money gets an emergency
// stop-payment and a freeze, which the city's banks execute after their delays (the
// stop-payment holds the money until the freeze lands). At the end the frozen balances
// are allocated to the victims (trace/refund.h) and everything is compared with the truth
// money paths of the reported victims.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "trace/trace.h"

namespace wuzha::cli {

struct TraceEvalOptions {
  uint64_t seed = 7;
  uint32_t population = 30000;
  int days = 5;
  int threads = 0;             // simulator threads; 0 = every core
  double fraud_scale = 4;      // gangs' volume (1 = Wuhan's rate per resident)
  trace::Policy policy = trace::Policy::kFifo;
  bool act = true;             // stop-pay and freeze in the city (off: trace only)
  int64_t update_every_ms = 5 * 60000;
  int64_t min_stop_pay_fen = 100 * 100;  // accounts holding less are not worth an order
  // How long executed orders last ([trace] stop_pay_hours, freeze_days); the city's banks
  // keep a stop-payment as long.
  int64_t stop_pay_duration_ms = 48 * 3600000LL;
  int64_t freeze_duration_ms = 180 * 86400000LL;
  std::function<void(std::string_view)> progress;
};

struct TraceEvalResult {
  TraceEvalOptions options;
  uint64_t victims = 0, reports = 0, traced_victims = 0;
  int64_t stolen_fen = 0;            // every victim's, by the truth
  int64_t reported_stolen_fen = 0;   // the reported victims'
  int64_t inside_fen = 0;            // of that, still in the city's accounts at the end
  int64_t located_fen = 0;           // of that, where the trace says it is
  int64_t frozen_fen = 0;            // reported victims' money frozen or stop-paid, by the truth
  int64_t frozen_balance_fen = 0;    // balances of the accounts under a freeze at the end
  int64_t refunded_fen = 0;          // allocated to victims
  int64_t misallocated_fen = 0;      // allocated to a victim whose money, by the truth, it is not
  int64_t over_loss_fen = 0;         // allocated beyond a victim's loss (must be 0)
  bool conservation_ok = false;      // trace and refund plan conserve every fen
  uint64_t stop_pay_orders = 0, freeze_orders = 0, orders_expired = 0, replays = 0;
  double seconds = 0;

  // {"stolen_fen":..,"located_fen":..,"frozen_fen":..,"refunded_fen":..,
  //  "misallocated_fen":..,"conservation_ok":true, ...}
  std::string ToJson() const;
};

Result<TraceEvalResult> RunTraceEval(const TraceEvalOptions& options);

}  // namespace wuzha::cli
