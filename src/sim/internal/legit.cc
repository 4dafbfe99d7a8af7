#include "sim/internal/legit.h"

#include <algorithm>
#include <array>
#include <cmath>  // llround only: draws come from Rng (no libm)
#include <numeric>
#include <string>
#include <string_view>
#include <thread>

#include "core/phone.h"
#include "sim/internal/ids.h"
#include "sim/text_gen.h"

namespace wuzha::sim::internal {
namespace {

constexpr int64_t kHourMs = 3600LL * 1000;
constexpr int64_t kDayMs = 24 * kHourMs;

// Relative activity by Shanghai hour: quiet at night, peaks 9-11 and 19-21. Normalized
// to a mean of 1 at construction, so the daily total equals the base rate.
constexpr std::array<double, 24> kHourWeights = {0.30, 0.15, 0.08, 0.05, 0.05, 0.10, 0.35, 0.80,
                                                 1.20, 1.70, 1.80, 1.60, 1.30, 1.20, 1.30, 1.30,
                                                 1.25, 1.20, 1.30, 1.60, 1.75, 1.60, 1.10, 0.60};
// Weekdays a little busier than weekends; (5 * 1.04 + 2 * 0.90) / 7 == 1.
constexpr double kWeekdayFactor = 1.04;
constexpr double kWeekendFactor = 0.90;

// Share of SMS that are person-to-person (the rest are A2P from service numbers).
constexpr double kFamilySmsShare = 0.2;
// Chance that a contact lives in the same community.
constexpr double kSameCommunity = 0.6;
// Contacts per resident: k in [0, kContacts) names one of them.
constexpr uint64_t kContacts = 20;
constexpr double kAnswered = 0.75;

constexpr std::array<std::string_view, 8> kSourceNames = {"call", "business_call", "sms", "web",
                                                          "app",  "transfer",      "atm", "salary"};

struct App {
  std::string_view package;
  std::string_view name;
};
constexpr std::array<App, 18> kApps = {{
    {"com.eg.android.AlipayGphone", "支付宝"},
    {"com.tencent.mm", "微信"},
    {"com.jingdong.app.mall", "京东"},
    {"com.taobao.taobao", "淘宝"},
    {"com.xunmeng.pinduoduo", "拼多多"},
    {"com.sankuai.meituan", "美团"},
    {"com.ss.android.ugc.aweme", "抖音"},
    {"com.icbc", "中国工商银行"},
    {"com.chinamworld.main", "中国建设银行"},
    {"cmb.pb", "招商银行"},
    {"com.MobileTicket", "铁路12306"},
    {"com.sf.activity", "顺丰速运"},
    {"com.tencent.mobileqq", "QQ"},
    {"com.sina.weibo", "微博"},
    {"tv.danmaku.bili", "哔哩哔哩"},
    {"com.autonavi.minimap", "高德地图"},
    {"com.hicorenational.antifraud", "国家反诈中心"},
    {"com.ctrip.android.view", "携程旅行"},
}};
constexpr std::array<std::string_view, 10> kGenericSites = {
    "baidu.com", "qq.com",  "weibo.com",   "bilibili.com",    "douyin.com",
    "zhihu.com", "163.com", "sina.com.cn", "xiaohongshu.com", "hupu.com"};
constexpr std::array<std::string_view, 10> kWebPaths = {
    "",          "index.html", "search?q=", "news/", "item/",
    "user/home", "article/",   "video/",    "m/",    "help/faq"};

// How active a resident is (relative), by occupation and age.
double Activity(const Resident& r) {
  switch (r.occupation) {
    case Occupation::kStudent: return 0.9;
    case Occupation::kEmployee: return 1.2;
    case Occupation::kSelfEmployed: return 1.4;
    case Occupation::kJobSeeker: return 1.0;
    case Occupation::kRetired: return r.age >= 75 ? 0.4 : 0.7;
    case Occupation::kFarmer: return 0.7;
    case Occupation::kChild: return 0.3;
  }
  return 1.0;
}

// Residents weighted by activity, for drawing actors: cumulative weights and a binary
// search (O(log n) per draw, O(n) memory).
class WeightedPicker {
 public:
  void Add(uint32_t resident, double weight) {
    total_ += weight;
    residents_.push_back(resident);
    cumulative_.push_back(total_);
  }
  bool empty() const { return residents_.empty(); }
  size_t size() const { return residents_.size(); }
  uint32_t Pick(Rng& rng) const {
    const double x = rng.Unit() * total_;
    size_t i = static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), x) -
                                   cumulative_.begin());
    return residents_[std::min(i, residents_.size() - 1)];
  }

 private:
  std::vector<uint32_t> residents_;
  std::vector<double> cumulative_;
  double total_ = 0;
};

