#include "cli/sms_training.h"

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "sim/city.h"
#include "sim/engine.h"

namespace wuzha::cli {
namespace {

constexpr size_t kMaxLegitTrainingTexts = 20000;

// Collects a city's SMS as labelled texts: every fraud one, legitimate ones thinned
// evenly to at most kMaxLegitTrainingTexts.
class SmsCollector : public sim::EventSink {
 public:
  Status Write(const Event& e) override {
    if (e.type != EventType::kSms) return Status::Ok();
    const auto& sms = e.as<SmsEvent>();
    if (e.label.fraud) {
      fraud_.push_back({e.label.fraud_type.empty() ? "fraud" : e.label.fraud_type, sms.text});
    } else {
      legit_.push_back({"0", sms.text});
    }
    return Status::Ok();
  }
  std::vector<intercept::LabeledText> Take() {
    std::vector<intercept::LabeledText> out = std::move(fraud_);
    const size_t step = std::max<size_t>(1, legit_.size() / kMaxLegitTrainingTexts);
    for (size_t i = 0; i < legit_.size(); i += step) out.push_back(std::move(legit_[i]));
    return out;
  }

 private:
  std::vector<intercept::LabeledText> fraud_, legit_;
};

}  // namespace

Result<std::unique_ptr<intercept::SmsClassifier>> TrainSmsClassifierOnCity(const SmsTrainingCity& o,
                                                                           uint64_t* texts) {
  sim::CityOptions co;
  co.seed = o.seed;
  // At least 20k residents for three days: a few hundred fraud texts of each type.
  co.population = std::max<uint32_t>(o.population, 20000);
  WUZHA_ASSIGN_OR_RETURN(sim::City city, sim::City::Build(co));
  sim::EngineOptions eo;
  eo.seed = co.seed;
  eo.days = std::max(3, o.days);
  // Every fraud type, in volume: a city of a few gangs runs only a few scripts, and a
  // model that never saw one would be judged on it.
  eo.fraud.gangs = 24;
  eo.fraud.scale = 4;
  eo.threads = o.threads > 0 ? o.threads
                             : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  SmsCollector collector;
  {
    sim::Engine engine(city, eo);
    WUZHA_RETURN_IF_ERROR(engine.Run(collector));
  }
  std::vector<intercept::LabeledText> rows = collector.Take();
  if (texts != nullptr) *texts = rows.size();
  if (o.progress)
    o.progress("training the SMS classifier on " + std::to_string(rows.size()) +
               " texts of city seed " + std::to_string(co.seed));
  intercept::ClassifierOptions copts;
  copts.epoch = 10;
  WUZHA_ASSIGN_OR_RETURN(intercept::SmsClassifier model,
                         intercept::SmsClassifier::Train(rows, copts));
  return std::make_unique<intercept::SmsClassifier>(std::move(model));
}

}  // namespace wuzha::cli
