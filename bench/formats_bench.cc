// JSON Lines and CSV parse + validate, each beside a baseline in the same run:
//  - JSONL: ours (simdjson On-Demand, in place) vs nlohmann::json DOM parse of the same
//    line feeding the same field setters, i.e. the straightforward implementation.
//  - CSV: our reader vs std::getline + splitting on commas into std::strings (which
//    does not even handle quotes) feeding the same setters.
// Run: build/bench/formats_bench  (ratios: compare items_per_second of each pair).
#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/event_schema.h"
#include "formats/csv.h"
#include "formats/event_builder.h"
#include "formats/jsonl.h"
#include "formats/reader.h"
#include "sim/traffic.h"

namespace {

using namespace wuzha;

using Corpus = sim::JsonlCorpus;

const Corpus& TransferLines() {
  static const Corpus corpus = [] {
    sim::TrafficOptions opts;
    opts.seed = 42;
    opts.transfers_only = true;
    return sim::GenerateJsonlCorpus(opts, 100000);
  }();
  return corpus;
}

// Parses the corpus line by line with `parse(line, capacity, event, error)`, the same
// way for every parser compared.
template <typename ParseLine>
void RunJsonlBenchmark(benchmark::State& state, ParseLine parse) {
  const Corpus& c = TransferLines();
  Event e;
  formats::RecordError err;
  size_t i = 0, bytes = 0, ok = 0;
  for (auto _ : state) {
    ok += parse(c.line(i), c.capacity(i), e, err);
    bytes += c.lines[i].second + 1;
    if (++i == c.lines.size()) i = 0;
  }
  if (static_cast<int64_t>(ok) != state.iterations()) state.SkipWithError("a line was refused");
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_JsonlParseValidate_Wuzha(benchmark::State& state) {
  formats::JsonlParser parser;
  RunJsonlBenchmark(state, [&parser](std::string_view line, size_t capacity, Event& e,
                                     formats::RecordError& err) {
    return parser.Parse(line, capacity, e, err);
  });
}
BENCHMARK(BM_JsonlParseValidate_Wuzha);

// The straightforward way: a DOM per line, then the same schema-driven setters.
bool NlohmannParse(std::string_view line, formats::EventBuilder& builder, Event& e,
                   formats::RecordError& err) {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  auto type_it = j.find("type");
  if (type_it == j.end() || !type_it->is_string()) return false;
  EventType type;
  if (!ParseEventType(type_it->get_ref<const std::string&>(), type)) return false;
  builder.Begin(type, e);
  std::string text;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "type") continue;
    if (it->is_string()) text = it->get_ref<const std::string&>();
    else if (it->is_number() || it->is_boolean()) text = it->dump();
    else continue;
    if (!builder.SetByName(it.key(), text, err)) return false;
  }
  return builder.Finish(err);
}

void BM_JsonlParseValidate_Nlohmann(benchmark::State& state) {
  formats::EventBuilder builder;
  RunJsonlBenchmark(state, [&builder](std::string_view line, size_t, Event& e,
                                      formats::RecordError& err) {
    return NlohmannParse(line, builder, e, err);
  });
}
BENCHMARK(BM_JsonlParseValidate_Nlohmann);

const std::string& TransferCsvPath() {
  static const std::string path = [] {
    std::string p = "/tmp/wuzha_bench_transfer.csv";
    sim::TrafficOptions opts;
    opts.seed = 42;
    opts.transfers_only = true;
    sim::RandomTraffic traffic(opts);
    std::string text = formats::CsvHeader(EventType::kTransfer) + "\n";
    Event e;
    for (int i = 0; i < 100000; ++i) {
      traffic.Next(e);
      formats::AppendEventCsv(e, text);
      text.push_back('\n');
    }
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }();
  return path;
}

void BM_CsvReadValidate_Wuzha(benchmark::State& state) {
  const std::string& path = TransferCsvPath();
  int64_t events = 0;
  for (auto _ : state) {
    formats::ReaderOptions opts;
    auto reader = formats::OpenEventReader(path, opts);
    if (!reader.ok()) {
      state.SkipWithError("open failed");
      return;
    }
    Event e;
    formats::RecordError err;
    formats::RecordInfo info;
    while ((*reader)->Next(e, err, info) != formats::EventReader::Step::kEnd) ++events;
  }
  state.SetItemsProcessed(events);
}
BENCHMARK(BM_CsvReadValidate_Wuzha)->Unit(benchmark::kMillisecond);

void BM_CsvReadValidate_GetlineSplit(benchmark::State& state) {
  const std::string& path = TransferCsvPath();
  int64_t events = 0;
  for (auto _ : state) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    {
      std::stringstream ss(line);
      for (std::string col; std::getline(ss, col, ',');) header.push_back(col);
    }
    formats::EventBuilder builder;
    Event e;
    formats::RecordError err;
    while (std::getline(in, line)) {
      std::stringstream ss(line);
      builder.Begin(EventType::kTransfer, e);
      size_t col = 0;
      for (std::string cell; std::getline(ss, cell, ','); ++col) {
        if (col < header.size() && header[col] != "type") builder.SetByName(header[col], cell, err);
      }
      events += builder.Finish(err);
    }
  }
  state.SetItemsProcessed(events);
}
BENCHMARK(BM_CsvReadValidate_GetlineSplit)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
