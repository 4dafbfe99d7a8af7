// Each streaming feature on hand-made event sequences (features.h).
#include "risk/features.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <set>

#include "risk_events.h"

namespace wuzha::risk {
namespace {

using namespace testing;  // NOLINT: the event helpers

float Get(const FeatureRow& row, Feature f) { return row[static_cast<size_t>(f)]; }

FeatureRow Row(const FeatureStore& store, const Event& transfer) {
  FeatureRow row;
  store.Extract(transfer, row);
  return row;
}

ContactVerdict Flag(float score = 0.9f, std::string_view type = "冒充客服") {
  ContactVerdict v;
  v.level = ContactVerdict::Level::kWarn;
  v.score = score;
  v.fraud_type = type;
  return v;
}

TEST(Features, NamesAreUniqueAndFoundAgain) {
  std::set<std::string_view> names;
  for (const FeatureInfo& f : Features()) {
    EXPECT_TRUE(names.insert(f.name).second) << f.name;
    EXPECT_EQ(FindFeature(f.name), f.id);
    EXPECT_FALSE(f.description.empty());
  }
  EXPECT_EQ(names.size(), kFeatureCount);
  EXPECT_FALSE(FindFeature("no_such_feature").has_value());
  EXPECT_TRUE(IsLinkageFeature(Feature::kMinSinceFraudSms));
  EXPECT_FALSE(IsLinkageFeature(Feature::kPayeeNew));
}

TEST(Features, TransferItself) {
  FeatureStore store;
  const FeatureRow day = Row(store, Transfer(30, "A", "B", 1234));  // 10:30
  EXPECT_FLOAT_EQ(Get(day, Feature::kAmountYuan), 1234.0f);
  EXPECT_FLOAT_EQ(Get(day, Feature::kHourLocal), 10.5f);
  EXPECT_EQ(Get(day, Feature::kNight), 0.0f);
  EXPECT_EQ(Get(day, Feature::kChannel), 0.0f);
  EXPECT_EQ(Get(day, Feature::kCash), 0.0f);
  const FeatureRow night =
      Row(store, Transfer(13 * 60 + 30, "A", "", 500, "", "", TransferStatus::kCompleted,
                          Channel::kAtm));  // 23:30
  EXPECT_EQ(Get(night, Feature::kNight), 1.0f);
  EXPECT_EQ(Get(night, Feature::kCash), 1.0f);
  EXPECT_EQ(Get(night, Feature::kChannel), 2.0f);
  EXPECT_TRUE(std::isnan(Get(night, Feature::kPayeeNew)));
  EXPECT_TRUE(std::isnan(Get(night, Feature::kPayeeMuleDistance)));
}

TEST(Features, UnknownPayerHasNoHistory) {
  FeatureStore store;
  const FeatureRow row = Row(store, Transfer(0, "A", "B", 6000));
  EXPECT_EQ(Get(row, Feature::kPayerHistoryDays), 0.0f);
  EXPECT_EQ(Get(row, Feature::kPayerOutCount24h), 0.0f);
  EXPECT_EQ(Get(row, Feature::kPayerFirstLarge), 1.0f);
  EXPECT_EQ(Get(row, Feature::kPayeeNew), 1.0f);
  EXPECT_TRUE(std::isnan(Get(row, Feature::kPayerAmountVsMax)));
  EXPECT_TRUE(std::isnan(Get(row, Feature::kPayerOpenedDays)));
  EXPECT_EQ(Get(row, Feature::kPayeeMuleDistance), 3.0f);
}

TEST(Features, VelocityOverSlidingWindows) {
  FeatureStore store;
  store.Observe(Transfer(-30 * 60, "A", "X", 100));  // 30 hours ago: outside 24 h
  store.Observe(Transfer(-5 * 60, "A", "X", 200));
  store.Observe(Transfer(-50, "A", "Y", 300));
  store.Observe(Transfer(-20, "A", "Y", 400));
  store.Observe(Transfer(-1, "A", "Z", 500));
  const FeatureRow row = Row(store, Transfer(0, "A", "Z", 50));
  EXPECT_EQ(Get(row, Feature::kPayerOutCount1h), 3.0f);
  EXPECT_EQ(Get(row, Feature::kPayerOutCount24h), 4.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kPayerOutSum24hYuan), 1400.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kPayerHistoryDays), 30.0f / 24.0f);
}

