// libFuzzer target for sim::ParseActionJson (wuzha sim --actions): it must never crash,
// fail only with kInvalidArgument, and what it accepts must write back (AppendActionJson)
// to a line that parses to the same action.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sim/action.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wuzha;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto action = sim::ParseActionJson(text);
  if (!action.ok()) {
    if (action.status().code() != StatusCode::kInvalidArgument) std::abort();
    return 0;
  }
  std::string line;
  sim::AppendActionJson(*action, line);
  auto again = sim::ParseActionJson(line);
  if (!again.ok() || again->id != action->id || again->kind != action->kind ||
      again->at != action->at || again->target != action->target || again->ref != action->ref ||
      again->officer != action->officer) {
    std::fprintf(stderr, "action_fuzz: '%.*s' -> '%s' -> %s\n", static_cast<int>(size),
                 text.data(), line.c_str(),
                 again.ok() ? "a different action" : again.status().ToString().c_str());
    std::abort();
  }
  return 0;
}
