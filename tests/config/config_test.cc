#include "config/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "config/internal/schema.h"

namespace wuzha::config {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// The message of a parse that must fail with kInvalidArgument.
std::string InvalidMessage(std::string_view text) {
  Result<Config> r = ParseConfig(text, "wuzha.toml");
  EXPECT_FALSE(r.ok()) << "parsed:\n" << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().code(), StatusCode::kInvalidArgument) << r.error().ToString();
  return std::string(r.error().message());
}

Config Parsed(std::string_view text) {
  Result<Config> r = ParseConfig(text, "wuzha.toml");
  EXPECT_TRUE(r.ok()) << r.status().ToString() << "\nin:\n" << text;
  return r.ok() ? *r : Config{};
}

TEST(ParseConfig, EmptyTextGivesDefaults) {
  EXPECT_EQ(Parsed(""), Config{});
  EXPECT_EQ(Parsed("# only a comment\n\n"), Config{});
  EXPECT_EQ(Parsed("[pipeline]\n[log]\n"), Config{});
}

TEST(ParseConfig, DefaultsAreTheDocumentedValues) {
  const Config c;
  EXPECT_EQ(c.log.level, "info");
  EXPECT_EQ(c.ingest.quarantine, "quarantine.jsonl");
  EXPECT_EQ(c.ingest.max_line_bytes, 1048576);
  EXPECT_EQ(c.ingest.csv_encoding, "auto");
  EXPECT_EQ(c.ingest.progress, "auto");
  EXPECT_EQ(c.pipeline.threads, 0);
  EXPECT_EQ(c.pipeline.partitions, 64);
  EXPECT_EQ(c.pipeline.watermark_ms, 300000);
  EXPECT_EQ(c.pipeline.queue_capacity, 4096);
  EXPECT_EQ(c.bench.events, 1000000);
  EXPECT_EQ(c.bench.seed, 1);
}

TEST(ParseConfig, ReadsSectionDottedAndInlineForms) {
  const Config c = Parsed(
      "bench.seed = 7\n"
      "log = { level = \"debug\" }\n"
      "[pipeline]\n"
      "threads = 8\n"
      "partitions = 128\n"
      "[ingest]\n"
      "csv_encoding = \"gbk\"\n"
      "quarantine = 'bad records.jsonl'\n");
  Config want;
  want.bench.seed = 7;
  want.log.level = "debug";
  want.pipeline.threads = 8;
  want.pipeline.partitions = 128;
  want.ingest.csv_encoding = "gbk";
  want.ingest.quarantine = "bad records.jsonl";
  EXPECT_EQ(c, want);
}

TEST(DefaultConfigToml, ParsesBackToDefaults) {
  const std::string text = DefaultConfigToml();
  EXPECT_EQ(Parsed(text), Config{});
}

TEST(DefaultConfigToml, ShowsEveryKeyWithACommentAbove) {
  const std::string text = DefaultConfigToml();
  for (const internal::KeySpec& key : internal::ConfigKeys()) {
    if (key.type == internal::KeyType::kSection) {
      EXPECT_THAT(text, HasSubstr("\n[" + std::string(key.name) + "]\n"));
      continue;
    }
    const std::string leaf(key.name.substr(key.section().size() + 1));
    const size_t at = text.find("\n" + leaf + " = ");
    ASSERT_NE(at, std::string::npos) << key.name;
    const size_t line_start = text.rfind('\n', at - 1) + 1;
    EXPECT_EQ(text.substr(line_start, 11), "# Allowed: ") << key.name;
  }
}

TEST(ConfigToToml, ModifiedConfigParsesBackEqual) {
  Config c;
  c.log.level = "off";
  c.ingest.quarantine = "dir with \"quotes\"\\and\ttabs\n/坏记录.jsonl";
  c.ingest.max_line_bytes = 1024;
  c.ingest.progress = "never";
  c.pipeline.threads = 1024;
  c.pipeline.partitions = 1;
  c.pipeline.watermark_ms = 0;
  c.pipeline.queue_capacity = 1 << 20;
  c.bench.events = 5;
  c.bench.seed = -9223372036854775807 - 1;
  EXPECT_EQ(Parsed(ConfigToToml(c)), c);
}

