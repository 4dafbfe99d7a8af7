// libFuzzer target for the JSON Lines parser: JsonlParser must never crash on any line,
// and whatever it accepts must be written by AppendEventJson as text that parses back to
// the same canonical text (the writer and the parser are inverses).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "core/event.h"
#include "formats/jsonl.h"
#include "formats/record_error.h"

namespace {

[[noreturn]] void Fail(const char* what, std::string_view input, const std::string& detail) {
  std::fprintf(stderr, "jsonl_fuzz: %s\n  input: %.*s\n  %s\n", what,
               static_cast<int>(input.size()), input.data(), detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wuzha;
  using namespace wuzha::formats;
  // One parser and one event reused across inputs, as a reader thread does; renewed now
  // and then so that the unknown-field counts stay small.
  static std::unique_ptr<JsonlParser> parser;
  static Event event, again;
  static uint64_t runs = 0;
  if (runs++ % 4096 == 0) parser = std::make_unique<JsonlParser>();

  const std::string_view line(reinterpret_cast<const char*>(data), size);
  RecordError error;
  if (!parser->ParseCopy(line, event, error)) {
    if (error.message.empty()) Fail("refused without a message", line, "");
    if (ReasonName(error.reason) == "unknown") Fail("refused with no reason", line, "");
    return 0;
  }
  std::string first;
  AppendEventJson(event, first);
  if (!parser->ParseCopy(first, again, error)) {
    Fail("canonical output does not parse", line,
         first + "\n  refused: " + std::string(ReasonName(error.reason)) + " field '" +
             error.field + "': " + error.message);
  }
  std::string second;
  AppendEventJson(again, second);
  if (second != first)
    Fail("canonical output changes when parsed again", line, first + "\n  " + second);
  return 0;
}
