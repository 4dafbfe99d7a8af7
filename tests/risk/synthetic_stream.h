// A small synthetic event stream for the scorer and training tests: residents paying
// each other and shops, and scams — calls from new numbers flagged by interception, a
// fraud SMS, then large payments to freshly opened mule accounts that pass the money on
// within minutes. Deterministic for a seed (its own generator, no std distributions).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "risk/features.h"
#include "risk_events.h"

namespace wuzha::risk::testing {

struct StreamEvent {
  Event event;
  bool has_verdict = false;
  ContactVerdict verdict;  // fraud_type points to a string literal
  bool fraud = false;      // the truth of a transfer
};

class SplitMix {
 public:
  explicit SplitMix(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }

 private:
  uint64_t s_;
};

inline std::vector<StreamEvent> SyntheticStream(uint64_t seed, int residents, int days) {
  SplitMix r(seed);
  std::vector<StreamEvent> out;
  auto account = [](int i) { return "62" + std::to_string(100000 + i); };
  auto phone = [](int i) { return "86139" + std::to_string(10000000 + i); };
  auto push = [&](Event e, bool fraud = false) {
    StreamEvent s;
    s.event = std::move(e);
    s.fraud = fraud;
    out.push_back(std::move(s));
  };
  auto push_verdict = [&](Event e, bool flagged, float score) {
    StreamEvent s;
    s.event = std::move(e);
    s.has_verdict = true;
    s.verdict.level = flagged ? ContactVerdict::Level::kWarn : ContactVerdict::Level::kAllow;
    s.verdict.score = score;
    s.verdict.fraud_type = flagged ? "冒充客服" : "";
    out.push_back(std::move(s));
  };
  int mules = 0;
  for (int day = 0; day < days; ++day) {
    for (int minute = 0; minute < 14 * 60; minute += 2) {
      const double t = day * 1440.0 + minute;
      // Everyday life: a call, a shop payment or a family transfer.
      const int a = static_cast<int>(r.Below(residents)), b = static_cast<int>(r.Below(residents));
      if (a == b) continue;
      push_verdict(Call(t, phone(a), phone(b), 30 + r.Below(600)), false, 0.05f);
      if (r.Below(3) == 0) {
        const int shop = static_cast<int>(r.Below(20));
        push(Transfer(t + 0.5, account(a), "shop" + std::to_string(shop), 10 + r.Below(500),
                      phone(a), "imei" + std::to_string(a)));
      } else if (r.Below(4) == 0) {
        push(Transfer(t + 0.5, account(a), account(b), 100 + r.Below(8000), phone(a),
                      "imei" + std::to_string(a)));
      }
      // Now and then a scam.
      if (r.Below(12) == 0) {
        const int v = static_cast<int>(r.Below(residents));
        const std::string gang = "86170" + std::to_string(10000000 + mules);
        const std::string mule = "mule" + std::to_string(mules++);
        const std::string layer2 = "layer2-" + std::to_string(r.Below(5));
        push(SimOpen(t - 600, gang));
        push(AccountOpen(t - 500, mule));
        push_verdict(Call(t + 0.6, gang, phone(v), 1800), r.Below(2) == 0, 0.6f);
        push_verdict(Sms(t + 0.7, gang, phone(v), "退款"), r.Below(2) == 0, 0.8f);
        const int64_t yuan = 3000 + static_cast<int64_t>(r.Below(30000));
        push(Transfer(t + 1.0, account(v), mule, yuan, phone(v), "imei" + std::to_string(v)), true);
        push(Transfer(t + 1.5, mule, layer2, yuan * 98 / 100, "", "gang-box"), true);
      }
    }
  }
  // Opening events are stamped before their scam: keep the stream in time order.
  std::stable_sort(out.begin(), out.end(), [](const StreamEvent& x, const StreamEvent& y) {
    return x.event.ts.millis() < y.event.ts.millis();
  });
  return out;
}

}  // namespace wuzha::risk::testing