// Changing each key alone and round-tripping proves the name and the field of every row
// belong together.
TEST(ConfigToToml, EveryKeyRoundTripsAlone) {
  for (const internal::KeySpec& key : internal::ConfigKeys()) {
    Config c;
    switch (key.type) {
      case internal::KeyType::kSection: continue;
      case internal::KeyType::kInt: {
        int64_t& v = key.int_field.mut(c);
        v = v == key.range.max ? key.range.min : key.range.max;
        break;
      }
      case internal::KeyType::kString: {
        std::string& v = key.string_field.mut(c);
        v = key.one_of.empty()
                ? v + "-changed"
                : std::string(key.one_of.back() == v ? key.one_of.front() : key.one_of.back());
        break;
      }
      case internal::KeyType::kBool: key.bool_field.mut(c) = !key.bool_field.mut(c); break;
    }
    ASSERT_NE(c, Config{}) << key.name;
    const std::string text = ConfigToToml(c);
    EXPECT_EQ(Parsed(text), c) << key.name;
  }
}

TEST(ParseConfig, UnknownKeyNamesLineAndSuggestion) {
  EXPECT_EQ(InvalidMessage("# wuzha\n"
                           "[log]\n"
                           "level = \"info\"\n"
                           "\n"
                           "[pipeline]\n"
                           "partitions = 64\n"
                           "thread = 4\n"),
            "wuzha.toml:7: unknown key 'pipeline.thread' (did you mean 'pipeline.threads'?)");
}

TEST(ParseConfig, UnknownKeyWithoutCloseNameHasNoSuggestion) {
  EXPECT_EQ(InvalidMessage("[pipeline]\ncolour = 4\n"),
            "wuzha.toml:2: unknown key 'pipeline.colour'");
}

TEST(ParseConfig, KeyInTheWrongPlaceSuggestsWhereItBelongs) {
  EXPECT_EQ(InvalidMessage("threads = 4\n"),
            "wuzha.toml:1: unknown key 'threads' (did you mean 'pipeline.threads'?)");
  EXPECT_EQ(InvalidMessage("[pipeline]\nlevel = 'info'\n"),
            "wuzha.toml:2: unknown key 'pipeline.level' (did you mean 'log.level'?)");
}

TEST(ParseConfig, UnknownSectionNamesLineAndSuggestion) {
  EXPECT_EQ(InvalidMessage("[log]\n\n[pipline]\nthreads = 2\n"),
            "wuzha.toml:3: unknown section 'pipline' (did you mean 'pipeline'?)");
  EXPECT_EQ(InvalidMessage("[PIPELINE]\n"),
            "wuzha.toml:1: unknown section 'PIPELINE' (did you mean 'pipeline'?)");
  EXPECT_EQ(InvalidMessage("\n[storage]\n"), "wuzha.toml:2: unknown section 'storage'");
  EXPECT_EQ(InvalidMessage("[pipeline.extra]\n"), "wuzha.toml:1: unknown section 'pipeline.extra'");
}

TEST(ParseConfig, QuotedKeyWithADotIsNotADottedKey) {
  EXPECT_THAT(InvalidMessage("\"pipeline.threads\" = 4\n"),
              StartsWith("wuzha.toml:1: unknown key '\"pipeline.threads\"'"));
}

TEST(ParseConfig, WrongTypeNamesKeyAndLine) {
  EXPECT_EQ(InvalidMessage("[pipeline]\npartitions = 64\nthreads = \"4\"\n"),
            "wuzha.toml:3: key 'pipeline.threads' must be an integer, got string");
  EXPECT_EQ(InvalidMessage("pipeline.threads = 4.0\n"),
            "wuzha.toml:1: key 'pipeline.threads' must be an integer, got float");
  EXPECT_EQ(InvalidMessage("[log]\nlevel = 3\n"),
            "wuzha.toml:2: key 'log.level' must be a string, got integer");
  EXPECT_EQ(InvalidMessage("[bench]\nseed = [1, 2]\n"),
            "wuzha.toml:2: key 'bench.seed' must be an integer, got array");
  EXPECT_EQ(InvalidMessage("[bench]\nseed = true\n"),
            "wuzha.toml:2: key 'bench.seed' must be an integer, got boolean");
}

