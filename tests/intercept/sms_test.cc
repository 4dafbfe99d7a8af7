#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/fraud_type.h"
#include "intercept/sms_classifier.h"
#include "intercept/sms_rules.h"
#include "intercept/text_eval.h"
#include "text/normalize.h"

namespace wuzha::intercept {
namespace {

TEST(Tokenize, HanCharactersApartLatinWordsAndDigitRunsWhole) {
  EXPECT_EQ(TokenizeForClassifier("您好，点击abc.com 领取123元"),
            "您 好 ， 点 击 abc . com 领 取 123 元");
  EXPECT_EQ(TokenizeForClassifier("   "), "");
  EXPECT_EQ(TokenizeForClassifier(""), "");
}

TEST(LabeledTsv, ReadsLabelsAndTextsAndNamesTheBadLine) {
  const auto dir = std::filesystem::temp_directory_path() / "wuzha_tsv_test";
  std::filesystem::create_directories(dir);
  const std::string good = (dir / "good.tsv").string(), bad = (dir / "bad.tsv").string();
  std::ofstream(good) << "0\t您的快递已到驿站\r\n\n冒充客服\t您好我是客服\t退款\n";
  std::ofstream(bad) << "0\tok\nno tab here\n";
  auto rows = ReadLabeledTsv(good);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].label, "0");
  EXPECT_EQ((*rows)[0].text, "您的快递已到驿站");
  EXPECT_EQ((*rows)[1].text, "您好我是客服\t退款");  // only the first tab splits
  auto broken = ReadLabeledTsv(bad);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message().find("bad.tsv:2"), std::string::npos);
  EXPECT_FALSE(ReadLabeledTsv((dir / "missing.tsv").string()).ok());
}

TEST(SmsRules, TwoKeywordsOfATypeNameItOneIsNotEnough) {
  auto rules = SmsRules::Build();
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  EXPECT_GT(rules->keyword_count(), 80u);
  RuleHit police = rules->Scan(text::Normalize("我是公安局警官，你涉嫌洗钱，请把资金转入安全账户"));
  EXPECT_EQ(police.fraud_type, "冒充公检法");
  EXPECT_GE(police.hits, 3);
  RuleHit one = rules->Scan(text::Normalize("您的退款已到账"));
  EXPECT_EQ(one.hits, 1);
  EXPECT_EQ(one.fraud_type, "");
  EXPECT_EQ(rules->Scan("今天天气不错").hits, 0);
  // Match: the same answer without allocating.
  const RuleMatch match =
      rules->Match(text::Normalize("我是公安局警官，你涉嫌洗钱，请把资金转入安全账户"));
  EXPECT_EQ(match.fraud_type, police.fraud_type);
  EXPECT_EQ(match.hits, police.hits);
  ASSERT_EQ(match.keyword_count, static_cast<int>(police.keywords.size()));
  for (size_t k = 0; k < static_cast<size_t>(match.keyword_count); ++k)
    EXPECT_EQ(rules->keywords()[match.keyword_ids[k]], police.keywords[k]);
  EXPECT_EQ(rules->Match("今天天气不错").hits, 0);
  EXPECT_EQ(rules->Match("").fraud_type, "");
  // Evasion does not hide the keywords once normalized.
  RuleHit evasive = rules->Scan(text::Normalize("刷-单返(fan)利，日​结佣金"));
  EXPECT_EQ(evasive.fraud_type, "刷单返利");
}

// Match keeps the best type while vectorscan reports matches (no tally afterwards): the
// answer must still count distinct keywords, break ties by table order, not match order,
// and keep only the best type's keywords, in match order.
TEST(SmsRules, MatchCountsDistinctKeywordsAndBreaksTiesByTableOrder) {
  auto rules = SmsRules::Build(1);
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  auto words = [&](const RuleMatch& m) {
    std::vector<std::string_view> out;
    for (size_t k = 0; k < static_cast<size_t>(m.keyword_count); ++k)
      out.push_back(rules->keywords()[m.keyword_ids[k]]);
    return out;
  };
  const RuleMatch repeated = rules->Match("刷单刷单，刷单");
  EXPECT_EQ(repeated.hits, 1);
  EXPECT_EQ(words(repeated), std::vector<std::string_view>({"刷单"}));
  const std::string_view first = FraudTypeName(FraudType::kOrderBrushing);
  EXPECT_EQ(rules->Match("刷单投资").fraud_type, first);  // 1 to 1: the first row wins
  EXPECT_EQ(rules->Match("投资刷单").fraud_type, first);
  const RuleMatch more = rules->Match("投资刷单理财投资");  // 2 to 1
  EXPECT_EQ(more.fraud_type, FraudTypeName(FraudType::kFakeInvestment));
  EXPECT_EQ(more.hits, 2);
  EXPECT_EQ(words(more), std::vector<std::string_view>({"投资", "理财"}));
  const RuleMatch none = SmsRules::Build(0)->Match("今天天气不错");
  EXPECT_EQ(none.hits, 0);
  EXPECT_EQ(none.keyword_count, 0);
  EXPECT_EQ(none.fraud_type, "");  // even with min_hits 0
}

