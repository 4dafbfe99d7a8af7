// libFuzzer target for the phone2region reader on arbitrary bytes (both the ZIP path and
// the bare database): it refuses or loads, never reads out of bounds; a loaded database
// answers lookups over a spread of prefixes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lists/phone_region.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wuzha::lists;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto db = PhoneRegionDb::Parse(bytes);
  if (!db.ok()) return 0;
  for (int p = 1300000; p < 2000000; p += 997) (void)db->Lookup(std::to_string(p));
  return 0;
}
