#include "ingest/ingest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "../formats/temp_dir.h"
#include "ingest/quarantine.h"

namespace wuzha::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using wuzha::testing::ReadFileBytes;
using wuzha::testing::TempDir;

// RFC 4648 base64 decoding, the inverse of Base64Encode, to check raw_base64.
std::string Base64Decode(std::string_view in) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t bits = 0;
  int nbits = 0;
  for (char c : in) {
    if (c == '=') break;
    size_t v = kAlphabet.find(c);
    if (v == std::string_view::npos) {
      ADD_FAILURE() << "not base64: " << in;
      return out;
    }
    bits = bits << 6 | static_cast<uint32_t>(v);
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out.push_back(static_cast<char>((bits >> nbits) & 0xFF));
    }
  }
  return out;
}

std::string Call(std::string_view id, int64_t ts) {
  return R"({"type":"call","id":")" + std::string(id) + R"(","ts":)" + std::to_string(ts) +
         R"(,"caller":"13800138000","callee":"13912345678"})";
}

// One ingest run into a quarantine file in a temp dir, with what the sink saw.
class IngestRun : public ::testing::Test {
 protected:
  struct Seen {
    std::string id;
    int64_t ts;
    uint64_t seq;
  };

  std::string Write(std::string_view name, std::string_view bytes) {
    return dir_.Write(name, bytes);
  }

  // Runs the ingestor over `paths`; `on_event` may refuse the event it is given.
  Status Run(const std::vector<std::string>& paths,
             const std::function<Status(Ingestor&, Event&)>& on_event = nullptr) {
    quarantine_path_ = dir_.path() + "/quarantine.jsonl";
    auto writer = QuarantineWriter::Open(quarantine_path_);
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    if (!writer.ok()) return writer.status();
    quarantine_ = std::move(writer).value();
    ingestor_ = std::make_unique<Ingestor>(options_, quarantine_.get());
    Status s = ingestor_->Run(paths, [this, &on_event](Event& e) {
      seen_.push_back({e.id, e.ts.millis(), e.seq});
      return on_event ? on_event(*ingestor_, e) : Status::Ok();
    });
    quarantine_.reset();  // closes the file
    return s;
  }

  // The quarantine file, one parsed object per line.
  std::vector<nlohmann::json> Quarantined() const {
    std::vector<nlohmann::json> out;
    const std::string text = ReadFileBytes(quarantine_path_);
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      EXPECT_NE(nl, std::string::npos) << "the last quarantine line has no newline";
      if (nl == std::string::npos) break;
      out.push_back(nlohmann::json::parse(text.substr(start, nl - start)));
      start = nl + 1;
    }
    return out;
  }

  const IngestSummary& summary() const { return ingestor_->summary(); }

  TempDir dir_;
  IngestOptions options_{formats::ReaderOptions(), Progress::kNever};
  std::string quarantine_path_;
  std::unique_ptr<QuarantineWriter> quarantine_;
  std::unique_ptr<Ingestor> ingestor_;
  std::vector<Seen> seen_;
};

// One line per refusal class at a known line number, between good lines.
struct BadLine {
  std::string text;
  std::string_view reason;
  std::string_view field;
};

