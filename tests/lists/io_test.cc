#include "lists/io.h"

#include <gtest/gtest.h>

#include <filesystem>

#include <algorithm>
#include <set>

#include "lists/store.h"

namespace wuzha::lists {
namespace {

const std::string kDomains = std::string(WUZHA_SHARED_DATA_DIR) + "/domains/";

struct Counts {
  size_t lines, loaded, skipped, ignored;
};

ImportResult Load(ListFormat format, const std::string& name, ListKind kind = ListKind::kBlock) {
  ImportOptions options;
  options.kind = kind;
  options.source = name;
  auto result = ImportFile(format, kDomains + name, options);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? std::move(*result) : ImportResult{};
}

void ExpectCounts(const ImportResult& r, Counts want) {
  EXPECT_EQ(r.lines, want.lines);
  EXPECT_EQ(r.loaded, want.loaded);
  EXPECT_EQ(r.skipped, want.skipped);
  EXPECT_EQ(r.ignored, want.ignored);
  EXPECT_EQ(r.loaded + r.skipped + r.ignored, r.lines);
  EXPECT_EQ(r.entries.size(), r.loaded);
  for (const auto& e : r.errors) EXPECT_NE(e.find(kDomains), std::string::npos) << e;
}

std::set<std::string> Values(const std::vector<Entry>& entries) {
  std::set<std::string> out;
  for (const auto& e : entries) out.insert(e.value);
  return out;
}

TEST(ImportRealFiles, BlocklistProjectHosts) {
  if (!std::filesystem::exists(kDomains)) GTEST_SKIP() << "no real data at " << kDomains;
  auto r = Load(ListFormat::kHosts, "blocklistproject_scam_hosts.txt");
  ExpectCounts(r, {8540, 8527, 0, 13});
}

TEST(ImportRealFiles, Tw165PlainListWithPaths) {
  if (!std::filesystem::exists(kDomains)) GTEST_SKIP() << "no real data at " << kDomains;
  auto r = Load(ListFormat::kPlain, "tw165_scam_sites.txt");
  ExpectCounts(r, {27155, 27149, 3, 3});
  auto urls = std::count_if(r.entries.begin(), r.entries.end(),
                            [](const Entry& e) { return e.type == IndicatorType::kUrl; });
  EXPECT_EQ(urls, 1324);
}

TEST(ImportRealFiles, TwnicPlainList) {
  if (!std::filesystem::exists(kDomains)) GTEST_SKIP() << "no real data at " << kDomains;
  ExpectCounts(Load(ListFormat::kPlain, "twnic_scam_sites.txt"), {932, 929, 0, 3});
}

TEST(ImportRealFiles, ScamBlocklistRawLight) {
  if (!std::filesystem::exists(kDomains)) GTEST_SKIP() << "no real data at " << kDomains;
  ExpectCounts(Load(ListFormat::kPlain, "scam_blocklist_raw_light.txt"), {16874, 16873, 1, 0});
}

TEST(ImportRealFiles, ScamBlocklistWhitelistPatterns) {
  if (!std::filesystem::exists(kDomains)) GTEST_SKIP() << "no real data at " << kDomains;
  auto r = Load(ListFormat::kPlain, "scam_blocklist_whitelist.txt", ListKind::kAllow);
  ExpectCounts(r, {1195, 1188, 7, 0});
  EXPECT_TRUE(Values(r.entries).count("google.com"));
}

TEST(ImportRealFiles, TrancoAsProtectedBrands) {
  if (!std::filesystem::exists(kDomains)) GTEST_SKIP() << "no real data at " << kDomains;
  auto r = Load(ListFormat::kRanked, "tranco_top10k.csv", ListKind::kProtected);
  ExpectCounts(r, {10001, 10000, 0, 1});
  ASSERT_FALSE(r.entries.empty());
  EXPECT_EQ(r.entries[0].value, "google.com");
  EXPECT_EQ(r.entries[0].kind, ListKind::kProtected);
}

TEST(ImportRealFiles, LoadedDomainsMatchTheirSubdomainsInAStore) {
  if (!std::filesystem::exists(kDomains)) GTEST_SKIP() << "no real data at " << kDomains;
  Store store;
  auto r = Load(ListFormat::kHosts, "blocklistproject_scam_hosts.txt");
  for (auto& e : r.entries) ASSERT_TRUE(store.Upsert(std::move(e), "import", 1).ok());
  auto s = store.Publish();
  EXPECT_NE(s->FindDomain(ListKind::kBlock, "0-google.com", 2), nullptr);
  EXPECT_NE(s->FindDomain(ListKind::kBlock, "www.0-google.com", 2), nullptr);
  EXPECT_EQ(s->FindDomain(ListKind::kBlock, "google.com", 2), nullptr);
}

TEST(ImportHosts, BadLinesAreReportedWithFileAndLine) {
  ImportOptions o;
  o.file_name = "h.txt";
  auto r = ImportHosts("0.0.0.0 good.com\nnonsense\n0.0.0.0 bad..com\n127.0.0.1 localhost\n# c\n", o);
  EXPECT_EQ(r.loaded, 1u);
  EXPECT_EQ(r.skipped, 2u);
  EXPECT_EQ(r.ignored, 2u);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].rfind("h.txt:2: ", 0), 0u) << r.errors[0];
  EXPECT_EQ(r.errors[1].rfind("h.txt:3: ", 0), 0u) << r.errors[1];
}

