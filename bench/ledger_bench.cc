// The ledger's hot paths beside a straightforward implementation, in the same run.
//
// Workload (the same rows for every side, built once): WUZHA_LEDGER_BENCH_ROWS rows
// (default 10,000,000) between 1,000,000 accounts of 19-digit card numbers drawn
// uniformly (every account lookup misses the cache: the hardest case), ids like the
// sim's "E000000012345" in sequence, ts in time order with 5% of rows late by up to an
// hour, 2% repeats of a recent id (duplicates), 2% cash withdrawals. The rows' strings sit
// next to each other in memory, as a parsed event's do.
//
//   BM_Append: builds the whole ledger, in alternating rounds (WUZHA_LEDGER_BENCH_ROUNDS,
//     default 3), with Ledger::Append row by row, with Ledger::AppendBatch (4,096 rows a
//     batch), and with the baseline: a vector of row structs with std::string fields, an
//     unordered_set<string> of ids and unordered_map<string, vector<size_t>> in and out
//     indexes kept in (ts, row) order. Rates are rows over this thread's CPU time, median
//     round; speedups are the baseline's median CPU time over ours. Bytes per transfer:
//     memory_bytes() / rows, and for both sides the heap growth malloc reports
//     (mallinfo2), so our own count can be checked against the allocator's.
//   BM_FlushWrite: Ledger::Flush of the whole ledger into a fresh log (encode, write,
//     fdatasync) in a directory under the current one (run it from a disk, not a tmpfs),
//     rows per wall second; file bytes per transfer.
//   BM_Load: LoadLedgerDir of that log (page cache warm): decode, check, rebuild the
//     indexes; rows per wall second.
//   BM_RocksDbWrite / BM_RocksDbLoad (when built with RocksDB, the store we chose not to
//     use): one key per row (row number, big-endian) whose value holds the row with its
//     account numbers, written in WriteBatches of 65,536 with one synced write at the end;
//     load = iterate every key and AppendBatch the rows into a Ledger.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ledger/ledger.h"
#include "ledger/ledger_file.h"

#ifdef WUZHA_BENCH_ROCKSDB
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>
#endif

namespace wuzha::ledger {
namespace {

double ThreadCpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}
double WallSeconds() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}
size_t HeapBytes() { return mallinfo2().uordblks + mallinfo2().hblkhd; }

size_t EnvSize(const char* name, size_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? static_cast<size_t>(std::strtoull(v, nullptr, 10)) : fallback;
}

struct Workload {
  std::string text;  // every row's id, payer and payee, back to back
  std::vector<TransferRow> rows;
};

constexpr size_t kAccounts = 1'000'000;
constexpr size_t kIdBytes = 13, kAccountBytes = 19, kRowBytes = kIdBytes + 2 * kAccountBytes;

// The 19-digit card number of account `a`.
void CardNumber(uint64_t a, char* out) {
  std::memcpy(out, "6222", 4);
  uint64_t h = (a + 1) * 0x9e3779b97f4a7c15ULL;
  for (int i = 0; i < 15; ++i, h /= 10) out[4 + i] = static_cast<char>('0' + h % 10);
}

const Workload& Rows() {
  static const Workload w = [] {
    Workload w;
    const size_t n = EnvSize("WUZHA_LEDGER_BENCH_ROWS", 10'000'000);
    w.text.resize(n * kRowBytes);
    w.rows.resize(n);
    std::mt19937_64 rng(42);
    int64_t t = 1'714'530'000'000;
    for (size_t i = 0; i < n; ++i) {
      char* p = w.text.data() + i * kRowBytes;
      const uint64_t number = (rng() % 50 == 0 && i > 1000) ? i + 1 - rng() % 1000 : i + 1;
      char id[32];
      std::snprintf(id, sizeof id, "E%012llu",
                    static_cast<unsigned long long>(number % 1000000000000));
      std::memcpy(p, id, kIdBytes);
      CardNumber(rng() % kAccounts, p + kIdBytes);
      CardNumber(rng() % kAccounts, p + kIdBytes + kAccountBytes);
      const bool cash = rng() % 50 == 0;
      t += static_cast<int64_t>(rng() % 20);
      const int64_t ts = rng() % 20 == 0 ? t - static_cast<int64_t>(rng() % 3'600'000) : t;
      w.rows[i] = TransferRow{
          {p, kIdBytes},
          Timestamp::FromMillis(ts),
          {p + kIdBytes, kAccountBytes},
          cash ? std::string_view() : std::string_view(p + kIdBytes + kAccountBytes, kAccountBytes),
          1 + static_cast<int64_t>(rng() % 1'000'000),
          cash ? Channel::kAtm : Channel::kMobile,
          cash ? FlowKind::kCash : FlowKind::kTransfer};
    }
    return w;
  }();
  return w;
}

