// Durable storage of a Ledger: its own append-only log file, DIR/ledger.wzl (the layout
// byte by byte, and why not RocksDB, are in docs/ledger.md).
//
// The log is a header and a sequence of blocks; a block holds, column by column, the
// rows, new accounts and anchors one Flush wrote (at most 65,536 rows a block) and ends
// in its CRC-32C. Ledger::Flush writes what was added since the last Flush and syncs
// (fdatasync): what a Flush returned OK for is on disk. Opening reads every block back,
// checking each, and rebuilds the indexes from the columns (one counting sort, not one
// insert a row).
//
// After a crash the last block may be cut short or hold garbage: a bad block with
// nothing valid after it is such a torn tail, dropped with a message in the report (and
// a warning in the log), and OpenLedgerDir truncates the file there so the next Flush
// appends cleanly. A bad block followed by a valid one is damage, not a crash: kDataLoss,
// and the file is left as it is for an operator. No input makes the loader crash.
//
// One process writes a directory at a time (an exclusive flock on the file).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "ledger/ledger.h"

namespace wuzha::ledger {

inline constexpr std::string_view kLedgerFileName = "ledger.wzl";

// What opening a log found.
struct LedgerLoadReport {
  uint64_t blocks = 0;         // valid blocks read
  uint64_t bytes = 0;          // bytes of header and valid blocks
  uint64_t dropped_bytes = 0;  // a torn tail dropped (0 when the log ended cleanly)
  // Why the tail was dropped, with its offset; empty when nothing was dropped.
  std::string warning;
};

// Opens the ledger stored in `dir` and attaches its log, so that Flush() appends to it.
// A missing directory or log is created (an empty ledger). kFailedPrecondition when
// another open ledger holds the directory; kDataLoss for a damaged log (the message
// names the file, offset and block); kIoError naming the path.
Result<Ledger> OpenLedgerDir(const std::string& dir, LedgerLoadReport* report = nullptr);

// Reads the ledger stored in `dir` without attaching a log: no lock taken, nothing
// truncated or created. kNotFound when there is no log; otherwise as OpenLedgerDir.
Result<Ledger> LoadLedgerDir(const std::string& dir, LedgerLoadReport* report = nullptr);

// Makes an in-memory ledger durable in `dir`, which must not hold a log yet: creates the
// log and attaches it, so that the next Flush() writes everything the ledger holds.
// kFailedPrecondition when the ledger already has a log or `dir` holds one; kIoError.
Status AttachLedgerDir(Ledger& ledger, const std::string& dir);

// Decodes a whole log held in memory into a ledger (no log attached): the loader's core,
// also the fuzz target's entry. A torn tail is dropped and reported as above.
// `name` is used in messages. kDataLoss for anything else that is not a valid log.
Result<Ledger> DecodeLedgerLog(std::string_view bytes, LedgerLoadReport* report = nullptr,
                               std::string_view name = kLedgerFileName);

}  // namespace wuzha::ledger