TEST(ImportCsv, RoundTripsThroughExport) {
  std::vector<Entry> in(3);
  in[0] = {ListKind::kBlock, IndicatorType::kNumber, "8613800138000", "src,with comma",
           FraudType::kFakeLoan, 1, 2, 3};
  in[1] = {ListKind::kAllow, IndicatorType::kDomain, "bank.example.com", "s", std::nullopt, 4, 5, 0};
  in[2] = {ListKind::kBlock, IndicatorType::kUrl, "https://a.example.com/p?q=\"1\"", "s",
           FraudType::kRomance, 0, 0, 0};
  const std::string csv = ExportCsv(in);
  auto r = ImportCsv(csv, {});
  EXPECT_EQ(r.skipped, 0u) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_EQ(r.entries, in);
}

// Regression (lists_csv_fuzz): foreign numbers and non-86 ranges are written with '+', so
// reading the file back does not take them for Chinese national numbers.
TEST(ImportCsv, ForeignNumbersAndRangesRoundTrip) {
  auto number = NormalizeIndicator(IndicatorType::kNumber, "0035 6650210");
  auto range = NormalizeIndicator(IndicatorType::kRange, "+1 212");
  ASSERT_TRUE(number.ok() && range.ok());
  EXPECT_EQ(*range, "1212");
  std::vector<Entry> in = {{ListKind::kBlock, IndicatorType::kNumber, *number, "s", {}, 0, 0, 0},
                           {ListKind::kBlock, IndicatorType::kRange, *range, "s", {}, 0, 0, 0}};
  auto r = ImportCsv(ExportCsv(in), {});
  EXPECT_EQ(r.entries, in);
}

// Regression (lists_hosts_fuzz): a hosts line with a good and a bad name loads the good
// one and counts the bad one.
TEST(ImportHosts, LineWithAGoodAndABadNameLoadsTheGoodOne) {
  auto r = ImportHosts("0.0.0.0 good.example.com bad..example.com\n", {});
  EXPECT_EQ(r.lines, 1u);
  EXPECT_EQ(r.loaded, 1u);
  EXPECT_EQ(r.skipped, 1u);
}