TEST(TextEval, CountsBinaryAndPerTypeFigures) {
  std::vector<LabeledText> rows = {
      {"0", "a"}, {"0", "b"}, {"0", "c"}, {"x", "d"}, {"x", "e"}, {"y", "f"}};
  // a → 0, b → x (false positive), c → 0, d → x, e → 0 (missed), f → x (wrong type).
  auto detect = [](const std::string& t) -> std::string {
    if (t == "b" || t == "d" || t == "f") return "x";
    return "0";
  };
  TextEval e = EvaluateTexts(rows, detect);
  EXPECT_EQ(e.n, 6);
  EXPECT_EQ(e.tp, 2);
  EXPECT_EQ(e.fp, 1);
  EXPECT_EQ(e.fn, 1);
  EXPECT_EQ(e.tn, 2);
  EXPECT_DOUBLE_EQ(e.precision, 2.0 / 3);
  EXPECT_DOUBLE_EQ(e.recall, 2.0 / 3);
  EXPECT_DOUBLE_EQ(e.false_positive_rate, 1.0 / 3);
  ASSERT_EQ(e.per_type.size(), 2u);
  EXPECT_DOUBLE_EQ(e.per_type["x"].recall, 0.5);
  // x: predicted 3 times, right once; 2 of them → precision 1/3, recall 1/2.
  EXPECT_NEAR(e.per_type["x"].type_f1, 0.4, 1e-12);
  EXPECT_DOUBLE_EQ(e.per_type["y"].recall, 1.0);
  EXPECT_DOUBLE_EQ(e.per_type["y"].type_f1, 0.0);
  const std::string json = e.ToJson("\"detector\":\"test\"");
  for (const char* key : {"\"detector\":\"test\"", "\"n\":6", "\"precision\":", "\"recall\":",
                          "\"f1\":", "\"false_positive_rate\":", "\"per_type\":{\"x\":"})
    EXPECT_NE(json.find(key), std::string::npos) << key;
}

std::vector<LabeledText> ToyCorpus() {
  std::vector<LabeledText> rows;
  const char* normal[] = {"您的快递已到驿站请及时取件", "明天一起吃饭吧", "本月话费账单已出",
                          "会议改到下午三点", "妈妈我周末回家"};
  const char* police[] = {"我是公安局警官你涉嫌洗钱", "你的账户涉嫌犯罪需要资金清查",
                          "检察院通知你配合调查转入安全账户"};
  const char* loan[] = {"无抵押低息贷款秒批放款", "信用卡提额代办征信修复", "网贷额度已审批请缴纳保证金"};
  for (int copies = 0; copies < 30; ++copies) {
    for (const char* t : normal) rows.push_back({"0", t});
    for (const char* t : police) rows.push_back({"公检法", t});
    for (const char* t : loan) rows.push_back({"贷款", t});
  }
  return rows;
}

TEST(SmsClassifier, LearnsToyTypesSavesAndLoadsTheSameModel) {
  ClassifierOptions o;
  o.epoch = 20;
  o.dim = 16;
  o.bucket = 10000;
  auto model = SmsClassifier::Train(ToyCorpus(), o);
  ASSERT_TRUE(model.ok()) << model.error().ToString();
  EXPECT_EQ(model->Predict("我是公安局的警官，你涉嫌洗钱").label, "公检法");
  EXPECT_EQ(model->Predict("无抵押低息贷款").label, "贷款");
  EXPECT_EQ(model->Predict("您的快递已到驿站").label, "0");
  const Prediction p = model->Predict("無抵押低息貸款");  // traditional: normalized first
  EXPECT_EQ(p.label, "贷款");
  EXPECT_GT(p.probability, 0.5);
  auto labels = model->labels();
  EXPECT_EQ(labels.size(), 3u);

  const std::string path = (std::filesystem::temp_directory_path() / "wuzha_sms_toy.bin").string();
  ASSERT_TRUE(model->Save(path).ok());
  auto loaded = SmsClassifier::Load(path);
  ASSERT_TRUE(loaded.ok());
  for (const char* t : {"我是公安局的警官", "明天吃饭", "征信修复"}) {
    EXPECT_EQ(loaded->Predict(t).label, model->Predict(t).label) << t;
    EXPECT_DOUBLE_EQ(loaded->Predict(t).probability, model->Predict(t).probability) << t;
  }
  std::filesystem::remove(path);
}

