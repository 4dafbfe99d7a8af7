#include "risk/features.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/fraud_type.h"

namespace wuzha::risk {
namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();
constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;

constexpr FeatureInfo kFeatures[] = {
    {Feature::kAmountYuan, "amount_yuan", FeatureGroup::kTransfer, "the transfer's amount, yuan"},
    {Feature::kHourLocal, "hour_local", FeatureGroup::kTransfer,
     "hour of the day in Asia/Shanghai, fractional (0-24)"},
    {Feature::kNight, "night", FeatureGroup::kTransfer, "1 between 23:00 and 06:00 Shanghai time"},
    {Feature::kChannel, "channel", FeatureGroup::kTransfer,
     "0 mobile, 1 online, 2 atm, 3 counter, 4 pos, 5 third party"},
    {Feature::kCash, "cash", FeatureGroup::kTransfer, "1 for a withdrawal (no payee account)"},
    {Feature::kPayerOpenedDays, "payer_opened_days", FeatureGroup::kPayer,
     "days since the payer's account was opened (an account_open seen in the last 90 days)"},
    {Feature::kPayerHistoryDays, "payer_history_days", FeatureGroup::kPayer,
     "days since the payer's account was first seen (0 when never)"},
    {Feature::kPayerOutCount1h, "payer_out_count_1h", FeatureGroup::kPayer,
     "the payer's completed outgoing transfers in the last hour (at most 8)"},
    {Feature::kPayerOutCount24h, "payer_out_count_24h", FeatureGroup::kPayer,
     "the payer's completed outgoing transfers in the last 24 hours (at most 8)"},
    {Feature::kPayerOutSum24hYuan, "payer_out_sum_24h_yuan", FeatureGroup::kPayer,
     "yuan the payer sent in the last 24 hours (its last 8 transfers)"},
    {Feature::kPayerAmountVsMax, "payer_amount_vs_max", FeatureGroup::kPayer,
     "amount / the payer's largest earlier outgoing transfer"},
    {Feature::kPayerAmountVsMean, "payer_amount_vs_mean", FeatureGroup::kPayer,
     "amount / the payer's mean earlier outgoing transfer"},
    {Feature::kPayerFirstLarge, "payer_first_large", FeatureGroup::kPayer,
     "1 when the amount is large (>= 5,000 yuan) and no earlier outgoing one was"},
    {Feature::kPayeeNew, "payee_new", FeatureGroup::kPayer,
     "1 when the payee is not among the payer's 16 most recent payees"},
    {Feature::kPayerInSum1hYuan, "payer_in_sum_1h_yuan", FeatureGroup::kPayer,
     "yuan the payer received in the last hour"},
    {Feature::kPayerMinSinceIn, "payer_min_since_in", FeatureGroup::kPayer,
     "minutes since the payer last received money"},
    {Feature::kPayerOutVsIn1h, "payer_out_vs_in_1h", FeatureGroup::kPayer,
     "(amount + sent in the last hour) / received in the last hour: pass-through"},
    {Feature::kPayerDistinctPayers24h, "payer_distinct_payers_24h", FeatureGroup::kPayer,
     "distinct accounts that paid the payer in the last 24 hours (fan-in)"},
    {Feature::kPayerMinSinceStopped, "payer_min_since_stopped", FeatureGroup::kPayer,
     "minutes since one of the payer's transfers was held or blocked"},
    {Feature::kPayerMuleDistance, "payer_mule_distance", FeatureGroup::kPayer,
     "hops from the payer to a known mule account in the transfer graph (0-2; 3 = farther)"},
    {Feature::kDeviceAccounts, "device_accounts", FeatureGroup::kPayer,
     "distinct accounts that paid from the transfer's device in the last 7 days"},
    {Feature::kPayeeOpenedDays, "payee_opened_days", FeatureGroup::kPayee,
     "days since the payee's account was opened (an account_open seen in the last 90 days)"},
    {Feature::kPayeeHistoryDays, "payee_history_days", FeatureGroup::kPayee,
     "days since the payee's account was first seen (0 when never)"},
    {Feature::kPayeeInCount24h, "payee_in_count_24h", FeatureGroup::kPayee,
     "transfers the payee received in the last 24 hours (at most 8)"},
    {Feature::kPayeeDistinctPayers24h, "payee_distinct_payers_24h", FeatureGroup::kPayee,
     "distinct accounts that paid the payee in the last 24 hours (fan-in)"},
    {Feature::kPayeeDistinctPayees24h, "payee_distinct_payees_24h", FeatureGroup::kPayee,
     "distinct accounts the payee paid in the last 24 hours (fan-out)"},
    {Feature::kPayeeInSum24hYuan, "payee_in_sum_24h_yuan", FeatureGroup::kPayee,
     "yuan the payee received in the last 24 hours"},
    {Feature::kPayeeOutVsIn24h, "payee_out_vs_in_24h", FeatureGroup::kPayee,
     "yuan the payee sent / received in the last 24 hours"},
    {Feature::kPayeePassThroughMin, "payee_pass_through_min", FeatureGroup::kPayee,
     "shortest time, minutes, from money reaching the payee to the payee sending (24 h)"},
    {Feature::kPayeeMuleDistance, "payee_mule_distance", FeatureGroup::kPayee,
     "hops from the payee to a known mule account (0-2; 3 = farther)"},
    {Feature::kMinSinceFlaggedCall, "min_since_flagged_call", FeatureGroup::kLinkage,
     "minutes since the payer's phone answered a call interception warned about or blocked"},
    {Feature::kMinSinceUnknownCall, "min_since_unknown_call", FeatureGroup::kLinkage,
     "minutes since the payer's phone answered a number it never called or texted"},
    {Feature::kMinSinceNewNumberCall, "min_since_new_number_call", FeatureGroup::kLinkage,
     "minutes since the payer's phone answered a number opened in the last 30 days"},
    {Feature::kInCallWithUnknown, "in_call_with_unknown", FeatureGroup::kLinkage,
     "1 when the payer is on a call with an unknown, new or flagged number right now"},
    {Feature::kUnknownCallers24h, "unknown_callers_24h", FeatureGroup::kLinkage,
     "distinct unknown numbers the payer's phone answered in the last 24 hours (at most 4)"},
    {Feature::kMinSinceFraudSms, "min_since_fraud_sms", FeatureGroup::kLinkage,
     "minutes since the payer's phone received an SMS interception classified as fraud"},
    {Feature::kMinSinceFlaggedWeb, "min_since_flagged_web", FeatureGroup::kLinkage,
     "minutes since the payer's phone visited a domain interception flagged"},
    {Feature::kMinSinceFlaggedApp, "min_since_flagged_app", FeatureGroup::kLinkage,
     "minutes since the payer's phone installed an app interception flagged"},
    {Feature::kMinSinceSideloadApp, "min_since_sideload_app", FeatureGroup::kLinkage,
     "minutes since the payer's phone installed an app from a link or a sideloaded APK"},
    {Feature::kMinSinceScreenShareApp, "min_since_screen_share_app", FeatureGroup::kLinkage,
     "minutes since the payer's phone installed a screen-sharing or remote-control app"},
    {Feature::kMaxContactScore24h, "max_contact_score_24h", FeatureGroup::kLinkage,
     "highest interception score of a contact with the payer's phone in the last 24 hours"},
};
static_assert(std::size(kFeatures) == kFeatureCount, "one FeatureInfo per Feature");

constexpr bool TableInOrder() {
  for (size_t i = 0; i < kFeatureCount; ++i) {
    if (static_cast<size_t>(kFeatures[i].id) != i) return false;
  }
  return true;
}
static_assert(TableInOrder(), "kFeatures must list the features in enum order");

float Minutes(int64_t ms) { return static_cast<float>(static_cast<double>(ms) / kMinuteMs); }
float Days(int64_t ms) { return static_cast<float>(static_cast<double>(ms) / kDayMs); }
float Yuan(int64_t fen) { return static_cast<float>(static_cast<double>(fen) / 100.0); }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Moves `id` to the front of a most-recent-first list, inserting it when absent.
template <size_t N>
void Touch(std::array<uint32_t, N>& list, uint8_t& count, uint32_t id) {
  size_t at = count;
  for (size_t i = 0; i < count; ++i) {
    if (list[i] == id) {
      at = i;
      break;
    }
  }
  if (at == count) {
    if (count < N) ++count;
    at = count - 1;
  }
  for (size_t i = at; i > 0; --i) list[i] = list[i - 1];
  list[0] = id;
}

template <size_t N>
bool Contains(const std::array<uint32_t, N>& list, uint8_t count, uint32_t id) {
  for (size_t i = 0; i < count; ++i) {
    if (list[i] == id) return true;
  }
  return false;
}

}  // namespace

