// Small deterministic helpers shared by the city builder and the derived-string
// accessors: hashing an index into a seed, weighted picks with integer weights,
// bijections on a digit space, civil dates. All integer arithmetic: same results on
// every machine.
#pragma once

#include <cstdint>
#include <span>

#include "core/random.h"

namespace wuzha::sim::internal {

// A strong 64-bit mix (splitmix64's finalizer) of `seed` and `salt`.
inline uint64_t Mix64(uint64_t seed, uint64_t salt) {
  uint64_t z = seed ^ (salt * 0x9e3779b97f4a7c15ULL) ^ 0x632be59bd9b4e019ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Index into `weights` drawn with probability proportional to its weight.
// REQUIRES: weights non-empty with a positive sum.
inline size_t PickWeighted(Rng& rng, std::span<const uint32_t> weights) {
  uint64_t total = 0;
  for (uint32_t w : weights) total += w;
  uint64_t r = rng.Uniform(total);
  for (size_t i = 0; i < weights.size(); ++i) {
    if (r < weights[i]) return i;
    r -= weights[i];
  }
  return weights.size() - 1;
}

// x → (multiplier·x + offset) mod modulus is a bijection on [0, modulus) when the
// multiplier is coprime to the modulus (here a power of ten: odd and not a multiple of 5).
struct DigitPermutation {
  uint64_t modulus, multiplier, offset;
  static DigitPermutation ForPowerOfTen(uint64_t modulus, uint64_t key) {
    uint64_t m = Mix64(key, 1) % modulus;
    m |= 1;
    if (m % 5 == 0) m = (m + 2) % modulus;
    return DigitPermutation{modulus, m, Mix64(key, 2) % modulus};
  }
  uint64_t operator()(uint64_t x) const {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(multiplier) * x + offset) %
                                 modulus);
  }
};

struct CivilDate {
  int year, month, day;
};
// The civil date of `days` since 1970-01-01 (Howard Hinnant's algorithm).
CivilDate CivilFromDays(int64_t days);
// 1..365 for a month/day in a non-leap year (29 February counts as 28 February).
int DayOfYearNoLeap(int month, int day);
// Month and day of `day_of_year` (1..365) in a non-leap year.
CivilDate MonthDayNoLeap(int year, int day_of_year);

}  // namespace wuzha::sim::internal
