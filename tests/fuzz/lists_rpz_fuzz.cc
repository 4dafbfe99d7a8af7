// libFuzzer target for the RPZ importer: counts add up, accepted values are canonical,
// and the accepted rules survive ExportRpz and a second import (same kinds and domains),
// except the block rules an allow rule covers, which the export leaves out on purpose.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "lists/io.h"
#include "../lists/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wuzha::lists;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ImportResult r = ImportRpz(text, {});
  fuzz::CheckImport("lists_rpz_fuzz", r);
  const std::string zone = ExportRpz(r.entries, "rpz.fuzz", 1);
  ImportResult again = ImportRpz(zone, {});
  std::set<std::pair<ListKind, std::string>> want, got;
  for (const Entry& e : WithoutAllowedDomains(r.entries)) want.emplace(e.kind, e.value);
  for (const Entry& e : again.entries) got.emplace(e.kind, e.value);
  if (again.skipped != 0 || got != want) fuzz::Fail("lists_rpz_fuzz", "rules change through ExportRpz", zone);
  return 0;
}
