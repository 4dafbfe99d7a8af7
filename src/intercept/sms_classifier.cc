#include "intercept/sms_classifier.h"

#include <fasttext/fasttext.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

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

// DecodeUtf8 with the common cases (ASCII, two- and three-byte forms) inline.
inline char32_t NextCodePoint(std::string_view s, size_t& i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned b = p[i];
  if (b < 0x80) {
    ++i;
    return b;
  }
  if (b >= 0xE1 && b <= 0xEF && b != 0xED && i + 2 < s.size() && (p[i + 1] & 0xC0) == 0x80 &&
      (p[i + 2] & 0xC0) == 0x80) {
    const char32_t c = (b & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
    i += 3;
    return c;
  }
  if (b >= 0xC2 && b <= 0xDF && i + 1 < s.size() && (p[i + 1] & 0xC0) == 0x80) {
    const char32_t c = (b & 0x1F) << 6 | (p[i + 1] & 0x3F);
    i += 2;
    return c;
  }
  return DecodeUtf8(s, i);
}

// The next token at or after s[i] (whitespace skipped), advancing i past it; false at the
// end of s. Tokens: each Han character (or any other code point), each run of ASCII
// letters, each run of ASCII digits. Every token is a byte span of `s`; `c` is its first
// code point as decoded (U+FFFD for an invalid byte).
inline bool NextToken(std::string_view s, size_t& i, std::string_view& token, char32_t& c) {
  while (i < s.size()) {
    const size_t start = i;
    c = NextCodePoint(s, i);
    if (IsSpace(c)) continue;
    if (IsAsciiAlpha(c)) {
      while (i < s.size() && IsAsciiAlpha(static_cast<unsigned char>(s[i]))) ++i;
    } else if (IsDigit(c)) {
      // Digit runs as one token each (amounts, codes and numbers recur in templates).
      while (i < s.size() && IsDigit(static_cast<unsigned char>(s[i]))) ++i;
    }
    token = s.substr(start, i - start);
    return true;
  }
  return false;
}

// Calls f(token, c) for each token of `s`, in order.
template <typename F>
void ForEachToken(std::string_view s, F&& f) {
  std::string_view token;
  char32_t c;
  for (size_t i = 0; NextToken(s, i, token, c);) f(token, c);
}

}  // namespace

std::string TokenizeForClassifier(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  ForEachToken(s, [&](std::string_view token, char32_t) {
    if (!out.empty()) out.push_back(' ');
    out.append(token);
  });
  return out;
}

namespace internal {

// Unmaps what AllocateHuge mapped.
struct FreeHuge {
  size_t bytes = 0;
  void operator()(float* p) const {
    if (p != nullptr) munmap(p, bytes);
  }
};

// What the fast path reads: fastText's dictionary as a small open-addressing table keyed
// by fastText's own token hash, and the input matrix projected onto the labels. Immutable
// once built; shared by moved-from and moved-to classifiers.
struct CompiledClassifier {
  struct Slot {
    uint32_t hash = 0;
    int32_t id = -1;                  // -1: empty
    uint32_t offset = 0, length = 0;  // the word's bytes in `pool`
  };
  static constexpr char32_t kDirect = 0x10000;
  // Per BMP code point: the id of the word that is that character alone (-1: none) and
  // the character's hash, so that the common token costs one load.
  struct Direct {
    int32_t id;
    uint32_t hash;
  };
  std::vector<Direct> direct;
  std::vector<Slot> slots;
  uint32_t mask = 0;
  std::string pool;
  int32_t nwords = 0;
  uint32_t eos_hash = 0;
  int32_t eos_id = -1;
  uint64_t bucket = 1;
  int word_ngrams = 1;
  // h % bucket without a division (tens of cycles): q = high half of h * floor(2^64 /
  // bucket) is the quotient or one less, so one correction step suffices. SetBucket
  // checks it against % and clears reciprocal_ok if they ever disagree.
  uint64_t reciprocal = 0;
  bool reciprocal_ok = false;
  uint64_t Mod(uint64_t h) const {
    if (!reciprocal_ok) return h % bucket;
    const auto q = static_cast<uint64_t>((static_cast<unsigned __int128>(h) * reciprocal) >> 64);
    const uint64_t r = h - q * bucket;
    return r >= bucket ? r - bucket : r;
  }
  void SetBucket(uint64_t b) {
    bucket = b;
    reciprocal_ok = false;
    if (b < 2) return;
    reciprocal = ~uint64_t{0} / b;
    reciprocal_ok = true;
    uint64_t x = 0x9E3779B97F4A7C15u;
    for (int k = 0; k < 4096 && reciprocal_ok; ++k) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      const uint64_t v = k < 64    ? ~uint64_t{0} - static_cast<uint64_t>(k)
                         : k < 128 ? static_cast<uint64_t>(k) * b - 1
                                   : x;
      reciprocal_ok = Mod(v) == v % b;
    }
  }
  // Row r (an input id) times the output matrix, less its label-0 entry (softmax does
  // not change when every logit moves by the same amount): labels - 1 floats, padded to
  // `stride` = 1 << stride_shift, at least 8 (32 bytes: two rows a cache line).
  std::unique_ptr<float, FreeHuge> projected;
  int stride = 0, stride_shift = 0;

