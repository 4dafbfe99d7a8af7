// Hashes and derived identifiers the engine's generators share: every "random" device id,
// file hash and contact is a pure function of the seed and an index, so generators need
// no per-entity state and threads need no coordination.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wuzha::sim::internal {

inline uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
inline uint64_t Hash(uint64_t a, uint64_t b, uint64_t c = 0) { return Mix(Mix(Mix(a) ^ b) ^ c); }

inline uint64_t HashText(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

// 64 lowercase hex digits derived from `seed` (a SHA-256-looking hash).
std::string Hex64(uint64_t seed);
// A Luhn-valid 15-digit IMEI derived from `key` (one device per key).
std::string Imei(uint64_t seed, uint64_t key);

}  // namespace wuzha::sim::internal
