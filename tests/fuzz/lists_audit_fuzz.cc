// libFuzzer target for the audit-log reader (lists/persist.h): never crashes, counts add
// up, and every record it accepts is written by AuditRecordToJson as a line that reads
// back to the same record with a canonical value.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lists/persist.h"
#include "../lists/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wuzha::lists;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const AuditLogRead read = ReadAuditLog(text, "audit.jsonl", 4);
  if (read.records.size() + read.skipped > read.lines) fuzz::Fail("lists_audit_fuzz", "counts", "");
  if (read.errors.size() > read.skipped) fuzz::Fail("lists_audit_fuzz", "more errors than skipped", "");
  for (const AuditRecord& r : read.records) {
    const std::string line = AuditRecordToJson(r);
    auto back = ParseAuditRecordJson(line);
    if (!back.ok()) fuzz::Fail("lists_audit_fuzz", "written record does not parse", line);
    if (back->time_ms != r.time_ms || back->actor != r.actor || back->op != r.op ||
        !(back->entry == r.entry)) {
      fuzz::Fail("lists_audit_fuzz", "written record reads back different", line);
    }
    auto again = NormalizeIndicator(r.entry.type, IndicatorToText(r.entry.type, r.entry.value));
    if (!again.ok() || *again != r.entry.value) {
      fuzz::Fail("lists_audit_fuzz", "accepted value is not canonical", r.entry.value);
    }
  }
  return 0;
}
