// Every evasion kind of the simulator (sim/text_gen.h), applied alone to a fraud SMS,
// is undone by Normalize: the evaded text normalizes to what the plain text normalizes to.
#include <gtest/gtest.h>

#include <string>

#include "core/fraud_type.h"
#include "core/random.h"
#include "sim/text_gen.h"
#include "text/normalize.h"

namespace wuzha::text {
namespace {

constexpr int kTextsPerType = 60;

class SimRoundTrip : public ::testing::TestWithParam<uint32_t> {};

TEST_P(SimRoundTrip, EvadedTextNormalizesLikePlainText) {
  const uint32_t kind = GetParam();
  Rng rng(20240601 + kind);
  int changed = 0;
  for (int t = 0; t < kFraudTypeCount; ++t) {
    const auto type = static_cast<FraudType>(t);
    for (int n = 0; n < kTextsPerType; ++n) {
      sim::FraudSmsInput input{type, "", "", nullptr, Money()};
      if (n % 2 == 0) input.url = "http://icbc-refund.top/r/8KQ2";
      if (n % 3 == 0) input.contact = "QQ12345678";
      const std::string plain = sim::FraudSms(input, 0.0, rng);
      uint32_t applied = 0;
      const std::string evaded = sim::ApplyEvasions(plain, type, kind, rng, &applied);
      if (applied != 0) ++changed;
      EXPECT_EQ(Normalize(evaded), Normalize(plain))
          << sim::EvasionName(kind) << "\n plain:  " << plain << "\n evaded: " << evaded;
    }
  }
  EXPECT_GT(changed, 0) << "the evasion never applied";
}

INSTANTIATE_TEST_SUITE_P(EachKind, SimRoundTrip,
                         ::testing::Values(sim::kEvasionPinyin, sim::kEvasionFullWidth,
                                           sim::kEvasionZeroWidth, sim::kEvasionSeparator,
                                           sim::kEvasionHomoglyph, sim::kEvasionTraditional,
                                           sim::kEvasionSpacedUrl, sim::kEvasionDotWord),
                         [](const auto& info) { return std::string(sim::EvasionName(info.param)); });

}  // namespace
}  // namespace wuzha::text
