#include "sim/traffic.h"

#include <array>

#include "core/event_schema.h"
#include "formats/jsonl.h"

namespace wuzha::sim {
namespace {

// Mobile prefixes of the three carriers and the virtual operators.
constexpr std::array<std::string_view, 12> kMobilePrefixes = {
    "138", "139", "150", "186", "187", "133", "153", "189", "199", "170", "171", "166"};
constexpr std::array<std::string_view, 6> kBanks = {"ICBC", "CCB", "ABC", "BOC", "CMB", "PSBC"};
constexpr std::array<std::string_view, 5> kDomains = {"baidu.com", "taobao.com", "qq.com",
                                                      "jd.com", "icbc.com.cn"};
constexpr std::array<std::string_view, 4> kFraudTypes = {"刷单返利", "虚假投资理财", "冒充客服",
                                                         "冒充公检法"};
constexpr std::array<std::string_view, 4> kSmsTexts = {
    "【顺丰速运】您的快递已到驿站，取件码8-3-1024，请及时领取。",
    "【工商银行】您尾号1234的账户于05月01日收入工资8,500.00元。",
    "您的验证码为482913，5分钟内有效，请勿泄露给他人。",
    "妈，我手机坏了，这是我新号码，先别给别人说。"};

// Per-mille shares of call, sms, web, app, transfer, account_open, sim_open, report,
// feedback: roughly a carrier's and a bank's daily mix.
constexpr std::array<uint32_t, kEventTypeCount> kShares = {330, 300, 160, 30, 170, 4, 4, 1, 1};

std::string Digits(Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng.Uniform(10)));
  return s;
}

}  // namespace

RandomTraffic::RandomTraffic(TrafficOptions options)
    : options_(options), rng_(options.seed), clock_ms_(options.start.millis()) {
  phones_.reserve(options_.subscribers);
  accounts_.reserve(options_.subscribers);
  Rng names = rng_.Fork("population");
  for (uint32_t i = 0; i < options_.subscribers; ++i) {
    phones_.push_back("86" + std::string(kMobilePrefixes[names.Uniform(kMobilePrefixes.size())]) +
                      Digits(names, 8));
    accounts_.push_back("6222" + Digits(names, 15));
  }
}

std::string RandomTraffic::PersonId(uint32_t subscriber) const {
  // Wuhan district code, a birth date derived from the subscriber, a sequence number.
  std::string first17 = "420102";
  uint32_t year = 1940 + subscriber % 65, month = 1 + subscriber % 12, day = 1 + subscriber % 28;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04u%02u%02u%03u", year, month, day, subscriber % 1000);
  first17 += buf;
  return first17 + PersonIdCheckChar(first17);
}

void RandomTraffic::Next(Event& e) {
  ++count_;
  clock_ms_ += static_cast<int64_t>(rng_.Uniform(static_cast<uint64_t>(2 * options_.mean_gap_ms + 1)));
  EventType type = EventType::kTransfer;
  if (!options_.transfers_only) {
    uint32_t roll = static_cast<uint32_t>(rng_.Uniform(1000));
    for (int t = 0; t < kEventTypeCount; ++t) {
      if (roll < kShares[t]) {
        type = static_cast<EventType>(t);
        break;
      }
      roll -= kShares[t];
    }
  }
  e.Reset(type);
  // Most events arrive in order; one in twenty is delayed by up to max_jitter_ms.
  int64_t jitter = rng_.Chance(0.05) ? rng_.Range(0, options_.max_jitter_ms) : 0;
  e.ts = Timestamp::FromMillis(clock_ms_ - jitter);
  e.id = "e" + std::to_string(count_);
  switch (type) {
    case EventType::kCall: FillCall(e); break;
    case EventType::kSms: FillSms(e); break;
    case EventType::kWeb: FillWeb(e); break;
    case EventType::kApp: FillApp(e); break;
    case EventType::kTransfer: FillTransfer(e); break;
    case EventType::kAccountOpen: FillAccountOpen(e); break;
    case EventType::kSimOpen: FillSimOpen(e); break;
    case EventType::kReport: FillReport(e); break;
    case EventType::kFeedback: FillFeedback(e); break;
  }
}

void RandomTraffic::FillCall(Event& e) {
  auto& c = e.as<CallEvent>();
  c.caller = phones_[Subscriber()];
  c.callee = phones_[Subscriber()];
  c.answered = rng_.Chance(0.7);
  c.duration_s = c.answered ? rng_.Range(1, 600) : 0;
  c.caller_cell = "WH" + std::to_string(rng_.Uniform(4000));
  c.callee_cell = "WH" + std::to_string(rng_.Uniform(4000));
}

