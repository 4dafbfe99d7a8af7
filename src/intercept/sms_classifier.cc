#include "intercept/sms_classifier.h"

#include <fasttext/fasttext.h>

#include <atomic>
#include <cmath>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

#include "core/utf8.h"
#include "text/normalize.h"

namespace wuzha::intercept {
namespace {

constexpr std::string_view kLabelPrefix = "__label__";


bool IsAsciiAlpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000; }

std::string LabelToken(std::string_view label) {
  std::string out(kLabelPrefix);
  for (char c : label) out.push_back(c == ' ' || c == '\t' ? '_' : c);
  return out;
}

}  // namespace

std::string TokenizeForClassifier(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  auto sep = [&] {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
  };
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t c = DecodeUtf8(s, i);
    if (IsSpace(c)) {
      sep();
    } else if (IsAsciiAlpha(c)) {
      sep();
      out.append(s.substr(start, i - start));
      while (i < s.size() && IsAsciiAlpha(static_cast<unsigned char>(s[i]))) out.push_back(s[i++]);
    } else if (IsDigit(c)) {
      // Digit runs as one token each (amounts, codes and numbers recur in templates).
      sep();
      out.append(s.substr(start, i - start));
      while (i < s.size() && IsDigit(static_cast<unsigned char>(s[i]))) out.push_back(s[i++]);
    } else {
      sep();
      out.append(s.substr(start, i - start));
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

SmsClassifier::SmsClassifier() = default;
SmsClassifier::~SmsClassifier() = default;
SmsClassifier::SmsClassifier(SmsClassifier&&) noexcept = default;
SmsClassifier& SmsClassifier::operator=(SmsClassifier&&) noexcept = default;

Result<SmsClassifier> SmsClassifier::Train(const std::vector<LabeledText>& examples,
                                           const ClassifierOptions& options) {
  std::set<std::string> labels;
  for (const LabeledText& e : examples) labels.insert(e.label);
  if (examples.size() < 2 || labels.size() < 2) {
    return InvalidArgumentError("training needs at least two labels, got " +
                                std::to_string(labels.size()));
  }
  // fastText trains from a file: write the tokenized examples to a private temporary one.
  static std::atomic<int> counter{0};
  const std::filesystem::path tmp = std::filesystem::temp_directory_path() /
                                    ("wuzha-sms-train-" + std::to_string(getpid()) + "-" +
                                     std::to_string(counter++) + ".txt");
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) return IoError("cannot create " + tmp.string() + ": " + std::strerror(errno));
    std::string normalized;
    for (const LabeledText& e : examples) {
      text::NormalizeInto(e.text, normalized);
      out << LabelToken(e.label) << ' ' << TokenizeForClassifier(normalized) << '\n';
    }
    if (!out) return IoError("cannot write " + tmp.string());
  }
  fasttext::Args args;
  args.input = tmp.string();
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.epoch = options.epoch;
  args.lr = options.lr;
  args.dim = options.dim;
  args.wordNgrams = options.word_ngrams;
  args.bucket = options.bucket;
  args.minCount = 1;
  args.minn = 0;
  args.maxn = 0;
  args.thread = 1;  // Hogwild with more threads makes the model depend on scheduling
  args.seed = options.seed;
  args.verbose = 0;
  SmsClassifier c;
  c.model_ = std::make_unique<fasttext::FastText>();
  try {
    c.model_->train(args);
  } catch (const std::exception& ex) {
    std::filesystem::remove(tmp);
    return InvalidArgumentError(std::string("fastText training failed: ") + ex.what());
  }
  std::filesystem::remove(tmp);
  c.fast_ids_ = c.FastIdsAgree();
  return c;
}

Result<SmsClassifier> SmsClassifier::Load(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return NotFoundError("no model at " + path);
  SmsClassifier c;
  c.model_ = std::make_unique<fasttext::FastText>();
  try {
    c.model_->loadModel(path);
  } catch (const std::exception& ex) {
    return InvalidArgumentError(path + ": not a fastText model (" + ex.what() + ")");
  }
  c.fast_ids_ = c.FastIdsAgree();
  return c;
}

Status SmsClassifier::Save(const std::string& path) const {
  if (!model_) return FailedPreconditionError("no model to save");
  try {
    model_->saveModel(path);
  } catch (const std::exception& ex) {
    return IoError("cannot write " + path + ": " + ex.what());
  }
  return Status::Ok();
}

Prediction SmsClassifier::Predict(std::string_view text) const {
  thread_local std::string normalized;
  text::NormalizeInto(text, normalized);
  return PredictNormalized(normalized);
}