// The residents eligible as counterparties (phone holders or account holders), grouped
// by community. A resident's k-th contact is derived by hashing (resident, k): no
// per-resident contact list is stored.
class ContactPool {
 public:
  void Build(const City& city, bool (*eligible)(const Resident&), uint64_t seed) {
    seed_ = seed;
    const auto& residents = city.residents();
    std::vector<uint32_t> count(city.org_units().size() + 1, 0);
    for (const Resident& r : residents)
      if (eligible(r)) ++count[r.community + 1];
    offsets_.assign(count.size(), 0);
    std::partial_sum(count.begin(), count.end(), offsets_.begin());
    members_.resize(offsets_.back());
    std::vector<uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
    for (uint32_t i = 0; i < residents.size(); ++i)
      if (eligible(residents[i])) members_[fill[residents[i].community]++] = i;
  }
  bool empty() const { return members_.empty(); }
  // REQUIRES: !empty().
  uint32_t Contact(const Resident& r, uint32_t resident, uint64_t k) const {
    const uint64_t h = Hash(seed_, resident, k);
    const uint32_t lo = offsets_[r.community], hi = offsets_[r.community + 1];
    // The top bits decide the community, the low bits the member.
    const bool local = static_cast<double>(h >> 11) * 0x1.0p-53 < kSameCommunity;
    uint32_t c;
    if (local && hi - lo > 1) {
      c = members_[lo + (h & 0xffffffff) % (hi - lo)];
    } else {
      c = members_[(h & 0xffffffff) % members_.size()];
    }
    if (c == resident) c = members_[(static_cast<size_t>(h >> 32) + 1) % members_.size()];
    return c;
  }

 private:
  uint64_t seed_ = 0;
  std::vector<uint32_t> offsets_;  // per community index: start in members_
  std::vector<uint32_t> members_;
};

bool HasPhone(const Resident& r) { return r.phone_count > 0; }
bool HasAccount(const Resident& r) { return r.account_count > 0; }

}  // namespace

struct LegitGenerator::Impl {
  Impl(const City& city, const EngineOptions& options, uint32_t payroll)
      : city_(city), options_(options), payroll_(payroll) {
    Rng root(options.seed);
    for (int s = 0; s < static_cast<int>(kSourceNames.size()); ++s)
      rngs_[static_cast<size_t>(s)] =
          root.Fork(std::string("legit/") + std::string(kSourceNames[s]));
    const auto& residents = city.residents();
    for (uint32_t i = 0; i < residents.size(); ++i) {
      const Resident& r = residents[i];
      const double w = Activity(r);
      if (HasPhone(r)) phone_actors_.Add(i, w);
      if (HasAccount(r)) {
        account_actors_.Add(i, w);
        if (r.occupation == Occupation::kSelfEmployed) merchants_.push_back(i);
        if (r.occupation == Occupation::kEmployee) employees_.push_back(i);
      }
    }
    phone_contacts_.Build(city, HasPhone, Hash(options.seed, 1));
    account_contacts_.Build(city, HasAccount, Hash(options.seed, 2));
    const double mean = std::accumulate(kHourWeights.begin(), kHourWeights.end(), 0.0) / 24.0;
    for (size_t h = 0; h < 24; ++h) hour_weight_[h] = kHourWeights[h] / mean;
    const LegitRates& r = options.rates;
    const double phones = static_cast<double>(phone_actors_.size());
    const double accounts = static_cast<double>(account_actors_.size());
    ChooseBusinessCallers(Rng(Hash(options.seed, 0xb05)));
    per_day_ = {r.calls * phones,        business_calls_per_day_, r.sms * phones,  r.web * phones,
                r.app_installs * phones, r.transfers * accounts,  r.atm * accounts};
    for (const Brand& b : Brands()) {
      auto n = NormalizePhone(b.service_number);
      if (n.ok()) brand_senders_.emplace_back(&b, n.value().e164);
    }
  }

