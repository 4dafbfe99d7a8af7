// wuzha eval intercept on a small city: the figures are against the truth, the loop
// (auto-listing) adds what the detectors alone miss, and the result is deterministic.
#include "cli/intercept_eval.h"

#include <gtest/gtest.h>

#include <regex>

namespace wuzha::cli {
namespace {

InterceptEvalOptions Small() {
  InterceptEvalOptions o;
  o.seed = 5;
  o.population = 10000;
  o.days = 2;
  o.threads = 2;
  return o;
}

const InterceptEvalResult& WithLoop() {
  static const InterceptEvalResult r = [] {
    auto result = RunInterceptEval(Small());
    EXPECT_TRUE(result.ok()) << result.error().message();
    return result.ok() ? *result : InterceptEvalResult{};
  }();
  return r;
}

TEST(InterceptEval, ScoresEveryChannelAgainstTheTruth) {
  const InterceptEvalResult& r = WithLoop();
  std::printf("%s\n", r.ToJson().c_str());
  for (const ChannelScore* c : {&r.call, &r.sms, &r.web}) EXPECT_GT(c->fraud, 0u);
  for (const ChannelScore* c : {&r.call, &r.sms, &r.web, &r.app}) {
    EXPECT_GT(c->legit, c->fraud);
    EXPECT_LE(c->fraud_blocked + c->fraud_warned, c->fraud);
    EXPECT_LE(c->legit_blocked + c->legit_warned, c->legit);
  }
  // The fraud SMS are what the classifier (trained on another city) is for.
  EXPECT_GE(r.sms.recall(), 0.9);
  for (const ChannelScore* c : {&r.call, &r.sms, &r.web, &r.app}) {
    EXPECT_LE(c->false_block_rate(), 0.001);
  }
  EXPECT_GT(r.listed, 0u);
  EXPECT_GT(r.classifier_training_texts, 1000u);
  const std::string json = r.ToJson();
  for (const char* field : {"\"channels\"", "\"call\"", "\"sms\"", "\"web\"", "\"app\"", "\"recall\"",
                            "\"false_block_rate\"", "\"blocked_per_day_at_13_7m\"", "\"wuhan_per_day\""}) {
    EXPECT_NE(json.find(field), std::string::npos) << field;
  }
}

TEST(InterceptEval, AutoListingBlocksWhatTheDetectorsAloneMiss) {
  InterceptEvalOptions o = Small();
  o.auto_list = false;
  auto without = RunInterceptEval(o);
  ASSERT_TRUE(without.ok());
  const InterceptEvalResult& with = WithLoop();
  EXPECT_EQ(without->listed, 0u);
  EXPECT_EQ(without->call.fraud, with.call.fraud);  // open loop: the same city either way
  EXPECT_GT(with.call.fraud_blocked, without->call.fraud_blocked);
  EXPECT_GE(with.sms.fraud_blocked, without->sms.fraud_blocked);
}

TEST(InterceptEval, SameSeedSameFigures) {
  auto again = RunInterceptEval(Small());
  ASSERT_TRUE(again.ok());
  auto strip = [](std::string s) { return std::regex_replace(s, std::regex("\"seconds\":[0-9.]+"), ""); };
  EXPECT_EQ(strip(again->ToJson()), strip(WithLoop().ToJson()));
}

}  // namespace
}  // namespace wuzha::cli