// The straightforward ledger: what one writes first.
class BaselineLedger {
 public:
  AppendOutcome Append(const TransferRow& r) {
    if (!r.id.empty() && !ids_.emplace(r.id).second) return AppendOutcome::kDuplicate;
    const size_t row = rows_.size();
    rows_.push_back(Row{std::string(r.id), r.ts.millis(), std::string(r.from), std::string(r.to),
                        r.fen, r.channel, r.kind});
    Index(out_[std::string(r.from)], row);
    if (!r.to.empty()) Index(in_[std::string(r.to)], row);
    return AppendOutcome::kAdded;
  }
  size_t size() const { return rows_.size(); }

 private:
  struct Row {
    std::string id;
    int64_t ts;
    std::string from, to;
    int64_t fen;
    Channel channel;
    FlowKind kind;
  };
  void Index(std::vector<size_t>& v, size_t row) {
    const int64_t ts = rows_[row].ts;
    auto at = std::upper_bound(v.begin(), v.end(), ts,
                               [this](int64_t t, size_t x) { return t < rows_[x].ts; });
    v.insert(at, row);
  }
  std::vector<Row> rows_;
  std::unordered_set<std::string> ids_;
  std::unordered_map<std::string, std::vector<size_t>> out_, in_;
};

struct Round {
  double cpu_s = 0;
  size_t rows = 0, memory_bytes = 0, heap_bytes = 0;
};

Round BuildOurs(bool batch) {
  const Workload& w = Rows();
  Round r;
  const size_t heap0 = HeapBytes();
  Ledger l;
  const double t0 = ThreadCpuSeconds();
  if (batch) {
    constexpr size_t kBatch = 4096;
    std::vector<AppendOutcome> out(kBatch);
    for (size_t i = 0; i < w.rows.size(); i += kBatch) {
      const size_t n = std::min(kBatch, w.rows.size() - i);
      if (!l.AppendBatch(std::span(w.rows).subspan(i, n), std::span(out).first(n)).ok())
        std::abort();
    }
  } else {
    for (const TransferRow& row : w.rows) {
      auto o = l.Append(row.id, row.ts, row.from, row.to, row.fen, row.channel, row.kind);
      benchmark::DoNotOptimize(o);
    }
  }
  r.cpu_s = ThreadCpuSeconds() - t0;
  r.rows = l.size();
  r.memory_bytes = l.memory_bytes();
  r.heap_bytes = HeapBytes() - heap0;
  return r;
}