TEST(Features, WindowsKeepOnlyTheLastEightTransfers) {
  FeatureStore store;
  for (int i = 0; i < 12; ++i) store.Observe(Transfer(-30 + i, "A", "X", 10));
  const FeatureRow row = Row(store, Transfer(0, "A", "X", 10));
  EXPECT_EQ(Get(row, Feature::kPayerOutCount1h), 8.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kPayerOutSum24hYuan), 80.0f);
}

TEST(Features, AmountAgainstHistoryAndFirstLargeTransfer) {
  FeatureStore store;
  store.Observe(Transfer(-60, "A", "X", 100));
  store.Observe(Transfer(-30, "A", "X", 200));
  FeatureRow row = Row(store, Transfer(0, "A", "M", 6000));
  EXPECT_FLOAT_EQ(Get(row, Feature::kPayerAmountVsMax), 30.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kPayerAmountVsMean), 40.0f);
  EXPECT_EQ(Get(row, Feature::kPayerFirstLarge), 1.0f);
  store.Observe(Transfer(0, "A", "M", 6000));
  row = Row(store, Transfer(10, "A", "N", 7000));
  EXPECT_EQ(Get(row, Feature::kPayerFirstLarge), 0.0f);
  row = Row(store, Transfer(10, "A", "N", 100));
  EXPECT_EQ(Get(row, Feature::kPayerFirstLarge), 0.0f);  // not large
}

TEST(Features, NewPayeeAndStoppedTransfers) {
  FeatureStore store;
  EXPECT_EQ(Get(Row(store, Transfer(0, "A", "X", 10)), Feature::kPayeeNew), 1.0f);
  store.Observe(Transfer(0, "A", "X", 10));
  EXPECT_EQ(Get(Row(store, Transfer(1, "A", "X", 10)), Feature::kPayeeNew), 0.0f);
  // A held transfer moves no money: Y stays new, and the payer is marked stopped.
  store.Observe(Transfer(2, "A", "Y", 9000, "", "", TransferStatus::kHeld));
  const FeatureRow row = Row(store, Transfer(32, "A", "Y", 9000));
  EXPECT_EQ(Get(row, Feature::kPayeeNew), 1.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kPayerMinSinceStopped), 30.0f);
  EXPECT_EQ(Get(row, Feature::kPayerOutCount1h), 1.0f);
}

TEST(Features, PayeeMemoryIsBounded) {
  FeatureStore store;
  store.Observe(Transfer(0, "A", "X", 10));
  for (int i = 0; i < static_cast<int>(FeatureStore::kPayeeMemory) - 1; ++i)
    store.Observe(Transfer(1 + i, "A", "P" + std::to_string(i), 10));
  EXPECT_EQ(Get(Row(store, Transfer(100, "A", "X", 10)), Feature::kPayeeNew), 0.0f);
  store.Observe(Transfer(101, "A", "P-last", 10));
  EXPECT_EQ(Get(Row(store, Transfer(102, "A", "X", 10)), Feature::kPayeeNew), 1.0f);
}