std::span<const FeatureInfo> Features() { return kFeatures; }

std::string_view FeatureName(Feature f) { return kFeatures[static_cast<size_t>(f)].name; }

std::optional<Feature> FindFeature(std::string_view name) {
  for (const FeatureInfo& info : kFeatures) {
    if (info.name == name) return info.id;
  }
  return std::nullopt;
}

bool IsLinkageFeature(Feature f) {
  return kFeatures[static_cast<size_t>(f)].group == FeatureGroup::kLinkage;
}

void FeatureStore::FlowRing::Push(const Flow& f) {
  flows[head] = f;
  head = static_cast<uint8_t>((head + 1) % kFlowRing);
  if (size < kFlowRing) ++size;
}

const FeatureStore::Flow& FeatureStore::FlowRing::Recent(size_t i) const {
  return flows[(head + kFlowRing - 1 - i) % kFlowRing];
}

FeatureStore::FeatureStore(FeatureOptions options) : options_(std::move(options)) {
  for (const std::string& w : options_.screen_share_words) screen_words_.push_back(LowerAscii(w));
}

uint32_t FeatureStore::AccountId(std::string_view number, int64_t ts) {
  const uint32_t id = account_ids_.Intern(number);
  if (id == accounts_.size()) {
    accounts_.emplace_back();
    accounts_.back().first_seen = ts;
  }
  return id;
}

