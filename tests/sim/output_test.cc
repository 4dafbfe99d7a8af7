#include "sim/output.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "../formats/temp_dir.h"
#include "formats/csv.h"
#include "formats/jsonl.h"
#include "formats/reader.h"
#include "sim/truth.h"

namespace wuzha::sim {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using wuzha::testing::ReadFileBytes;
using wuzha::testing::TempDir;

const Timestamp kT0 = Timestamp::FromCivilUtc(2024, 5, 1, 2);

Event Call(int64_t offset_ms, std::string caller) {
  Event e;
  e.Reset(EventType::kCall);
  e.id = "C" + std::to_string(offset_ms);
  e.ts = Timestamp::FromMillis(kT0.millis() + offset_ms);
  auto& c = e.as<CallEvent>();
  c.caller = std::move(caller);
  c.callee = "8613912345678";
  c.duration_s = 42;
  c.answered = true;
  c.caller_cell = "WH-0001";
  return e;
}

Event Transfer(int64_t offset_ms, int64_t fen, bool fraud) {
  Event e;
  e.Reset(EventType::kTransfer);
  e.id = "T" + std::to_string(offset_ms);
  e.ts = Timestamp::FromMillis(kT0.millis() + offset_ms);
  auto& t = e.as<TransferEvent>();
  t.from_account = "6222021234567890123";
  t.to_account = "6217002870012345678";
  t.amount = Money::FromFen(fen);
  t.from_bank = "ICBC";
  t.to_bank = "CCB";
  t.memo = "保证金, \"urgent\"";
  if (fraud) {
    e.has_label = true;
    e.label.fraud = true;
    e.label.fraud_type = "冒充客服";
    e.label.gang = "G01";
    e.label.role = "victim";
    e.label.victim = "420102199001011234";
  }
  return e;
}

std::string Canonical(const Event& e) {
  std::string s;
  formats::AppendEventJson(e, s);
  return s;
}

// Every event of `path`, read back with the formats reader; fails on a refused record.
std::vector<Event> ReadBack(const std::string& path) {
  std::vector<Event> out;
  auto reader = formats::OpenEventReader(path, formats::ReaderOptions());
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return out;
  Event e;
  formats::RecordError error;
  formats::RecordInfo info;
  for (;;) {
    auto step = (*reader)->Next(e, error, info);
    if (step == formats::EventReader::Step::kEnd) break;
    EXPECT_EQ(step, formats::EventReader::Step::kEvent)
        << path << ":" << info.line << ": " << error.message;
    if (step == formats::EventReader::Step::kEvent) out.push_back(e);
  }
  EXPECT_TRUE((*reader)->status().ok());
  return out;
}

std::vector<std::string> Lines(const std::string& path) {
  std::vector<std::string> lines;
  std::istringstream in(ReadFileBytes(path));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(DirectorySink, WritesOneFilePerTypeInWriteOrder) {
  TempDir dir;
  auto sink = DirectorySink::Open(dir.path() + "/run");
  ASSERT_TRUE(sink.ok()) << sink.status().ToString();
  std::vector<Event> written = {Call(0, "8613800138000"), Transfer(5, 4980000, true),
                                Call(10, "8617012345678"), Transfer(20, 1234, false)};
  for (const Event& e : written) ASSERT_TRUE((*sink)->Write(e).ok());
  ASSERT_TRUE((*sink)->Close().ok());
  EXPECT_EQ((*sink)->events_written(), 4u);

  // Every type has its file, empty when no event of it was written.
  for (int t = 0; t < kEventTypeCount; ++t) {
    std::string name(EventTypeName(static_cast<EventType>(t)));
    std::string path = dir.path() + "/run/events/" + name + ".jsonl";
    ASSERT_TRUE(fs::exists(path)) << path;
    if (name != "call" && name != "transfer") {
      EXPECT_EQ(fs::file_size(path), 0u) << path;
    }
  }
  EXPECT_TRUE(fs::is_directory(dir.path() + "/run/statements"));

  std::vector<Event> calls = ReadBack(dir.path() + "/run/events/call.jsonl");
  std::vector<Event> transfers = ReadBack(dir.path() + "/run/events/transfer.jsonl");
  ASSERT_EQ(calls.size(), 2u);
  ASSERT_EQ(transfers.size(), 2u);
  EXPECT_EQ(Canonical(calls[0]), Canonical(written[0]));
  EXPECT_EQ(Canonical(calls[1]), Canonical(written[2]));
  EXPECT_EQ(Canonical(transfers[0]), Canonical(written[1]));
  EXPECT_EQ(Canonical(transfers[1]), Canonical(written[3]));
  EXPECT_TRUE(transfers[0].has_label);
  EXPECT_EQ(transfers[0].label.victim, "420102199001011234");
  EXPECT_EQ(ReadFileBytes(dir.path() + "/run/events/call.jsonl"),
            Canonical(written[0]) + "\n" + Canonical(written[2]) + "\n");
}

TEST(DirectorySink, BuffersLargeOutputAcrossFlushes) {
  TempDir dir;
  auto sink = DirectorySink::Open(dir.path());
  ASSERT_TRUE(sink.ok());
  constexpr int kEvents = 20000;  // several MiB: more than one buffer
  for (int i = 0; i < kEvents; ++i) {
    ASSERT_TRUE((*sink)->Write(Call(i, "86138" + std::to_string(10000000 + i))).ok());
  }
  EXPECT_GT((*sink)->bytes_written(), 0u);  // some already on disk before Close
  ASSERT_TRUE((*sink)->Close().ok());
  std::vector<Event> calls = ReadBack(dir.path() + "/events/call.jsonl");
  ASSERT_EQ(calls.size(), static_cast<size_t>(kEvents));
  EXPECT_EQ(calls.back().id, "C" + std::to_string(kEvents - 1));
}

TEST(DirectorySink, WritesStatementsAsUnlabelledTransferCsv) {
  TempDir dir;
  auto sink = DirectorySink::Open(dir.path());
  ASSERT_TRUE(sink.ok());
  Statement st;
  st.action_id = 17;
  st.account = "6222021234567890123";
  st.requested = kT0;
  st.delivered = Timestamp::FromMillis(kT0.millis() + 4 * 3600000LL);
  st.transfers = {Transfer(-3600000, 5000, false), Transfer(-60000, 4980000, true)};
  ASSERT_TRUE((*sink)->WriteStatement(st).ok());
  Statement empty;
  empty.action_id = 18;
  empty.account = "62/17 00";
  ASSERT_TRUE((*sink)->WriteStatement(empty).ok());
  ASSERT_TRUE((*sink)->Close().ok());
  EXPECT_EQ((*sink)->statements_written(), 2u);

  std::string path = dir.path() + "/statements/6222021234567890123-17.csv";
  std::vector<std::string> lines = Lines(path);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], formats::CsvHeader(EventType::kTransfer));
  std::vector<Event> rows = ReadBack(path);
  ASSERT_EQ(rows.size(), 2u);
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_FALSE(rows[i].has_label) << "a bank's statement carries no ground truth";
    Event expected = st.transfers[i];
    expected.has_label = false;
    expected.label = Label();
    EXPECT_EQ(Canonical(rows[i]), Canonical(expected));
  }
  EXPECT_EQ(Lines(dir.path() + "/statements/62_17_00-18.csv").size(), 1u);  // header only
}