TEST(Features, AccountAgeFromItsOpening) {
  FeatureStore store;
  store.Observe(AccountOpen(-2 * 24 * 60, "M"));
  store.Observe(Transfer(-24 * 60, "V", "W", 10));
  const FeatureRow row = Row(store, Transfer(0, "V", "M", 5000));
  EXPECT_FLOAT_EQ(Get(row, Feature::kPayeeOpenedDays), 2.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kPayeeHistoryDays), 2.0f);
  EXPECT_TRUE(std::isnan(Get(row, Feature::kPayerOpenedDays)));  // opening not seen
  EXPECT_FLOAT_EQ(Get(row, Feature::kPayerHistoryDays), 1.0f);
  // Openings older than the horizon are not "opened recently".
  const FeatureRow later = Row(store, Transfer(100 * 24 * 60, "V", "M", 5000));
  EXPECT_TRUE(std::isnan(Get(later, Feature::kPayeeOpenedDays)));
}

TEST(Features, PassThroughFanInAndFanOut) {
  FeatureStore store;
  store.Observe(Transfer(0, "V1", "M", 10000));
  store.Observe(Transfer(3, "M", "L2a", 5000));
  store.Observe(Transfer(5, "M", "L2b", 4800));
  // The mule's own next transfer: money in, money out within minutes.
  const FeatureRow out = Row(store, Transfer(6, "M", "L2c", 100));
  EXPECT_FLOAT_EQ(Get(out, Feature::kPayerInSum1hYuan), 10000.0f);
  EXPECT_FLOAT_EQ(Get(out, Feature::kPayerMinSinceIn), 6.0f);
  EXPECT_FLOAT_EQ(Get(out, Feature::kPayerOutVsIn1h), 0.99f);
  EXPECT_EQ(Get(out, Feature::kPayerDistinctPayers24h), 1.0f);
  // A second victim paying the mule sees its pass-through and fan-out.
  const FeatureRow in = Row(store, Transfer(10, "V2", "M", 8000));
  EXPECT_FLOAT_EQ(Get(in, Feature::kPayeePassThroughMin), 3.0f);
  EXPECT_EQ(Get(in, Feature::kPayeeInCount24h), 1.0f);
  EXPECT_EQ(Get(in, Feature::kPayeeDistinctPayers24h), 1.0f);
  EXPECT_EQ(Get(in, Feature::kPayeeDistinctPayees24h), 2.0f);
  EXPECT_FLOAT_EQ(Get(in, Feature::kPayeeInSum24hYuan), 10000.0f);
  EXPECT_FLOAT_EQ(Get(in, Feature::kPayeeOutVsIn24h), 0.98f);
}

TEST(Features, FanInCountsDistinctPayersOfTheLastDay) {
  FeatureStore store;
  store.Observe(Transfer(-26 * 60, "P0", "M", 100));
  for (int i = 1; i <= 5; ++i) store.Observe(Transfer(-60 + i, "P" + std::to_string(i), "M", 100));
  store.Observe(Transfer(-10, "P1", "M", 100));
  const FeatureRow row = Row(store, Transfer(0, "V", "M", 100));
  EXPECT_EQ(Get(row, Feature::kPayeeDistinctPayers24h), 5.0f);
  EXPECT_EQ(Get(row, Feature::kPayeeInCount24h), 6.0f);
}

TEST(Features, AccountsSharingADevice) {
  FeatureStore store;
  store.Observe(Transfer(0, "M1", "X", 10, "", "gang-box"));
  store.Observe(Transfer(1, "M2", "X", 10, "", "gang-box"));
  store.Observe(Transfer(2, "M3", "X", 10, "", "gang-box"));
  EXPECT_EQ(Get(Row(store, Transfer(3, "M4", "X", 10, "", "gang-box")), Feature::kDeviceAccounts),
            4.0f);
  EXPECT_EQ(Get(Row(store, Transfer(3, "M1", "X", 10, "", "gang-box")), Feature::kDeviceAccounts),
            3.0f);
  EXPECT_EQ(Get(Row(store, Transfer(3, "A", "X", 10, "", "own-phone")), Feature::kDeviceAccounts),
            1.0f);
  EXPECT_TRUE(std::isnan(Get(Row(store, Transfer(3, "A", "X", 10)), Feature::kDeviceAccounts)));
  // A week later the device's accounts have aged out.
  EXPECT_EQ(Get(Row(store, Transfer(8 * 24 * 60, "M4", "X", 10, "", "gang-box")),
                Feature::kDeviceAccounts),
            1.0f);
}