uint32_t FeatureStore::PhoneId(std::string_view number) {
  const uint32_t id = phone_ids_.Intern(number);
  if (id == phones_.size()) phones_.emplace_back();
  return id;
}

std::optional<uint32_t> FeatureStore::FindAccount(std::string_view number) const {
  if (number.empty()) return std::nullopt;
  return account_ids_.Find(number);
}

const FeatureStore::Phone* FeatureStore::FindPhone(std::string_view number) const {
  if (number.empty()) return nullptr;
  const auto id = phone_ids_.Find(number);
  return id ? &phones_[*id] : nullptr;
}

bool FeatureStore::IsScreenShare(std::string_view text) const {
  const std::string lower = LowerAscii(text);
  for (const std::string& w : screen_words_) {
    if (!w.empty() && lower.find(w) != std::string::npos) return true;
  }
  return false;
}

// --- extraction ---------------------------------------------------------------------

void FeatureStore::Extract(const Event& transfer, std::span<float> out) const {
  WUZHA_CHECK(out.size() >= kFeatureCount);
  const TransferEvent& t = transfer.as<TransferEvent>();
  const int64_t ts = transfer.ts.millis();
  const int64_t fen = t.amount.fen();
  float* f = out.data();
  std::fill(f, f + kFeatureCount, kMissing);
  const int64_t local = ts + Timestamp::kShanghaiOffsetMs;
  const int64_t in_day = ((local % kDayMs) + kDayMs) % kDayMs;
  const int hour = static_cast<int>(in_day / kHourMs);
  f[size_t(Feature::kAmountYuan)] = Yuan(fen);
  f[size_t(Feature::kHourLocal)] = static_cast<float>(static_cast<double>(in_day) / kHourMs);
  const bool night = options_.night_start_hour > options_.night_end_hour
                         ? (hour >= options_.night_start_hour || hour < options_.night_end_hour)
                         : (hour >= options_.night_start_hour && hour < options_.night_end_hour);
  f[size_t(Feature::kNight)] = night ? 1.0f : 0.0f;
  f[size_t(Feature::kChannel)] = static_cast<float>(static_cast<int>(t.channel));
  f[size_t(Feature::kCash)] = t.to_account.empty() ? 1.0f : 0.0f;

  const auto payer = FindAccount(t.from_account);
  const auto payee = FindAccount(t.to_account);
  ExtractPayer(payer ? &accounts_[*payer] : nullptr, ts, fen, f);
  if (t.to_account.empty()) {
    // A withdrawal has no payee: its payee features stay missing.
  } else if (payee) {
    ExtractPayee(&accounts_[*payee], ts, f);
    f[size_t(Feature::kPayeeNew)] =
        payer && Contains(accounts_[*payer].payees, accounts_[*payer].payee_count, *payee) ? 0.0f
                                                                                           : 1.0f;
  } else {
    f[size_t(Feature::kPayeeNew)] = 1.0f;
    f[size_t(Feature::kPayeeHistoryDays)] = 0.0f;
    f[size_t(Feature::kPayeeInCount24h)] = 0.0f;
    f[size_t(Feature::kPayeeDistinctPayers24h)] = 0.0f;
    f[size_t(Feature::kPayeeDistinctPayees24h)] = 0.0f;
    f[size_t(Feature::kPayeeInSum24hYuan)] = 0.0f;
    f[size_t(Feature::kPayeeMuleDistance)] = 3.0f;
  }
  if (!t.device.empty()) {
    uint32_t n = 1;  // the payer itself
    if (const auto d = device_ids_.Find(t.device)) {
      const Device& dev = devices_[*d];
      n = 0;
      bool payer_listed = false;
      for (size_t i = 0; i < dev.count; ++i) {
        if (ts - dev.seen[i] > 7 * kDayMs) continue;
        ++n;
        if (payer && dev.accounts[i] == *payer) payer_listed = true;
      }
      if (!payer_listed) ++n;
    }
    f[size_t(Feature::kDeviceAccounts)] = static_cast<float>(n);
  }
  ExtractLinkage(FindPhone(t.payer_phone), ts, f);
}