TEST(DirectorySink, OpenFailureNamesThePath) {
  TempDir dir;
  std::string file = dir.Write("not_a_dir", "x");
  auto sink = DirectorySink::Open(file);
  ASSERT_FALSE(sink.ok());
  EXPECT_EQ(sink.error().code(), StatusCode::kIoError);
  EXPECT_THAT(std::string(sink.error().message()), HasSubstr(file));
}

Truth SampleTruth() {
  Truth truth;
  GangTruth g;
  g.id = "G01";
  g.den_community = "420102002003";
  g.den_cell = "WH-0712";
  g.fraud_types = {"冒充客服", "刷单返利"};
  g.members = {{"caller", "110101199001011234", "张伟"},
               {"financier", "110101198001011235", "李\"娜\""}};
  g.numbers = {"8617012345678"};
  g.domains = {"icbc-kefu.top"};
  g.apps = {"com.yunzhan.safe"};
  g.accounts = {{"6217002870012345678", 1, "420102200001011236", "CCB-420102-01"},
                {"6222021234567890123", 0, "420102199001011237", ""}};
  g.outlets = {"CCB-420102-01"};
  truth.gangs.push_back(g);
  truth.gangs.push_back(GangTruth{});  // everything empty still makes a valid line

  VictimTruth v;
  v.person_id = "420102196001011238";
  v.name = "王芳";
  v.phone = "8613912345678";
  v.account = "6222021234567890000";
  v.community = "420102002003";
  v.gang = "G01";
  v.campaign = "G01-C1";
  v.fraud_type = "冒充客服";
  v.first_contact = kT0;
  v.first_loss = Timestamp::FromMillis(kT0.millis() + 3600000);
  v.loss_fen = 4980000;
  v.transfers = 2;
  v.stopped_transfers = 1;
  truth.victims.push_back(v);

  MoneyPath p;
  p.victim = v.person_id;
  p.stolen_fen = 4980000;
  p.hops = {{"T1", v.first_loss, v.account, "6217002870012345678", 4980000, "mobile"}};
  p.holdings = {{"6217002870012345678", 980000, true}};
  p.exits = {{"T2", Timestamp::FromMillis(v.first_loss.millis() + 60000), "6217002870012345678", "",
              4000000, "atm"}};
  truth.money_paths.push_back(p);
  return truth;
}

