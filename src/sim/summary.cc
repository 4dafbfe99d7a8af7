// summary.json: what a run produced, per type and per day, and how its daily fraud
// figures compare with Wuhan's once scaled to 13.7M residents.
#include <charconv>
#include <cstdio>

#include "sim/output.h"

namespace wuzha::sim {
namespace {

// Fixed one-decimal notation: the same double gives the same text on every machine
// with IEEE doubles, and JSON has no NaN or infinity to worry about (inputs are finite).
std::string Decimal(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A parameter as given: the shortest text that reads back as the same double.
std::string Param(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string U(uint64_t v) { return std::to_string(v); }
std::string I(int64_t v) { return std::to_string(v); }

// "fraud_sms_per_day":{"sim":123.4,"wuhan":190000}; no "wuhan" when there is no
// published figure.
std::string Compared(std::string_view key, double sim, int64_t wuhan) {
  std::string out = "\"" + std::string(key) + "\":{\"sim\":" + Decimal(sim);
  if (wuhan > 0) out += ",\"wuhan\":" + I(wuhan);
  return out + "}";
}

std::string ByType(const uint64_t (&counts)[kEventTypeCount], double days) {
  std::string out = "{";
  for (int t = 0; t < kEventTypeCount; ++t) {
    if (t > 0) out += ',';
    out += "\"" + std::string(EventTypeName(static_cast<EventType>(t))) +
           "\":{\"total\":" + U(counts[t]) + ",\"per_day\":" + Decimal(counts[t] / days) + "}";
  }
  return out + "}";
}

}  // namespace

std::string SummaryJson(const CityOptions& city, const EngineOptions& options,
                        const Engine::Stats& stats) {
  // A zero-day run has no per-day figures: divide by one day rather than by zero.
  const double days = options.days > 0 ? options.days : 1;
  uint64_t events = 0, fraud_events = 0;
  for (int t = 0; t < kEventTypeCount; ++t) {
    events += stats.events_by_type[t];
    fraud_events += stats.fraud_events_by_type[t];
  }
  // Per day, times 13.7M / population, divided by the fraud scale so that a run with a
  // raised scale (tests) still compares with the calibration.
  const double fraud_scale = options.fraud.scale > 0 ? options.fraud.scale : 1;
  const double factor = kWuhanResidents / (city.population > 0 ? city.population : 1);
  auto wuhan_daily = [&](double count) { return count / days * factor / fraud_scale; };
  const auto& fraud = stats.fraud_events_by_type;
  const size_t sms = static_cast<size_t>(EventType::kSms);
  const size_t web = static_cast<size_t>(EventType::kWeb);
  const size_t app = static_cast<size_t>(EventType::kApp);

  std::string out = "{\"seed\":" + U(options.seed);
  out += ",\n \"population\":" + U(city.population);
  out += ",\n \"days\":" + I(options.days);
  out += ",\n \"start\":" + I(city.start.millis());
  out += ",\n \"city_seed\":" + U(city.seed);
  out += std::string(",\n \"fraud\":{\"enabled\":") + (options.fraud.enabled ? "true" : "false") +
         ",\"scale\":" + Param(options.fraud.scale) + ",\"gangs\":" + I(options.fraud.gangs) + "}";
  out += ",\n \"events\":{\"total\":" + U(events) + ",\"per_day\":" + Decimal(events / days) +
         ",\"by_type\":" + ByType(stats.events_by_type, days) + "}";
  out += ",\n \"fraud_events\":{\"total\":" + U(fraud_events) +
         ",\"per_day\":" + Decimal(fraud_events / days) +
         ",\"by_type\":" + ByType(stats.fraud_events_by_type, days) + "}";
  out += ",\n \"money\":{\"cash_in_fen\":" + I(stats.cash_in_fen) +
         ",\"cash_out_fen\":" + I(stats.cash_out_fen) + ",\"stolen_fen\":" + I(stats.stolen_fen) +
         "}";
  out += ",\n \"counts\":{\"fraud_numbers_used\":" + U(stats.fraud_numbers_used) +
         ",\"contacts_blocked\":" + U(stats.contacts_blocked) +
         ",\"transfers_held\":" + U(stats.transfers_held) +
         ",\"transfers_blocked\":" + U(stats.transfers_blocked) +
         ",\"transfers_refused\":" + U(stats.transfers_refused) +
         ",\"targets_engaged\":" + U(stats.targets_engaged) + ",\"victims\":" + U(stats.victims) +
         ",\"visits\":" + U(stats.visits) + ",\"dissuaded\":" + U(stats.dissuaded) +
         ",\"accounts_opened\":" + U(stats.accounts_opened) +
         ",\"sims_opened\":" + U(stats.sims_opened) +
         ",\"openings_refused\":" + U(stats.openings_refused) + ",\"reports\":" + U(stats.reports) +
         ",\"statements\":" + U(stats.statements) + "}";
  out += ",\n \"wuhan_scale\":{\"residents\":" + I(static_cast<int64_t>(kWuhanResidents)) +
         ",\"factor\":" + Decimal(factor) + ",\"fraud_scale\":" + Param(fraud_scale) + ",\n  " +
         Compared("fraud_numbers_per_day", wuhan_daily(stats.fraud_numbers_used), 1200) + ",\n  " +
         Compared("fraud_sms_per_day", wuhan_daily(fraud[sms]), 190000) + ",\n  " +
         Compared("fraud_web_and_apps_per_day", wuhan_daily(fraud[web] + fraud[app]), 100000) +
         ",\n  " + Compared("targets_engaged_per_day", wuhan_daily(stats.targets_engaged), 800) +
         ",\n  " + Compared("victims_per_day", wuhan_daily(stats.victims), 0) + ",\n  " +
         Compared("reports_per_day", wuhan_daily(stats.reports), 18) + "}";
  return out + "}";
}

}  // namespace wuzha::sim
