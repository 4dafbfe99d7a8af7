// libFuzzer target for the config parser: ParseConfig must never crash, throw or hang on
// any input, and whatever it accepts must render (ConfigToToml) and parse back equal.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  wuzha::Result<wuzha::config::Config> config = wuzha::config::ParseConfig(text, "fuzz.toml");
  if (config.ok()) {
    wuzha::Result<wuzha::config::Config> again =
        wuzha::config::ParseConfig(wuzha::config::ConfigToToml(*config), "roundtrip.toml");
    if (!again.ok() || !(*again == *config)) std::abort();
  }
  return 0;
}