TEST_F(IngestRun, SendsEachBadInputClassToQuarantineWithItsFileLineAndField) {
  options_.reader.max_line_bytes = 200;
  const std::string gbk_line =
      "{\"type\":\"sms\",\"ts\":5,\"sender\":\"95588\",\"receiver\":\"13800138000\","
      "\"text\":\"\xC4\xE3\xBA\xC3\"}";
  const std::string too_long =
      R"({"type":"feedback","ts":9,"warning_id":"W1","outcome":"refused","note":")" +
      std::string(300, 'n') + "\"}";
  // Line numbers are 1-based positions in this list; "" is a blank line.
  const std::vector<BadLine> lines = {
      {Call("good-1", 1), "", ""},
      {R"({"type":"call","ts":2,"caller":"13800138000")", "malformed", ""},
      {"[1,2,3]", "malformed", ""},
      {"", "", ""},
      {gbk_line, "bad_encoding", ""},
      {R"({"ts":6,"caller":"13800138000","callee":"13912345678"})", "missing_type", "type"},
      {R"({"type":"fax","ts":7})", "unknown_type", "type"},
      {R"({"type":"transfer","ts":8,"to_account":"6217002870012345678","amount_fen":100})",
       "missing_field", "from_account"},
      {Call("good-2", 9), "", ""},
      {R"({"type":"call","ts":10,"caller":"1380013800","callee":"13912345678"})", "invalid_value",
       "caller"},
      {R"({"type":"call","ts":11,"caller":{"n":"13800138000"},"callee":"13912345678"})",
       "wrong_type", "caller"},
      {too_long, "line_too_long", ""},
      {"   ", "", ""},
      {Call("good-3", 14), "", ""},
  };
  std::string file;
  for (const BadLine& l : lines) file += l.text + "\n";
  const std::string path = Write("mixed.jsonl", file);

  ASSERT_TRUE(Run({path}).ok());

  std::vector<nlohmann::json> q = Quarantined();
  size_t next = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const BadLine& l = lines[i];
    if (l.reason.empty()) continue;
    SCOPED_TRACE("line " + std::to_string(i + 1) + " (" + std::string(l.reason) + ")");
    ASSERT_LT(next, q.size()) << "not quarantined";
    const nlohmann::json& r = q[next++];
    EXPECT_EQ(r["file"], path);
    EXPECT_EQ(r["line"], i + 1);
    EXPECT_EQ(r["field"], l.field);
    EXPECT_EQ(r["reason"], l.reason);
    EXPECT_FALSE(r["message"].get<std::string>().empty());
    if (l.reason == "bad_encoding") {
      EXPECT_THAT(r["message"].get<std::string>(), HasSubstr("GBK"));
      ASSERT_TRUE(r.contains("raw_base64"));
      EXPECT_EQ(Base64Decode(r["raw_base64"].get<std::string>()), l.text)
          << "the exact bytes as read";
      EXPECT_THAT(r["raw"].get<std::string>(), HasSubstr("\xEF\xBF\xBD"));
    } else if (l.reason == "line_too_long") {
      EXPECT_EQ(r["raw"], l.text.substr(0, 200)) << "the head of the line";
      EXPECT_THAT(r["message"].get<std::string>(), HasSubstr(std::to_string(l.text.size())));
      EXPECT_FALSE(r.contains("raw_base64"));
    } else {
      EXPECT_EQ(r["raw"], l.text);
      EXPECT_FALSE(r.contains("raw_base64"));
    }
  }
  EXPECT_EQ(next, q.size()) << "more quarantined than expected";

  const IngestSummary& s = summary();
  EXPECT_EQ(s.read, 12u);
  EXPECT_EQ(s.accepted, 3u);
  EXPECT_EQ(s.quarantined, 9u);
  EXPECT_EQ(s.read, s.accepted + s.quarantined);
  EXPECT_EQ(s.blank_lines, 2u) << "blank lines are counted, not quarantined";
  EXPECT_EQ(s.by_reason, (std::map<std::string, uint64_t>{{"bad_encoding", 1},
                                                          {"invalid_value", 1},
                                                          {"line_too_long", 1},
                                                          {"malformed", 2},
                                                          {"missing_field", 1},
                                                          {"missing_type", 1},
                                                          {"unknown_type", 1},
                                                          {"wrong_type", 1}}));
  EXPECT_EQ(s.by_type, (std::map<std::string, uint64_t>{{"call", 3}}));
  ASSERT_EQ(s.files.size(), 1u);
  EXPECT_EQ(s.files[0].format, "jsonl");
  EXPECT_EQ(s.files[0].encoding, "utf-8");
  EXPECT_EQ(s.files[0].read, 12u);
  EXPECT_EQ(s.files[0].accepted, 3u);
  EXPECT_EQ(s.files[0].quarantined, 9u);
  EXPECT_EQ(s.files[0].blank_lines, 2u);
  EXPECT_TRUE(s.files[0].error.empty());
  EXPECT_EQ(s.quarantine_path, quarantine_path_);
  ASSERT_EQ(seen_.size(), 3u);
  EXPECT_EQ(seen_[0].id, "good-1");
  EXPECT_EQ(seen_[2].id, "good-3");
}

