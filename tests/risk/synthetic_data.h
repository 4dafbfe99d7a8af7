// A seeded synthetic transfer-risk data set for the model tests and bench/risk_bench.cc:
// a mix of continuous, heavy-tailed and small-integer features (integers make rows land
// exactly on split thresholds), some missing (NaN), and a 0/1 label drawn from a
// nonlinear logistic function of them, so trees of depth 6 have structure to learn.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "risk/trainer.h"

namespace wuzha::risk::testing {

// Same seed, same rows. Feature j is missing with probability `missing_rate` when
// j % 3 == 1, never otherwise.
inline Dataset SyntheticTransfers(size_t rows, size_t features, uint64_t seed,
                                  double missing_rate = 0.15) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  Dataset data;
  data.num_features = features;
  data.features.resize(rows * features);
  data.labels.resize(rows);
  for (size_t i = 0; i < rows; ++i) {
    float* x = &data.features[i * features];
    for (size_t j = 0; j < features; ++j) {
      switch (j % 4) {
        case 0: x[j] = static_cast<float>(normal(rng)); break;
        case 1: x[j] = static_cast<float>(std::exp(2.0 * normal(rng))); break;  // amounts
        case 2: x[j] = static_cast<float>(static_cast<int>(uniform(rng) * 12)); break;
        default: x[j] = static_cast<float>(uniform(rng)); break;
      }
      if (j % 3 == 1 && uniform(rng) < missing_rate) {
        x[j] = std::numeric_limits<float>::quiet_NaN();
      }
    }
    auto v = [&](size_t j) { return std::isnan(x[j % features]) ? 0.5 : double(x[j % features]); };
    const double z = 1.2 * v(0) - 0.8 * std::log1p(v(1)) + 0.3 * v(2) * (v(3) > 0.5 ? 1 : -1) +
                     (std::isnan(x[1 % features]) ? 1.0 : 0.0) + 0.5 * std::sin(3 * v(4)) -
                     0.1 * v(6) + v(7) * v(8) - 1.0;
    data.labels[i] = uniform(rng) < 1.0 / (1.0 + std::exp(-z)) ? 1.0f : 0.0f;
  }
  return data;
}

}  // namespace wuzha::risk::testing
