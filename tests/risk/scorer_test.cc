// The Scorer: decisions from rules and the model, deterministic, with warning signals; the
// training rows equal the serving rows; the model card travels with the model.
#include "risk/scorer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <memory>

#include "risk/trainer.h"
#include "risk/training.h"
#include "synthetic_stream.h"

namespace wuzha::risk {
namespace {

using namespace testing;  // NOLINT: the event helpers

const ContactVerdict* VerdictOf(const StreamEvent& s) {
  return s.has_verdict ? &s.verdict : nullptr;
}

// A model trained on one synthetic stream (rules: the shipped ones).
const RiskTrainResult& Trained() {
  static const RiskTrainResult trained = [] {
    DatasetBuilder builder;
    for (const StreamEvent& s : SyntheticStream(1, 400, 4))
      builder.Add(s.event, VerdictOf(s), s.fraud ? 1.0f : 0.0f);
    RiskTrainOptions o;
    o.params.num_rounds = 40;
    o.rules = RuleSet::Default().get();
    o.trained_on = "synthetic stream 1";
    auto r = TrainRiskModel(builder.data(), builder.groups(), o);
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? *r : RiskTrainResult{};
  }();
  return trained;
}

std::shared_ptr<const RiskModel> Model() {
  auto m = RiskModel::FromJson(Trained().model_json);
  EXPECT_TRUE(m.ok()) << m.error().message();
  return std::make_shared<const RiskModel>(std::move(m).value());
}

std::shared_ptr<const RuleSet> Rules(std::string_view text) {
  auto r = RuleSet::Parse(text, "test.toml");
  EXPECT_TRUE(r.ok()) << r.error().message();
  return std::make_shared<const RuleSet>(std::move(r).value());
}

TEST(Scorer, TrainingRowsEqualServingRows) {
  const auto stream = SyntheticStream(2, 300, 2);
  DatasetBuilder builder;
  Scorer scorer(RuleSet::Default(), Model());
  std::vector<FeatureRow> served;
  for (const StreamEvent& s : stream) {
    builder.Add(s.event, VerdictOf(s), 0);
    if (s.event.type == EventType::kTransfer) served.push_back(scorer.Decide(s.event).features);
    scorer.Observe(s.event, VerdictOf(s));
  }
  const Dataset& data = builder.data();
  ASSERT_EQ(served.size(), data.num_rows());
  ASSERT_GT(served.size(), 500u);
  for (size_t r = 0; r < served.size(); ++r) {
    ASSERT_EQ(0, std::memcmp(served[r].data(), data.features.data() + r * kFeatureCount,
                             sizeof(FeatureRow)))
        << "row " << r;
  }
}

TEST(Scorer, DecisionsAreDeterministic) {
  const auto stream = SyntheticStream(3, 300, 2);
  auto run = [&] {
    Scorer scorer(RuleSet::Default(), Model());
    std::string log;
    scorer.set_signal_sink(
        [&](const WarningSignal& s) { log += "signal " + s.account + " " + s.reason + "\n"; });
    for (const StreamEvent& s : stream) {
      if (s.event.type == EventType::kTransfer) {
        const RiskDecision& d = scorer.Decide(s.event);
        char score[32];
        std::snprintf(score, sizeof score, "%a", static_cast<double>(d.score));
        log += std::string(DecisionName(d.decision)) + " " + score + " " + scorer.Reasons(d) + "\n";
      }
      scorer.Observe(s.event, VerdictOf(s));
    }
    return log;
  };
  const std::string first = run();
  EXPECT_EQ(first, run());
  EXPECT_NE(first.find("signal"), std::string::npos);  // some transfers were stopped
}

TEST(Scorer, BlocksAKnownMulePayeeAndRaisesASignal) {
  Scorer scorer(Rules(R"(format = 1
version = "t"
[[rule]]
name = "known_mule_payee"
decision = "block"
when = ["payee_mule_distance == 0"]
reason = "the payee is a known mule"
)"),
                nullptr);
  std::vector<WarningSignal> signals;
  scorer.set_signal_sink([&](const WarningSignal& s) { signals.push_back(s); });
  ContactVerdict flagged;
  flagged.level = ContactVerdict::Level::kBlock;
  flagged.score = 0.95f;
  flagged.fraud_type = "冒充公检法";
  scorer.Observe(Call(0, "8617000000001", "8613900000001", 1200), &flagged);
  scorer.features().MarkKnownMule("M", At(1));
  Event t = Transfer(5, "V", "M", 20000, "8613900000001");
  t.id = "E42";
  const RiskDecision& d = scorer.Decide(t);
  EXPECT_EQ(d.decision, Decision::kBlock);
  EXPECT_EQ(d.rule_decision, Decision::kBlock);
  EXPECT_EQ(d.model_decision, Decision::kAllow);
  EXPECT_TRUE(std::isnan(d.score));
  ASSERT_EQ(signals.size(), 1u);
  const WarningSignal& s = signals[0];
  EXPECT_EQ(s.account, "V");
  EXPECT_EQ(s.phone, "8613900000001");
  EXPECT_EQ(s.payee, "M");
  EXPECT_EQ(s.transfer_id, "E42");
  EXPECT_EQ(s.time_ms, At(5));
  EXPECT_EQ(s.amount_fen, 2000000);
  EXPECT_EQ(s.decision, Decision::kBlock);
  EXPECT_EQ(s.fraud_type, "冒充公检法");
  EXPECT_EQ(s.reason, "rule known_mule_payee: the payee is a known mule");
  // An ordinary payee: allowed, no signal.
  EXPECT_EQ(scorer.Decide(Transfer(6, "V", "Shop", 20)).decision, Decision::kAllow);
  EXPECT_EQ(signals.size(), 1u);
}

TEST(Scorer, TheModelHoldsAboveItsThreshold) {
  const auto model = Model();
  // No rules: only the model decides.
  Scorer scorer(Rules("format = 1\nversion = \"none\"\n"), model);
  ASSERT_TRUE(model->card().thresholds.hold.has_value());
  EXPECT_FLOAT_EQ(scorer.thresholds().hold, *model->card().thresholds.hold);
  int holds = 0, fraud_held = 0, fraud = 0, legit_held = 0, legit = 0;
  for (const StreamEvent& s : SyntheticStream(4, 400, 2)) {
    if (s.event.type == EventType::kTransfer) {
      const RiskDecision& d = scorer.Decide(s.event);
      EXPECT_EQ(d.decision, d.model_decision);
      EXPECT_EQ(d.decision >= Decision::kHold, d.score >= scorer.thresholds().hold);
      holds += d.decision >= Decision::kHold;
      (s.fraud ? fraud : legit)++;
      (s.fraud ? fraud_held : legit_held) += d.decision >= Decision::kHold;
    }
    scorer.Observe(s.event, VerdictOf(s));
  }
  EXPECT_GT(holds, 0);
  EXPECT_GT(fraud_held, fraud * 8 / 10) << fraud_held << " of " << fraud;
  EXPECT_LT(legit_held, legit / 100 + 2) << legit_held << " of " << legit;
}

TEST(Scorer, TheRuleFileOverridesTheModelThresholds) {
  Scorer scorer(Rules("format = 1\nversion = \"t\"\n[model]\nhold = 0.25\nblock = 0.75\n"),
                Model());
  EXPECT_FLOAT_EQ(scorer.thresholds().hold, 0.25f);
  EXPECT_FLOAT_EQ(scorer.thresholds().block, 0.75f);
  EXPECT_FLOAT_EQ(scorer.thresholds().warn, *Model()->card().thresholds.warn);
  scorer.SetRules(Rules("format = 1\nversion = \"t2\"\n"));
  EXPECT_FLOAT_EQ(scorer.thresholds().hold, *Model()->card().thresholds.hold);
  EXPECT_EQ(scorer.rules().version(), "t2");
}

TEST(Scorer, MaskedFeaturesAreMissingForRulesAndModel) {
  ScorerOptions o;
  o.masked = {Feature::kMinSinceFlaggedCall, Feature::kAmountYuan};
  Scorer scorer(Rules(R"(format = 1
version = "t"
[[rule]]
name = "flagged_call"
decision = "hold"
when = ["min_since_flagged_call < 60"]
reason = "r"
)"),
                nullptr, o);
  ContactVerdict flagged;
  flagged.level = ContactVerdict::Level::kWarn;
  flagged.score = 0.9f;
  scorer.Observe(Call(0, "8617000000001", "8613900000001", 60), &flagged);
  const RiskDecision& d = scorer.Decide(Transfer(5, "V", "M", 20000, "8613900000001"));
  EXPECT_EQ(d.decision, Decision::kAllow);
  EXPECT_TRUE(std::isnan(d.features[static_cast<size_t>(Feature::kMinSinceFlaggedCall)]));
  EXPECT_TRUE(std::isnan(d.features[static_cast<size_t>(Feature::kAmountYuan)]));
  EXPECT_FALSE(std::isnan(d.features[static_cast<size_t>(Feature::kMinSinceUnknownCall)]));
}

TEST(RiskModel, TheCardTravelsWithTheModel) {
  const RiskTrainResult& t = Trained();
  auto model = RiskModel::FromJson(t.model_json);
  ASSERT_TRUE(model.ok()) << model.error().message();
  EXPECT_EQ(model->card().trained_on, "synthetic stream 1");
  EXPECT_EQ(*model->card().thresholds.hold, *t.card.thresholds.hold);
  EXPECT_EQ(*model->card().thresholds.block, *t.card.thresholds.block);
  EXPECT_EQ(*model->card().thresholds.warn, *t.card.thresholds.warn);
  EXPECT_LE(*t.card.thresholds.warn, *t.card.thresholds.hold);
  EXPECT_LE(*t.card.thresholds.hold, *t.card.thresholds.block);
  EXPECT_TRUE(model->card().masked.empty());
  // XGBoost reads the same file and scores as our evaluator.
  auto xgb = XgbPredictor::FromJson(t.model_json);
  ASSERT_TRUE(xgb.ok()) << xgb.error().message();
  DatasetBuilder builder;
  for (const StreamEvent& s : SyntheticStream(5, 200, 1)) builder.Add(s.event, VerdictOf(s), 0);
  const Dataset& d = builder.data();
  for (size_t r = 0; r < std::min<size_t>(d.num_rows(), 300); ++r) {
    std::span<const float> row(d.features.data() + r * kFeatureCount, kFeatureCount);
    auto theirs = xgb->Predict(row);
    ASSERT_TRUE(theirs.ok());
    EXPECT_NEAR(model->trees().Predict(row), *theirs, 1e-6) << "row " << r;
  }
}

TEST(RiskModel, AMaskedModelSaysSo) {
  DatasetBuilder builder;
  for (const StreamEvent& s : SyntheticStream(6, 300, 3))
    builder.Add(s.event, VerdictOf(s), s.fraud ? 1.0f : 0.0f);
  RiskTrainOptions o;
  o.params.num_rounds = 10;
  o.masked = {Feature::kMinSinceFraudSms, Feature::kMinSinceFlaggedCall};
  auto r = TrainRiskModel(builder.data(), builder.groups(), o);
  ASSERT_TRUE(r.ok()) << r.error().message();
  auto model = RiskModel::FromJson(r->model_json);
  ASSERT_TRUE(model.ok());
  EXPECT_TRUE(model->masked(Feature::kMinSinceFraudSms));
  EXPECT_TRUE(model->masked(Feature::kMinSinceFlaggedCall));
  EXPECT_FALSE(model->masked(Feature::kPayeeNew));
}

TEST(RiskModel, AModelWithoutItsCardIsRefused) {
  Dataset d;
  d.num_features = kFeatureCount;
  for (int r = 0; r < 200; ++r) {
    for (size_t f = 0; f < kFeatureCount; ++f)
      d.features.push_back(static_cast<float>((r * 7 + f) % 13));
    d.labels.push_back(r % 2);
  }
  TrainParams p;
  p.num_rounds = 2;
  auto json = TrainGbt(d, p);
  ASSERT_TRUE(json.ok());
  auto model = RiskModel::FromJson(*json);
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(model.error().message().find("learner.attributes.wuzha.features"),
            std::string_view::npos)
      << model.error().message();
  // A card naming other features is refused too.
  auto other = WithAttributes(*json, {{"wuzha.features", "amount_yuan,night"}});
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(RiskModel::FromJson(*other).ok());
  auto missing = RiskModel::LoadFile("/nonexistent/model.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace wuzha::risk
