// TrainGbt: the same data, parameters and seed give the same model byte for byte; the
// seed matters where XGBoost samples; bad input is refused with a Status; a saved model
// loads back. XgbPredictor refuses rows of the wrong width.
#include "risk/trainer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "risk/tree_model.h"
#include "synthetic_data.h"

namespace wuzha::risk {
namespace {

using ::testing::HasSubstr;

TrainParams Sampled(uint64_t seed) {
  TrainParams params;
  params.num_rounds = 25;
  params.max_depth = 5;
  params.subsample = 0.8;  // XGBoost draws from the seed only when it samples
  params.colsample_bytree = 0.7;
  params.seed = seed;
  return params;
}

TEST(TrainGbt, SameDataAndSeedGiveTheSameModelByteForByte) {
  const Dataset data = testing::SyntheticTransfers(3000, 16, 5);
  auto first = TrainGbt(data, Sampled(42));
  auto second = TrainGbt(data, Sampled(42));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(*first, *second);
  EXPECT_THAT(*first, HasSubstr(R"("num_trees":"25")"));
  EXPECT_THAT(*first, HasSubstr(R"("name":"binary:logistic")"));
}

TEST(TrainGbt, AnotherSeedSamplesAnotherModel) {
  const Dataset data = testing::SyntheticTransfers(3000, 16, 5);
  auto first = TrainGbt(data, Sampled(42));
  auto other = TrainGbt(data, Sampled(43));
  ASSERT_TRUE(first.ok() && other.ok());
  EXPECT_NE(*first, *other);
}

TEST(TrainGbt, TheModelLearnsTheSignal) {
  const Dataset data = testing::SyntheticTransfers(4000, 16, 5);
  TrainParams params;
  params.num_rounds = 40;
  params.max_depth = 4;
  auto json = TrainGbt(data, params);
  ASSERT_TRUE(json.ok());
  auto model = TreeModel::FromJson(*json);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  // Mean predicted probability of the positives above that of the negatives.
  double positive = 0, negative = 0;
  size_t positives = 0;
  for (size_t i = 0; i < data.num_rows(); ++i) {
    const float p = model->Predict(std::span<const float>(data.features).subspan(i * 16, 16));
    (data.labels[i] > 0 ? positive : negative) += p;
    positives += data.labels[i] > 0;
  }
  EXPECT_GT(positive / double(positives), negative / double(data.num_rows() - positives) + 0.2);
}

TEST(TrainGbt, RefusesInconsistentData) {
  Dataset data = testing::SyntheticTransfers(100, 8, 1);
  Dataset short_features = data;
  short_features.features.pop_back();
  auto r = TrainGbt(short_features, TrainParams{});
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("features has 799 values"));

  Dataset bad_weights = data;
  bad_weights.weights = {1.0f};
  EXPECT_EQ(TrainGbt(bad_weights, TrainParams{}).status().code(), StatusCode::kInvalidArgument);

  Dataset nan_label = data;
  nan_label.labels[3] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(TrainGbt(nan_label, TrainParams{}).status().code(), StatusCode::kInvalidArgument);

  EXPECT_EQ(TrainGbt(Dataset{}, TrainParams{}).status().code(), StatusCode::kInvalidArgument);
}

TEST(TrainGbt, TurnsXgboostErrorsIntoAStatus) {
  const Dataset data = testing::SyntheticTransfers(100, 8, 1);
  TrainParams params;
  params.num_rounds = 2;
  params.objective = "no:such";
  auto r = TrainGbt(data, params);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("xgboost: "));
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("no:such"));
}

TEST(TrainGbt, ASavedModelLoadsBack) {
  const Dataset data = testing::SyntheticTransfers(500, 8, 2);
  TrainParams params;
  params.num_rounds = 5;
  auto json = TrainGbt(data, params);
  ASSERT_TRUE(json.ok());
  const std::string path =
      ::testing::TempDir() + "/risk_model_" + std::to_string(getpid()) + ".json";
  ASSERT_TRUE(WriteModelFile(path, *json).ok());
  auto loaded = TreeModel::LoadFile(path);
  auto direct = TreeModel::FromJson(*json);
  std::remove(path.c_str());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_TRUE(direct.ok());
  const std::span<const float> row(data.features.data(), 8);
  EXPECT_EQ(loaded->Predict(row), direct->Predict(row));

  const Status unwritable = WriteModelFile("/nonexistent/dir/model.json", *json);
  EXPECT_EQ(unwritable.code(), StatusCode::kIoError);
  EXPECT_THAT(std::string(unwritable.message()), HasSubstr("/nonexistent/dir/model.json"));
}

TEST(XgbPredictor, RefusesRowsOfTheWrongWidthAndBadModels) {
  const Dataset data = testing::SyntheticTransfers(300, 8, 3);
  TrainParams params;
  params.num_rounds = 3;
  auto json = TrainGbt(data, params);
  ASSERT_TRUE(json.ok());
  auto xgb = XgbPredictor::FromJson(*json);
  ASSERT_TRUE(xgb.ok()) << xgb.status().ToString();
  EXPECT_EQ(xgb->num_features(), 8u);
  std::vector<float> row(7, 0.0f);
  EXPECT_EQ(xgb->Predict(row).status().code(), StatusCode::kInvalidArgument);
  std::vector<float> out(2);
  EXPECT_EQ(xgb->PredictBatch(row, out).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(XgbPredictor::FromJson("{not a model").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace wuzha::risk
