// The sim's daily fraud volumes, scaled to 13.7 million residents, match the Wuhan
// figures of DESIGN.md within a factor of 2 (docs/sim.md, "Calibration"). A city of
// 100,000 for two days: big enough that every figure has hundreds of events behind it.
#include <gtest/gtest.h>

#include "sim/engine.h"

namespace wuzha::sim {
namespace {

struct Day {
  double fraud_numbers, fraud_sms, fraud_sites_and_apps, targets;
};

Day Measure() {
  CityOptions co;
  co.seed = 21;
  co.population = 100000;
  auto city = City::Build(co);
  EXPECT_TRUE(city.ok());
  EngineOptions eo;
  eo.seed = 21;
  eo.days = 2;
  eo.threads = 2;
  class Null : public EventSink {
    Status Write(const Event&) override { return Status::Ok(); }
  } sink;
  Engine engine(*city, eo);
  EXPECT_TRUE(engine.Run(sink).ok());
  const auto& s = engine.stats();
  const double k = 13.7e6 / co.population / eo.days;
  auto fraud = [&](EventType t) { return static_cast<double>(s.fraud_events_by_type[static_cast<int>(t)]); };
  return Day{static_cast<double>(s.fraud_numbers_used) * k, fraud(EventType::kSms) * k,
             (fraud(EventType::kWeb) + fraud(EventType::kApp)) * k,
             static_cast<double>(s.targets_engaged) * k};
}

bool WithinTwice(double got, double want) { return got >= want / 2 && got <= want * 2; }

TEST(Calibration, DailyFraudVolumesScaleToWuhanWithinAFactorOfTwo) {
  const Day d = Measure();
  RecordProperty("fraud_numbers_per_day", static_cast<int>(d.fraud_numbers));
  RecordProperty("fraud_sms_per_day", static_cast<int>(d.fraud_sms));
  RecordProperty("fraud_sites_apps_per_day", static_cast<int>(d.fraud_sites_and_apps));
  RecordProperty("targets_per_day", static_cast<int>(d.targets));
  EXPECT_TRUE(WithinTwice(d.fraud_numbers, 1200)) << d.fraud_numbers;
  EXPECT_TRUE(WithinTwice(d.fraud_sms, 190000)) << d.fraud_sms;
  EXPECT_TRUE(WithinTwice(d.fraud_sites_and_apps, 100000)) << d.fraud_sites_and_apps;
  // People a gang is working on: the ones a warning visit is for (~800 a day).
  EXPECT_TRUE(WithinTwice(d.targets, 800)) << d.targets;
}

}  // namespace
}  // namespace wuzha::sim