void FeatureStore::ExtractPayer(const Account* a, int64_t ts, int64_t fen, float* f) const {
  const bool large = fen >= options_.large_transfer_fen;
  if (a == nullptr) {
    f[size_t(Feature::kPayerHistoryDays)] = 0.0f;
    f[size_t(Feature::kPayerOutCount1h)] = 0.0f;
    f[size_t(Feature::kPayerOutCount24h)] = 0.0f;
    f[size_t(Feature::kPayerOutSum24hYuan)] = 0.0f;
    f[size_t(Feature::kPayerFirstLarge)] = large ? 1.0f : 0.0f;
    f[size_t(Feature::kPayerInSum1hYuan)] = 0.0f;
    f[size_t(Feature::kPayerDistinctPayers24h)] = 0.0f;
    f[size_t(Feature::kPayerMuleDistance)] = 3.0f;
    return;
  }
  if (a->opened >= 0 && ts - a->opened <= options_.opened_horizon_ms)
    f[size_t(Feature::kPayerOpenedDays)] = Days(ts - a->opened);
  f[size_t(Feature::kPayerHistoryDays)] = Days(ts - a->first_seen);
  int out_1h = 0, out_24h = 0;
  int64_t out_sum_24h = 0, out_sum_1h = 0;
  for (size_t i = 0; i < a->out.size; ++i) {
    const Flow& o = a->out.Recent(i);
    const int64_t age = ts - o.ts;
    if (age <= kHourMs) {
      ++out_1h;
      out_sum_1h += o.fen;
    }
    if (age <= kDayMs) {
      ++out_24h;
      out_sum_24h += o.fen;
    }
  }
  f[size_t(Feature::kPayerOutCount1h)] = static_cast<float>(out_1h);
  f[size_t(Feature::kPayerOutCount24h)] = static_cast<float>(out_24h);
  f[size_t(Feature::kPayerOutSum24hYuan)] = Yuan(out_sum_24h);
  if (a->out_total_count > 0) {
    f[size_t(Feature::kPayerAmountVsMax)] =
        static_cast<float>(static_cast<double>(fen) / std::max<int64_t>(1, a->max_out_fen));
    const double mean = static_cast<double>(a->out_total_fen) / a->out_total_count;
    f[size_t(Feature::kPayerAmountVsMean)] = static_cast<float>(fen / std::max(1.0, mean));
  }
  f[size_t(Feature::kPayerFirstLarge)] =
      large && a->max_out_fen < options_.large_transfer_fen ? 1.0f : 0.0f;
  int64_t in_sum_1h = 0;
  uint32_t senders[kFlowRing];
  size_t distinct = 0;
  for (size_t i = 0; i < a->in.size; ++i) {
    const Flow& in = a->in.Recent(i);
    const int64_t age = ts - in.ts;
    if (age <= kHourMs) in_sum_1h += in.fen;
    if (age <= kDayMs && std::find(senders, senders + distinct, in.other) == senders + distinct)
      senders[distinct++] = in.other;
  }
  f[size_t(Feature::kPayerInSum1hYuan)] = Yuan(in_sum_1h);
  if (a->in.size > 0 && ts - a->in.Recent(0).ts <= options_.horizon_ms)
    f[size_t(Feature::kPayerMinSinceIn)] = Minutes(ts - a->in.Recent(0).ts);
  if (in_sum_1h > 0)
    f[size_t(Feature::kPayerOutVsIn1h)] =
        static_cast<float>(static_cast<double>(fen + out_sum_1h) / static_cast<double>(in_sum_1h));
  f[size_t(Feature::kPayerDistinctPayers24h)] = static_cast<float>(distinct);
  if (a->stopped >= 0 && ts - a->stopped <= options_.horizon_ms)
    f[size_t(Feature::kPayerMinSinceStopped)] = Minutes(ts - a->stopped);
  f[size_t(Feature::kPayerMuleDistance)] = static_cast<float>(a->mule_distance);
}