  // Appends the events of [start, start + len) to `out`, each source drawn hour piece by
  // hour piece so that a slice longer than an hour (or not aligned to one) follows the
  // curve. With several threads, sources are generated in parallel into their own
  // vectors; the World's sort by (ts, source, seq) makes the result independent of it.
  void Slice(int64_t start, int64_t len, std::vector<Pending>& out) {
    const int threads = std::clamp(options_.threads, 1, kLegitRateSources);
    if (threads == 1) {
      for (int s = 0; s < kLegitRateSources; ++s) SourceSlice(s, start, len, out);
    } else {
      std::array<std::vector<Pending>, kLegitRateSources> parts;
      std::vector<std::thread> pool;
      for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
          for (int s = t; s < kLegitRateSources; s += threads)
            SourceSlice(s, start, len, parts[static_cast<size_t>(s)]);
        });
      }
      for (std::thread& th : pool) th.join();
      for (auto& part : parts)
        for (Pending& p : part) out.push_back(std::move(p));
    }
    Salaries(start, len, out);
  }

  void SourceSlice(int s, int64_t start, int64_t len, std::vector<Pending>& out) {
    const int64_t end = start + len;
    for (int64_t a = start; a < end;) {
      const int64_t local = a + Timestamp::kShanghaiOffsetMs;
      const int64_t b = std::min(end, a + kHourMs - ((local % kHourMs) + kHourMs) % kHourMs);
      Arrivals(s, a, b - a, out);
      a = b;
    }
  }

  // Source s's arrivals in [start, start + len), which lies within one hour.
  void Arrivals(int s, int64_t start, int64_t len, std::vector<Pending>& out) {
    const int64_t local = start + Timestamp::kShanghaiOffsetMs;
    const int64_t day = local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
    const int hour = static_cast<int>((local - day * kDayMs) / kHourMs);
    // 1970-01-01 was a Thursday: day 0 → weekday index 3 (Monday = 0).
    const int weekday = static_cast<int>(((day % 7) + 7 + 3) % 7);
    const double weekly = weekday >= 5 ? kWeekendFactor : kWeekdayFactor;
    const double fraction = static_cast<double>(len) / static_cast<double>(kDayMs);
    Rng& rng = rngs_[static_cast<size_t>(s)];
    const double mean = per_day_[static_cast<size_t>(s)] * hour_weight_[static_cast<size_t>(hour)] *
                        weekly * fraction;
    const uint64_t n = rng.Poisson(mean);
    for (uint64_t i = 0; i < n; ++i) {
      const int64_t ts = start + static_cast<int64_t>(rng.Uniform(static_cast<uint64_t>(len)));
      Pending p;
      p.ts = ts;
      p.source = static_cast<uint8_t>(s);
      p.seq = seq_[static_cast<size_t>(s)]++;
      bool made = false;
      switch (s) {
        case kSrcCall: made = MakeCall(rng, p.event); break;
        case kSrcBusinessCall: made = MakeBusinessCall(rng, p.event); break;
        case kSrcSms: made = MakeSms(rng, p.event); break;
        case kSrcWeb: made = MakeWeb(rng, p.event); break;
        case kSrcApp: made = MakeApp(rng, p.event); break;
        case kSrcTransfer: made = MakeTransfer(rng, p); break;
        case kSrcAtm: made = MakeAtm(rng, p); break;
        default: break;
      }
      if (!made) continue;
      p.event.ts = Timestamp::FromMillis(ts);
      out.push_back(std::move(p));
    }
  }

 private:
  uint32_t PhoneOf(uint32_t resident, Rng& rng) const {
    const Resident& r = city_.residents()[resident];
    return r.first_phone + static_cast<uint32_t>(rng.Uniform(r.phone_count));
  }
  uint32_t AccountOf(uint32_t resident, Rng& rng) const {
    const Resident& r = city_.residents()[resident];
    return r.first_account + static_cast<uint32_t>(rng.Uniform(r.account_count));
  }
  static void Label(Event& e) {
    e.has_label = true;
    e.label.fraud = false;
  }

  bool MakeCall(Rng& rng, Event& e) {
    if (phone_actors_.empty()) return false;
    const uint32_t caller = phone_actors_.Pick(rng);
    const Resident& r = city_.residents()[caller];
    const uint32_t callee = phone_contacts_.Contact(r, caller, rng.Uniform(kContacts));
    e.Reset(EventType::kCall);
    Label(e);
    CallEvent& c = e.as<CallEvent>();
    const uint32_t phone = PhoneOf(caller, rng);
    c.caller = city_.PhoneNumber(phone);
    c.callee = city_.PhoneNumber(PhoneOf(callee, rng));
    c.answered = rng.Chance(kAnswered);
    if (c.answered) {
      // Log-normal talk time: median ~55 s, a long tail of calls of many minutes.
      c.duration_s = std::clamp<int64_t>(std::llround(rng.LogNormal(4.0, 1.0)), 1, 7200);
    }
    c.caller_cell = city_.CellId(r.home_cell);
    c.callee_cell = city_.CellId(city_.residents()[callee].home_cell);
    c.caller_imei = Imei(options_.seed, phone);
    return true;
  }

  // Couriers and food-delivery riders (about 1% of working adults, 25-70 calls a day,
  // short and mostly answered) and call-centre agents (about 0.1%, 100-250 calls a day,
  // mostly unanswered): legitimate numbers that call like a SIM farm. Assumed figures of
  // the right order (docs/sim.md).
  void ChooseBusinessCallers(Rng rng) {
    const auto& residents = city_.residents();
    double courier_calls = 0, agent_calls = 0;
    for (uint32_t i = 0; i < residents.size(); ++i) {
      const Resident& r = residents[i];
      if (!HasPhone(r) || r.age < 20 || r.age > 55) continue;
      if (r.occupation != Occupation::kEmployee && r.occupation != Occupation::kSelfEmployed)
        continue;
      const double u = rng.Unit();
      if (u < 0.015) {
        const double w = static_cast<double>(rng.Range(25, 70));
        couriers_.Add(i, w);
        courier_calls += w;
      } else if (u < 0.0165) {
        const double w = static_cast<double>(rng.Range(100, 250));
        agents_.Add(i, w);
        agent_calls += w;
      }
    }
    business_calls_per_day_ = courier_calls + agent_calls;
    courier_share_ = business_calls_per_day_ > 0 ? courier_calls / business_calls_per_day_ : 0;
  }

  bool MakeBusinessCall(Rng& rng, Event& e) {
    const bool courier = rng.Chance(courier_share_);
    const WeightedPicker& picker = courier ? couriers_ : agents_;
    if (picker.empty() || phone_actors_.empty()) return false;
    const uint32_t caller = picker.Pick(rng);
    const uint32_t callee = phone_actors_.Pick(rng);
    if (callee == caller) return false;
    const Resident& r = city_.residents()[caller];
    e.Reset(EventType::kCall);
    Label(e);
    CallEvent& c = e.as<CallEvent>();
    const uint32_t phone = r.first_phone;  // the work phone
    c.caller = city_.PhoneNumber(phone);
    c.callee = city_.PhoneNumber(PhoneOf(callee, rng));
    c.answered = rng.Chance(courier ? 0.85 : 0.35);
    if (c.answered) c.duration_s = courier ? rng.Range(8, 60) : rng.Range(5, 120);
    // Couriers move about the city: a cell near one of their stops.
    c.caller_cell = city_.CellId(courier ? city_.residents()[callee].home_cell : r.home_cell);
    c.callee_cell = city_.CellId(city_.residents()[callee].home_cell);
    c.caller_imei = Imei(options_.seed, phone);
    return true;
  }

  bool MakeSms(Rng& rng, Event& e) {
    if (phone_actors_.empty()) return false;
    const uint32_t who = phone_actors_.Pick(rng);
    const Resident& r = city_.residents()[who];
    e.Reset(EventType::kSms);
    Label(e);
    SmsEvent& m = e.as<SmsEvent>();
    if (rng.Chance(kFamilySmsShare)) {
      // A family or friend's message: `who` sends it to a contact.
      const uint32_t phone = PhoneOf(who, rng);
      const uint32_t to = phone_contacts_.Contact(r, who, rng.Uniform(kContacts));
      m.sender = city_.PhoneNumber(phone);
      m.receiver = city_.PhoneNumber(PhoneOf(to, rng));
      m.text = LegitSms(LegitSmsKind::kFamily, rng);
      m.sender_cell = city_.CellId(r.home_cell);
      m.sender_imei = Imei(options_.seed, phone);
      return true;
    }
    // A2P: `who` receives it from a service number.
    static constexpr std::array<LegitSmsKind, 10> kKinds = {
        LegitSmsKind::kBankNotice,   LegitSmsKind::kBankNotice,   LegitSmsKind::kVerification,
        LegitSmsKind::kVerification, LegitSmsKind::kVerification, LegitSmsKind::kDelivery,
        LegitSmsKind::kDelivery,     LegitSmsKind::kMarketing,    LegitSmsKind::kCarrierNotice,
        LegitSmsKind::kGovernment};
    m.text = LegitSms(rng.Pick(kKinds), rng);
    m.receiver = city_.PhoneNumber(PhoneOf(who, rng));
    m.sender = SenderFor(m.text);
    return true;
  }

  // The service number that signs `text` (【签名】): the brand's own when the signature
  // names a brand, else a 106 SMS gateway port derived from the signature.
  std::string SenderFor(std::string_view text) const {
    static constexpr std::string_view kOpen = "【", kClose = "】";
    std::string_view sig;
    if (text.substr(0, kOpen.size()) == kOpen) {
      const size_t end = text.find(kClose);
      if (end != std::string_view::npos) sig = text.substr(kOpen.size(), end - kOpen.size());
    }
    for (const auto& [brand, number] : brand_senders_)
      if (!sig.empty() && (sig == brand->name || sig == brand->short_name)) return number;
    const uint64_t h = HashText(sig);
    std::string port = "861069";
    port.append(std::to_string(10000000 + h % 90000000));
    return port;
  }

  bool MakeWeb(Rng& rng, Event& e) {
    if (phone_actors_.empty()) return false;
    const uint32_t who = phone_actors_.Pick(rng);
    const Resident& r = city_.residents()[who];
    e.Reset(EventType::kWeb);
    Label(e);
    WebEvent& w = e.as<WebEvent>();
    const uint32_t phone = PhoneOf(who, rng);
    w.phone = city_.PhoneNumber(phone);
    // Half the visits go to the brands (banks, shops, couriers ...), half to generic sites.
    if (rng.Chance(0.5)) {
      w.domain = std::string(rng.Pick(Brands()).domain);
    } else {
      w.domain = std::string(rng.Pick(kGenericSites));
    }
    std::string_view path = rng.Pick(kWebPaths);
    w.url = "https://" + w.domain + "/" + std::string(path);
    if (path.ends_with('=') || path.ends_with('/'))
      w.url += std::to_string(rng.Range(1000, 999999));
    w.cell = city_.CellId(r.home_cell);
    w.device = Imei(options_.seed, phone);
    return true;
  }

  bool MakeApp(Rng& rng, Event& e) {
    if (phone_actors_.empty()) return false;
    const uint32_t who = phone_actors_.Pick(rng);
    e.Reset(EventType::kApp);
    Label(e);
    AppEvent& a = e.as<AppEvent>();
    const uint32_t phone = PhoneOf(who, rng);
    const App& app = rng.Pick(kApps);
    a.phone = city_.PhoneNumber(phone);
    a.package = std::string(app.package);
    a.app_name = std::string(app.name);
    // One signing certificate per app; a few releases (file hashes) per app.
    a.cert_sha256 = Hex64(HashText(app.package));
    a.file_sha256 = Hex64(Hash(HashText(app.package), 0xf11e, rng.Uniform(4)));
    a.action = AppAction::kInstall;
    a.source = AppSource::kStore;
    a.device = Imei(options_.seed, phone);
    return true;
  }

  void FillParty(uint32_t account, std::string& number, std::string& bank, std::string& name) {
    const Account& a = city_.accounts()[account];
    number = city_.AccountNumber(account);
    bank = city_.banks()[a.bank].code;
    name = city_.ResidentName(a.owner);
  }

  bool MakeTransfer(Rng& rng, Pending& p) {
    Event& e = p.event;
    if (account_actors_.empty()) return false;
    const uint32_t payer = account_actors_.Pick(rng);
    const Resident& r = city_.residents()[payer];
    const double purpose = rng.Unit();
    uint32_t payee;
    int64_t amount;
    Channel channel = Channel::kMobile;
    std::string_view memo;
    if (purpose < 0.65 && !merchants_.empty()) {
      // Shopping at a merchant (the self-employed are the city's shops): 10-500 yuan.
      payee = merchants_[Hash(payer, rng.Uniform(kContacts)) % merchants_.size()];
      amount = rng.Range(1000, 50000);
      channel = rng.Chance(0.5) ? Channel::kThirdParty : Channel::kPos;
      memo = "消费";
    } else if (purpose < 0.95) {
      payee = account_contacts_.Contact(r, payer, rng.Uniform(kContacts));
      amount = rng.Range(100, 5000) * 100;
      memo = rng.Chance(0.5) ? "生活费" : "转账";
    } else {
      payee = account_contacts_.Contact(r, payer, kContacts + rng.Uniform(2));
      amount = rng.Range(15, 40) * 10000;
      channel = Channel::kOnline;
      memo = "房租";
    }
    if (payee == payer) return false;
    const uint32_t from = AccountOf(payer, rng);
    const uint32_t to = AccountOf(payee, rng);
    p.from = from;
    p.to = to;
    p.step_fen = 100;  // whole yuan
    e.Reset(EventType::kTransfer);
    Label(e);
    TransferEvent& t = e.as<TransferEvent>();
    FillParty(from, t.from_account, t.from_bank, t.from_name);
    FillParty(to, t.to_account, t.to_bank, t.to_name);
    t.amount = Money::FromFen(amount);
    t.channel = channel;
    if (r.phone_count > 0) {
      t.payer_phone = city_.PhoneNumber(r.first_phone);
      t.device = Imei(options_.seed, r.first_phone);
    }
    t.memo = std::string(memo);
    return true;
  }

  bool MakeAtm(Rng& rng, Pending& p) {
    Event& e = p.event;
    if (account_actors_.empty()) return false;
    const uint32_t who = account_actors_.Pick(rng);
    const uint32_t from = AccountOf(who, rng);
    // 100-3000 yuan in notes of 100.
    const int64_t amount = rng.Range(1, 30) * 10000;
    p.from = from;
    p.step_fen = 10000;
    e.Reset(EventType::kTransfer);
    Label(e);
    TransferEvent& t = e.as<TransferEvent>();
    FillParty(from, t.from_account, t.from_bank, t.from_name);
    t.amount = Money::FromFen(amount);
    t.channel = Channel::kAtm;
    t.outlet = city_.OutletCode(city_.accounts()[from].outlet);
    t.memo = "取款";
    return true;
  }

  // The salary run: on the 10th of each month (Shanghai), 09:00-10:00, every employee's
  // first account receives a salary from a payroll account outside the city (cash in).
  void Salaries(int64_t start, int64_t len, std::vector<Pending>& out) {
    const int64_t local = start + Timestamp::kShanghaiOffsetMs;
    // Civil date of the slice's start, Shanghai time (days-from-civil inverse).
    int64_t z = (local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs) + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t mday = doy - (153 * mp + 2) / 5 + 1;
    if (mday != 10) return;
    const int64_t day_start =
        (local - ((local % kDayMs) + kDayMs) % kDayMs) - Timestamp::kShanghaiOffsetMs;
    const int64_t run_start = day_start + 9 * kHourMs, run_end = run_start + kHourMs;
    if (start + len <= run_start || start >= run_end) return;
    for (uint32_t who : employees_) {
      const int64_t ts = run_start + static_cast<int64_t>(Hash(options_.seed, who, 7) % kHourMs);
      if (ts < start || ts >= start + len) continue;
      const Resident& r = city_.residents()[who];
      // 3,000-15,000 yuan a month, fixed per employee.
      const int64_t amount =
          (3000 + static_cast<int64_t>(Hash(options_.seed, who, 8) % 12001)) * 100;
      Pending p;
      p.ts = ts;
      p.source = kSrcSalary;
      p.seq = seq_[kSrcSalary]++;
      Event& e = p.event;
      e.Reset(EventType::kTransfer);
      Label(e);
      e.ts = Timestamp::FromMillis(ts);
      TransferEvent& t = e.as<TransferEvent>();
      t.from_account = std::string(kPayrollAccount);
      t.from_bank = std::string(kPayrollBank);
      t.from_name = std::string(kPayrollName);
      p.from = payroll_;
      FillParty(r.first_account, t.to_account, t.to_bank, t.to_name);
      t.amount = Money::FromFen(amount);
      t.channel = Channel::kOnline;
      t.memo = "工资";
      p.to = r.first_account;
      p.step_fen = 100;
      out.push_back(std::move(p));
    }
  }

  const City& city_;
  const EngineOptions& options_;
  uint32_t payroll_;
  std::array<Rng, kSourceNames.size()> rngs_ = {Rng(0), Rng(0), Rng(0), Rng(0),
                                                Rng(0), Rng(0), Rng(0), Rng(0)};
  std::array<uint64_t, kSourceNames.size()> seq_ = {};
  std::array<double, 24> hour_weight_ = {};
  std::array<double, kLegitRateSources> per_day_ = {};
  WeightedPicker phone_actors_, account_actors_, couriers_, agents_;
  double business_calls_per_day_ = 0, courier_share_ = 0;
  ContactPool phone_contacts_, account_contacts_;
  std::vector<uint32_t> merchants_, employees_;
  std::vector<std::pair<const Brand*, std::string>> brand_senders_;
};

LegitGenerator::LegitGenerator(const City& city, const EngineOptions& options, uint32_t payroll)
    : impl_(std::make_unique<Impl>(city, options, payroll)) {}
LegitGenerator::~LegitGenerator() = default;

void LegitGenerator::Slice(int64_t start, int64_t len, std::vector<Pending>& out) {
  impl_->Slice(start, len, out);
}

}  // namespace wuzha::sim::internal