TEST(WriteTruth, WritesEachRecordAsOneJsonLine) {
  TempDir dir;
  Truth truth = SampleTruth();
  ASSERT_TRUE(WriteTruth(truth, dir.path() + "/truth").ok());
  simdjson::dom::parser parser;
  struct File {
    const char* name;
    size_t records;
  };
  for (File f : {File{"gangs.jsonl", 2}, File{"victims.jsonl", 1}, File{"money_paths.jsonl", 1}}) {
    std::vector<std::string> lines = Lines(dir.path() + "/truth/" + f.name);
    ASSERT_EQ(lines.size(), f.records) << f.name;
    for (const std::string& line : lines) {
      simdjson::dom::element doc;
      ASSERT_EQ(parser.parse(line).get(doc), simdjson::SUCCESS) << f.name << ": " << line;
      EXPECT_EQ(doc.type(), simdjson::dom::element_type::OBJECT) << line;
    }
  }

  simdjson::dom::element gang;
  std::string line = Lines(dir.path() + "/truth/gangs.jsonl")[0];
  ASSERT_EQ(parser.parse(line).get(gang), simdjson::SUCCESS);
  EXPECT_EQ(std::string_view(gang["id"]), "G01");
  EXPECT_EQ(std::string_view(gang["members"].at(1)["name"]), "李\"娜\"");
  EXPECT_EQ(int64_t(gang["accounts"].at(0)["layer"]), 1);
  EXPECT_EQ(std::string_view(gang["fraud_types"].at(1)), "刷单返利");
  EXPECT_EQ(std::string_view(gang["outlets"].at(0)), "CCB-420102-01");

  simdjson::dom::element victim;
  line = Lines(dir.path() + "/truth/victims.jsonl")[0];
  ASSERT_EQ(parser.parse(line).get(victim), simdjson::SUCCESS);
  EXPECT_EQ(int64_t(victim["first_contact"]), kT0.millis());  // epoch ms, not text
  EXPECT_EQ(int64_t(victim["visited"]), 0);
  EXPECT_EQ(int64_t(victim["loss_fen"]), 4980000);
  EXPECT_EQ(bool(victim["dissuaded"]), false);
  size_t keys = 0;
  for (auto field : simdjson::dom::object(victim)) keys += !field.key.empty();
  EXPECT_EQ(keys, 17u) << "every VictimTruth member, nothing else";

  simdjson::dom::element path;
  line = Lines(dir.path() + "/truth/money_paths.jsonl")[0];
  ASSERT_EQ(parser.parse(line).get(path), simdjson::SUCCESS);
  EXPECT_EQ(std::string_view(path["hops"].at(0)["channel"]), "mobile");
  EXPECT_EQ(bool(path["holdings"].at(0)["frozen"]), true);
  EXPECT_EQ(std::string_view(path["exits"].at(0)["to"]), "");
  EXPECT_EQ(int64_t(path["exits"].at(0)["fen"]), 4000000);
}

