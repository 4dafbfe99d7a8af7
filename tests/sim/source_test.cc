#include "sim/source.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/jsonl.h"

namespace wuzha::sim {
namespace {

class JsonSink : public EventSink {
 public:
  Status Write(const Event& e) override {
    lines.emplace_back();
    formats::AppendEventJson(e, lines.back());
    return Status::Ok();
  }
  std::vector<std::string> lines;
};

EngineOptions Options() {
  EngineOptions o;
  o.seed = 9;
  o.days = 1;
  o.fraud.scale = 20;
  return o;
}

TEST(Source, YieldsTheEnginesEventsInOrderWithSeqNumbers) {
  CityOptions co;
  co.seed = 9;
  co.population = 2000;
  auto city = City::Build(co);
  ASSERT_TRUE(city.ok());
  JsonSink expected;
  ASSERT_TRUE(Engine(*city, Options()).Run(expected).ok());
  ASSERT_GT(expected.lines.size(), 1000u);

  Source source(*city, Options());
  Event e;
  std::string line;
  uint64_t n = 0;
  while (true) {
    auto more = source.Next(e);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    ASSERT_LT(n, expected.lines.size());
    EXPECT_EQ(e.seq, n);
    line.clear();
    formats::AppendEventJson(e, line);
    ASSERT_EQ(line, expected.lines[n]) << n;
    ++n;
  }
  EXPECT_EQ(n, expected.lines.size());
  EXPECT_TRUE(source.engine().done());
  // At the end it stays at the end.
  auto again = source.Next(e);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
}

}  // namespace
}  // namespace wuzha::sim