Round BuildBaseline() {
  const Workload& w = Rows();
  Round r;
  const size_t heap0 = HeapBytes();
  auto l = std::make_unique<BaselineLedger>();
  const double t0 = ThreadCpuSeconds();
  for (const TransferRow& row : w.rows) benchmark::DoNotOptimize(l->Append(row));
  r.cpu_s = ThreadCpuSeconds() - t0;
  r.rows = l->size();
  r.heap_bytes = HeapBytes() - heap0;
  return r;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void BM_Append(benchmark::State& state) {
  const Workload& w = Rows();
  const size_t rounds = EnvSize("WUZHA_LEDGER_BENCH_ROUNDS", 3);
  std::vector<double> single, batch, base;
  Round ours, baseline;
  for (auto _ : state) {
    for (size_t i = 0; i < rounds; ++i) {
      ours = BuildOurs(false);
      single.push_back(ours.cpu_s);
      batch.push_back(BuildOurs(true).cpu_s);
      baseline = BuildBaseline();
      base.push_back(baseline.cpu_s);
    }
  }
  const double n = static_cast<double>(w.rows.size());
  state.counters["rows"] = static_cast<double>(ours.rows);
  state.counters["single_rows_per_s"] = n / Median(single);
  state.counters["batch_rows_per_s"] = n / Median(batch);
  state.counters["baseline_rows_per_s"] = n / Median(base);
  state.counters["speedup_single"] = Median(base) / Median(single);
  state.counters["speedup_batch"] = Median(base) / Median(batch);
  state.counters["bytes_per_transfer"] =
      static_cast<double>(ours.memory_bytes) / static_cast<double>(ours.rows);
  state.counters["heap_bytes_per_transfer"] =
      static_cast<double>(ours.heap_bytes) / static_cast<double>(ours.rows);
  state.counters["baseline_heap_bytes_per_transfer"] =
      static_cast<double>(baseline.heap_bytes) / static_cast<double>(baseline.rows);
}
BENCHMARK(BM_Append)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// A ledger built once for the storage benchmarks, and the directory of its log.
struct Stored {
  Ledger ledger;
  std::string dir;
};
Stored& StoredLedger() {
  static Stored s = [] {
    Stored s;
    // On the disk the program runs from (a tmpfs would make fdatasync free).
    s.dir =
        (std::filesystem::current_path() / ("ledger_bench_" + std::to_string(getpid()))).string();
    const Workload& w = Rows();
    std::vector<AppendOutcome> out(w.rows.size());
    if (!s.ledger.AppendBatch(w.rows, out).ok()) std::abort();
    return s;
  }();
  return s;
}

void BM_FlushWrite(benchmark::State& state) {
  Stored& s = StoredLedger();
  double wall = 0;
  for (auto _ : state) {
    std::filesystem::remove_all(s.dir);
    // Attached to an empty directory, the ledger's first Flush writes every row.
    if (!AttachLedgerDir(s.ledger, s.dir).ok()) std::abort();
    const double t0 = WallSeconds();
    if (!s.ledger.Flush().ok()) std::abort();
    wall = WallSeconds() - t0;
    state.SetIterationTime(wall);
  }
  const double bytes =
      static_cast<double>(std::filesystem::file_size(s.dir + "/" + std::string(kLedgerFileName)));
  const double rows = static_cast<double>(s.ledger.size());
  state.counters["rows_per_s"] = rows / wall;
  state.counters["MB_per_s"] = bytes / wall / 1e6;
  state.counters["file_bytes_per_transfer"] = bytes / rows;
}
BENCHMARK(BM_FlushWrite)->Iterations(1)->Unit(benchmark::kMillisecond)->UseManualTime();

void BM_Load(benchmark::State& state) {
  Stored& s = StoredLedger();
  double wall = 0;
  size_t rows = 0, memory = 0;
  for (auto _ : state) {
    const double t0 = WallSeconds();
    auto l = LoadLedgerDir(s.dir);
    wall = WallSeconds() - t0;
    if (!l.ok()) std::abort();
    rows = l->size();
    memory = l->memory_bytes();
    state.SetIterationTime(wall);
  }
  state.counters["rows_per_s"] = static_cast<double>(rows) / wall;
  state.counters["bytes_per_transfer_loaded"] =
      static_cast<double>(memory) / static_cast<double>(rows);
}
BENCHMARK(BM_Load)->Iterations(2)->Unit(benchmark::kMillisecond)->UseManualTime();

#ifdef WUZHA_BENCH_ROCKSDB
std::string RocksDir() { return StoredLedger().dir + "_rocksdb"; }

void RowValue(const Ledger& l, Row r, std::string& v) {
  v.clear();
  const int64_t ts = l.ts(r).millis(), fen = l.fen(r);
  v.append(reinterpret_cast<const char*>(&ts), 8);
  v.append(reinterpret_cast<const char*>(&fen), 8);
  v.push_back(static_cast<char>(l.channel(r)));
  v.push_back(static_cast<char>(l.kind(r)));
  const std::string id = l.TransactionId(r);
  const std::string_view from = l.AccountNumber(l.from(r));
  const std::string_view to = l.to(r) == kNoAccount ? std::string_view() : l.AccountNumber(l.to(r));
  for (std::string_view s : {std::string_view(id), from, to}) {
    v.push_back(static_cast<char>(s.size()));
    v.append(s);
  }
}

void BM_RocksDbWrite(benchmark::State& state) {
  Stored& s = StoredLedger();
  double wall = 0;
  for (auto _ : state) {
    std::filesystem::remove_all(RocksDir());
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    if (!rocksdb::DB::Open(options, RocksDir(), &raw).ok()) std::abort();
    std::unique_ptr<rocksdb::DB> db(raw);
    const double t0 = WallSeconds();
    std::string value;
    const Row n = static_cast<Row>(s.ledger.size());
    for (Row first = 0; first < n; first += 65536) {
      rocksdb::WriteBatch batch;
      const Row end = std::min<Row>(n, first + 65536);
      for (Row r = first; r < end; ++r) {
        const uint32_t key = __builtin_bswap32(r);
        RowValue(s.ledger, r, value);
        batch.Put(rocksdb::Slice(reinterpret_cast<const char*>(&key), 4), value);
      }
      rocksdb::WriteOptions wo;
      wo.sync = end == n;  // durable once, at the end, as one Flush is
      if (!db->Write(wo, &batch).ok()) std::abort();
    }
    wall = WallSeconds() - t0;
    state.SetIterationTime(wall);
    const double c0 = WallSeconds();
    db.reset();
    state.counters["close_s"] = WallSeconds() - c0;
  }
  uint64_t bytes = 0;
  for (const auto& e : std::filesystem::directory_iterator(RocksDir())) {
    if (e.is_regular_file()) bytes += e.file_size();
  }
  const double rows = static_cast<double>(s.ledger.size());
  state.counters["rows_per_s"] = rows / wall;
  state.counters["disk_bytes_per_transfer"] = static_cast<double>(bytes) / rows;
}
BENCHMARK(BM_RocksDbWrite)->Iterations(1)->Unit(benchmark::kMillisecond)->UseManualTime();

void BM_RocksDbLoad(benchmark::State& state) {
  double wall = 0;
  size_t rows = 0;
  for (auto _ : state) {
    rocksdb::Options options;
    rocksdb::DB* raw = nullptr;
    const double t0 = WallSeconds();
    if (!rocksdb::DB::OpenForReadOnly(options, RocksDir(), &raw).ok()) std::abort();
    std::unique_ptr<rocksdb::DB> db(raw);
    Ledger l;
    std::vector<TransferRow> batch;
    std::vector<std::string> keep;  // the values the batch's views point into
    std::vector<AppendOutcome> out(4096);
    auto flush = [&] {
      if (!l.AppendBatch(batch, std::span(out).first(batch.size())).ok()) std::abort();
      batch.clear();
      keep.clear();
    };
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
    keep.reserve(4096);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      keep.emplace_back(it->value().data(), it->value().size());
      const std::string& v = keep.back();
      TransferRow r;
      int64_t ts, fen;
      std::memcpy(&ts, v.data(), 8);
      std::memcpy(&fen, v.data() + 8, 8);
      r.ts = Timestamp::FromMillis(ts);
      r.fen = fen;
      r.channel = static_cast<Channel>(v[16]);
      r.kind = static_cast<FlowKind>(v[17]);
      size_t p = 18;
      std::string_view* parts[] = {&r.id, &r.from, &r.to};
      for (std::string_view* part : parts) {
        const size_t len = static_cast<uint8_t>(v[p]);
        *part = std::string_view(v.data() + p + 1, len);
        p += 1 + len;
      }
      batch.push_back(r);
      if (batch.size() == 4096) flush();
    }
    flush();
    wall = WallSeconds() - t0;
    rows = l.size();
    state.SetIterationTime(wall);
  }
  state.counters["rows_per_s"] = static_cast<double>(rows) / wall;
  std::filesystem::remove_all(RocksDir());
  std::filesystem::remove_all(StoredLedger().dir);
}
BENCHMARK(BM_RocksDbLoad)->Iterations(1)->Unit(benchmark::kMillisecond)->UseManualTime();
#endif

}  // namespace
}  // namespace wuzha::ledger

BENCHMARK_MAIN();
