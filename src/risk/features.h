// Streaming transfer features: what the bank knows about a transfer at the moment it is
// decided — the transfer itself, the payer's and the payee's accounts (velocity and
// amount statistics over sliding windows, new payee, first large transfer, account age,
// fan-in, fan-out, pass-through, distance to known mules) and the payer's phone (telecom
// linkage: calls from flagged, new or unknown numbers, fraud SMS, flagged sites, flagged,
// sideloaded or screen-sharing apps, from interception's verdicts).
//
// FeatureStore keeps that state. Extract() computes one transfer's feature vector from
// the state as it is (const: nothing of the transfer is recorded); Observe() then records
// every event, in event-time order, the transfer included with the status the bank gave
// it. Training (DatasetBuilder in scorer.h) and serving (Scorer) both call exactly these
// two functions, so the features are identical by construction.
//
// Memory is bounded per entity (docs/risk.md, "Features"): an account holds its last
// kFlowRing incoming and outgoing transfers, its kPayeeMemory most recent distinct payees
// and kNeighbours counterparties (~0.5 KiB); a phone its kContactMemory most recent
// correspondents and the times of its last flagged contacts (~0.2 KiB); a device the
// last kDeviceAccounts accounts seen on it. Entities are interned (core/interner.h) and
// never evicted: memory is O(distinct accounts, phones and devices seen).
//
// Not thread safe: one store per partition (accounts and phones of a partition), fed in
// event-time order from one thread. Extract() may run concurrently with other Extract()
// calls but not with Observe().
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/interner.h"

namespace wuzha::risk {

// Every feature, in vector order. The names (FeatureName) are the stable interface:
// rule files and model files name features, never their positions.
enum class Feature : uint16_t {
  // The transfer.
  kAmountYuan,
  kHourLocal,
  kNight,
  kChannel,
  kCash,
  // The payer's account.
  kPayerOpenedDays,
  kPayerHistoryDays,
  kPayerOutCount1h,
  kPayerOutCount24h,
  kPayerOutSum24hYuan,
  kPayerAmountVsMax,
  kPayerAmountVsMean,
  kPayerFirstLarge,
  kPayeeNew,
  kPayerInSum1hYuan,
  kPayerMinSinceIn,
  kPayerOutVsIn1h,
  kPayerDistinctPayers24h,
  kPayerMinSinceStopped,
  kPayerMuleDistance,
  kDeviceAccounts,
  // The payee's account.
  kPayeeOpenedDays,
  kPayeeHistoryDays,
  kPayeeInCount24h,
  kPayeeDistinctPayers24h,
  kPayeeDistinctPayees24h,
  kPayeeInSum24hYuan,
  kPayeeOutVsIn24h,
  kPayeePassThroughMin,
  kPayeeMuleDistance,
  // Telecom linkage: the payer's phone.
  kMinSinceFlaggedCall,
  kMinSinceUnknownCall,
  kMinSinceNewNumberCall,
  kInCallWithUnknown,
  kUnknownCallers24h,
  kMinSinceFraudSms,
  kMinSinceFlaggedWeb,
  kMinSinceFlaggedApp,
  kMinSinceSideloadApp,
  kMinSinceScreenShareApp,
  kMaxContactScore24h,
  kCount
};
inline constexpr size_t kFeatureCount = static_cast<size_t>(Feature::kCount);

enum class FeatureGroup : uint8_t { kTransfer, kPayer, kPayee, kLinkage };

struct FeatureInfo {
  Feature id;
  std::string_view name;  // "payee_new"
  FeatureGroup group;
  std::string_view description;  // one line, for docs/risk.md and `wuzha train risk`
};

// The table of every feature, in vector order.
std::span<const FeatureInfo> Features();
std::string_view FeatureName(Feature f);
// nullopt when `name` is not a feature.
std::optional<Feature> FindFeature(std::string_view name);
// The telecom-linkage features (the payer's phone): masked in the "no linkage" model.
bool IsLinkageFeature(Feature f);

// What interception decided about a contact (a call, SMS, web visit or app install): the
// telecom-linkage input. Plain value; `fraud_type` is borrowed for the call only.
struct ContactVerdict {
  enum class Level : uint8_t { kAllow, kWarn, kBlock };
  Level level = Level::kAllow;
  float score = 0;              // 0..1
  std::string_view fraud_type;  // Chinese name or empty
};

struct FeatureOptions {
  int64_t large_transfer_fen = 500'000;       // "large": 5,000 yuan and more
  int64_t new_number_ms = 30LL * 86'400'000;  // a SIM opened this recently is "new"
  int64_t long_call_s = 15 * 60;              // a call this long is a screen-share call
  int night_start_hour = 23;                  // Asia/Shanghai; night is [start, end)
  int night_end_hour = 6;
  int64_t horizon_ms = 7LL * 86'400'000;          // "minutes since" older than this = missing
  int64_t opened_horizon_ms = 90LL * 86'400'000;  // "opened days" older than this = missing
  // Words in an app's name or package that mark screen-sharing or remote-control apps
  // (matched case-insensitively for ASCII).
  std::vector<std::string> screen_share_words = {
      "会议",   "共享",   "屏幕",       "远程",    "协助",   "云视讯",   "zoom",  "meeting",
      "screen", "remote", "teamviewer", "anydesk", "todesk", "sunlogin", "向日葵"};
};

using FeatureRow = std::array<float, kFeatureCount>;

class FeatureStore {
 public:
  // How much is kept per entity (see the class comment).
  static constexpr size_t kFlowRing = 8;
  static constexpr size_t kPayeeMemory = 16;
  static constexpr size_t kNeighbours = 8;
  static constexpr size_t kContactMemory = 16;
  static constexpr size_t kDeviceAccounts = 8;
  static constexpr size_t kScoreMemory = 4;

