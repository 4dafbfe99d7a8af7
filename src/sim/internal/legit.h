// LegitGenerator: the city's legitimate traffic, from rate sources (docs/design/sim.md):
// calls, business calls (couriers, riders and call centres that call dozens to hundreds
// of people a day: the legitimate bursts a naive detector trips over), SMS, web visits,
// app installs, transfers, ATM withdrawals and the monthly salary run. Each source has
// its own Rng stream, so sources can be generated on separate threads and merged by the
// total order (ts, source, seq) with the same result.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/random.h"
#include "sim/engine.h"
#include "sim/internal/world.h"

namespace wuzha::sim::internal {

// The payroll account outside the city that pays the salaries (cash in).
inline constexpr std::string_view kPayrollAccount = "6222020200000000018";
inline constexpr std::string_view kPayrollBank = "ICBC";
inline constexpr std::string_view kPayrollName = "武汉某某科技有限公司";

class LegitGenerator {
 public:
  // `payroll` is the external account salaries come from (World::AddExternal).
  LegitGenerator(const City& city, const EngineOptions& options, uint32_t payroll);
  ~LegitGenerator();

  // Appends the events of [start, start + len) to `out`, unsorted. Transfers name the
  // city's account indexes in Pending::from/to; money moves at delivery.
  void Slice(int64_t start, int64_t len, std::vector<Pending>& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wuzha::sim::internal