TEST(ImportCsv, NamesTheBadField) {
  ImportOptions o;
  o.file_name = "l.csv";
  auto r = ImportCsv(
      "kind,type,value,source,fraud_type,first_seen,last_seen,expires\n"
      "block,number,13800138000,s,,1,2,0\n"
      "block,planet,x,s,,1,2,0\n"
      "block,number,13800138000,s,nope,1,2,0\n"
      "block,number,13800138000,s,,x,2,0\n",
      o);
  EXPECT_EQ(r.loaded, 1u);
  EXPECT_EQ(r.skipped, 3u);
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_NE(r.errors[0].find("l.csv:3: type"), std::string::npos) << r.errors[0];
  EXPECT_NE(r.errors[1].find("l.csv:4: fraud_type"), std::string::npos) << r.errors[1];
  EXPECT_NE(r.errors[2].find("l.csv:5: first_seen"), std::string::npos) << r.errors[2];
}

TEST(Rpz, ExportThenImportGivesTheSameDomains) {
  if (!std::filesystem::exists(kDomains)) GTEST_SKIP() << "no real data at " << kDomains;
  auto r = Load(ListFormat::kPlain, "twnic_scam_sites.txt");
  std::vector<Entry> entries = r.entries;
  entries.push_back({ListKind::kAllow, IndicatorType::kDomain, "gov.example.org", "", {}, 0, 0, 0});
  const std::string zone = ExportRpz(entries, "rpz.wuzha.local", 2024050101);
  EXPECT_NE(zone.find("SOA"), std::string::npos);
  EXPECT_NE(zone.find("@ IN NS localhost."), std::string::npos);
  EXPECT_NE(zone.find("\n*.gov.example.org CNAME rpz-passthru.\n"), std::string::npos);
  auto back = ImportRpz(zone, {});
  EXPECT_EQ(back.skipped, 0u) << (back.errors.empty() ? "" : back.errors[0]);
  std::set<std::pair<ListKind, std::string>> want, got;
  for (const auto& e : entries) want.emplace(e.kind, e.value);
  for (const auto& e : back.entries) got.emplace(e.kind, e.value);
  EXPECT_EQ(got, want);
  EXPECT_EQ(back.loaded, 2 * entries.size());
}

TEST(Rpz, ImportUnderstandsAbsoluteNamesAndRefusesOtherActions) {
  ImportOptions o;
  o.file_name = "z.rpz";
  auto r = ImportRpz(
      "$ORIGIN rpz.example.\n"
      "@ 300 IN SOA ns. admin. ( 1\n 2 3 4 5 )\n"
      "  IN NS ns.\n"
      "bad.com.rpz.example. 60 IN CNAME .\n"
      "*.worse.net CNAME *.\n"
      "ok.org CNAME rpz-passthru.\n"
      "walled.com CNAME garden.example.\n"
      "1.0.0.10.rpz-ip CNAME .\n"
      "other.com.elsewhere. CNAME .\n"
      "a.com A 1.2.3.4\n",
      o);
  EXPECT_EQ(r.loaded, 3u);
  EXPECT_EQ(r.skipped, 4u);
  ASSERT_EQ(r.entries.size(), 3u);
  EXPECT_EQ(r.entries[0].value, "bad.com");
  EXPECT_EQ(r.entries[1].value, "worse.net");
  EXPECT_EQ(r.entries[2].kind, ListKind::kAllow);
  EXPECT_EQ(r.errors[0].rfind("z.rpz:8: ", 0), 0u) << r.errors[0];
}

