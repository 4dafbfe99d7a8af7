#include "sim/internal/ids.h"

namespace wuzha::sim::internal {

std::string Hex64(uint64_t seed) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (int i = 0; i < 4; ++i) {
    uint64_t v = Mix(seed + static_cast<uint64_t>(i));
    for (int j = 0; j < 16; ++j) out.push_back(kHex[(v >> (4 * j)) & 15]);
  }
  return out;
}

// A Luhn-valid 15-digit IMEI derived from the phone index (one device per phone).
std::string Imei(uint64_t seed, uint64_t phone) {
  std::string d = "86";
  uint64_t h = Hash(seed, 0x1e1, phone);
  for (int i = 0; i < 12; ++i, h /= 10) d.push_back(static_cast<char>('0' + h % 10));
  int sum = 0;
  for (int i = 0; i < 14; ++i) {
    int v = d[static_cast<size_t>(i)] - '0';
    if (i % 2 == 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
  }
  d.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
  return d;
}

}  // namespace wuzha::sim::internal