TEST_F(IngestRun, KeepsTheGbkBytesOfACsvRowRefusedAsBadEncoding) {
  options_.reader.csv_encoding = formats::TextEncoding::kUtf8;
  const std::string row = "1,W1,refused,\xD2\xD1\xC8\xB0\xD7\xE8";  // 已劝阻 in GBK
  const std::string path = Write("feedback.csv", "ts,warning_id,outcome,note\n" + row + "\r\n");
  ASSERT_TRUE(Run({path}).ok());
  auto q = Quarantined();
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0]["line"], 2);
  EXPECT_EQ(q[0]["reason"], "bad_encoding");
  EXPECT_EQ(Base64Decode(q[0]["raw_base64"].get<std::string>()), row);
}

TEST_F(IngestRun, RecordsAFileThatCannotBeReadAndReadsTheOthers) {
  const std::string first = Write("a.jsonl", Call("a1", 1) + "\n");
  const std::string missing = dir_.path() + "/missing.jsonl";
  const std::string no_type = Write("export.csv", "ts,caller,callee\n1,13800138000,13912345678\n");
  const std::string last = Write("b.jsonl", Call("b1", 2) + "\n" + Call("b2", 3) + "\n");

  ASSERT_TRUE(Run({first, missing, no_type, last}).ok());

  const IngestSummary& s = summary();
  EXPECT_EQ(s.files_failed, 2u);
  ASSERT_EQ(s.files.size(), 4u);
  EXPECT_TRUE(s.files[0].error.empty());
  EXPECT_THAT(s.files[1].error, HasSubstr(missing));
  EXPECT_THAT(s.files[2].error, HasSubstr(no_type + ":1:"));
  EXPECT_TRUE(s.files[3].error.empty());
  EXPECT_EQ(s.files[3].accepted, 2u);
  EXPECT_EQ(s.accepted, 3u);
  EXPECT_EQ(s.quarantined, 0u);
  EXPECT_THAT(s.ToText(), HasSubstr("file not read: " + missing));
  EXPECT_TRUE(Quarantined().empty());
}

TEST_F(IngestRun, QuarantineCurrentMovesTheRecordFromAcceptedToQuarantined) {
  const std::string a =
      Write("a.jsonl", Call("a1", 1) + "\n" + Call("a2", 3) + "\n" + Call("a3", 5) + "\n");
  const std::string b = Write("b.jsonl", Call("b1", 2) + "\n" + Call("late", 4) + "\n");
  ASSERT_TRUE(Run({a, b}, [](Ingestor& ingestor, Event& e) {
                if (e.id != "late") return Status::Ok();
                return ingestor.QuarantineCurrent(formats::Reason::kLateEvent, "ts",
                                                  "older than the watermark");
              }).ok());

  const IngestSummary& s = summary();
  EXPECT_EQ(s.read, 5u);
  EXPECT_EQ(s.accepted, 4u);
  EXPECT_EQ(s.quarantined, 1u);
  EXPECT_EQ(s.by_reason, (std::map<std::string, uint64_t>{{"late_event", 1}}));
  EXPECT_EQ(s.by_type, (std::map<std::string, uint64_t>{{"call", 4}}));
  EXPECT_EQ(s.files[1].accepted, 1u);
  EXPECT_EQ(s.files[1].quarantined, 1u);
  auto q = Quarantined();
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0]["file"], b);
  EXPECT_EQ(q[0]["line"], 2);
  EXPECT_EQ(q[0]["field"], "ts");
  EXPECT_EQ(q[0]["reason"], "late_event");
  EXPECT_EQ(q[0]["message"], "older than the watermark");
  EXPECT_EQ(q[0]["raw"], Call("late", 4));
}

