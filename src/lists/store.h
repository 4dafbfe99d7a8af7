// Store: the mutable side of the lists. It collects changes (add, update, remove) with
// who made them and when, keeps the append-only audit log, and on Publish() compiles a
// new Snapshot and swaps it in atomically. Readers call snapshot() — a shared_ptr copy
// under a mutex that is only ever held for a pointer copy or swap — and look up on what
// they got; the compile of a 100k-change Publish runs on the writer's thread outside
// that mutex and never blocks them. (std::atomic<std::shared_ptr> measured no faster,
// and libstdc++ 12's load() releases its internal lock with a relaxed store, which
// ThreadSanitizer reports as a race: google/sanitizers#1558.) Thread safe: writers
// serialize on mu_, readers touch only current_mu_.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/status.h"
#include "lists/indicator.h"
#include "lists/snapshot.h"

namespace wuzha::lists {

class Store {
 public:
  Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Adds `entry`, or updates the entry with the same kind, type and value (first_seen
  // keeps the earliest, last_seen the latest; the rest is replaced). The value is
  // normalized first. Audited as add or update by `actor` at `now_ms`.
  // kInvalidArgument when the value does not normalize. Visible after Publish().
  Status Upsert(Entry entry, std::string_view actor, int64_t now_ms);

  // Removes the entry; audited as remove. kNotFound when there is none.
  // REQUIRES: `value` canonical or normalizable for `type`.
  Status Remove(ListKind kind, IndicatorType type, std::string_view value,
                std::string_view actor, int64_t now_ms);

  // Compiles the current entries into a new snapshot and makes it the current one.
  // Returns it. Snapshots no reader holds any more are freed here, on the writer's
  // thread, never in a reader.
  std::shared_ptr<const Snapshot> Publish();

  // The current snapshot (empty before the first Publish). ~11 ns: take it once per
  // event or per batch, not per probe.
  std::shared_ptr<const Snapshot> snapshot() const {
    std::lock_guard lock(current_mu_);
    return current_;
  }

  // Changes since the last Publish.
  size_t pending_changes() const;
  // Entries now (published or not), ordered by kind, type and value.
  std::vector<Entry> Entries() const;
  // Every audit record of one entry, oldest first (also after its removal).
  std::vector<AuditRecord> History(ListKind kind, IndicatorType type,
                                   std::string_view value) const;
  // The whole audit log, oldest first.
  std::vector<AuditRecord> AuditLog() const;
  // The audit records from index `first` on (AuditLog()[first...]), oldest first.
  std::vector<AuditRecord> AuditLogSince(size_t first) const;

  // Replaces every entry and the whole audit log with what was saved before
  // (lists/persist.h), without auditing: restoring is not a change. A later entry with
  // the same kind, type and value replaces an earlier one. kInvalidArgument, and nothing
  // changes, when a value is not canonical. Visible after Publish().
  Status Restore(std::vector<Entry> entries, std::vector<AuditRecord> log);

 private:
  using Key = std::tuple<ListKind, IndicatorType, std::string>;

  mutable std::mutex mu_;
  std::map<Key, Entry> entries_;                     // GUARDED_BY(mu_)
  std::vector<AuditRecord> log_;                     // GUARDED_BY(mu_)
  std::map<Key, std::vector<uint32_t>> history_;     // GUARDED_BY(mu_): indexes into log_
  size_t pending_ = 0;                               // GUARDED_BY(mu_)
  uint64_t version_ = 0;                             // GUARDED_BY(mu_)
  // Snapshots replaced by Publish, kept until no reader holds them so that the writer,
  // not the reader that happens to drop the last reference, pays for freeing them.
  std::vector<std::shared_ptr<const Snapshot>> retired_;  // GUARDED_BY(publish_mu_)
  std::mutex publish_mu_;
  mutable std::mutex current_mu_;               // held only to copy or swap current_
  std::shared_ptr<const Snapshot> current_;     // GUARDED_BY(current_mu_)
};

}  // namespace wuzha::lists