TEST(WriteTruth, EmptyTruthGivesEmptyFiles) {
  TempDir dir;
  ASSERT_TRUE(WriteTruth(Truth(), dir.path() + "/a/b").ok());
  for (const char* name : {"gangs.jsonl", "victims.jsonl", "money_paths.jsonl"}) {
    std::string path = dir.path() + "/a/b/" + name;
    ASSERT_TRUE(fs::exists(path)) << path;
    EXPECT_EQ(fs::file_size(path), 0u);
  }
}

TEST(WriteTruth, FailureNamesTheFile) {
  TempDir dir;
  fs::create_directories(dir.path() + "/truth/victims.jsonl");  // a directory in the way
  Status s = WriteTruth(SampleTruth(), dir.path() + "/truth");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_THAT(std::string(s.message()), HasSubstr("victims.jsonl"));
}

TEST(Summary, ScalesDailyFiguresToWuhan) {
  CityOptions city;
  city.seed = 5;
  city.population = 13700;  // 1/1000 of Wuhan
  EngineOptions options;
  options.seed = 9;
  options.days = 2;
  options.fraud.scale = 2.0;
  Engine::Stats stats;
  stats.events_by_type[static_cast<int>(EventType::kCall)] = 1000;
  stats.events_by_type[static_cast<int>(EventType::kSms)] = 500;
  stats.fraud_events_by_type[static_cast<int>(EventType::kSms)] = 76;
  stats.fraud_events_by_type[static_cast<int>(EventType::kWeb)] = 30;
  stats.fraud_events_by_type[static_cast<int>(EventType::kApp)] = 10;
  stats.fraud_numbers_used = 4;
  stats.targets_engaged = 6;
  stats.victims = 2;
  stats.stolen_fen = 123456;

  std::string json = SummaryJson(city, options, stats);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
  EXPECT_EQ(uint64_t(doc["seed"]), 9u);
  EXPECT_EQ(uint64_t(doc["population"]), 13700u);
  EXPECT_EQ(int64_t(doc["days"]), 2);
  EXPECT_EQ(uint64_t(doc["events"]["total"]), 1500u);
  EXPECT_EQ(double(doc["events"]["by_type"]["call"]["per_day"]), 500.0);
  EXPECT_EQ(uint64_t(doc["fraud_events"]["by_type"]["sms"]["total"]), 76u);
  EXPECT_EQ(int64_t(doc["money"]["stolen_fen"]), 123456);
  // count / 2 days * 1000 / fraud scale 2
  auto w = doc["wuhan_scale"];
  EXPECT_EQ(double(w["fraud_numbers_per_day"]["sim"]), 1000.0);
  EXPECT_EQ(int64_t(w["fraud_numbers_per_day"]["wuhan"]), 1200);
  EXPECT_EQ(double(w["fraud_sms_per_day"]["sim"]), 19000.0);
  EXPECT_EQ(int64_t(w["fraud_sms_per_day"]["wuhan"]), 190000);
  EXPECT_EQ(double(w["fraud_web_and_apps_per_day"]["sim"]), 10000.0);
  EXPECT_EQ(int64_t(w["fraud_web_and_apps_per_day"]["wuhan"]), 100000);
  EXPECT_EQ(double(w["targets_engaged_per_day"]["sim"]), 1500.0);
  EXPECT_EQ(int64_t(w["targets_engaged_per_day"]["wuhan"]), 800);
  EXPECT_EQ(double(w["victims_per_day"]["sim"]), 500.0);
  EXPECT_EQ(SummaryJson(city, options, stats), json) << "same inputs, same bytes";

  TempDir dir;
  ASSERT_TRUE(WriteSummary(dir.path() + "/summary.json", city, options, stats).ok());
  EXPECT_EQ(ReadFileBytes(dir.path() + "/summary.json"), json + "\n");
}

TEST(Summary, ZeroDaysHasNoDivisionByZero) {
  EngineOptions options;
  options.days = 0;
  std::string json = SummaryJson(CityOptions(), options, Engine::Stats());
  EXPECT_EQ(json.find("nan"), std::string::npos);
  EXPECT_EQ(json.find("inf"), std::string::npos);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
}

}  // namespace
}  // namespace wuzha::sim
