#include "formats/line_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace wuzha::formats {
namespace {

using ::testing::HasSubstr;
using wuzha::testing::TempDir;

constexpr size_t kMiB = 1 << 20;

struct ReadLine {
  std::string text;
  uint64_t number;
  bool too_long;
  uint64_t full_length;
};

// Every line of `path` as the reader returns it; checks the padding promise on the way.
std::vector<ReadLine> ReadAll(const std::string& path, size_t max_line_bytes) {
  auto reader = LineReader::Open(path, max_line_bytes);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<ReadLine> out;
  if (!reader.ok()) return out;
  Line line;
  while ((*reader)->Next(line)) {
    EXPECT_GE(line.capacity, line.text.size() + LineReader::kPadding) << "line " << line.number;
    out.push_back({std::string(line.text), line.number, line.too_long, line.full_length});
  }
  EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status().ToString();
  return out;
}

std::vector<std::string> Texts(const std::vector<ReadLine>& lines) {
  std::vector<std::string> out;
  for (const ReadLine& l : lines) out.push_back(l.text);
  return out;
}

TEST(LineReader, StripsByteOrderMarkAtTheStartOnly) {
  TempDir dir;
  auto lines = ReadAll(dir.Write("bom.jsonl", "\xEF\xBB\xBF{\"a\":1}\n\xEF\xBB\xBFx\n"), 1024);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "{\"a\":1}");
  EXPECT_EQ(lines[0].number, 1u);
  EXPECT_EQ(lines[1].text, "\xEF\xBB\xBFx") << "a BOM inside the file is data";
}

TEST(LineReader, StripsCrOfCrlfEndings) {
  TempDir dir;
  auto lines = ReadAll(dir.Write("crlf.csv", "a,b\r\nc\nd\r\n\r\ne"), 1024);
  EXPECT_THAT(Texts(lines), ::testing::ElementsAre("a,b", "c", "d", "", "e"));
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].number, i + 1);
    EXPECT_EQ(lines[i].full_length, lines[i].text.size());
  }
}

TEST(LineReader, ReturnsLastLineWithoutNewline) {
  TempDir dir;
  EXPECT_THAT(Texts(ReadAll(dir.Write("a", "first\nlast"), 1024)),
              ::testing::ElementsAre("first", "last"));
  EXPECT_THAT(Texts(ReadAll(dir.Write("b", "first\nlast\n"), 1024)),
              ::testing::ElementsAre("first", "last"))
      << "a final newline does not make an empty line";
}

TEST(LineReader, ReadsNothingFromAnEmptyFile) {
  TempDir dir;
  const std::string path = dir.Write("empty.jsonl", "");
  auto reader = LineReader::Open(path, 1024);
  ASSERT_TRUE(reader.ok());
  Line line;
  EXPECT_FALSE((*reader)->Next(line));
  EXPECT_TRUE((*reader)->status().ok());
  EXPECT_EQ((*reader)->file_size(), 0u);
  EXPECT_TRUE(ReadAll(dir.Write("bom_only", "\xEF\xBB\xBF"), 1024).empty());
}

TEST(LineReader, ReportsLineOverTheLimitAndKeepsNumberingTheRest) {
  TempDir dir;
  const std::string long_line(100, 'x');
  auto lines = ReadAll(dir.Write("long", "short\n" + long_line + "\r\nafter\nend"), 16);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_FALSE(lines[0].too_long);
  EXPECT_TRUE(lines[1].too_long);
  EXPECT_EQ(lines[1].number, 2u);
  EXPECT_EQ(lines[1].full_length, 100u);
  EXPECT_EQ(lines[1].text, std::string(16, 'x')) << "the head is kept for quarantine";
  EXPECT_EQ(lines[2].text, "after");
  EXPECT_EQ(lines[2].number, 3u);
  EXPECT_FALSE(lines[2].too_long);
  EXPECT_EQ(lines[3].text, "end");
  EXPECT_EQ(lines[3].number, 4u);
}

