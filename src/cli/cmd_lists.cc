// wuzha lists: the block, allow and protected-brand lists kept in a directory
// (`lists.dir`, lists/persist.h). `import` loads a list file into it with an audit record
// per change, `export` writes it as CSV, a DNS RPZ zone, a hosts file or a plain list,
// `stats` counts what it holds (docs/operations.md).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>

#include "cli/command.h"
#include "core/timestamp.h"
#include "formats/jsonl.h"
#include "lists/io.h"
#include "lists/persist.h"
#include "lists/phone_region.h"
#include "lists/store.h"

namespace wuzha::cli {
namespace {

namespace fs = std::filesystem;
using lists::Entry;
using lists::IndicatorType;
using lists::ListFormat;
using lists::ListKind;

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;
constexpr const char* kImportFormats = "csv, hosts, plain, ranked, rpz";
constexpr const char* kExportFormats = "csv, rpz, hosts, plain";

struct ImportArgs {
  std::string lists_dir, format, file, kind, type, source, fraud_type, actor;
  int64_t expires_days = 0;
  size_t max_errors = 10;
  bool json = false;
};

struct ExportArgs {
  std::string lists_dir, format, kind, type, out, zone = "rpz.wuzha.local";
  bool include_expired = false;
};

struct StatsArgs {
  std::string lists_dir, phone_db;
  bool json = false;
};

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Usage errors exit 2, failures while reading or writing the lists exit 1.
int Fail(const Status& s) {
  const bool usage = s.code() == StatusCode::kInvalidArgument || s.code() == StatusCode::kNotFound;
  return ReportError(s, usage ? 2 : 1);
}

Result<std::string> ListsDir(const GlobalOptions& global, const std::string& flag) {
  WUZHA_ASSIGN_OR_RETURN(config::Config cfg, LoadEffectiveConfig(global));
  return flag.empty() ? cfg.lists.dir : flag;
}

template <typename T, typename ParseFn, typename NameFn>
Result<std::optional<T>> ParseNamed(std::string_view flag, const std::string& text, int count,
                                    ParseFn parse, NameFn name) {
  if (text.empty()) return std::optional<T>();
  if (auto v = parse(text)) return std::optional<T>(*v);
  std::string valid;
  for (int i = 0; i < count; ++i) {
    valid += (i ? ", " : "") + std::string(name(static_cast<T>(i)));
  }
  return InvalidArgumentError(std::string(flag) + ": unknown '" + text + "' (" + valid + ")");
}

Result<std::optional<ListKind>> KindFlag(const std::string& text) {
  return ParseNamed<ListKind>("--kind", text, lists::kListKindCount, lists::ParseListKind,
                              lists::ListKindName);
}
Result<std::optional<IndicatorType>> TypeFlag(const std::string& text) {
  return ParseNamed<IndicatorType>("--type", text, lists::kIndicatorTypeCount,
                                   lists::ParseIndicatorType, lists::IndicatorTypeName);
}

// Same kind, type, value, source, fraud type, expiry and first_seen as `old` would
// have after taking `e` in (Store::Upsert's merge): re-importing it changes nothing
// but last_seen, which is not worth an audit record.
bool Unchanged(const Entry& old, const Entry& e) {
  int64_t first = e.first_seen_ms;
  if (old.first_seen_ms != 0 && (first == 0 || old.first_seen_ms < first)) first = old.first_seen_ms;
  return old.source == e.source && old.fraud_type == e.fraud_type &&
         old.expires_ms == e.expires_ms && old.first_seen_ms == first;
}

std::string JsonString(std::string_view s) {
  std::string out;
  formats::AppendJsonString(s, out);
  return out;
}

std::string DefaultActor() {
  const char* user = std::getenv("USER");
  if (user == nullptr || *user == '\0') user = std::getenv("LOGNAME");
  return user != nullptr && *user != '\0' ? user : "wuzha";
}

struct ImportCounts {
  size_t added = 0, updated = 0, unchanged = 0, duplicates = 0, filtered = 0;
};

// Upserts the imported entries into `store`; CSV files carry their own kind and type,
// so --kind and --type select among them, and the defaults fill only empty fields.
ImportCounts Apply(std::vector<Entry> imported, const ImportArgs& args, ListFormat format,
                   std::optional<ListKind> kind, std::optional<IndicatorType> type,
                   const lists::ImportOptions& options, lists::Store& store, int64_t now_ms) {
  ImportCounts c;
  using Key = std::tuple<ListKind, IndicatorType, std::string>;
  std::map<Key, Entry> current;
  for (Entry& e : store.Entries()) current.emplace(Key{e.kind, e.type, e.value}, std::move(e));
  std::set<Key> seen;
  const bool carries_kind = format == ListFormat::kCsv || format == ListFormat::kRpz;
  for (Entry& e : imported) {
    if ((carries_kind && kind && e.kind != *kind) || (type && e.type != *type)) {
      ++c.filtered;
      continue;
    }
    if (format == ListFormat::kCsv) {
      if (e.source.empty() && !args.source.empty()) e.source = options.source;
      if (!e.fraud_type) e.fraud_type = options.fraud_type;
      if (e.expires_ms == 0) e.expires_ms = options.expires_ms;
    }
    Key key{e.kind, e.type, e.value};
    if (!seen.insert(key).second) {
      ++c.duplicates;
      continue;
    }
    auto it = current.find(key);
    // A list without fraud types does not erase the one another list gave.
    if (it != current.end() && !e.fraud_type) e.fraud_type = it->second.fraud_type;
    if (it != current.end() && Unchanged(it->second, e)) {
      ++c.unchanged;
      continue;
    }
    // Values come normalized from the importer, so Upsert cannot refuse them.
    if (!store.Upsert(std::move(e), args.actor, now_ms).ok()) continue;
    ++(it == current.end() ? c.added : c.updated);
  }
  return c;
}

int Import(const GlobalOptions& global, ImportArgs args) {
  auto dir = ListsDir(global, args.lists_dir);
  if (!dir.ok()) return ReportError(dir.error());
  auto format = lists::ParseListFormat(args.format);
  if (!format) {
    return Fail(InvalidArgumentError("--format: unknown '" + args.format + "' (" +
                                     kImportFormats + ")"));
  }
  auto kind = KindFlag(args.kind);
  if (!kind.ok()) return Fail(kind.error());
  auto type = TypeFlag(args.type);
  if (!type.ok()) return Fail(type.error());
  const bool domains_only = *format == ListFormat::kHosts || *format == ListFormat::kRanked ||
                            *format == ListFormat::kRpz;
  if (domains_only && *type && **type != IndicatorType::kDomain) {
    return Fail(InvalidArgumentError("--type " + args.type + ": " + args.format +
                                     " files list domains only"));
  }
  lists::ImportOptions options;
  if (!args.fraud_type.empty()) {
    options.fraud_type = ParseFraudType(args.fraud_type);
    if (!options.fraud_type) {
      return Fail(InvalidArgumentError("--fraud-type: unknown '" + args.fraud_type +
                                       "' (brushing, investment, service, police, loan, "
                                       "insurance, romance, game, or the Chinese name)"));
    }
  }
  if (args.expires_days < 0 || args.expires_days > 36500) {
    return Fail(InvalidArgumentError("--expires-days must be 0 (never) to 36500"));
  }
  std::error_code ec;
  if (!fs::is_regular_file(args.file, ec)) {
    return Fail(NotFoundError("--file: no such file: " + args.file));
  }
  if (args.actor.empty()) args.actor = DefaultActor();
  const int64_t now_ms = NowMs();
  options.kind = kind->value_or(*format == ListFormat::kRanked ? ListKind::kProtected
                                                                : ListKind::kBlock);
  options.source = args.source.empty() ? fs::path(args.file).stem().string() : args.source;
  options.now_ms = now_ms;
  options.expires_ms = args.expires_days > 0 ? now_ms + args.expires_days * kDayMs : 0;
  options.max_errors = args.max_errors;
  if (*format == ListFormat::kPlain) options.type = *type;
  auto read = lists::ImportFile(*format, args.file, options);
  if (!read.ok()) return Fail(read.error());
  for (const std::string& e : read->errors) std::fprintf(stderr, "wuzha: rejected: %s\n", e.c_str());
  if (read->skipped > read->errors.size()) {
    std::fprintf(stderr, "wuzha: ... and %zu more rejected lines\n",
                 read->skipped - read->errors.size());
  }
  if (read->loaded == 0 && read->skipped > 0) {
    return ReportError(InvalidArgumentError(args.file + ": every line was rejected; is --format " +
                                            args.format + " right?"), 1);
  }

  auto lock = lists::DirLock::Acquire(*dir);
  if (!lock.ok()) return Fail(lock.error());
  lists::Store store;
  auto load = lists::LoadDir(*dir, store);
  if (!load.ok()) return Fail(load.error());
  for (const std::string& e : load->errors) spdlog::warn("audit log: {} (line skipped)", e);
  const ImportCounts c =
      Apply(std::move(read->entries), args, *format, *kind, *type, options, store, now_ms);
  auto saved = lists::SaveDir(store, *dir, load->audit_records);
  if (!saved.ok()) return Fail(saved.error());
  const size_t total = store.Entries().size();

  const std::string kind_name = *format == ListFormat::kCsv || *format == ListFormat::kRpz
                                    ? (*kind ? args.kind : "from the file")
                                    : std::string(lists::ListKindName(options.kind));
  if (args.json) {
    std::printf(
        "{\"file\":%s,\"format\":\"%s\",\"kind\":%s,\"source\":%s,\"lines\":%zu,\"added\":%zu,"
        "\"updated\":%zu,\"unchanged\":%zu,\"duplicates\":%zu,\"filtered\":%zu,"
        "\"rejected\":%zu,\"ignored\":%zu,\"lists_dir\":%s,\"entries\":%zu,"
        "\"audit_records\":%zu}\n",
        JsonString(args.file).c_str(), args.format.c_str(), JsonString(kind_name).c_str(),
        JsonString(options.source).c_str(), read->lines, c.added, c.updated, c.unchanged,
        c.duplicates, c.filtered, read->skipped, read->ignored, JsonString(*dir).c_str(), total,
        *saved);
    return 0;
  }
  std::printf(
      "lists import: %s (%s, kind %s, source %s): %zu lines: %zu added, %zu updated, "
      "%zu unchanged, %zu duplicates, %zu filtered out, %zu rejected, %zu ignored\n"
      "lists: %s now holds %zu entries; audit log %zu records\n",
      args.file.c_str(), args.format.c_str(), kind_name.c_str(), options.source.c_str(), read->lines,
      c.added, c.updated, c.unchanged, c.duplicates, c.filtered, read->skipped, read->ignored,
      dir->c_str(), total, *saved);
  return 0;
}

bool ValidZoneName(std::string_view zone) {
  if (zone.empty() || zone.size() > 200 || zone.front() == '.' || zone.back() == '.') return false;
  if (zone.find("..") != std::string_view::npos) return false;
  return zone.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.") ==
         std::string_view::npos;
}

// The entries an export writes, or an error for flags that do not fit the format.
Result<std::string> Render(const ExportArgs& args, ListFormat format, std::vector<Entry> entries,
                           int64_t now_ms) {
  WUZHA_ASSIGN_OR_RETURN(auto kind, KindFlag(args.kind));
  WUZHA_ASSIGN_OR_RETURN(auto type, TypeFlag(args.type));
  if (format != ListFormat::kCsv) {
    // The allow list wins over every block list, before --kind drops the allow entries.
    entries = lists::WithoutAllowedDomains(std::move(entries));
  }
  if (format == ListFormat::kRpz || format == ListFormat::kHosts) {
    if (type && *type != IndicatorType::kDomain) {
      return InvalidArgumentError("--type " + args.type + ": " + args.format +
                                  " exports hold domains only");
    }
    type = IndicatorType::kDomain;
  }
  if (format == ListFormat::kHosts || format == ListFormat::kPlain) {
    if (!kind) kind = ListKind::kBlock;
    if (!type) type = IndicatorType::kDomain;
  }
  std::erase_if(entries, [&](const Entry& e) {
    return (kind && e.kind != *kind) || (type && e.type != *type) ||
           (!args.include_expired && e.Expired(now_ms));
  });
  switch (format) {
    case ListFormat::kCsv: return lists::ExportCsv(entries);
    case ListFormat::kRpz:
      if (!ValidZoneName(args.zone)) {
        return InvalidArgumentError("--zone: '" + args.zone +
                                    "' is not a lower-case DNS name like rpz.wuzha.local");
      }
      // Epoch seconds: every export has a larger serial, as secondaries need.
      return lists::ExportRpz(entries, args.zone, static_cast<uint64_t>(now_ms / 1000));
    case ListFormat::kHosts: return lists::ExportHosts(entries);
    case ListFormat::kPlain: return lists::ExportPlain(entries);
    case ListFormat::kRanked: break;
  }
  return InvalidArgumentError("--format: unknown");
}

int Export(const GlobalOptions& global, const ExportArgs& args) {
  auto dir = ListsDir(global, args.lists_dir);
  if (!dir.ok()) return ReportError(dir.error());
  auto format = lists::ParseListFormat(args.format);
  if (!format || *format == ListFormat::kRanked) {
    return Fail(InvalidArgumentError("--format: unknown '" + args.format + "' (" +
                                     kExportFormats + ")"));
  }
  std::error_code ec;
  if (!fs::exists(fs::path(*dir) / lists::kEntriesFileName, ec)) {
    // An empty zone would unblock everything: refuse rather than guess.
    return ReportError(NotFoundError(*dir + ": no lists here (no " +
                                     std::string(lists::kEntriesFileName) +
                                     "); `wuzha lists import` creates them"), 1);
  }
  lists::Store store;
  auto load = lists::LoadDir(*dir, store);
  if (!load.ok()) return Fail(load.error());
  const int64_t now_ms = NowMs();
  auto text = Render(args, *format, store.Entries(), now_ms);
  if (!text.ok()) return Fail(text.error());
  if (args.out.empty()) {
    std::fwrite(text->data(), 1, text->size(), stdout);
    return 0;
  }
  // Atomic, so a DNS server reloading at the wrong moment never reads half a zone.
  Status s = lists::WriteFileAtomically(args.out, *text);
  if (!s.ok()) return Fail(s);
  std::printf("lists export: wrote %s (%s, %zu bytes) from %s\n", args.out.c_str(),
              args.format.c_str(), text->size(), dir->c_str());
  return 0;
}

struct PhoneSummary {
  uint32_t version = 0;
  size_t numbers = 0, located = 0, virtual_operator = 0;
  std::map<std::string, size_t> by_carrier, by_province;
};

struct ListStats {
  size_t total = 0, expired = 0, memory_bytes = 0;
  size_t by_kind_type[lists::kListKindCount][lists::kIndicatorTypeCount] = {};
  std::map<std::string, size_t> by_source, by_fraud_type;
  size_t audit_records = 0, audit_skipped = 0;
  size_t by_op[3] = {};
  int64_t last_change_ms = 0;
  std::string last_actor;
  std::optional<PhoneSummary> phone;
};

// Block-listed numbers and ranges of at least seven national digits, by home region.
PhoneSummary SummarizePhones(const std::vector<Entry>& entries, const lists::PhoneRegionDb& db) {
  PhoneSummary p;
  p.version = db.version();
  for (const Entry& e : entries) {
    if (e.kind != ListKind::kBlock) continue;
    std::string_view probe;
    if (e.type == IndicatorType::kNumber && e.value.starts_with("861")) probe = e.value;
    if (e.type == IndicatorType::kRange && e.value.starts_with("861") && e.value.size() >= 9) {
      probe = std::string_view(e.value).substr(2, 7);
    }
    if (probe.empty()) continue;
    ++p.numbers;
    auto region = db.Lookup(probe);
    if (!region) continue;
    ++p.located;
    p.virtual_operator += region->virtual_operator ? 1 : 0;
    ++p.by_carrier[std::string(lists::CarrierName(region->carrier))];
    ++p.by_province[region->province.empty() ? "?" : region->province];
  }
  return p;
}

std::string JsonCounts(const std::map<std::string, size_t>& counts) {
  std::string out = "{";
  for (const auto& [name, n] : counts) {
    if (out.size() > 1) out += ',';
    out += JsonString(name) + ":" + std::to_string(n);
  }
  return out + "}";
}

std::string StatsJson(const ListStats& s) {
  std::string out = "{\"entries\":" + std::to_string(s.total) +
                    ",\"expired\":" + std::to_string(s.expired) + ",\"by_kind\":{";
  for (int k = 0; k < lists::kListKindCount; ++k) {
    out += (k ? ",\"" : "\"") + std::string(lists::ListKindName(static_cast<ListKind>(k))) + "\":{";
    bool first = true;
    for (int t = 0; t < lists::kIndicatorTypeCount; ++t) {
      if (s.by_kind_type[k][t] == 0) continue;
      out += (first ? "\"" : ",\"") +
             std::string(lists::IndicatorTypeName(static_cast<IndicatorType>(t))) +
             "\":" + std::to_string(s.by_kind_type[k][t]);
      first = false;
    }
    out += "}";
  }
  out += "},\"by_source\":" + JsonCounts(s.by_source) +
         ",\"by_fraud_type\":" + JsonCounts(s.by_fraud_type) +
         ",\"snapshot_memory_bytes\":" + std::to_string(s.memory_bytes) +
         ",\"audit\":{\"records\":" + std::to_string(s.audit_records) +
         ",\"skipped\":" + std::to_string(s.audit_skipped) +
         ",\"add\":" + std::to_string(s.by_op[0]) + ",\"update\":" + std::to_string(s.by_op[1]) +
         ",\"remove\":" + std::to_string(s.by_op[2]) +
         ",\"last_change_ms\":" + std::to_string(s.last_change_ms) +
         ",\"last_actor\":" + JsonString(s.last_actor) + "}";
  if (s.phone) {
    const PhoneSummary& p = *s.phone;
    out += ",\"phone_regions\":{\"db_version\":" + std::to_string(p.version) +
           ",\"block_numbers\":" + std::to_string(p.numbers) +
           ",\"located\":" + std::to_string(p.located) +
           ",\"virtual_operator\":" + std::to_string(p.virtual_operator) +
           ",\"by_carrier\":" + JsonCounts(p.by_carrier) +
           ",\"by_province\":" + JsonCounts(p.by_province) + "}";
  }
  return out + "}";
}

// "a 3, b 2, c 1" from the largest count down, at most `limit` names.
std::string Top(const std::map<std::string, size_t>& counts, size_t limit) {
  std::vector<std::pair<size_t, std::string>> sorted;
  for (const auto& [name, n] : counts) sorted.emplace_back(n, name);
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::string out;
  for (size_t i = 0; i < sorted.size() && i < limit; ++i) {
    out += (i ? ", " : "") + sorted[i].second + " " + std::to_string(sorted[i].first);
  }
  if (sorted.size() > limit) out += ", ... (" + std::to_string(sorted.size() - limit) + " more)";
  return out.empty() ? "-" : out;
}

void PrintStats(const std::string& dir, const ListStats& s) {
  std::printf("lists in %s: %zu entries, %zu of them expired; snapshot %.1f MiB\n", dir.c_str(),
              s.total, s.expired, s.memory_bytes / 1048576.0);
  for (int k = 0; k < lists::kListKindCount; ++k) {
    std::string line;
    for (int t = 0; t < lists::kIndicatorTypeCount; ++t) {
      if (s.by_kind_type[k][t] == 0) continue;
      line += (line.empty() ? "" : ", ") +
              std::string(lists::IndicatorTypeName(static_cast<IndicatorType>(t))) + " " +
              std::to_string(s.by_kind_type[k][t]);
    }
    std::printf("  %-9s %s\n", std::string(lists::ListKindName(static_cast<ListKind>(k))).c_str(),
                line.empty() ? "-" : line.c_str());
  }
  std::printf("  sources: %s\n  fraud types: %s\n", Top(s.by_source, 20).c_str(),
              Top(s.by_fraud_type, 20).c_str());
  std::printf("  audit log: %zu records (%zu add, %zu update, %zu remove)", s.audit_records,
              s.by_op[0], s.by_op[1], s.by_op[2]);
  if (s.audit_records > 0) {
    std::printf(", last %s by %s",
                Timestamp::FromMillis(s.last_change_ms).ToDisplay().c_str(), s.last_actor.c_str());
  }
  std::printf(s.audit_skipped ? ", %zu unreadable lines\n" : "\n", s.audit_skipped);
  if (s.phone) {
    const PhoneSummary& p = *s.phone;
    std::printf("  block numbers and ranges in phone2region (%u): %zu of %zu located, %zu on "
                "virtual operators\n    carriers: %s\n    provinces: %s\n",
                p.version, p.located, p.numbers, p.virtual_operator, Top(p.by_carrier, 10).c_str(),
                Top(p.by_province, 10).c_str());
  }
}

int ListsStats(const GlobalOptions& global, const StatsArgs& args) {
  auto dir = ListsDir(global, args.lists_dir);
  if (!dir.ok()) return ReportError(dir.error());
  std::optional<lists::PhoneRegionDb> db;
  if (!args.phone_db.empty()) {
    auto opened = lists::PhoneRegionDb::Open(args.phone_db);
    if (!opened.ok()) return Fail(opened.error().WithContext("--phone-db"));
    db = std::move(*opened);
  }
  lists::Store store;
  auto load = lists::LoadDir(*dir, store);
  if (!load.ok()) return Fail(load.error());
  ListStats s;
  const int64_t now_ms = NowMs();
  const std::vector<Entry> entries = store.Entries();
  for (const Entry& e : entries) {
    ++s.total;
    s.expired += e.Expired(now_ms) ? 1 : 0;
    ++s.by_kind_type[static_cast<int>(e.kind)][static_cast<int>(e.type)];
    ++s.by_source[e.source.empty() ? "(none)" : e.source];
    ++s.by_fraud_type[e.fraud_type ? std::string(FraudTypeCode(*e.fraud_type)) : "(none)"];
  }
  s.memory_bytes = store.Publish()->memory_bytes();
  for (const lists::AuditRecord& r : store.AuditLog()) {
    ++s.by_op[static_cast<int>(r.op)];
    s.last_change_ms = r.time_ms;
    s.last_actor = r.actor;
  }
  s.audit_records = load->audit_records;
  s.audit_skipped = load->audit_skipped;
  if (db) s.phone = SummarizePhones(entries, *db);
  if (args.json) {
    std::printf("%s\n", StatsJson(s).c_str());
  } else {
    PrintStats(*dir, s);
  }
  return 0;
}

}  // namespace

void AddListsCommand(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "lists", "Import, export and count the block, allow and protected-brand lists");
  cmd->require_subcommand(1);
  const std::string dir_help = "directory of the lists (default: lists.dir, data/lists)";