void FeatureStore::ExtractPayee(const Account* b, int64_t ts, float* f) const {
  if (b->opened >= 0 && ts - b->opened <= options_.opened_horizon_ms)
    f[size_t(Feature::kPayeeOpenedDays)] = Days(ts - b->opened);
  f[size_t(Feature::kPayeeHistoryDays)] = Days(ts - b->first_seen);
  int in_24h = 0;
  int64_t in_sum = 0, out_sum = 0;
  uint32_t payers[kFlowRing], payees[kFlowRing];
  size_t n_payers = 0, n_payees = 0;
  for (size_t i = 0; i < b->in.size; ++i) {
    const Flow& in = b->in.Recent(i);
    if (ts - in.ts > kDayMs) continue;
    ++in_24h;
    in_sum += in.fen;
    if (std::find(payers, payers + n_payers, in.other) == payers + n_payers)
      payers[n_payers++] = in.other;
  }
  int64_t pass = -1;
  for (size_t i = 0; i < b->out.size; ++i) {
    const Flow& o = b->out.Recent(i);
    if (ts - o.ts > kDayMs) continue;
    out_sum += o.fen;
    if (o.other != kNone && std::find(payees, payees + n_payees, o.other) == payees + n_payees)
      payees[n_payees++] = o.other;
    // The latest money in before this money out.
    for (size_t j = 0; j < b->in.size; ++j) {
      const Flow& in = b->in.Recent(j);
      if (in.ts <= o.ts) {
        const int64_t lag = o.ts - in.ts;
        if (pass < 0 || lag < pass) pass = lag;
        break;
      }
    }
  }
  f[size_t(Feature::kPayeeInCount24h)] = static_cast<float>(in_24h);
  f[size_t(Feature::kPayeeDistinctPayers24h)] = static_cast<float>(n_payers);
  f[size_t(Feature::kPayeeDistinctPayees24h)] = static_cast<float>(n_payees);
  f[size_t(Feature::kPayeeInSum24hYuan)] = Yuan(in_sum);
  if (in_sum > 0)
    f[size_t(Feature::kPayeeOutVsIn24h)] =
        static_cast<float>(static_cast<double>(out_sum) / static_cast<double>(in_sum));
  if (pass >= 0) f[size_t(Feature::kPayeePassThroughMin)] = Minutes(pass);
  f[size_t(Feature::kPayeeMuleDistance)] = static_cast<float>(b->mule_distance);
}