  // fastText's Dictionary::hash: FNV-1a over the bytes taken as signed chars.
  static uint32_t Hash(std::string_view token) {
    uint32_t h = 2166136261u;
    for (char c : token) {
      h ^= static_cast<uint32_t>(static_cast<int8_t>(c));
      h *= 16777619u;
    }
    return h;
  }
  // The projected row of `id`, requested early: a message's rows are read only once all
  // its ids are known, by which time they are on their way.
  void Prefetch(int32_t id) const {
    if (projected) __builtin_prefetch(projected.get() + (static_cast<int64_t>(id) << stride_shift));
  }
  static size_t Utf8Length(char32_t c) {
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  // Tokens are short (one character, a word): a loop beats a call to memcmp.
  static bool Same(const char* word, std::string_view token) {
    for (size_t k = 0; k < token.size(); ++k)
      if (word[k] != token[k]) return false;
    return true;
  }
  int32_t Find(std::string_view token, uint32_t h) const {
    for (uint32_t k = h & mask;; k = (k + 1) & mask) {
      const Slot& s = slots[k];
      if (s.id < 0) return -1;
      if (s.hash == h && s.length == token.size() && Same(pool.data() + s.offset, token)) {
        return s.id;
      }
    }
  }
  // The ids fastText's getLine gives TokenizeForClassifier(normalized): known words,
  // "</s>", then the hashed word n-grams, written to ids[]; their count. hashes[] is
  // scratch. REQUIRES: both hold MaxIds(normalized.size()) values.
  size_t Ids(std::string_view normalized, int32_t* ids, int32_t* hashes) const {
    size_t n_ids = 0, n_hashes = 0;
    const auto add = [&](uint32_t h, int32_t id) {
      if (id >= 0) {
        Prefetch(id);
        ids[n_ids++] = id;
      }
      hashes[n_hashes++] = static_cast<int32_t>(h);
    };
    const auto* p = reinterpret_cast<const unsigned char*>(normalized.data());
    std::string_view token;
    char32_t c;
    for (size_t i = 0; i < normalized.size();) {
      // Most tokens are one Han character: a valid three-byte form (as NextCodePoint
      // decodes it), which is neither a space (but U+3000) nor a letter or digit.
      const unsigned b = p[i];
      if (b >= 0xE1 && b <= 0xEF && b != 0xED && i + 2 < normalized.size() &&
          (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
        c = (b & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
        if (c != 0x3000) add(direct[c].hash, direct[c].id);
        i += 3;
        continue;
      }
      if (!NextToken(normalized, i, token, c)) break;
      // fastText's reader also splits on these; our tokenizer keeps them as tokens.
      if (c == '\v' || c == '\f' || c == '\0') continue;
      const uint32_t h = Hash(token);
      // A token of one code point, validly encoded, is looked up by that code point.
      add(h, c < kDirect && token.size() == Utf8Length(c) ? direct[c].id : Find(token, h));
    }
    if (eos_id >= 0) ids[n_ids++] = eos_id;
    hashes[n_hashes++] = static_cast<int32_t>(eos_hash);
    for (size_t i = 0; i < n_hashes; ++i) {
      uint64_t h = static_cast<uint64_t>(static_cast<int64_t>(hashes[i]));
      for (size_t j = i + 1; j < n_hashes && j < i + static_cast<size_t>(word_ngrams); ++j) {
        h = h * 116049371 + static_cast<uint64_t>(static_cast<int64_t>(hashes[j]));
        ids[n_ids] = nwords + static_cast<int32_t>(Mod(h));
        Prefetch(ids[n_ids++]);
      }
    }
    return n_ids;
  }
  size_t MaxIds(size_t bytes) const {
    return (bytes + 1) * static_cast<size_t>(std::max(word_ngrams, 1));
  }
  // The same into vectors (for the agreement check).
  void Ids(std::string_view normalized, std::vector<int32_t>& ids,
           std::vector<int32_t>& hashes) const {
    ids.resize(MaxIds(normalized.size()));
    hashes.resize(MaxIds(normalized.size()));
    ids.resize(Ids(normalized, ids.data(), hashes.data()));
  }
};

}  // namespace internal

namespace {

using internal::CompiledClassifier;

// Projected rows are read at random: 2 MiB pages (where the kernel grants them) spare
// the TLB misses of a table of tens of MiB.
std::unique_ptr<float, internal::FreeHuge> AllocateHuge(size_t floats) {
  constexpr size_t kHuge = size_t{2} << 20;
  const size_t bytes = (floats * sizeof(float) + kHuge - 1) / kHuge * kHuge;
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return std::unique_ptr<float, internal::FreeHuge>();
  madvise(p, bytes, MADV_HUGEPAGE);
  return std::unique_ptr<float, internal::FreeHuge>(static_cast<float*>(p),
                                                    internal::FreeHuge{bytes});
}

}  // namespace

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
  const std::filesystem::path tmp =
      std::filesystem::temp_directory_path() /
      ("wuzha-sms-train-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".txt");
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

Prediction SmsClassifier::PredictNormalized(std::string_view normalized) const {
  if (!model_) return Prediction();
  if (!fast_ids_) return PredictWithFastText(normalized);
  const CompiledClassifier& c = *compiled_;
  // Per-thread id buffers, grown to the longest text seen, never shrunk.
  thread_local std::vector<int32_t> id_buffer, hash_buffer;
  if (const size_t need = c.MaxIds(normalized.size()); id_buffer.size() < need) {
    id_buffer.resize(need * 2);
    hash_buffer.resize(need * 2);
  }
  const int32_t* ids = id_buffer.data();
  const size_t n = c.Ids(normalized, id_buffer.data(), hash_buffer.data());
  if (n == 0) return Prediction();
  if (!c.projected) return PredictFromIds(ids, n);
  // The mean of the projected rows is the logit vector less logit 0 (the model is linear
  // up to the softmax). Rows are 32-byte aligned and were prefetched as their ids were
  // found.
  using V4 = float __attribute__((vector_size(16)));
  constexpr int kMax = 64;
  V4 acc[kMax / 4] = {};
  const float* base = c.projected.get();
  const auto sum = [&](auto stride) {
    for (size_t i = 0; i < n; ++i) {
      const auto* row = reinterpret_cast<const V4*>(base + static_cast<int64_t>(ids[i]) * stride);
      for (int k = 0; k < stride / 4; ++k) acc[k] += row[k];
    }
  };
  if (c.stride == 8) {
    sum(std::integral_constant<int, 8>());
  } else {
    sum(c.stride);
  }
  float logit[kMax];
  std::memcpy(logit, acc, sizeof(logit));
  const float scale = 1.0f / static_cast<float>(n);
  // Label 0's logit is 0 here; label j's is logit[j - 1].
  int best = 0;
  float best_logit = 0, second = -HUGE_VALF;
  for (int j = 1; j < labels_; ++j) {
    const float l = logit[j - 1] * scale;
    if (l > best_logit) {
      second = best_logit;
      best = j, best_logit = l;
    } else if (l > second) {
      second = l;
    }
  }
  // Too close to call with the projection's rounding: the exact sum decides.
  if (best_logit - second < 1e-3f * (1 + std::fabs(best_logit))) return PredictFromIds(ids, n);
  float total = std::exp(-best_logit);
  for (int j = 1; j < labels_; ++j) total += std::exp(logit[j - 1] * scale - best_logit);
  Prediction p;
  p.label = label_names_[static_cast<size_t>(best)];
  p.probability = 1.0 / total;
  if (not_fraud_label_ >= 0) {
    const float l = not_fraud_label_ == 0 ? 0.0f : logit[not_fraud_label_ - 1] * scale;
    p.not_fraud = std::exp(l - best_logit) / total;
  }
  return p;
}

Prediction SmsClassifier::PredictFromIds(const int32_t* ids, size_t n) const {
  // fastText's softmax model by hand: the hidden vector is the mean of the input rows,
  // the logits the output rows times it. Same answer as FastText::predict (tested),
  // without its per-call state.
  thread_local std::vector<float> hidden, logits;
  hidden.assign(static_cast<size_t>(dim_), 0.0f);
  float* h = hidden.data();
  for (size_t i = 0; i < n; ++i) {
    const float* row = input_ + static_cast<int64_t>(ids[i]) * dim_;
    for (int k = 0; k < dim_; ++k) h[k] += row[k];
  }
  const float scale = 1.0f / static_cast<float>(n);
  for (int k = 0; k < dim_; ++k) h[k] *= scale;
  int best = 0;
  float best_logit = 0, sum = 0;
  logits.resize(static_cast<size_t>(labels_));
  for (int j = 0; j < labels_; ++j) {
    const float* row = output_ + static_cast<int64_t>(j) * dim_;
    float dot = 0;
    for (int k = 0; k < dim_; ++k) dot += row[k] * h[k];
    logits[static_cast<size_t>(j)] = dot;
    if (j == 0 || dot > best_logit) best = j, best_logit = dot;
  }
  for (int j = 0; j < labels_; ++j) sum += std::exp(logits[static_cast<size_t>(j)] - best_logit);
  Prediction p;
  p.label = label_names_[static_cast<size_t>(best)];
  p.probability = 1.0 / sum;
  if (not_fraud_label_ >= 0) {
    p.not_fraud = std::exp(logits[static_cast<size_t>(not_fraud_label_)] - best_logit) / sum;
  }
  return p;
}

Prediction SmsClassifier::PredictWithFastText(std::string_view normalized) const {
  Prediction p;
  if (!model_) return p;
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  std::istringstream in(TokenizeForClassifier(normalized) + "\n");
  model_->predictLine(in, predictions, -1, 0.0);  // every label, most likely first
  if (predictions.empty()) return p;
  p.label = predictions.front().second.substr(kLabelPrefix.size());
  p.probability = predictions.front().first;
  for (const auto& [probability, label] : predictions) {
    if (std::string_view(label).substr(kLabelPrefix.size()) == "0") p.not_fraud = probability;
  }
  return p;
}

namespace {

// The vocabulary of `dict` keyed by fastText's hash; nullptr when our hash disagrees.
std::shared_ptr<CompiledClassifier> CompileVocabulary(const fasttext::Dictionary& dict) {
  auto c = std::make_shared<CompiledClassifier>();
  c->nwords = dict.nwords();
  uint32_t size = 16;
  while (size < 2 * static_cast<uint32_t>(c->nwords) + 16) size *= 2;
  c->slots.resize(size);
  c->mask = size - 1;
  c->direct.resize(CompiledClassifier::kDirect);
  for (char32_t cp = 0; cp < CompiledClassifier::kDirect; ++cp) {
    std::string bytes;
    if (cp < 0xD800 || cp > 0xDFFF) AppendUtf8(bytes, cp);
    c->direct[cp] = {-1, CompiledClassifier::Hash(bytes)};
  }
  for (int32_t id = 0; id < c->nwords; ++id) {
    const std::string word = dict.getWord(id);
    const uint32_t h = CompiledClassifier::Hash(word);
    if (h != dict.hash(word)) return nullptr;
    uint32_t k = h & c->mask;
    while (c->slots[k].id >= 0) k = (k + 1) & c->mask;
    c->slots[k] = {h, id, static_cast<uint32_t>(c->pool.size()),
                   static_cast<uint32_t>(word.size())};
    c->pool += word;
    size_t i = 0;
    const char32_t cp = word.empty() ? 0 : DecodeUtf8(word, i);
    if (!word.empty() && i == word.size() && cp < CompiledClassifier::kDirect &&
        word.size() == CompiledClassifier::Utf8Length(cp)) {
      c->direct[cp].id = id;
    }
  }
  c->eos_hash = CompiledClassifier::Hash(fasttext::Dictionary::EOS);
  c->eos_id = c->Find(fasttext::Dictionary::EOS, c->eos_hash);
  return c;
}

// Row r of `input` (rows × dim) times `output` (labels × dim) less the label-0 product,
// in double: out[r * stride + j - 1] for labels j >= 1.
void Project(const float* input, int64_t rows, const float* output, int labels, int dim, int stride,
             float* out) {
  std::vector<double> dots(static_cast<size_t>(labels));
  for (int64_t r = 0; r < rows; ++r) {
    const float* in = input + r * dim;
    for (int j = 0; j < labels; ++j) {
      const float* w = output + static_cast<int64_t>(j) * dim;
      double dot = 0;
      for (int k = 0; k < dim; ++k) dot += static_cast<double>(w[k]) * in[k];
      dots[static_cast<size_t>(j)] = dot;
    }
    float* o = out + r * stride;
    for (int j = 1; j < labels; ++j)
      o[j - 1] = static_cast<float>(dots[static_cast<size_t>(j)] - dots[0]);
  }
}

}  // namespace

bool SmsClassifier::FastIdsAgree() {
  compiled_.reset();
  dict_ = model_->getDictionary();
  const fasttext::Args args = model_->getArgs();
  word_ngrams_ = args.wordNgrams;
  bucket_ = args.bucket;
  if (bucket_ <= 0 || args.loss != fasttext::loss_name::softmax || model_->isQuant()) return false;
  const auto input = model_->getInputMatrix();
  const auto output = model_->getOutputMatrix();
  dim_ = static_cast<int>(input->cols());
  labels_ = static_cast<int>(output->rows());
  if (output->cols() != dim_ || labels_ != dict_->nlabels() || labels_ < 1) return false;
  input_ = input->data();
  output_ = output->data();
  label_names_.clear();
  not_fraud_label_ = -1;
  for (int32_t i = 0; i < labels_; ++i) {
    label_names_.push_back(dict_->getLabel(i).substr(kLabelPrefix.size()));
    if (label_names_.back() == "0") not_fraud_label_ = i;
  }
  std::shared_ptr<CompiledClassifier> c = CompileVocabulary(*dict_);
  if (!c) return false;
  c->SetBucket(static_cast<uint64_t>(bucket_));
  c->word_ngrams = word_ngrams_;
  static constexpr std::string_view kProbes[] = {"您 好 ， 我 是 公 安 局 的 警 官",
                                                 "点击abc.com领取123元，详询 客服",
                                                 "x",
                                                 "",
                                                 "tab\tand\vvertical\ffeed  spaces",
                                                 "\xff\xfe 坏 字 节 \xe4\xbd",
                                                 "</s> __label__0"};
  std::vector<int32_t> fast, hashes, slow, labels;
  for (std::string_view probe : kProbes) {
    c->Ids(probe, fast, hashes);
    std::istringstream in(TokenizeForClassifier(probe) + "\n");
    dict_->getLine(in, slow, labels);
    if (fast != slow) return false;
  }
  // Projection pays when labels are far fewer than dimensions.
  if (labels_ >= 2 && labels_ <= 65 && labels_ * 2 <= dim_) {  // kMax floats a row at most
    c->stride_shift = 3;
    while ((1 << c->stride_shift) < labels_ - 1) ++c->stride_shift;
    c->stride = 1 << c->stride_shift;
    c->projected = AllocateHuge(static_cast<size_t>(input->rows()) * c->stride);
    if (c->projected) {
      Project(input_, input->rows(), output_, labels_, dim_, c->stride, c->projected.get());
    }
  }
  compiled_ = std::move(c);
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