  auto in = std::make_shared<ImportArgs>();
  auto* import = cmd->add_subcommand(
      "import", "Import a list file into the lists directory (an audit record per change)");
  import->add_option("--format", in->format, kImportFormats)->required();
  import->add_option("--file", in->file, "the list file to import")->required();
  import->add_option("--kind", in->kind,
                     "block, allow or protected (default: block; protected for ranked). "
                     "For csv and rpz files, which name it per line: import only that kind");
  import->add_option("--type", in->type,
                     "plain files: the type of every line (default: domain). csv files: "
                     "import only that type");
  import->add_option("--source", in->source, "who published the list (default: the file name)");
  import->add_option("--fraud-type", in->fraud_type, "fraud type of the entries (police, loan ...)");
  import->add_option("--expires-days", in->expires_days,
                     "entries expire this many days from now (default: never)");
  import->add_option("--actor", in->actor, "who makes the change, for the audit log (default: $USER)");
  import->add_option("--max-errors", in->max_errors, "rejected lines shown (default: 10)");
  import->add_option("--lists-dir", in->lists_dir, dir_help);
  import->add_flag("--json", in->json, "print the counts as one JSON object");
  import->callback([in, &global, &exit_code] { exit_code = Import(global, *in); });

  auto out = std::make_shared<ExportArgs>();
  auto* exp = cmd->add_subcommand("export", "Write the lists as CSV, an RPZ zone, hosts or plain");
  exp->add_option("--format", out->format, kExportFormats)->required();
  exp->add_option("--kind", out->kind,
                  "only this kind (default: every kind for csv and rpz, block for hosts and plain)");
  exp->add_option("--type", out->type, "only this type (default: domain for hosts and plain)");
  exp->add_option("--out", out->out, "write here, atomically (default: stdout)");
  exp->add_option("--zone", out->zone, "RPZ zone name (default: rpz.wuzha.local)");
  exp->add_flag("--include-expired", out->include_expired, "keep entries that have expired");
  exp->add_option("--lists-dir", out->lists_dir, dir_help);
  exp->callback([out, &global, &exit_code] { exit_code = Export(global, *out); });

  auto st = std::make_shared<StatsArgs>();
  auto* stats = cmd->add_subcommand("stats", "Count the entries by kind, type, source and fraud type");
  stats->add_option("--lists-dir", st->lists_dir, dir_help);
  stats->add_option("--phone-db", st->phone_db,
                    "phone2region.zdb: also count the listed numbers by carrier and province");
  stats->add_flag("--json", st->json, "print the figures as one JSON object");
  stats->callback([st, &global, &exit_code] { exit_code = ListsStats(global, *st); });
}

}  // namespace wuzha::cli