TEST_F(IngestRun, MergesFilesCoveringTheSamePeriodByEventTime) {
  const std::string carrier =
      Write("carrier.jsonl", Call("a1", 10) + "\n" + Call("a2", 20) + "\n" + Call("a3", 20) + "\n" +
                                 Call("a4", 40) + "\n");
  const std::string bank = Write("bank.csv",
                                 "type,id,ts,caller,callee\n"
                                 "call,b1,5,13800138000,13912345678\n"
                                 "call,b2,20,13800138000,13912345678\n"
                                 "call,b3,30,13800138000,13912345678\n"
                                 "call,b4,50,13800138000,13912345678\n");
  ASSERT_TRUE(Run({carrier, bank}).ok());

  std::vector<std::string> ids;
  for (size_t i = 0; i < seen_.size(); ++i) {
    ids.push_back(seen_[i].id);
    EXPECT_EQ(seen_[i].seq, i) << "seq numbers the events in the order handed on";
    if (i > 0) {
      EXPECT_LE(seen_[i - 1].ts, seen_[i].ts) << "event " << i;
    }
  }
  // At ts 20 both files have an event: the file named first goes first.
  EXPECT_THAT(ids, ElementsAre("b1", "a1", "a2", "a3", "b2", "b3", "a4", "b4"));
}

TEST_F(IngestRun, StopsWhenTheSinkFailsAndReturnsItsStatus) {
  const std::string path =
      Write("a.jsonl", Call("a1", 1) + "\n" + Call("a2", 2) + "\n" + Call("a3", 3) + "\n");
  Status s = Run({path}, [](Ingestor&, Event& e) {
    return e.id == "a2" ? IoError("disk full") : Status::Ok();
  });
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_EQ(s.message(), "disk full");
  EXPECT_EQ(seen_.size(), 2u);
}

TEST_F(IngestRun, CountsBlankLinesWithoutQuarantiningThem) {
  const std::string path = Write("a.jsonl", "\n" + Call("a1", 1) + "\n\n  \t\n\r\n");
  ASSERT_TRUE(Run({path}).ok());
  EXPECT_EQ(summary().blank_lines, 4u);
  EXPECT_EQ(summary().read, 1u);
  EXPECT_EQ(summary().quarantined, 0u);
  EXPECT_TRUE(Quarantined().empty());
}

TEST_F(IngestRun, SummaryJsonHasTheCountsAndEveryFile) {
  const std::string path =
      Write("a.jsonl", Call("a1", 1) + "\nnot json\n" +
                           R"({"type":"call","ts":1,"caller":"13800138000","callee":"13912345678",)"
                           R"("operator":"CU"})"
                           "\n");
  ASSERT_TRUE(Run({path}).ok());
  auto j = nlohmann::json::parse(summary().ToJson());
  EXPECT_EQ(j["read"], 3);
  EXPECT_EQ(j["accepted"], 2);
  EXPECT_EQ(j["quarantined"], 1);
  EXPECT_EQ(j["by_reason"]["malformed"], 1);
  EXPECT_EQ(j["by_type"]["call"], 2);
  EXPECT_EQ(j["unknown_fields"]["operator"], 1);
  EXPECT_EQ(j["quarantine"], quarantine_path_);
  ASSERT_EQ(j["files"].size(), 1u);
  EXPECT_EQ(j["files"][0]["path"], path);
  EXPECT_EQ(j["files"][0]["format"], "jsonl");
}

TEST(ParseProgress, KnowsTheThreeModes) {
  Progress p;
  ASSERT_TRUE(ParseProgress("never", p));
  EXPECT_EQ(p, Progress::kNever);
  ASSERT_TRUE(ParseProgress("always", p));
  EXPECT_EQ(p, Progress::kAlways);
  EXPECT_FALSE(ParseProgress("sometimes", p));
}

}  // namespace
}  // namespace wuzha::ingest
