#include "formats/reference.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/event.h"

namespace wuzha::formats {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kBegin = "<!-- BEGIN GENERATED: wuzha formats -->\n";
constexpr std::string_view kEnd = "<!-- END GENERATED -->";

TEST(FormatReference, HasASectionWithAnExamplePerEventType) {
  const std::string md = FormatReferenceMarkdown();
  for (int t = 0; t < kEventTypeCount; ++t) {
    const std::string name(EventTypeName(static_cast<EventType>(t)));
    EXPECT_THAT(md, HasSubstr("\n### `" + name + "`: ")) << name;
    EXPECT_THAT(md, HasSubstr("{\"type\":\"" + name + "\"")) << name;
  }
}

// docs/formats.md embeds the generated reference; regenerate it with
// `wuzha formats` when the schema changes.
TEST(FormatReference, DocsFormatsMdContainsTheGeneratedReferenceVerbatim) {
  const std::string path = std::string(WUZHA_DOCS_DIR) + "/formats.md";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();

  const size_t begin = doc.find(kBegin);
  ASSERT_NE(begin, std::string::npos) << path << " has no line " << kBegin;
  const size_t start = begin + kBegin.size();
  const size_t end = doc.find(kEnd, start);
  ASSERT_NE(end, std::string::npos) << path << " has no line " << kEnd << " after the begin";
  ASSERT_TRUE(end == 0 || doc[end - 1] == '\n') << kEnd << " must start a line";

  // Blank lines around the generated text are allowed; the text itself must match.
  std::string embedded = doc.substr(start, end - start);
  while (embedded.starts_with("\n")) embedded.erase(0, 1);
  while (embedded.ends_with("\n\n")) embedded.pop_back();
  std::string generated = FormatReferenceMarkdown();
  while (generated.ends_with("\n\n")) generated.pop_back();
  EXPECT_TRUE(embedded == generated)
      << path << " is out of date: replace the text between the markers with the output of "
      << "`wuzha formats`.\n--- generated ---\n"
      << generated;
}

}  // namespace
}  // namespace wuzha::formats
