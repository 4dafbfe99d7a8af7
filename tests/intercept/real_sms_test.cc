// The SMS classifier on the real data of ../shared/data/sms/ (Telecom_Fraud_Texts):
// trained on 80% of each label, scored on the other 20% (the split scripts/sms-to-tsv
// makes). The interception issue's bar: macro F1 over the fraud types >= 0.95 and a
// false positive rate on normal SMS <= 0.5%. docs/intercept.md has the figures.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/random.h"
#include "intercept/sms_classifier.h"
#include "intercept/text_eval.h"
#include "text/normalize.h"

namespace wuzha::intercept {
namespace {

std::string DataDir() { return std::string(WUZHA_SHARED_DATA_DIR) + "/sms"; }

TEST(RealSms, FraudTypesMacroF1AtLeast95PercentWithUnderHalfAPercentFalsePositives) {
  if (!std::filesystem::exists(DataDir() + "/label00.csv"))
    GTEST_SKIP() << "no SMS data at " << DataDir();
  // The split of scripts/sms-to-tsv (per label, a seeded shuffle, 20% held out), so the
  // figures here are the ones `wuzha eval text` prints on its files.
  const std::string tmp = (std::filesystem::temp_directory_path() / "wuzha_real_sms").string();
  std::filesystem::create_directories(tmp);
  const std::string cmd = "python3 " + std::string(WUZHA_SOURCE_DIR) +
                          "/scripts/sms-to-tsv --data " + DataDir() + " --out " + tmp +
                          " > /dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  auto train = ReadLabeledTsv(tmp + "/sms_train.tsv");
  auto test = ReadLabeledTsv(tmp + "/sms_test.tsv");
  ASSERT_TRUE(train.ok() && test.ok());
  EXPECT_GT(train->size(), 9000u);
  EXPECT_GT(test->size(), 2000u);
  auto model = SmsClassifier::Train(*train);
  ASSERT_TRUE(model.ok()) << model.error().ToString();
  const TextEval e =
      EvaluateTexts(*test, [&](const std::string& t) { return model->Predict(t).label; });
  RecordProperty("macro_f1", std::to_string(e.macro_f1));
  RecordProperty("false_positive_rate", std::to_string(e.false_positive_rate));
  EXPECT_GE(e.macro_f1, 0.95) << e.ToJson();
  EXPECT_LE(e.false_positive_rate, 0.005) << e.ToJson();
  EXPECT_GE(e.recall, 0.98) << e.ToJson();
  // Our inference (projected rows, exact fallback on near-ties) names the label
  // fastText's predictLine names, message for message.
  int disagree = 0;
  std::string normalized;
  for (const LabeledText& row : *test) {
    text::NormalizeInto(row.text, normalized);
    const Prediction ours = model->PredictNormalized(normalized);
    const Prediction theirs = model->PredictWithFastText(normalized);
    if (ours.label != theirs.label || std::abs(ours.probability - theirs.probability) > 1e-4) {
      ++disagree;
    }
  }
  EXPECT_EQ(disagree, 0);
}

}  // namespace
}  // namespace wuzha::intercept
