#include "intercept/verdict.h"

namespace wuzha::intercept {

std::string_view DecisionName(Decision d) {
  switch (d) {
    case Decision::kAllow: return "allow";
    case Decision::kWarn: return "warn";
    case Decision::kBlock: return "block";
  }
  return "allow";
}

}  // namespace wuzha::intercept