void FeatureStore::ExtractLinkage(const Phone* p, int64_t ts, float* f) const {
  if (p == nullptr) return;
  auto since = [&](Feature feature, int64_t at) {
    if (at >= 0 && ts - at <= options_.horizon_ms) f[size_t(feature)] = Minutes(ts - at);
  };
  since(Feature::kMinSinceFlaggedCall, p->flagged_call);
  since(Feature::kMinSinceUnknownCall, p->unknown_call);
  since(Feature::kMinSinceNewNumberCall, p->new_number_call);
  since(Feature::kMinSinceFraudSms, p->fraud_sms);
  since(Feature::kMinSinceFlaggedWeb, p->flagged_web);
  since(Feature::kMinSinceFlaggedApp, p->flagged_app);
  since(Feature::kMinSinceSideloadApp, p->sideload_app);
  since(Feature::kMinSinceScreenShareApp, p->screen_app);
  f[size_t(Feature::kInCallWithUnknown)] = p->unknown_call_end > ts ? 1.0f : 0.0f;
  int unknown = 0;
  for (size_t i = 0; i < p->unknown_caller_ts.size(); ++i) {
    if (p->unknown_caller_ts[i] > 0 && ts - p->unknown_caller_ts[i] <= kDayMs) ++unknown;
  }
  f[size_t(Feature::kUnknownCallers24h)] = static_cast<float>(unknown);
  float best = 0;
  for (size_t i = 0; i < kScoreMemory; ++i) {
    if (p->score_ts[i] > 0 && ts - p->score_ts[i] <= kDayMs) best = std::max(best, p->scores[i]);
  }
  f[size_t(Feature::kMaxContactScore24h)] = best;
}

// --- observation ----------------------------------------------------------------------

void FeatureStore::Observe(const Event& e, const ContactVerdict* verdict) {
  switch (e.type) {
    case EventType::kTransfer: ObserveTransfer(e); break;
    case EventType::kCall: ObserveCall(e, verdict); break;
    case EventType::kSms: ObserveSms(e, verdict); break;
    case EventType::kWeb: ObserveWeb(e, verdict); break;
    case EventType::kApp: ObserveApp(e, verdict); break;
    case EventType::kReport: ObserveReport(e); break;
    case EventType::kAccountOpen: {
      const auto& o = e.as<AccountOpenEvent>();
      if (!o.account.empty()) accounts_[AccountId(o.account, e.ts.millis())].opened = e.ts.millis();
      break;
    }
    case EventType::kSimOpen: {
      const auto& o = e.as<SimOpenEvent>();
      if (!o.phone.empty()) phones_[PhoneId(o.phone)].opened = e.ts.millis();
      break;
    }
    default: break;
  }
}

void FeatureStore::ObserveTransfer(const Event& e) {
  const TransferEvent& t = e.as<TransferEvent>();
  if (t.from_account.empty()) return;
  const int64_t ts = e.ts.millis();
  const uint32_t a = AccountId(t.from_account, ts);
  if (t.status != TransferStatus::kCompleted) {
    accounts_[a].stopped = ts;
    return;
  }
  const int64_t fen = t.amount.fen();
  const uint32_t b = t.to_account.empty() ? kNone : AccountId(t.to_account, ts);
  // AccountId may grow accounts_: take references only now.
  Account& payer = accounts_[a];
  const bool new_payee = b != kNone && !Contains(payer.payees, payer.payee_count, b);
  payer.out.Push(Flow{ts, fen, b, new_payee});
  payer.max_out_fen = std::max(payer.max_out_fen, fen);
  payer.out_total_fen += fen;
  ++payer.out_total_count;
  if (b != kNone) {
    Touch(payer.payees, payer.payee_count, b);
    accounts_[b].in.Push(Flow{ts, fen, a, false});
    AddNeighbour(a, b);
  }
  if (!t.device.empty()) {
    const uint32_t d = device_ids_.Intern(t.device);
    if (d == devices_.size()) devices_.emplace_back();
    Device& dev = devices_[d];
    size_t at = dev.count;
    for (size_t i = 0; i < dev.count; ++i) {
      if (dev.accounts[i] == a) at = i;
    }
    if (at == dev.count) {
      if (dev.count < kDeviceAccounts) {
        ++dev.count;
      } else {
        // Full: the account seen longest ago makes room.
        at = static_cast<size_t>(std::min_element(dev.seen.begin(), dev.seen.end()) -
                                 dev.seen.begin());
      }
      dev.accounts[at] = a;
    }
    dev.seen[at] = ts;
  }
}

