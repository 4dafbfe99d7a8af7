// libFuzzer target for the risk rule file (risk/rules.h): RuleSet::Parse must never crash,
// throw or hang on any input; a refused file names a line ("fuzz.toml:<n>: ..."), and an
// accepted one evaluates on a row of missing features to allow (a condition on a missing
// feature never holds).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "risk/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rules = wuzha::risk::RuleSet::Parse(text, "fuzz.toml");
  if (!rules.ok()) {
    if (!rules.error().message().starts_with("fuzz.toml:")) std::abort();
    return 0;
  }
  wuzha::risk::FeatureRow row;
  row.fill(std::numeric_limits<float>::quiet_NaN());
  if (rules->Evaluate(row, nullptr) != wuzha::risk::Decision::kAllow) std::abort();
  return 0;
}