TEST(ImportFile, MissingFileIsNotFound) {
  auto r = ImportFile(ListFormat::kPlain, "/nonexistent/list.txt", {});
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

Entry D(ListKind kind, std::string value) {
  return {kind, IndicatorType::kDomain, std::move(value), "s", std::nullopt, 0, 0, 0};
}

TEST(WithoutAllowedDomains, DropsBlockDomainsAnAllowDomainCovers) {
  std::vector<Entry> in = {D(ListKind::kBlock, "evil.example.com"),
                           D(ListKind::kBlock, "sites.google.com"),
                           D(ListKind::kBlock, "google.com"),
                           D(ListKind::kBlock, "notgoogle.com"),
                           D(ListKind::kAllow, "google.com"),
                           D(ListKind::kProtected, "docs.google.com")};
  auto out = WithoutAllowedDomains(in);
  std::vector<std::string> values;
  for (const auto& e : out) values.push_back(e.value);
  EXPECT_EQ(values, (std::vector<std::string>{"evil.example.com", "notgoogle.com", "google.com",
                                               "docs.google.com"}));
}

// A domain on both lists would get two CNAMEs, and no DNS server loads such a zone.
TEST(Rpz, TheAllowListWinsInTheExport) {
  const std::string zone = ExportRpz({D(ListKind::kBlock, "x.example.com"),
                                      D(ListKind::kBlock, "a.x.example.com"),
                                      D(ListKind::kAllow, "x.example.com")},
                                     "rpz.test", 1);
  EXPECT_EQ(zone.find("CNAME .\n"), std::string::npos) << zone;
  EXPECT_NE(zone.find("\nx.example.com CNAME rpz-passthru.\n"), std::string::npos) << zone;
}

TEST(Rpz, ANameTooLongWithTheZoneIsAComment) {
  const std::string label(60, 'a');
  const std::string longest = label + "." + label + "." + label + "." + label + ".com";
  auto value = NormalizeDomain(longest);
  ASSERT_TRUE(value.ok()) << value.status().ToString();
  const std::string zone = ExportRpz({D(ListKind::kBlock, *value)}, "rpz.wuzha.local", 1);
  EXPECT_NE(zone.find("; skipped (too long with the zone name): " + *value), std::string::npos);
  EXPECT_EQ(ImportRpz(zone, {}).loaded, 0u);
}

TEST(ExportHosts, WritesDomainsOnlyAndReadsBack) {
  std::vector<Entry> in = {D(ListKind::kBlock, "a.example.com"), D(ListKind::kBlock, "b.example.org"),
                           {ListKind::kBlock, IndicatorType::kNumber, "8613800138000", "s", {}, 0, 0, 0}};
  const std::string hosts = ExportHosts(in);
  EXPECT_EQ(hosts, "0.0.0.0 a.example.com\n0.0.0.0 b.example.org\n");
  auto back = ImportHosts(hosts, {});
  ASSERT_EQ(back.entries.size(), 2u);
  EXPECT_EQ(back.entries[1].value, "b.example.org");
}

TEST(ExportPlain, NumbersReadBackWithTheTypeOption) {
  std::vector<Entry> in = {
      {ListKind::kBlock, IndicatorType::kNumber, "8613800138000", "", {}, 0, 0, 0},
      {ListKind::kBlock, IndicatorType::kNumber, "447700900123", "", {}, 0, 0, 0}};
  ImportOptions o;
  o.type = IndicatorType::kNumber;
  auto back = ImportPlain(ExportPlain(in), o);
  ASSERT_EQ(back.entries.size(), 2u);
  EXPECT_EQ(back.entries[0].value, "8613800138000");
  EXPECT_EQ(back.entries[1].value, "447700900123");
}

TEST(ImportPlain, TypedLinesKeepTheirBlanksAndDropComments) {
  ImportOptions o;
  o.type = IndicatorType::kNumber;
  o.file_name = "n.txt";
  auto r = ImportPlain("+86 138 0013 8000 # caller\n027-8888 6666\n# header\nnope\n", o);
  EXPECT_EQ(r.loaded, 2u);
  EXPECT_EQ(r.skipped, 1u);
  EXPECT_EQ(r.ignored, 1u);
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].value, "8613800138000");
  EXPECT_EQ(r.entries[1].value, "862788886666");
  EXPECT_EQ(r.errors[0].rfind("n.txt:4: ", 0), 0u) << r.errors[0];
}

}  // namespace
}  // namespace wuzha::lists
