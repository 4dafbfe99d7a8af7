// libFuzzer target for Money::Parse: it must never crash, fail only with
// kInvalidArgument or kOutOfRange, and what it accepts must parse back to the same fen
// from both of its text forms (ToString "1234.50" and ToDisplay "¥1,234.50").
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/money.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wuzha;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<Money> money = Money::Parse(text);
  if (!money.ok()) {
    StatusCode code = money.status().code();
    if (code != StatusCode::kInvalidArgument && code != StatusCode::kOutOfRange) std::abort();
    return 0;
  }
  for (const std::string& form : {money->ToString(), money->ToDisplay()}) {
    Result<Money> again = Money::Parse(form);
    if (!again.ok() || again->fen() != money->fen()) {
      std::fprintf(
          stderr, "money_fuzz: '%.*s' -> %lld fen -> '%s' -> %s\n", static_cast<int>(size),
          text.data(), static_cast<long long>(money->fen()), form.c_str(),
          again.ok() ? std::to_string(again->fen()).c_str() : again.status().ToString().c_str());
      std::abort();
    }
  }
  return 0;
}
