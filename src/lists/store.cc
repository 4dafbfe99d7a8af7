#include "lists/store.h"

#include <algorithm>

namespace wuzha::lists {

Store::Store() : current_(Snapshot::Build({})) {}

Status Store::Upsert(Entry entry, std::string_view actor, int64_t now_ms) {
  auto value = NormalizeIndicator(entry.type, entry.value);
  if (!value.ok()) return value.error();
  entry.value = std::move(*value);
  std::lock_guard lock(mu_);
  Key key{entry.kind, entry.type, entry.value};
  auto [it, added] = entries_.try_emplace(key, entry);
  if (!added) {
    Entry& old = it->second;
    if (old.first_seen_ms != 0 && (entry.first_seen_ms == 0 || old.first_seen_ms < entry.first_seen_ms)) {
      entry.first_seen_ms = old.first_seen_ms;
    }
    entry.last_seen_ms = std::max(entry.last_seen_ms, old.last_seen_ms);
    old = entry;
  }
  history_[key].push_back(static_cast<uint32_t>(log_.size()));
  log_.push_back({now_ms, std::string(actor), added ? ChangeOp::kAdd : ChangeOp::kUpdate,
                  std::move(entry)});
  ++pending_;
  return Status::Ok();
}

Status Store::Remove(ListKind kind, IndicatorType type, std::string_view value,
                     std::string_view actor, int64_t now_ms) {
  auto canonical = NormalizeIndicator(type, value);
  std::string text = canonical.ok() ? std::move(*canonical) : std::string(value);
  std::lock_guard lock(mu_);
  Key key{kind, type, text};
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    return NotFoundError(std::string(ListKindName(kind)) + " " +
                         std::string(IndicatorTypeName(type)) + " '" + text + "' is not listed");
  }
  history_[key].push_back(static_cast<uint32_t>(log_.size()));
  log_.push_back({now_ms, std::string(actor), ChangeOp::kRemove, std::move(it->second)});
  entries_.erase(it);
  ++pending_;
  return Status::Ok();
}

std::shared_ptr<const Snapshot> Store::Publish() {
  std::vector<Entry> entries;
  uint64_t version = 0;
  {
    // Copy under the lock, compile outside it: writers wait only for the copy.
    std::lock_guard lock(mu_);
    entries.reserve(entries_.size());
    for (const auto& [key, entry] : entries_) entries.push_back(entry);
    pending_ = 0;
    version = ++version_;
  }
  auto snapshot = Snapshot::Build(std::move(entries), version);
  std::lock_guard lock(publish_mu_);
  std::shared_ptr<const Snapshot> replaced = snapshot;
  {
    std::lock_guard swap_lock(current_mu_);
    // Two concurrent publishers: keep the newer version.
    if (current_->version() < version) current_.swap(replaced);
  }
  retired_.push_back(std::move(replaced));
  // A retired snapshot is unreachable through current_, so once only we hold it no
  // reader can take it again.
  std::erase_if(retired_, [](const auto& s) { return s.use_count() == 1; });
  return snapshot;
}

size_t Store::pending_changes() const {
  std::lock_guard lock(mu_);
  return pending_;
}

std::vector<Entry> Store::Entries() const {
  std::lock_guard lock(mu_);
  std::vector<Entry> out;
  out.reserve(entries_.size());
  for (const auto& [key, entry] : entries_) out.push_back(entry);
  return out;
}

std::vector<AuditRecord> Store::History(ListKind kind, IndicatorType type,
                                        std::string_view value) const {
  auto canonical = NormalizeIndicator(type, value);
  std::string text = canonical.ok() ? std::move(*canonical) : std::string(value);
  std::lock_guard lock(mu_);
  std::vector<AuditRecord> out;
  auto it = history_.find(Key{kind, type, text});
  if (it == history_.end()) return out;
  for (uint32_t i : it->second) out.push_back(log_[i]);
  return out;
}

std::vector<AuditRecord> Store::AuditLog() const {
  std::lock_guard lock(mu_);
  return log_;
}

std::vector<AuditRecord> Store::AuditLogSince(size_t first) const {
  std::lock_guard lock(mu_);
  if (first >= log_.size()) return {};
  return std::vector<AuditRecord>(log_.begin() + static_cast<std::ptrdiff_t>(first), log_.end());
}

Status Store::Restore(std::vector<Entry> entries, std::vector<AuditRecord> log) {
  std::map<Key, Entry> restored;
  for (Entry& e : entries) {
    auto canonical = NormalizeIndicator(e.type, e.value);
    if (!canonical.ok() || *canonical != e.value) {
      return InvalidArgumentError("restore: " + std::string(IndicatorTypeName(e.type)) + " '" +
                                  e.value + "' is not canonical");
    }
    Key key{e.kind, e.type, e.value};
    restored.insert_or_assign(std::move(key), std::move(e));
  }
  std::map<Key, std::vector<uint32_t>> history;
  for (size_t i = 0; i < log.size(); ++i) {
    const Entry& e = log[i].entry;
    history[Key{e.kind, e.type, e.value}].push_back(static_cast<uint32_t>(i));
  }
  std::lock_guard lock(mu_);
  pending_ += restored.size() + entries_.size();
  entries_ = std::move(restored);
  log_ = std::move(log);
  history_ = std::move(history);
  return Status::Ok();
}

}  // namespace wuzha::lists