// A line longer than the read buffer is skipped chunk by chunk without being stored.
// Regression: its full_length counted the line ending.
TEST(LineReader, ReportsLineLongerThanTheBufferWithItsExactLength) {
  TempDir dir;
  // The reader fills 1 MiB at a time: with "one\n" in front, a line of kMiB - 5 bytes
  // puts the CR of its CRLF at the end of the first chunk and the LF at the next.
  for (size_t size : {3 * kMiB + 5, kMiB - 5}) {
    for (const std::string ending : {"\n", "\r\n"}) {
      SCOPED_TRACE((ending == "\n" ? "LF, " : "CRLF, ") + std::to_string(size));
      std::string big(size, 'y');
      big[0] = '{';
      auto lines =
          ReadAll(dir.Write("huge", "one\n" + big + ending + "two" + ending + "three"), 1024);
      ASSERT_EQ(lines.size(), 4u);
      EXPECT_EQ(lines[0].text, "one");
      EXPECT_TRUE(lines[1].too_long);
      EXPECT_EQ(lines[1].number, 2u);
      EXPECT_EQ(lines[1].full_length, big.size());
      EXPECT_EQ(lines[1].text, big.substr(0, 1024));
      EXPECT_EQ(lines[2].text, "two");
      EXPECT_EQ(lines[2].number, 3u);
      EXPECT_EQ(lines[3].text, "three");
      EXPECT_EQ(lines[3].number, 4u);
    }
  }
  // The over-long line is the last one, without a newline.
  const std::string big(3 * kMiB, 'z');
  auto lines = ReadAll(dir.Write("huge_last", "one\n" + big), 1024);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[1].too_long);
  EXPECT_EQ(lines[1].full_length, big.size());
}

TEST(LineReader, ReadsThreeMebibyteLinesAcrossChunkBoundaries) {
  TempDir dir;
  std::vector<std::string> expected;
  std::string file;
  for (int i = 0; i < 4; ++i) {
    std::string line(3 * kMiB + static_cast<size_t>(i) * 7, static_cast<char>('a' + i));
    line.front() = '<';
    line.back() = '>';
    expected.push_back(line);
    file += line + (i % 2 ? "\r\n" : "\n");
    expected.push_back("small " + std::to_string(i));
    file += expected.back() + "\n";
  }
  auto lines = ReadAll(dir.Write("big.jsonl", file), 4 * kMiB);
  ASSERT_EQ(lines.size(), expected.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].number, i + 1);
    EXPECT_FALSE(lines[i].too_long);
    EXPECT_EQ(lines[i].text.size(), expected[i].size()) << "line " << i + 1;
    EXPECT_TRUE(lines[i].text == expected[i]) << "line " << i + 1 << " differs";
  }
}

TEST(LineReader, ReadsManyLinesOfEveryLengthAcrossChunkBoundaries) {
  TempDir dir;
  std::vector<std::string> expected;
  std::string file;
  uint64_t x = 12345;
  while (file.size() < 3 * kMiB) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    std::string line(static_cast<size_t>(x >> 52), static_cast<char>('A' + expected.size() % 26));
    expected.push_back(line);
    file += line + ((x >> 20) & 1 ? "\r\n" : "\n");
  }
  auto lines = ReadAll(dir.Write("many", file), kMiB);
  ASSERT_EQ(lines.size(), expected.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    ASSERT_EQ(lines[i].text, expected[i]) << "line " << i + 1;
    ASSERT_EQ(lines[i].number, i + 1);
  }
}

TEST(LineReader, PeekDoesNotConsume) {
  TempDir dir;
  auto reader = LineReader::Open(dir.Write("p", "\xEF\xBB\xBFhello\nworld\n"), 1024);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->Peek(8), "\xEF\xBB\xBFhello");
  EXPECT_EQ((*reader)->Peek(1000), "\xEF\xBB\xBFhello\nworld\n");
  Line line;
  ASSERT_TRUE((*reader)->Next(line));
  EXPECT_EQ(line.text, "hello");
  ASSERT_TRUE((*reader)->Next(line));
  EXPECT_EQ(line.text, "world");
  EXPECT_FALSE((*reader)->Next(line));
  EXPECT_EQ((*reader)->bytes_read(), (*reader)->file_size());
}

TEST(LineReader, OpenNamesAMissingFileAsNotFound) {
  auto reader = LineReader::Open("/nonexistent/wuzha/events.jsonl", 1024);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(std::string(reader.status().message()), HasSubstr("/nonexistent/wuzha/events.jsonl"));
}

TEST(LineReader, OpenRefusesADirectory) {
  TempDir dir;
  auto reader = LineReader::Open(dir.path(), 1024);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(reader.status().message()), HasSubstr("directory"));
}

}  // namespace
}  // namespace wuzha::formats