void FeatureStore::AddNeighbour(uint32_t a, uint32_t b) {
  Account& x = accounts_[a];
  Account& y = accounts_[b];
  Touch(x.neighbours, x.neighbour_count, b);
  Touch(y.neighbours, y.neighbour_count, a);
  // One step of the distance along the new edge, both ways (not cascaded further).
  if (y.mule_distance + 1 < x.mule_distance)
    x.mule_distance = static_cast<uint8_t>(y.mule_distance + 1);
  if (x.mule_distance + 1 < y.mule_distance)
    y.mule_distance = static_cast<uint8_t>(x.mule_distance + 1);
}

void FeatureStore::MarkKnownMule(std::string_view account, int64_t time_ms) {
  if (account.empty()) return;
  SetKnownMule(AccountId(account, time_ms));
}

void FeatureStore::SetKnownMule(uint32_t id) {
  if (accounts_[id].mule_distance == 0) return;
  accounts_[id].mule_distance = 0;
  ++known_mules_;
  Propagate(id);
}

bool FeatureStore::IsKnownMule(std::string_view account) const {
  const auto id = FindAccount(account);
  return id && accounts_[*id].mule_distance == 0;
}

void FeatureStore::Propagate(uint32_t from) {
  const Account& m = accounts_[from];
  for (size_t i = 0; i < m.neighbour_count; ++i) {
    Account& n = accounts_[m.neighbours[i]];
    if (n.mule_distance > 1) n.mule_distance = 1;
    for (size_t j = 0; j < n.neighbour_count; ++j) {
      Account& nn = accounts_[n.neighbours[j]];
      if (nn.mule_distance > 2) nn.mule_distance = 2;
    }
  }
}

void FeatureStore::ObserveReport(const Event& e) {
  // A victim's report names the account the money left from and the loss: the payees
  // that were new to it since the loss began, largest first up to the loss, are the
  // gang's accounts (what the police's 涉案账户 notice gives a bank).
  const ReportEvent& r = e.as<ReportEvent>();
  const auto id = FindAccount(r.account);
  if (!id) return;
  const int64_t ts = e.ts.millis();
  const int64_t from =
      r.fraud_ts.millis() > 0 ? r.fraud_ts.millis() - 10 * kMinuteMs : ts - options_.horizon_ms;
  std::vector<Flow> candidates;
  const Account& victim = accounts_[*id];
  for (size_t i = 0; i < victim.out.size; ++i) {
    const Flow& o = victim.out.Recent(i);
    if (o.ts >= from && o.ts <= ts && o.new_payee && o.other != kNone) candidates.push_back(o);
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Flow& x, const Flow& y) { return x.fen > y.fen; });
  int64_t covered = 0;
  for (const Flow& o : candidates) {
    if (covered >= r.loss.fen() && r.loss.fen() > 0) break;
    covered += o.fen;
    SetKnownMule(o.other);
  }
}

void FeatureStore::ObserveScore(Phone& p, int64_t ts, const ContactVerdict* v) {
  if (v == nullptr || v->score <= 0) return;
  p.score_ts[p.score_head] = ts;
  p.scores[p.score_head] = v->score;
  p.score_head = static_cast<uint8_t>((p.score_head + 1) % kScoreMemory);
  if (v->level != ContactVerdict::Level::kAllow && !v->fraud_type.empty()) {
    if (const auto type = ParseFraudType(v->fraud_type)) p.fraud_type = static_cast<uint8_t>(*type);
  }
}

bool FeatureStore::IsContact(const Phone& p, uint32_t other) const {
  return Contains(p.contacts, p.contact_count, other);
}