// The ids fastText's Dictionary::getLine gives a line of space-separated tokens (words
// it knows, then the hashed word n-grams, "</s>" included), computed without its
// istream: getLine reads a character at a time. The hashing below is fastText 0.9.2's
// addWordNgrams/pushHash for an unpruned model; SmsClassifier checks on load that it
// agrees with getLine and falls back to predictLine when it does not.
void LineIds(const fasttext::Dictionary& dict, int word_ngrams, int bucket, std::string_view line,
             std::vector<int32_t>& words, std::vector<int32_t>& hashes) {
  words.clear();
  hashes.clear();
  thread_local std::string token;
  auto add = [&](std::string_view t) {
    token.assign(t);
    const uint32_t h = dict.hash(token);
    const int32_t wid = dict.getId(token, h);
    const auto type = wid < 0 ? dict.getType(token) : dict.getType(wid);
    if (type != fasttext::entry_type::word) return;
    if (wid >= 0) words.push_back(wid);
    hashes.push_back(static_cast<int32_t>(h));
  };
  size_t start = 0;
  while (start < line.size()) {
    size_t end = line.find(' ', start);
    if (end == std::string_view::npos) end = line.size();
    if (end > start) add(line.substr(start, end - start));
    start = end + 1;
  }
  add(fasttext::Dictionary::EOS);
  for (size_t i = 0; i < hashes.size(); ++i) {
    uint64_t h = static_cast<uint64_t>(static_cast<int64_t>(hashes[i]));
    for (size_t j = i + 1; j < hashes.size() && j < i + static_cast<size_t>(word_ngrams); ++j) {
      h = h * 116049371 + static_cast<uint64_t>(static_cast<int64_t>(hashes[j]));
      words.push_back(dict.nwords() + static_cast<int32_t>(h % static_cast<uint64_t>(bucket)));
    }
  }
}

Prediction SmsClassifier::PredictNormalized(std::string_view normalized) const {
  Prediction p;
  if (!model_) return p;
  if (fast_ids_) {
    thread_local std::string line;
    line = TokenizeForClassifier(normalized);
    thread_local std::vector<int32_t> words, hashes;
    thread_local fasttext::Predictions predictions;
    LineIds(*dict_, word_ngrams_, bucket_, line, words, hashes);
    if (words.empty()) return p;
    // fastText's softmax model by hand: the hidden vector is the mean of the input
    // rows, the logits the output rows times it. Same answer as FastText::predict
    // (tested), without its per-call state and with loops the compiler vectorizes.
    thread_local std::vector<float> hidden;
    hidden.assign(static_cast<size_t>(dim_), 0.0f);
    float* h = hidden.data();
    for (int32_t id : words) {
      const float* row = input_ + static_cast<int64_t>(id) * dim_;
      for (int k = 0; k < dim_; ++k) h[k] += row[k];
    }
    const float scale = 1.0f / static_cast<float>(words.size());
    for (int k = 0; k < dim_; ++k) h[k] *= scale;
    int best = 0;
    float best_logit = 0, sum = 0;
    thread_local std::vector<float> logits;
    logits.resize(static_cast<size_t>(labels_));
    for (int j = 0; j < labels_; ++j) {
      const float* row = output_ + static_cast<int64_t>(j) * dim_;
      float dot = 0;
      for (int k = 0; k < dim_; ++k) dot += row[k] * h[k];
      logits[static_cast<size_t>(j)] = dot;
      if (j == 0 || dot > best_logit) best = j, best_logit = dot;
    }
    for (int j = 0; j < labels_; ++j) sum += std::exp(logits[static_cast<size_t>(j)] - best_logit);
    p.label = label_names_[static_cast<size_t>(best)];
    p.probability = 1.0 / sum;
    return p;
  }
  return PredictWithFastText(normalized);
}

Prediction SmsClassifier::PredictWithFastText(std::string_view normalized) const {
  Prediction p;
  if (!model_) return p;
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  std::istringstream in(TokenizeForClassifier(normalized) + "\n");
  model_->predictLine(in, predictions, 1, 0.0);
  if (predictions.empty()) return p;
  p.label = predictions.front().second.substr(kLabelPrefix.size());
  p.probability = predictions.front().first;
  return p;
}

bool SmsClassifier::FastIdsAgree() {
  dict_ = model_->getDictionary();
  const fasttext::Args args = model_->getArgs();
  word_ngrams_ = args.wordNgrams;
  bucket_ = args.bucket;
  if (bucket_ <= 0 || args.loss != fasttext::loss_name::softmax || model_->isQuant()) return false;
  const auto input = model_->getInputMatrix();
  const auto output = model_->getOutputMatrix();
  dim_ = static_cast<int>(input->cols());
  labels_ = static_cast<int>(output->rows());
  if (output->cols() != dim_ || labels_ != dict_->nlabels()) return false;
  input_ = input->data();
  output_ = output->data();
  label_names_.clear();
  for (int32_t i = 0; i < labels_; ++i)
    label_names_.push_back(dict_->getLabel(i).substr(kLabelPrefix.size()));
  static constexpr std::string_view kProbes[] = {
      "您 好 ， 我 是 公 安 局 的 警 官", "点 击 abc . com 领 取 123 元", "x", ""};
  std::vector<int32_t> fast, hashes, slow, labels;
  for (std::string_view probe : kProbes) {
    LineIds(*dict_, word_ngrams_, bucket_, probe, fast, hashes);
    std::istringstream in(std::string(probe) + "\n");
    dict_->getLine(in, slow, labels);
    if (fast != slow) return false;
  }
  return true;
}

std::vector<std::string> SmsClassifier::labels() const {
  std::vector<std::string> out;
  if (!model_) return out;
  auto dict = model_->getDictionary();
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    out.push_back(dict->getLabel(i).substr(kLabelPrefix.size()));
  }
  return out;
}

Result<std::vector<LabeledText>> ReadLabeledTsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot open " + path);
  std::vector<LabeledText> rows;
  std::string line;
  for (uint64_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
      return InvalidArgumentError(path + ":" + std::to_string(n) +
                                  ": expected label<TAB>text (label 0 = not fraud)");
    }
    rows.push_back(LabeledText{line.substr(0, tab), line.substr(tab + 1)});
  }
  if (in.bad()) return IoError("cannot read " + path);
  return rows;
}

}  // namespace wuzha::intercept
