// libFuzzer target for the plain domain-list and ranked-list importers: counts add up
// and accepted values are canonical.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lists/io.h"
#include "../lists/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wuzha::lists;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  fuzz::CheckImport("lists_plain_fuzz", ImportPlain(text, {}));
  fuzz::CheckImport("lists_plain_fuzz", ImportRanked(text, {}));
  return 0;
}
