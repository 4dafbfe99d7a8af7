// libFuzzer target for the lists CSV importer: counts add up, accepted values are
// canonical, and the accepted entries survive ExportCsv and a second import unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lists/io.h"
#include "../lists/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wuzha::lists;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ImportResult r = ImportCsv(text, {});
  fuzz::CheckImport("lists_csv_fuzz", r);
  const std::string csv = ExportCsv(r.entries);
  ImportResult again = ImportCsv(csv, {});
  if (again.skipped != 0 || again.entries != r.entries) {
    fuzz::Fail("lists_csv_fuzz", "entries change through ExportCsv", csv);
  }
  return 0;
}