TEST(ParseConfig, SectionGivenAsValueIsAnError) {
  EXPECT_EQ(InvalidMessage("\nlog = 3\n"),
            "wuzha.toml:2: section 'log' must be a table, got integer");
  EXPECT_EQ(InvalidMessage("[[pipeline]]\nthreads = 1\n"),
            "wuzha.toml:1: section 'pipeline' must be a table, got array");
}

TEST(ParseConfig, IntegerOutsideRangeNamesBoundsAndValue) {
  EXPECT_EQ(InvalidMessage("[pipeline]\nthreads = 2\n\npartitions = 0\n"),
            "wuzha.toml:4: key 'pipeline.partitions' must be between 1 and 4096, got 0");
  EXPECT_EQ(InvalidMessage("pipeline.partitions = 4097\n"),
            "wuzha.toml:1: key 'pipeline.partitions' must be between 1 and 4096, got 4097");
  EXPECT_EQ(InvalidMessage("pipeline.threads = -1\n"),
            "wuzha.toml:1: key 'pipeline.threads' must be between 0 and 1024, got -1");
  EXPECT_EQ(InvalidMessage("pipeline.watermark_ms = 604800001\n"),
            "wuzha.toml:1: key 'pipeline.watermark_ms' must be between 0 and 604800000, got "
            "604800001");
  EXPECT_EQ(InvalidMessage("pipeline.queue_capacity = 15\n"),
            "wuzha.toml:1: key 'pipeline.queue_capacity' must be between 16 and 1048576, got "
            "15");
}

TEST(ParseConfig, IntegerRangeBoundsAreInclusive) {
  const Config low =
      Parsed("[pipeline]\nthreads = 0\npartitions = 1\nwatermark_ms = 0\nqueue_capacity = 16\n");
  EXPECT_EQ(low.pipeline.partitions, 1);
  EXPECT_EQ(low.pipeline.queue_capacity, 16);
  const Config high = Parsed(
      "[pipeline]\nthreads = 1024\npartitions = 4096\nwatermark_ms = 604_800_000\n"
      "queue_capacity = 0x100000\n");
  EXPECT_EQ(high.pipeline.partitions, 4096);
  EXPECT_EQ(high.pipeline.watermark_ms, 604800000);
  EXPECT_EQ(high.pipeline.queue_capacity, 1 << 20);
}

TEST(ParseConfig, StringOutsideAllowedValuesListsThem) {
  EXPECT_EQ(InvalidMessage("[log]\nlevel = \"loud\"\n"),
            "wuzha.toml:2: key 'log.level' must be one of trace, debug, info, warn, error, off, "
            "got 'loud'");
  EXPECT_EQ(InvalidMessage("[ingest]\ncsv_encoding = \"UTF-8\"\n"),
            "wuzha.toml:2: key 'ingest.csv_encoding' must be one of auto, utf-8, gbk, got "
            "'UTF-8'");
  EXPECT_EQ(InvalidMessage("ingest.progress = \"a\\nb'\"\n"),
            "wuzha.toml:1: key 'ingest.progress' must be one of auto, always, never, got "
            "'a\\x0ab\\x27'");
}

TEST(ParseConfig, SyntaxErrorGivesLineAndColumn) {
  EXPECT_THAT(InvalidMessage("[pipeline]\nthreads = 4\npartitions = = 3\n"),
              StartsWith("wuzha.toml:3:14: TOML syntax error: "));
  EXPECT_THAT(InvalidMessage("[log\n"), StartsWith("wuzha.toml:1:"));
  EXPECT_THAT(InvalidMessage("[pipeline]\nthreads = 1\nthreads = 2\n"),
              StartsWith("wuzha.toml:3:"));
  EXPECT_THAT(InvalidMessage("level = \"\xff\"\n"), StartsWith("wuzha.toml:1:"));
}

