// The body of `wuzha sim`, shared with `wuzha demo` (which simulates the demo city and
// then runs it through the pipeline).
#pragma once

#include <cstdint>
#include <string>

#include "cli/command.h"

namespace wuzha::cli {

struct SimArgs {
  uint64_t seed = 1;
  uint32_t population = 100000;
  int days = 7;
  std::string out;
  int threads = 0;  // 0 = every core
  std::string actions;
  bool no_fraud = false;
  double fraud_scale = 1.0;
  std::string geo;
  std::string start;
};

// Simulates into args.out; prints a summary line. Returns the exit code (2 = usage).
int Simulate(const GlobalOptions& global, const SimArgs& args);

}  // namespace wuzha::cli
