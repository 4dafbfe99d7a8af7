// libFuzzer target for the ledger log loader (ledger/ledger_file.h) on arbitrary bytes:
// it refuses with a Status or loads, never reads out of bounds or overflows; a loaded
// ledger answers every accessor, index and balance. Each input is decoded as it is and
// once more with every CRC rewritten to match, so that mutations reach the checks behind
// the CRC (counts, account ids, repeated ids, amounts) instead of stopping at it.
#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "ledger/internal/crc32c.h"
#include "ledger/internal/log_format.h"
#include "ledger/ledger_file.h"

namespace {

using namespace wuzha::ledger;

// Rewrites the header's and every block's CRC (blocks found by their declared lengths).
std::string RepairCrcs(std::string b) {
  using namespace wuzha::ledger::internal;
  auto put = [&b](size_t at, uint32_t v) { std::memcpy(b.data() + at, &v, 4); };
  if (b.size() < kFileHeaderBytes) return b;
  put(12, Crc32c(0, b.data(), 12));
  for (size_t off = kFileHeaderBytes; b.size() - off >= kBlockHeaderBytes;) {
    uint32_t payload;
    std::memcpy(&payload, b.data() + off + 4, 4);
    if (b.size() - off - kBlockHeaderBytes < payload) break;
    uint32_t crc = Crc32c(0, b.data() + off, kBlockCrcOffset);
    crc = Crc32c(crc, b.data() + off + kBlockHeaderBytes, payload);
    put(off + kBlockCrcOffset, crc);
    off += kBlockHeaderBytes + payload;
  }
  return b;
}

int64_t Exercise(std::string_view bytes) {
  auto ledger = DecodeLedgerLog(bytes);
  if (!ledger.ok()) return 0;
  int64_t sum = 0;
  for (Row r = 0; r < ledger->size(); ++r) {
    sum += static_cast<int64_t>(ledger->TransactionId(r).size()) + ledger->ts(r).millis() % 7 +
           static_cast<int64_t>(ledger->channel(r)) + static_cast<int64_t>(ledger->kind(r));
  }
  for (AccountId a = 0; a < ledger->account_count(); ++a) {
    sum += static_cast<int64_t>(ledger->Outgoing(a).size() + ledger->Incoming(a).size());
    sum ^= ledger->OpeningBalance(a) ^ ledger->BalanceAt(a, wuzha::Timestamp::FromMillis(0));
    if (ledger->FindAccount(ledger->AccountNumber(a)) != a) __builtin_trap();
  }
  return sum;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool quiet = [] {
    spdlog::set_level(spdlog::level::off);  // torn tails are reported, not errors
    return true;
  }();
  (void)quiet;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const int64_t sum = Exercise(bytes) + Exercise(RepairCrcs(std::string(bytes)));
  return sum == 42 ? 0 : 0;
}
