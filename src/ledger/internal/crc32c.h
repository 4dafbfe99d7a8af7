// CRC-32C (Castagnoli), the checksum of every block of the ledger log: the SSE4.2
// instruction where the CPU has it (~20 GB/s), a table otherwise. Pure functions.
#pragma once

#include <cstddef>
#include <cstdint>

namespace wuzha::ledger::internal {

// Extends `crc` (0 to start) over `n` bytes.
uint32_t Crc32c(uint32_t crc, const void* data, size_t n);

}  // namespace wuzha::ledger::internal