  explicit FeatureStore(FeatureOptions options = {});

  // The features of `transfer` from what was observed before it; NaN = missing.
  // REQUIRES: transfer.type == kTransfer; out.size() >= kFeatureCount.
  void Extract(const Event& transfer, std::span<float> out) const;

  // Records one event (any type; the ones that carry nothing here are ignored).
  // `verdict` is interception's verdict for a call, SMS, web visit or app install, or
  // null. A transfer is recorded with its status: a completed one moves money (windows,
  // payees, graph); a held or blocked one only marks its payer as stopped.
  // REQUIRES: event-time order.
  void Observe(const Event& event, const ContactVerdict* verdict = nullptr);

  // A known mule account (a 涉案账户 list, or a report's payees), learnt at `time_ms`:
  // distance 0, its counterparties 1 and theirs 2. Never forgotten.
  void MarkKnownMule(std::string_view account, int64_t time_ms);
  bool IsKnownMule(std::string_view account) const;
  size_t known_mules() const { return known_mules_; }

  // The fraud type interception named in the payer phone's latest flagged contact, or
  // empty: the fraud-type guess of a warning.
  std::string_view LastFraudType(std::string_view phone) const;

  // Bytes held by the store (states and interners).
  size_t memory_bytes() const;
  size_t accounts() const { return accounts_.size(); }
  size_t phones() const { return phones_.size(); }
  const FeatureOptions& options() const { return options_; }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr uint8_t kNoFraudType = 0xff;
  struct Flow {
    int64_t ts;
    int64_t fen;
    uint32_t other;  // counterparty account id; kNone for cash
    bool new_payee;  // outgoing: the payee was new to the payer then
  };
  // The last kFlowRing flows, newest at (head - 1).
  struct FlowRing {
    std::array<Flow, kFlowRing> flows;
    uint8_t size = 0, head = 0;
    void Push(const Flow& f);
    // i = 0 is the newest. REQUIRES: i < size.
    const Flow& Recent(size_t i) const;
  };
  struct Account {
    int64_t first_seen = 0;
    int64_t opened = -1;   // account_open seen at this time; -1 = not seen
    int64_t stopped = -1;  // latest held or blocked outgoing transfer
    int64_t max_out_fen = 0;
    int64_t out_total_fen = 0;
    uint32_t out_total_count = 0;
    uint8_t mule_distance = 3;  // 0 known mule, 1, 2, 3 = none within 2
    uint8_t payee_count = 0;
    uint8_t neighbour_count = 0;
    FlowRing in, out;
    std::array<uint32_t, kPayeeMemory> payees;     // most recent first
    std::array<uint32_t, kNeighbours> neighbours;  // most recent first
  };
  struct Phone {
    int64_t opened = -1;  // sim_open seen at this time
    int64_t flagged_call = -1, unknown_call = -1, new_number_call = -1, fraud_sms = -1;
    int64_t flagged_web = -1, flagged_app = -1, sideload_app = -1, screen_app = -1;
    int64_t unknown_call_end = -1;  // end of the latest answered call from an unknown number
    std::array<int64_t, kScoreMemory> score_ts{};
    std::array<float, kScoreMemory> scores{};
    std::array<int64_t, 4> unknown_caller_ts{};
    std::array<uint32_t, 4> unknown_callers{};
    std::array<uint32_t, kContactMemory> contacts;  // most recent first
    uint8_t contact_count = 0, score_head = 0, unknown_head = 0;
    uint8_t fraud_type = kNoFraudType;  // FraudType of the latest flagged contact
  };
  struct Device {
    std::array<uint32_t, kDeviceAccounts> accounts;
    std::array<int64_t, kDeviceAccounts> seen;
    uint8_t count = 0;
  };

  void ObserveTransfer(const Event& e);
  void ObserveCall(const Event& e, const ContactVerdict* v);
  void ObserveSms(const Event& e, const ContactVerdict* v);
  void ObserveWeb(const Event& e, const ContactVerdict* v);
  void ObserveApp(const Event& e, const ContactVerdict* v);
  void ObserveReport(const Event& e);
  void ObserveScore(Phone& p, int64_t ts, const ContactVerdict* v);
  bool IsContact(const Phone& p, uint32_t other) const;
  void AddContact(Phone& p, uint32_t other);
  void AddNeighbour(uint32_t a, uint32_t b);
  void SetKnownMule(uint32_t id);
  void Propagate(uint32_t from);
  bool IsScreenShare(std::string_view text) const;

  uint32_t AccountId(std::string_view number, int64_t ts);
  uint32_t PhoneId(std::string_view number);
  std::optional<uint32_t> FindAccount(std::string_view number) const;
  const Phone* FindPhone(std::string_view number) const;

  void ExtractPayer(const Account* a, int64_t ts, int64_t fen, float* out) const;
  void ExtractPayee(const Account* a, int64_t ts, float* out) const;
  void ExtractLinkage(const Phone* p, int64_t ts, float* out) const;

  FeatureOptions options_;
  std::vector<std::string> screen_words_;  // lower-cased
  Interner account_ids_, phone_ids_, device_ids_;
  std::vector<Account> accounts_;
  std::vector<Phone> phones_;
  std::vector<Device> devices_;
  size_t known_mules_ = 0;
};

}  // namespace wuzha::risk
