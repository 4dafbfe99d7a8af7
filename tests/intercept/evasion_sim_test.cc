// The simulator's evasive fraud SMS are caught at the same rate as the same messages
// without evasions: each evasion kind alone and all of them together, through the
// Checker (normalizer, keyword rules and a classifier trained on plain sim texts only,
// so nothing it learned came from the evasions).
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include "intercept/checker.h"
#include "intercept/sms_classifier.h"
#include "intercept/sms_rules.h"
#include "lists/store.h"
#include "sim/text_gen.h"

namespace wuzha::intercept {
namespace {

constexpr FraudType kTypes[] = {
    FraudType::kOrderBrushing, FraudType::kFakeInvestment, FraudType::kFakeCustomerService,
    FraudType::kFakePolice,    FraudType::kFakeLoan,       FraudType::kFakeInsurance,
    FraudType::kRomance,       FraudType::kGameTrade};

sim::FraudSmsInput Input(FraudType type, Rng& rng) {
  sim::FraudSmsInput in{type, {}, {}, nullptr, Money()};
  const auto& brands = sim::Brands();
  in.url = sim::LureUrl(sim::FraudDomain(type, rng), rng);
  in.brand = &brands[rng.Uniform(brands.size())];
  return in;
}

std::unique_ptr<SmsClassifier> TrainOnPlainSimTexts() {
  Rng rng(11);
  std::vector<LabeledText> train;
  for (int i = 0; i < 4000; ++i) {
    const FraudType type = kTypes[i % 8];
    train.push_back({std::string(FraudTypeName(type)), sim::FraudSms(Input(type, rng), 0.0, rng)});
    train.push_back({"0", sim::LegitSms(static_cast<sim::LegitSmsKind>(i % sim::kLegitSmsKindCount), rng)});
  }
  ClassifierOptions options;
  options.epoch = 10;
  auto model = SmsClassifier::Train(train, options);
  EXPECT_TRUE(model.ok());
  return std::make_unique<SmsClassifier>(std::move(model).value());
}

constexpr int kMessages = 800;

struct Corpus {
  std::vector<std::string> plain;
  std::vector<FraudType> types;
};

const Corpus& PlainFraudSms() {
  static const Corpus corpus = [] {
    Corpus c;
    Rng rng(2024);
    for (int i = 0; i < kMessages; ++i) {
      c.types.push_back(kTypes[i % 8]);
      c.plain.push_back(sim::FraudSms(Input(c.types.back(), rng), 0.0, rng));
    }
    return c;
  }();
  return corpus;
}

// For each evasion kind alone and all together: the texts it changed, how many of them
// `caught` flags, and how many of their plain originals it flags.
struct KindRate {
  std::string name;
  int changed = 0, evasive_caught = 0, plain_caught = 0;
};

std::vector<KindRate> EvasionTable(const std::function<bool(const std::string&)>& caught) {
  const Corpus& corpus = PlainFraudSms();
  std::vector<KindRate> table;
  const uint32_t kAll = (1u << sim::kEvasionKindCount) - 1;
  for (int kind = 0; kind <= sim::kEvasionKindCount; ++kind) {
    const uint32_t kinds = kind == sim::kEvasionKindCount ? kAll : 1u << kind;
    KindRate r;
    r.name = kinds == kAll ? "all" : std::string(sim::EvasionName(kinds));
    Rng rng(7 + kind);
    for (int i = 0; i < kMessages; ++i) {
      uint32_t applied = 0;
      const std::string evasive = sim::ApplyEvasions(corpus.plain[i], corpus.types[i], kinds, rng, &applied);
      if (applied == 0) continue;
      ++r.changed;
      r.evasive_caught += caught(evasive);
      r.plain_caught += caught(corpus.plain[i]);
    }
    std::printf("%-12s %4d changed: evasive %.4f, same texts plain %.4f\n", r.name.c_str(), r.changed,
                r.changed ? double(r.evasive_caught) / r.changed : 0.0,
                r.changed ? double(r.plain_caught) / r.changed : 0.0);
    table.push_back(r);
  }
  return table;
}

void ExpectSameRate(const std::vector<KindRate>& table) {
  for (const KindRate& r : table) {
    ASSERT_GT(r.changed, kMessages / 10) << r.name;
    // Same rate: within one point of the plain texts they came from.
    EXPECT_GE(r.evasive_caught, r.plain_caught - r.changed / 100) << r.name;
  }
}

TEST(EvasionSim, EvasiveFraudSmsAreCaughtAsOftenAsPlainOnesWithTheClassifier) {
  lists::Store lists;
  lists.Publish();
  auto checker = Checker::Create(lists, TrainOnPlainSimTexts());
  ASSERT_TRUE(checker.ok()) << checker.error().message();
  auto caught = [&](const std::string& text) {
    return (*checker)->CheckSms({"8613800138000", "8613900139000", text, 0}).decision !=
           Decision::kAllow;
  };
  ExpectSameRate(EvasionTable(caught));
}

// Keywords alone are what evasions aim at: through the normalizer the keyword rule
// still fires as often; on the raw text (the control) the evasions that split or
// disguise keywords make it miss, which is what this test would see if normalization
// broke.
TEST(EvasionSim, KeywordRulesSeeThroughEvasionsOnlyAfterNormalization) {
  lists::Store lists;
  lists.Publish();
  auto checker = Checker::Create(lists);
  ASSERT_TRUE(checker.ok()) << checker.error().message();
  auto caught = [&](const std::string& text) {
    const Verdict v = (*checker)->CheckSms({"8613800138000", "8613900139000", text, 0});
    for (const Reason& r : v.reasons) {
      if (r.rule == "sms.keywords") return true;
    }
    return false;
  };
  const auto table = EvasionTable(caught);
  ExpectSameRate(table);
  EXPECT_GE(double(table.back().plain_caught) / table.back().changed, 0.6);

  auto rules = SmsRules::Build();
  ASSERT_TRUE(rules.ok());
  auto raw_caught = [&](const std::string& text) { return !rules->Scan(text).fraud_type.empty(); };
  std::printf("control, keyword scan of the raw text:\n");
  const auto raw = EvasionTable(raw_caught);
  for (const KindRate& r : raw) {
    if (r.name == "zerowidth" || r.name == "separator" || r.name == "traditional" || r.name == "all") {
      EXPECT_LT(r.evasive_caught, r.plain_caught * 0.8) << r.name << " should defeat a raw scan";
    }
  }
}

}  // namespace
}  // namespace wuzha::intercept
