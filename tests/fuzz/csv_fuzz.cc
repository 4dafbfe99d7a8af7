// libFuzzer target for CSV. Two levels on every input:
//  1. SplitCsvRecord and CsvRecordComplete agree (a record with an open quote never
//     splits, a complete one never reports an unclosed quote), and the fields of a record
//     that splits survive AppendCsvField and a second split unchanged.
//  2. The input as a whole file (in /dev/shm, rewritten per input) read by OpenEventReader
//     with one of four option sets chosen by the input's size: CSV with the encoding
//     detected, forced GBK, forced UTF-8 with a 64-byte line limit, or JSON Lines. Every
//     event it accepts must come out of AppendEventJson as text the JSON parser takes
//     back unchanged.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "formats/csv.h"
#include "formats/jsonl.h"
#include "formats/reader.h"

namespace {

using namespace wuzha;
using namespace wuzha::formats;

[[noreturn]] void Fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "csv_fuzz: %s\n  %.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

void CheckSplit(std::string_view record) {
  std::vector<std::string_view> fields;
  std::string scratch;
  Status split = SplitCsvRecord(record, fields, scratch);
  const bool unclosed = !split.ok() && split.message().find("unclosed") != std::string_view::npos;
  if (CsvRecordComplete(record) ? unclosed : split.ok()) {
    Fail("CsvRecordComplete and SplitCsvRecord disagree", record);
  }
  if (!split.ok()) {
    if (split.code() != StatusCode::kInvalidArgument) Fail("split failed oddly", record);
    return;
  }
  std::string joined;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) joined.push_back(',');
    AppendCsvField(fields[i], joined);
  }
  std::vector<std::string_view> again;
  std::string scratch2;
  if (!SplitCsvRecord(joined, again, scratch2).ok() || again != fields) {
    Fail("fields change through AppendCsvField", joined);
  }
}

// A private file per process, in memory when /dev/shm exists.
const std::string& ScratchDir() {
  // Never destroyed: the exit handler that removes the directory runs after statics die.
  static const std::string* const dir = [] {
    std::string base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
    auto* d = new std::string(base + "/wuzha_csv_fuzz_" + std::to_string(getpid()));
    std::filesystem::create_directories(*d);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(ScratchDir(), ec);
    });
    return d;
  }();
  return *dir;
}

void CheckReader(std::string_view bytes) {
  ReaderOptions options;
  std::string name = "transfer.csv";  // a CSV without a type column reads as transfers
  switch (bytes.size() % 4) {
    case 0: break;
    case 1: options.csv_encoding = TextEncoding::kGbk; break;
    case 2:
      options.csv_encoding = TextEncoding::kUtf8;
      options.max_line_bytes = 64;
      break;
    case 3: name = "events.jsonl"; break;
  }
  const std::string path = ScratchDir() + "/" + name;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) Fail("cannot write the scratch file", path);
  if (std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) Fail("short write", path);
  std::fclose(f);

  auto reader = OpenEventReader(path, options);
  if (!reader.ok()) return;  // an unusable header: a file-level error, fine
  static JsonlParser parser;
  Event event, again;
  RecordError error;
  RecordInfo info;
  std::string json, json_again;
  for (;;) {
    auto step = (*reader)->Next(event, error, info);
    if (step == EventReader::Step::kEnd) break;
    if (step == EventReader::Step::kRefused) {
      if (error.message.empty()) Fail("refused without a message", info.raw);
      continue;
    }
    json.clear();
    AppendEventJson(event, json);
    if (!parser.ParseCopy(json, again, error)) {
      Fail("an accepted record's canonical JSON does not parse",
           json + "\n  " + error.field + ": " + error.message);
    }
    json_again.clear();
    AppendEventJson(again, json_again);
    if (json_again != json)
      Fail("canonical JSON changes when parsed again", json + "\n  " + json_again);
  }
  std::filesystem::remove(path);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CheckSplit(bytes);
  CheckReader(bytes);
  return 0;
}