TEST(Features, DistanceToKnownMules) {
  FeatureStore store;
  store.Observe(Transfer(0, "L1", "L2", 5000));  // L1 - L2
  store.Observe(Transfer(1, "V", "L1", 5000));   // V - L1
  store.MarkKnownMule("L2", At(2));
  EXPECT_TRUE(store.IsKnownMule("L2"));
  EXPECT_EQ(store.known_mules(), 1u);
  EXPECT_EQ(Get(Row(store, Transfer(3, "W", "L2", 10)), Feature::kPayeeMuleDistance), 0.0f);
  EXPECT_EQ(Get(Row(store, Transfer(3, "W", "L1", 10)), Feature::kPayeeMuleDistance), 1.0f);
  EXPECT_EQ(Get(Row(store, Transfer(3, "V", "Q", 10)), Feature::kPayerMuleDistance), 2.0f);
  EXPECT_EQ(Get(Row(store, Transfer(3, "L1", "Q", 10)), Feature::kPayerMuleDistance), 1.0f);
  // A new edge to a known mule takes one step.
  store.Observe(Transfer(4, "L2", "L3", 4000));
  EXPECT_EQ(Get(Row(store, Transfer(5, "W", "L3", 10)), Feature::kPayeeMuleDistance), 1.0f);
  EXPECT_EQ(Get(Row(store, Transfer(5, "W", "Far", 10)), Feature::kPayeeMuleDistance), 3.0f);
}

TEST(Features, AReportMarksTheNewPayeesThatMakeUpTheLoss) {
  FeatureStore store;
  store.Observe(Transfer(-24 * 60, "V", "Shop", 80));  // before the fraud
  store.Observe(Transfer(0, "V", "M1", 30000));
  store.Observe(Transfer(5, "V", "Shop", 50));   // not new
  store.Observe(Transfer(10, "V", "Cafe", 30));  // new but small
  store.Observe(Transfer(20, "V", "M2", 20000));
  store.Observe(Report(3 * 24 * 60, "V", 50000, 0));
  EXPECT_TRUE(store.IsKnownMule("M1"));
  EXPECT_TRUE(store.IsKnownMule("M2"));
  EXPECT_FALSE(store.IsKnownMule("Shop"));
  EXPECT_FALSE(store.IsKnownMule("Cafe"));
  EXPECT_EQ(store.known_mules(), 2u);
}

TEST(Features, CallsFromFlaggedUnknownAndNewNumbers) {
  FeatureStore store;
  const ContactVerdict flagged = Flag();
  store.Observe(SimOpen(-24 * 60, "8617000000001"));
  store.Observe(Call(0, "8617000000001", "8613900000001", 30 * 60), &flagged);
  FeatureRow row = Row(store, Transfer(5, "A", "M", 5000, "8613900000001"));
  EXPECT_FLOAT_EQ(Get(row, Feature::kMinSinceFlaggedCall), 5.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kMinSinceUnknownCall), 5.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kMinSinceNewNumberCall), 5.0f);
  EXPECT_EQ(Get(row, Feature::kInCallWithUnknown), 1.0f);
  EXPECT_EQ(Get(row, Feature::kUnknownCallers24h), 1.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kMaxContactScore24h), 0.9f);
  EXPECT_EQ(store.LastFraudType("8613900000001"), "冒充客服");
  row = Row(store, Transfer(31, "A", "M", 5000, "8613900000001"));
  EXPECT_EQ(Get(row, Feature::kInCallWithUnknown), 0.0f);  // the call has ended
  // A week and more later the contacts are beyond the horizon.
  row = Row(store, Transfer(8 * 24 * 60, "A", "M", 5000, "8613900000001"));
  EXPECT_TRUE(std::isnan(Get(row, Feature::kMinSinceFlaggedCall)));
  EXPECT_EQ(Get(row, Feature::kMaxContactScore24h), 0.0f);
}