void FeatureStore::AddContact(Phone& p, uint32_t other) {
  Touch(p.contacts, p.contact_count, other);
}

void FeatureStore::ObserveCall(const Event& e, const ContactVerdict* v) {
  const CallEvent& c = e.as<CallEvent>();
  if (c.caller.empty() || c.callee.empty()) return;
  const int64_t ts = e.ts.millis();
  const uint32_t caller = PhoneId(c.caller);
  const uint32_t callee = PhoneId(c.callee);
  // A phone's contacts are the numbers it called or texted itself.
  AddContact(phones_[caller], callee);
  if (!c.answered) return;
  Phone& p = phones_[callee];
  const bool flagged = v != nullptr && v->level != ContactVerdict::Level::kAllow;
  const bool unknown = !IsContact(p, caller);
  const int64_t opened = phones_[caller].opened;
  const bool fresh = opened >= 0 && ts - opened <= options_.new_number_ms;
  if (flagged) p.flagged_call = ts;
  if (fresh) p.new_number_call = ts;
  if (unknown) {
    p.unknown_call = ts;
    bool listed = false;
    for (size_t i = 0; i < p.unknown_callers.size(); ++i) {
      if (p.unknown_caller_ts[i] > 0 && p.unknown_callers[i] == caller) {
        p.unknown_caller_ts[i] = ts;
        listed = true;
      }
    }
    if (!listed) {
      p.unknown_callers[p.unknown_head] = caller;
      p.unknown_caller_ts[p.unknown_head] = ts;
      p.unknown_head = static_cast<uint8_t>((p.unknown_head + 1) % p.unknown_callers.size());
    }
  }
  if (flagged || unknown || fresh)
    p.unknown_call_end = std::max(p.unknown_call_end, ts + c.duration_s * 1000);
  ObserveScore(p, ts, v);
}

void FeatureStore::ObserveSms(const Event& e, const ContactVerdict* v) {
  const SmsEvent& s = e.as<SmsEvent>();
  if (s.receiver.empty()) return;
  const uint32_t receiver = PhoneId(s.receiver);
  if (!s.sender.empty()) {
    const uint32_t sender = PhoneId(s.sender);
    AddContact(phones_[sender], receiver);
  }
  Phone& p = phones_[receiver];
  if (v != nullptr && v->level != ContactVerdict::Level::kAllow) p.fraud_sms = e.ts.millis();
  ObserveScore(p, e.ts.millis(), v);
}

void FeatureStore::ObserveWeb(const Event& e, const ContactVerdict* v) {
  const WebEvent& w = e.as<WebEvent>();
  if (w.phone.empty()) return;
  Phone& p = phones_[PhoneId(w.phone)];
  if (v != nullptr && v->level != ContactVerdict::Level::kAllow) p.flagged_web = e.ts.millis();
  ObserveScore(p, e.ts.millis(), v);
}

void FeatureStore::ObserveApp(const Event& e, const ContactVerdict* v) {
  const AppEvent& a = e.as<AppEvent>();
  if (a.phone.empty() || a.action != AppAction::kInstall) return;
  Phone& p = phones_[PhoneId(a.phone)];
  const int64_t ts = e.ts.millis();
  if (v != nullptr && v->level != ContactVerdict::Level::kAllow) p.flagged_app = ts;
  if (a.source == AppSource::kLink || a.source == AppSource::kSideload) p.sideload_app = ts;
  if (IsScreenShare(a.app_name) || IsScreenShare(a.package)) p.screen_app = ts;
  ObserveScore(p, ts, v);
}

std::string_view FeatureStore::LastFraudType(std::string_view phone) const {
  const Phone* p = FindPhone(phone);
  if (p == nullptr || p->fraud_type == kNoFraudType) return {};
  return FraudTypeName(static_cast<FraudType>(p->fraud_type));
}

size_t FeatureStore::memory_bytes() const {
  return accounts_.capacity() * sizeof(Account) + phones_.capacity() * sizeof(Phone) +
         devices_.capacity() * sizeof(Device) + account_ids_.memory_bytes() +
         phone_ids_.memory_bytes() + device_ids_.memory_bytes();
}

}  // namespace wuzha::risk
