// SmsClassifier: a fastText model (Debian libfasttext) that reads a normalized SMS and
// names its fraud type, or "0" for a normal message. Text is normalized (text/normalize.h)
// and cut into tokens — each Han character, each run of Latin letters, digit runs as
// their length class — before fastText sees it; fastText's word n-grams then give the
// character bigrams and trigrams that carry Chinese phrases without a segmenter.
//
// Training is single-threaded with a fixed seed, so the same data gives the same model.
// Predict is const and thread safe after Load or Train.
//
// Inference does not go through fastText: on Train or Load the classifier compiles a
// compact vocabulary (token bytes → fastText's id and hash) and the input matrix
// projected onto the labels (each row times the output matrix: the model is linear up to
// the softmax), so a message costs one small row per token and per n-gram instead of a
// dim-wide one. When the two best labels are too close for the projection's rounding to
// be harmless, the exact dim-wide sum decides. Tested against fastText's predictLine.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace fasttext {
class Dictionary;
class FastText;
}

namespace wuzha::intercept {
namespace internal {
struct CompiledClassifier;  // vocabulary and projected rows (sms_classifier.cc)
}

struct LabeledText {
  std::string label;  // "0" = not fraud; any other value names the fraud type
  std::string text;
};

struct ClassifierOptions {
  int epoch = 50;
  double lr = 0.5;
  int dim = 100;
  int word_ngrams = 2;
  int bucket = 500000;
  int seed = 1;
};

struct Prediction {
  std::string label;  // "0" or a fraud type
  double probability = 0;
  // The probability of "0" (not fraud); 1 - it is the chance of fraud of any type, which
  // the fraud types' split does not dilute. 0 when the model has no "0" label.
  double not_fraud = 0;
};

class SmsClassifier {
 public:
  SmsClassifier();
  ~SmsClassifier();
  SmsClassifier(SmsClassifier&&) noexcept;
  SmsClassifier& operator=(SmsClassifier&&) noexcept;

  // Trains on `examples` (at least two labels). kInvalidArgument for too few examples.
  static Result<SmsClassifier> Train(const std::vector<LabeledText>& examples,
                                     const ClassifierOptions& options = {});
  // kNotFound / kInvalidArgument naming the file.
  static Result<SmsClassifier> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // The most likely label of `text` (raw: it is normalized here).
  Prediction Predict(std::string_view text) const;
  // Same, on text already normalized (text::Normalize).
  Prediction PredictNormalized(std::string_view normalized) const;
  // The same prediction through fastText's own predictLine: the reference the fast path
  // is tested against.
  Prediction PredictWithFastText(std::string_view normalized) const;

  // The labels the model knows ("0" included).
  std::vector<std::string> labels() const;

 private:
  // Whether our id computation matches fastText's getLine for this model (checked on
  // Train and Load); when not, Predict goes through fastText's istream path.
  // Also builds what the fast path reads of the model (compiled_).
  bool FastIdsAgree();
  // The exact prediction from input ids: the mean of dim-wide input rows times the
  // output matrix, as fastText computes it.
  Prediction PredictFromIds(const int32_t* ids, size_t n) const;

  std::unique_ptr<fasttext::FastText> model_;
  std::shared_ptr<const internal::CompiledClassifier> compiled_;
  std::shared_ptr<const fasttext::Dictionary> dict_;
  int word_ngrams_ = 0, bucket_ = 0;
  // The model's matrices (owned by model_), for the fast path.
  const float* input_ = nullptr;
  const float* output_ = nullptr;
  int dim_ = 0, labels_ = 0;
  std::vector<std::string> label_names_;
  int not_fraud_label_ = -1;  // index of "0" in label_names_, -1 if none
  bool fast_ids_ = false;
};

// The classifier's tokens of normalized text, space separated: "您 好 ， 我 是 <d4> ...".
std::string TokenizeForClassifier(std::string_view normalized);

// Reads `label<TAB>text` lines (wuzha eval text). Blank lines are skipped; a line
// without a tab is kInvalidArgument naming file and line.
Result<std::vector<LabeledText>> ReadLabeledTsv(const std::string& path);

}  // namespace wuzha::intercept
