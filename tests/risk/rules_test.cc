// The rule file: parsing, validation with the line of the first problem, evaluation.
#include "risk/rules.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace wuzha::risk {
namespace {

FeatureRow Row() {
  FeatureRow row;
  row.fill(std::numeric_limits<float>::quiet_NaN());
  return row;
}

void Set(FeatureRow& row, Feature f, float v) { row[static_cast<size_t>(f)] = v; }

constexpr std::string_view kGood = R"(format = 1
version = "test.1"

[model]
warn = 0.4
hold = 0.8

[[rule]]
name = "known_mule_payee"
decision = "block"
when = ["payee_mule_distance == 0"]
reason = "the payee is a known mule"

[[rule]]
name = "big_new_payee_after_flagged_call"
decision = "hold"
when = ["payee_new == 1", "amount_yuan >= 5000", "min_since_flagged_call <= 60"]
reason = "a large transfer to a new payee within an hour of a flagged call"
fraud_type = "冒充客服"

[[rule]]
name = "switched_off"
decision = "block"
when = ["amount_yuan > 0"]
reason = "never applies"
enabled = false
)";

// The status of parsing `text` as "r.toml".
Status ParseError(std::string_view text) {
  auto parsed = RuleSet::Parse(text, "r.toml");
  return parsed.ok() ? Status::Ok() : parsed.error();
}