void RandomTraffic::FillSms(Event& e) {
  auto& s = e.as<SmsEvent>();
  bool fraud = rng_.Chance(0.01);
  s.sender = fraud ? phones_[Subscriber()] : "8695588";
  s.receiver = phones_[Subscriber()];
  s.text = fraud ? "【京东金融】您的百万保障即将到期自动扣费，如需取消请联系客服 jd-kefu点com"
                 : std::string(kSmsTexts[rng_.Uniform(kSmsTexts.size())]);
  if (fraud) {
    e.has_label = true;
    e.label.fraud = true;
    e.label.fraud_type = "冒充客服";
  }
}

void RandomTraffic::FillWeb(Event& e) {
  auto& w = e.as<WebEvent>();
  w.phone = phones_[Subscriber()];
  w.domain = std::string(kDomains[rng_.Uniform(kDomains.size())]);
  w.url = "https://www." + w.domain + "/";
}

void RandomTraffic::FillApp(Event& e) {
  auto& a = e.as<AppEvent>();
  a.phone = phones_[Subscriber()];
  a.package = rng_.Chance(0.02) ? "com.yunzhan.safe" : "com.tencent.mm";
  a.source = rng_.Chance(0.9) ? AppSource::kStore : AppSource::kLink;
}

void RandomTraffic::FillTransfer(Event& e) {
  auto& t = e.as<TransferEvent>();
  uint32_t payer = Subscriber();
  t.from_account = accounts_[payer];
  t.to_account = accounts_[Subscriber()];
  t.amount = Money::FromFen(rng_.Range(100, 5000000));
  t.channel = rng_.Chance(0.8) ? Channel::kMobile : Channel::kOnline;
  t.from_bank = std::string(kBanks[payer % kBanks.size()]);
  t.payer_phone = phones_[payer];
  t.device = "IMEI" + std::to_string(payer);
  if (rng_.Chance(0.002)) {
    e.has_label = true;
    e.label.fraud = true;
    e.label.fraud_type = std::string(kFraudTypes[rng_.Uniform(kFraudTypes.size())]);
    e.label.role = "victim";
  }
}

void RandomTraffic::FillAccountOpen(Event& e) {
  auto& a = e.as<AccountOpenEvent>();
  uint32_t owner = Subscriber();
  a.account = "6222" + Digits(rng_, 15);
  a.person_id = PersonId(owner);
  a.phone = phones_[owner];
  a.bank = std::string(kBanks[rng_.Uniform(kBanks.size())]);
  a.outlet = a.bank + "-" + std::to_string(rng_.Uniform(300));
  a.account_type = "debit";
}

void RandomTraffic::FillSimOpen(Event& e) {
  auto& s = e.as<SimOpenEvent>();
  uint32_t owner = Subscriber();
  s.phone = "86170" + Digits(rng_, 8);
  s.person_id = PersonId(owner);
  s.carrier = "CMCC";
  s.outlet = "CMCC-" + std::to_string(rng_.Uniform(500));
}

void RandomTraffic::FillReport(Event& e) {
  auto& r = e.as<ReportEvent>();
  uint32_t victim = Subscriber();
  r.person_id = PersonId(victim);
  r.phone = phones_[victim];
  r.account = accounts_[victim];
  r.fraud_type = std::string(kFraudTypes[rng_.Uniform(kFraudTypes.size())]);
  r.loss = Money::FromFen(rng_.Range(10000, 50000000));
}

void RandomTraffic::FillFeedback(Event& e) {
  auto& f = e.as<FeedbackEvent>();
  f.warning_id = "W" + std::to_string(rng_.Uniform(100000));
  f.officer_id = "P" + std::to_string(rng_.Uniform(3000));
  f.outcome = static_cast<FeedbackOutcome>(rng_.Uniform(6));
}

JsonlCorpus GenerateJsonlCorpus(const TrafficOptions& options, uint64_t n) {
  RandomTraffic traffic(options);
  JsonlCorpus c;
  c.lines.reserve(n);
  Event e;
  for (uint64_t i = 0; i < n; ++i) {
    traffic.Next(e);
    size_t start = c.text.size();
    formats::AppendEventJson(e, c.text);
    c.lines.emplace_back(start, c.text.size() - start);
    c.text.push_back('\n');
  }
  c.text.append(64, ' ');  // LineReader::kPadding: the parser reads past the last line
  return c;
}

}  // namespace wuzha::sim
