// The SMS classifier that city evaluations check messages with, trained on the labelled
// SMS of a city other than the one evaluated (`wuzha eval intercept`, `wuzha eval risk`):
// nothing of the evaluated city is seen in training.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "core/status.h"
#include "intercept/sms_classifier.h"

namespace wuzha::cli {

struct SmsTrainingCity {
  uint64_t seed = 1007;
  uint32_t population = 20000;                     // at least 20,000 are simulated
  int days = 3;                                    // at least 3 are simulated
  int threads = 0;                                 // simulator threads; 0 = every core
  std::function<void(std::string_view)> progress;  // may be empty
};

// Simulates the city with every fraud type in volume (24 gangs, fraud scale 4) and trains
// fastText on all its fraud SMS and up to 20,000 legitimate ones, evenly thinned.
// `texts` (optional) receives the number of training texts.
Result<std::unique_ptr<intercept::SmsClassifier>> TrainSmsClassifierOnCity(
    const SmsTrainingCity& city, uint64_t* texts);

}  // namespace wuzha::cli