TEST(Rules, ParsesAValidFile) {
  auto parsed = RuleSet::Parse(kGood, "r.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  const RuleSet& set = *parsed;
  EXPECT_EQ(set.version(), "test.1");
  EXPECT_EQ(set.format(), 1);
  ASSERT_EQ(set.rules().size(), 2u);  // the disabled one is dropped
  EXPECT_EQ(set.rules()[0].name, "known_mule_payee");
  EXPECT_EQ(set.rules()[0].decision, Decision::kBlock);
  EXPECT_EQ(set.rules()[0].line, 8);
  EXPECT_EQ(set.rules()[1].when.size(), 3u);
  EXPECT_EQ(set.rules()[1].fraud_type, "冒充客服");
  EXPECT_FLOAT_EQ(*set.model_thresholds().warn, 0.4f);
  EXPECT_FLOAT_EQ(*set.model_thresholds().hold, 0.8f);
  EXPECT_FALSE(set.model_thresholds().block.has_value());
}

TEST(Rules, TheShippedFileParses) {
  auto parsed = RuleSet::Parse(RuleSet::DefaultText(), "data/risk/rules.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_FALSE(parsed->rules().empty());
  EXPECT_EQ(RuleSet::Default()->rules().size(), parsed->rules().size());
  auto from_disk = RuleSet::LoadFile(std::string(WUZHA_SOURCE_DIR) + "/data/risk/rules.toml");
  ASSERT_TRUE(from_disk.ok()) << from_disk.error().message();
  EXPECT_EQ(from_disk->version(), parsed->version());
}

TEST(Rules, EvaluatesToTheMostSevereMatchingRule) {
  auto set = RuleSet::Parse(kGood, "r.toml");
  ASSERT_TRUE(set.ok());
  FeatureRow row = Row();
  std::vector<uint16_t> matched;
  EXPECT_EQ(set->Evaluate(row, &matched), Decision::kAllow);  // missing features never match
  EXPECT_TRUE(matched.empty());
  Set(row, Feature::kPayeeNew, 1);
  Set(row, Feature::kAmountYuan, 8000);
  Set(row, Feature::kMinSinceFlaggedCall, 12);
  EXPECT_EQ(set->Evaluate(row, &matched), Decision::kHold);
  EXPECT_EQ(matched, std::vector<uint16_t>{1});
  Set(row, Feature::kPayeeMuleDistance, 0);
  matched.clear();
  EXPECT_EQ(set->Evaluate(row, &matched), Decision::kBlock);
  EXPECT_EQ(matched, (std::vector<uint16_t>{0, 1}));
  Set(row, Feature::kMinSinceFlaggedCall, 61);
  EXPECT_EQ(set->Evaluate(row, nullptr), Decision::kBlock);
}

TEST(Rules, ConditionsParse) {
  auto c = ParseCondition("  amount_yuan>=5000.5 ");
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(c->feature, Feature::kAmountYuan);
  EXPECT_EQ(c->op, CompareOp::kGreaterEqual);
  EXPECT_FLOAT_EQ(c->value, 5000.5f);
  for (auto [text, op] : {std::pair{"night == 1", CompareOp::kEqual},
                          {"night != 1", CompareOp::kNotEqual},
                          {"night < 1", CompareOp::kLess},
                          {"night <= 1", CompareOp::kLessEqual},
                          {"night > 1", CompareOp::kGreater}}) {
    auto parsed = ParseCondition(text);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_EQ(parsed->op, op) << text;
  }
  FeatureRow row = Row();
  EXPECT_FALSE(ParseCondition("night != 1")->Holds(row));  // missing: false even for !=
  Set(row, Feature::kNight, 0);
  EXPECT_TRUE(ParseCondition("night != 1")->Holds(row));
}

TEST(Rules, BadConditionsSayWhatIsWrong) {
  auto typo = ParseCondition("payee_nwe == 1");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(typo.error().message().find("unknown feature 'payee_nwe' (did you mean 'payee_new'?)"),
            std::string_view::npos)
      << typo.error().message();
  EXPECT_FALSE(ParseCondition("payee_new = 1").ok());
  EXPECT_FALSE(ParseCondition("payee_new == one").ok());
  EXPECT_FALSE(ParseCondition("payee_new == 1 2").ok());
  EXPECT_FALSE(ParseCondition("payee_new == inf").ok());
  EXPECT_FALSE(ParseCondition("== 1").ok());
}

struct BadFile {
  const char* what;
  std::string text;
  std::string expected;  // the start of the message
};

TEST(Rules, AMalformedFileIsRejectedNamingTheLine) {
  const std::string head = "format = 1\nversion = \"v\"\n";  // lines 1-2
  const BadFile cases[] = {
      {"unknown feature",
       head + "[[rule]]\nname = \"a\"\ndecision = \"hold\"\nwhen = [\"payee_nwe == 1\"]\nreason = "
              "\"r\"\n",
       "r.toml:6: rule[0].when[0]: unknown feature 'payee_nwe'"},
      {"bad decision",
       head + "[[rule]]\nname = \"a\"\ndecision = \"freeze\"\nwhen = [\"night == 1\"]\nreason = "
              "\"r\"\n",
       "r.toml:5: rule[0].decision: must be"},
      {"missing reason",
       head + "\n[[rule]]\nname = \"a\"\ndecision = \"hold\"\nwhen = [\"night == 1\"]\n",
       "r.toml:4: rule[0]: missing key 'reason'"},
      {"duplicate name",
       head +
           "[[rule]]\nname = \"a\"\ndecision = \"hold\"\nwhen = [\"night == 1\"]\nreason = "
           "\"r\"\n" +
           "[[rule]]\nname = \"a\"\ndecision = \"hold\"\nwhen = [\"night == 1\"]\nreason = \"r\"\n",
       "r.toml:9: rule[1].name: duplicate rule name 'a'"},
      {"unknown rule key",
       head +
           "[[rule]]\nname = \"a\"\ndecison = \"hold\"\nwhen = [\"night == 1\"]\nreason = \"r\"\n",
       "r.toml:5: rule[0]: unknown key 'decison'"},
      {"empty when",
       head + "[[rule]]\nname = \"a\"\ndecision = \"hold\"\nwhen = []\nreason = \"r\"\n",
       "r.toml:6: rule[0].when: must be a non-empty array"},
      {"syntax error", head + "[[rule]]\nname = \"a\n", "r.toml:4:"},
      {"thresholds out of order", head + "[model]\nwarn = 0.9\nhold = 0.5\n",
       "r.toml:3: [model]: thresholds"},
      {"threshold out of range", head + "[model]\nhold = 1.5\n",
       "r.toml:4: [model].hold: must be a number"},
      {"unknown top-level key", head + "rulez = 1\n", "r.toml:3: unknown key 'rulez'"},
      {"wrong format", "format = 2\nversion = \"v\"\n", "r.toml:1: format: must be 1"},
      {"no version", "format = 1\n", "r.toml:1: missing key 'version'"},
      {"bad fraud type",
       head +
           "[[rule]]\nname = \"a\"\ndecision = \"hold\"\nwhen = [\"night == 1\"]\nreason = \"r\"\n"
           "fraud_type = \"lottery\"\n",
       "r.toml:8: rule[0].fraud_type: not a fraud type"},
  };
  for (const BadFile& c : cases) {
    const Status s = ParseError(c.text);
    ASSERT_FALSE(s.ok()) << c.what;
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.what;
    EXPECT_EQ(s.message().substr(0, c.expected.size()), c.expected)
        << c.what << ": " << s.message();
  }
}

TEST(Rules, AMissingFileIsNotFound) {
  auto missing = RuleSet::LoadFile("/nonexistent/rules.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
}

TEST(Rules, DecisionNames) {
  for (Decision d : {Decision::kAllow, Decision::kWarn, Decision::kHold, Decision::kBlock}) {
    Decision back;
    ASSERT_TRUE(ParseDecision(DecisionName(d), back));
    EXPECT_EQ(back, d);
  }
  Decision x;
  EXPECT_FALSE(ParseDecision("freeze", x));
}

}  // namespace
}  // namespace wuzha::risk
