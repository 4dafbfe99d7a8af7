// libFuzzer target for the JSON Lines parser: JsonlParser must never crash on any line,
// and whatever it accepts must be written by AppendEventJson as text that parses back to
// the same canonical text (the writer and the parser are inverses). The fast path
// (Parse) and the exact path (ParseExact) must agree on every line: accepted or not,
// the same canonical event, the same reason and field.
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
  static std::unique_ptr<JsonlParser> parser, exact;
  static Event event, again, exact_event;
  static uint64_t runs = 0;
  if (runs++ % 4096 == 0) {
    parser = std::make_unique<JsonlParser>();
    exact = std::make_unique<JsonlParser>();
  }

  const std::string_view line(reinterpret_cast<const char*>(data), size);
  RecordError error, exact_error;
  std::string padded(line);
  padded.append(64, ' ');
  const bool fast_ok = parser->ParseCopy(line, event, error);
  const bool exact_ok = exact->ParseExact(std::string_view(padded.data(), size), padded.size(),
                                          exact_event, exact_error);
  if (fast_ok != exact_ok) {
    Fail("fast and exact paths disagree on acceptance", line,
         std::string(fast_ok ? "fast accepted" : "fast refused: " + error.message));
  }
  if (!fast_ok && (error.reason != exact_error.reason || error.field != exact_error.field)) {
    Fail("fast and exact paths refuse differently", line,
         std::string(ReasonName(error.reason)) + " '" + error.field + "' vs " +
             std::string(ReasonName(exact_error.reason)) + " '" + exact_error.field + "'");
  }
  if (fast_ok) {
    std::string a, b;
    AppendEventJson(event, a);
    AppendEventJson(exact_event, b);
    if (a != b) Fail("fast and exact paths build different events", line, a + "\n  " + b);
  }
  if (!fast_ok) {
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