TEST(ParseConfig, ReportsTheEarliestProblem) {
  // toml++ keeps keys sorted; the report must still follow the text.
  EXPECT_EQ(InvalidMessage("[pipeline]\nthreads = 'x'\n[bench]\nevents = 0\n[ammo]\n"),
            "wuzha.toml:2: key 'pipeline.threads' must be an integer, got string");
}

TEST(ParseConfig, SourceNamePrefixesMessages) {
  Result<Config> r = ParseConfig("bogus = 1\n", "/etc/wuzha/site.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(std::string(r.error().message()), StartsWith("/etc/wuzha/site.toml:1: "));
}

TEST(LoadConfigFile, ReadsAFile) {
  Result<Config> r = LoadConfigFile(WUZHA_TESTDATA_DIR "/config/testdata/custom.toml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->pipeline.threads, 2);
  EXPECT_EQ(r->log.level, "warn");
  EXPECT_EQ(r->bench, BenchConfig{});
}

TEST(LoadConfigFile, MessagesNameTheFile) {
  const std::string path = WUZHA_TESTDATA_DIR "/config/testdata/bad_range.toml";
  Result<Config> r = LoadConfigFile(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.error().message(),
            path + ":5: key 'pipeline.partitions' must be between 1 and 4096, got 5000");
}

TEST(LoadConfigFile, MissingFileIsNotFoundWithPath) {
  Result<Config> r = LoadConfigFile("/nonexistent/wuzha.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), StatusCode::kNotFound);
  EXPECT_THAT(std::string(r.error().message()), HasSubstr("/nonexistent/wuzha.toml"));
}

TEST(LoadConfigFile, DirectoryIsAnIoError) {
  Result<Config> r = LoadConfigFile(WUZHA_TESTDATA_DIR "/config");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), StatusCode::kIoError);
}

TEST(ConfigKeys, TableIsWellFormed) {
  const Status status = internal::CheckTable(internal::ConfigKeys());
  EXPECT_TRUE(status.ok()) << status.ToString();
}

TEST(ConfigKeys, CheckTableRejectsMistakes) {
  using internal::Key;
  using internal::Range;
  using internal::Section;
  const std::vector<internal::KeySpec> twice = {
      Section("pipeline", "p"),
      Key<&Config::pipeline, &PipelineConfig::threads>("pipeline.threads", "t"),
      Key<&Config::pipeline, &PipelineConfig::threads>("pipeline.threads", "t")};
  EXPECT_EQ(internal::CheckTable(twice).code(), StatusCode::kInternal);
  const std::vector<internal::KeySpec> same_field = {
      Section("pipeline", "p"),
      Key<&Config::pipeline, &PipelineConfig::threads>("pipeline.threads", "t"),
      Key<&Config::pipeline, &PipelineConfig::threads>("pipeline.workers", "t")};
  EXPECT_EQ(internal::CheckTable(same_field).code(), StatusCode::kInternal);
  const std::vector<internal::KeySpec> wrong_section = {
      Section("log", "l"),
      Key<&Config::pipeline, &PipelineConfig::threads>("pipeline.threads", "t")};
  EXPECT_EQ(internal::CheckTable(wrong_section).code(), StatusCode::kInternal);
  const std::vector<internal::KeySpec> default_outside = {
      Section("pipeline", "p"), Key<&Config::pipeline, &PipelineConfig::partitions>(
                                    "pipeline.partitions", "n", Range{100, 200})};
  EXPECT_EQ(internal::CheckTable(default_outside).code(), StatusCode::kInternal);
  const std::vector<internal::KeySpec> undocumented = {Section("log", "")};
  EXPECT_EQ(internal::CheckTable(undocumented).code(), StatusCode::kInternal);
}

// No Config field is a bool yet; the engine's bool path is exercised through a table of
// the test's own whose accessor points outside Config.
bool g_feature_enabled = false;
const bool& GetFeature(const Config&) { return g_feature_enabled; }
bool& MutFeature(Config&) { return g_feature_enabled; }

TEST(KeyEngine, ReadsChecksAndRendersBooleans) {
  internal::KeySpec flag = internal::Section("feature.enabled", "Turns the feature on.");
  flag.type = internal::KeyType::kBool;
  flag.bool_field = {&GetFeature, &MutFeature};
  const std::vector<internal::KeySpec> keys = {internal::Section("feature", "A feature."), flag};
  Config config;
  g_feature_enabled = false;
  EXPECT_TRUE(internal::ApplyToml(keys, "[feature]\nenabled = true\n", "f.toml", &config).ok());
  EXPECT_TRUE(g_feature_enabled);
  const Status wrong = internal::ApplyToml(keys, "[feature]\nenabled = 1\n", "f.toml", &config);
  EXPECT_EQ(wrong.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(wrong.message(), "f.toml:2: key 'feature.enabled' must be a boolean, got integer");
  const std::string text = internal::RenderToml(keys, config, "Heading.");
  EXPECT_THAT(text, HasSubstr("# Allowed: true or false. Default: true.\nenabled = true\n"));
  EXPECT_THAT(internal::RenderMarkdownReference(keys),
              HasSubstr("| `feature.enabled` | boolean | `true` | `true`, `false` |"));
  g_feature_enabled = false;
}

TEST(KeyEngine, SupportsNestedSections) {
  const std::vector<internal::KeySpec> keys = {
      internal::Section("store.sqlite", "SQLite."),
      internal::Key<&Config::ingest, &IngestConfig::quarantine>("store.sqlite.path", "Path.")};
  Config config;
  ASSERT_TRUE(
      internal::ApplyToml(keys, "[store.sqlite]\npath = \"a.db\"\n", "s.toml", &config).ok());
  EXPECT_EQ(config.ingest.quarantine, "a.db");
  ASSERT_TRUE(
      internal::ApplyToml(keys, "[store]\nsqlite.path = \"b.db\"\n", "s.toml", &config).ok());
  EXPECT_EQ(config.ingest.quarantine, "b.db");
  EXPECT_EQ(internal::ApplyToml(keys, "[store]\npg = 1\n", "s.toml", &config).message(),
            "s.toml:2: unknown key 'store.pg'");
  EXPECT_THAT(internal::RenderToml(keys, config, "H."),
              HasSubstr("[store.sqlite]\n\n# Path.\n# Allowed: any string. Default: "
                        "\"quarantine.jsonl\".\npath = \"b.db\"\n"));
}

TEST(ConfigReferenceMarkdown, DocumentsEveryKeyWithItsDefault) {
  const std::string md = ConfigReferenceMarkdown();
  EXPECT_THAT(md, HasSubstr("| `pipeline.partitions` | integer | `64` | 1 to 4096 |"));
  EXPECT_THAT(md, HasSubstr("| `log.level` | string | `\"info\"` | `trace`, `debug`, `info`, "
                            "`warn`, `error`, `off` |"));
  EXPECT_THAT(md, HasSubstr("| `bench.seed` | integer | `1` | any |"));
  for (const internal::KeySpec& key : internal::ConfigKeys()) {
    const std::string cell = key.type == internal::KeyType::kSection
                                 ? "### `[" + std::string(key.name) + "]`"
                                 : "| `" + std::string(key.name) + "` |";
    EXPECT_THAT(md, HasSubstr(cell));
  }
}

// docs/configuration.md is generated; this keeps it from drifting. To update it after
// changing the table: run config_test with WUZHA_UPDATE_DOCS=1, or copy the text printed.
TEST(ConfigReferenceMarkdown, EqualsCommittedDocs) {
  const std::string path = WUZHA_DOCS_DIR "/configuration.md";
  const std::string want = ConfigReferenceMarkdown();
  if (const char* update = std::getenv("WUZHA_UPDATE_DOCS"); update && *update == '1') {
    std::ofstream(path, std::ios::binary) << want;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream got;
  got << in.rdbuf();
  EXPECT_TRUE(got.str() == want)
      << path << " differs from ConfigReferenceMarkdown(); rerun with WUZHA_UPDATE_DOCS=1 or "
      << "replace it with:\n"
      << want;
}

}  // namespace
}  // namespace wuzha::config