TEST(Features, ANumberThePhoneCalledIsNotUnknown) {
  FeatureStore store;
  store.Observe(Call(-60, "8613900000001", "8613800000002", 60));      // the payer calls mum
  store.Observe(Call(0, "8613800000002", "8613900000001", 600));       // mum calls back
  store.Observe(Call(1, "8613700000003", "8613900000001", 0, false));  // a missed call
  const FeatureRow row = Row(store, Transfer(5, "A", "B", 100, "8613900000001"));
  EXPECT_TRUE(std::isnan(Get(row, Feature::kMinSinceUnknownCall)));
  EXPECT_EQ(Get(row, Feature::kInCallWithUnknown), 0.0f);
  EXPECT_EQ(Get(row, Feature::kUnknownCallers24h), 0.0f);
  EXPECT_TRUE(std::isnan(Get(row, Feature::kMinSinceNewNumberCall)));  // no sim_open seen
}

TEST(Features, UnknownCallersAreCountedOnce) {
  FeatureStore store;
  store.Observe(Call(0, "8617000000001", "8613900000001", 60));
  store.Observe(Call(10, "8617000000001", "8613900000001", 60));
  store.Observe(Call(20, "8617000000002", "8613900000001", 60));
  const FeatureRow row = Row(store, Transfer(30, "A", "B", 100, "8613900000001"));
  EXPECT_EQ(Get(row, Feature::kUnknownCallers24h), 2.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kMinSinceUnknownCall), 10.0f);
}

TEST(Features, FraudSmsFlaggedSitesAndApps) {
  FeatureStore store;
  const ContactVerdict flagged = Flag(0.7f, "刷单返利");
  const ContactVerdict clean;
  const std::string phone = "8613900000001";
  store.Observe(Sms(0, "8617000000001", phone, "日结刷单"), &flagged);
  store.Observe(Sms(1, "106900000", phone, "验证码"), &clean);
  store.Observe(Web(10, phone, "icbc-refund.top"), &flagged);
  store.Observe(Web(11, phone, "baidu.com"), &clean);
  store.Observe(App(20, phone, "com.xifeng.vvxbjuips", "熊猫赚", AppSource::kLink), &flagged);
  store.Observe(App(25, phone, "com.yunzhan.meeting", "云展会议", AppSource::kStore), &clean);
  const FeatureRow row = Row(store, Transfer(30, "A", "B", 100, phone));
  EXPECT_FLOAT_EQ(Get(row, Feature::kMinSinceFraudSms), 30.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kMinSinceFlaggedWeb), 20.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kMinSinceFlaggedApp), 10.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kMinSinceSideloadApp), 10.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kMinSinceScreenShareApp), 5.0f);
  EXPECT_FLOAT_EQ(Get(row, Feature::kMaxContactScore24h), 0.7f);
  EXPECT_EQ(store.LastFraudType(phone), "刷单返利");
  // Another payer's phone has none of it.
  const FeatureRow other = Row(store, Transfer(30, "C", "B", 100, "8613900000009"));
  EXPECT_TRUE(std::isnan(Get(other, Feature::kMinSinceFraudSms)));
  EXPECT_TRUE(std::isnan(Get(other, Feature::kMaxContactScore24h)));
}

TEST(Features, ExtractRecordsNothing) {
  FeatureStore store;
  const Event t = Transfer(0, "A", "B", 100);
  const FeatureRow first = Row(store, t);
  const FeatureRow again = Row(store, t);
  EXPECT_EQ(0, std::memcmp(first.data(), again.data(), sizeof first));
  EXPECT_EQ(store.accounts(), 0u);
  store.Observe(t);
  EXPECT_EQ(store.accounts(), 2u);
  EXPECT_GT(store.memory_bytes(), 0u);
}

}  // namespace
}  // namespace wuzha::risk
