// libFuzzer target for the hosts-file importer: counts add up, every entry is a
// canonical domain.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lists/io.h"
#include "../lists/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wuzha::lists;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ImportResult r = ImportHosts(text, {});
  fuzz::CheckImport("lists_hosts_fuzz", r, /*per_line=*/false);
  for (const Entry& e : r.entries) {
    if (e.type != IndicatorType::kDomain) fuzz::Fail("lists_hosts_fuzz", "not a domain", e.value);
  }
  return 0;
}