TEST(SmsClassifier, OurInferenceAgreesWithFastTextsOwn) {
  ClassifierOptions o;
  o.epoch = 10;
  o.dim = 24;
  o.bucket = 20000;
  auto model = SmsClassifier::Train(ToyCorpus(), o);
  ASSERT_TRUE(model.ok());
  const char* texts[] = {"我是公安局的警官，你涉嫌洗钱", "无抵押低息贷款", "您的快递已到驿站",
                         "完全无关的一句话 hello 123", "公安局 贷款 快递", "x", ""};
  for (const char* t : texts) {
    const std::string n = text::Normalize(t);
    const Prediction ours = model->PredictNormalized(n);
    const Prediction theirs = model->PredictWithFastText(n);
    EXPECT_EQ(ours.label, theirs.label) << t;
    EXPECT_NEAR(ours.probability, theirs.probability, 1e-4) << t;
    EXPECT_NEAR(ours.not_fraud, theirs.not_fraud, 1e-4) << t;
    EXPECT_GT(ours.not_fraud, 0) << t;  // the toy corpus has a "0" label
  }
}

// Random texts over a small alphabet (Han, Latin, digits, punctuation, the whitespace
// fastText splits on and ours keeps, stray bytes) with random labels: many near-ties,
// so both the projected logits and the exact fallback decide some of them.
TEST(SmsClassifier, OurInferenceAgreesWithFastTextsOwnOnRandomTextsAndLabels) {
  const std::vector<std::string> pieces = {"公", "安", "局", "贷", "款", "快", "递", "，", "。",
                                           "abc", "xyz", "123", "7", " ", "\t", "\v", "\f",
                                           "\xff", "\xe4\xbd", "😀", "-", ".", "(", ")"};
  std::mt19937 rng(5);
  const auto text = [&] {
    std::string t;
    for (int k = static_cast<int>(rng() % 30); k > 0; --k) t += pieces[rng() % pieces.size()];
    return t;
  };
  std::vector<LabeledText> rows;
  for (int i = 0; i < 600; ++i) rows.push_back({std::to_string(rng() % 9), text()});
  ClassifierOptions o;
  o.epoch = 5;
  o.dim = 32;
  o.bucket = 30000;
  auto model = SmsClassifier::Train(rows, o);
  ASSERT_TRUE(model.ok());
  for (int i = 0; i < 3000; ++i) {
    const std::string n = text::Normalize(text());
    const Prediction ours = model->PredictNormalized(n);
    const Prediction theirs = model->PredictWithFastText(n);
    ASSERT_EQ(ours.label, theirs.label) << n;
    ASSERT_NEAR(ours.probability, theirs.probability, 1e-4) << n;
    ASSERT_NEAR(ours.not_fraud, theirs.not_fraud, 1e-4) << n;
  }
  // Unnormalized text too (stray bytes, whitespace the tokenizer keeps as tokens).
  for (int i = 0; i < 1000; ++i) {
    const std::string t = text();
    ASSERT_EQ(model->PredictNormalized(t).label, model->PredictWithFastText(t).label) << t;
  }
}

TEST(SmsClassifier, SameDataSameModel) {
  ClassifierOptions o;
  o.epoch = 5;
  o.dim = 8;
  o.bucket = 5000;
  auto a = SmsClassifier::Train(ToyCorpus(), o);
  auto b = SmsClassifier::Train(ToyCorpus(), o);
  ASSERT_TRUE(a.ok() && b.ok());
  for (const char* t : {"我是公安局的警官", "明天吃饭", "征信修复", "随便什么"})
    EXPECT_DOUBLE_EQ(a->Predict(t).probability, b->Predict(t).probability) << t;
}

TEST(SmsClassifier, RefusesOneLabelAndMissingOrBrokenFiles) {
  EXPECT_FALSE(SmsClassifier::Train({{"0", "a"}, {"0", "b"}}).ok());
  EXPECT_EQ(SmsClassifier::Load("/nonexistent/model.bin").error().code(), StatusCode::kNotFound);
  const std::string junk = (std::filesystem::temp_directory_path() / "wuzha_junk.bin").string();
  std::ofstream(junk) << "not a model";
  EXPECT_FALSE(SmsClassifier::Load(junk).ok());
  std::filesystem::remove(junk);
}

}  // namespace
}  // namespace wuzha::intercept
