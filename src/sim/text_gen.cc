// Filling templates: a message picks a template, then each {slot} gets a value drawn
// from the Rng once (a slot used twice reads the same). Fraud messages end in a call to
// action built from the url and contact the campaign gave, then pass through the
// evasions the gang uses.
#include "sim/text_gen.h"

#include <array>
#include <cstdio>
#include <utility>
#include <vector>

#include "sim/internal/text_templates.h"

namespace wuzha::sim {
namespace {

using internal::ContactKind;


std::string Digits(int n, Rng& rng) {
  std::string out;
  for (int i = 0; i < n; ++i) out += static_cast<char>('0' + rng.Uniform(10));
  return out;
}

std::string Num(int64_t v) { return std::to_string(v); }

std::string TwoDigits(int64_t v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", static_cast<int>(v));
  return buf;
}

// An amount as scams and banks write it: "3000元", "3万元", "3000.00元", "人民币3000元",
// "1288.50元".
std::string YuanText(Money m, Rng& rng) {
  const int64_t fen = m.fen() < 0 ? -m.fen() : m.fen();
  const int64_t yuan = fen / 100;
  if (fen % 100 != 0) return Money::FromFen(fen).ToString() + "元";
  switch (rng.Uniform(5)) {
    case 0:
      if (yuan >= 10000 && yuan % 10000 == 0) return Num(yuan / 10000) + "万元";
      return Num(yuan) + "元";
    case 1: return Num(yuan) + ".00元";
    case 2: return "人民币" + Num(yuan) + "元";
    default: return Num(yuan) + "元";
  }
}

Money DefaultBait(FraudType type, Rng& rng) {
  switch (type) {
    case FraudType::kOrderBrushing: return Money::FromYuan(rng.Range(50, 800));
    case FraudType::kFakeInvestment: return Money::FromYuan(rng.Range(1, 50) * 1000);
    case FraudType::kFakeCustomerService:
      return Money::FromFen(rng.Range(80, 3000) * 100 + (rng.Chance(0.3) ? rng.Range(1, 99) : 0));
    case FraudType::kFakePolice: return Money::FromYuan(rng.Range(5, 100) * 10000);
    case FraudType::kFakeLoan: return Money::FromYuan(rng.Range(2, 30) * 10000);
    case FraudType::kFakeInsurance: return Money::FromYuan(rng.Range(300, 3600));
    case FraudType::kRomance: return Money::FromYuan(rng.Range(5, 200) * 1000);
    case FraudType::kGameTrade: return Money::FromYuan(rng.Range(200, 8000));
  }
  return Money::FromYuan(100);
}

Money SmallAmount(FraudType type, Rng& rng) {
  switch (type) {
    case FraudType::kOrderBrushing: return Money::FromYuan(rng.Range(3, 60));
    case FraudType::kFakeInvestment: return Money::FromYuan(rng.Range(188, 8888));
    case FraudType::kFakeLoan: return Money::FromYuan(rng.Range(299, 6000));
    case FraudType::kFakeInsurance: return Money::FromYuan(rng.Range(30, 600));
    case FraudType::kGameTrade: return Money::FromYuan(rng.Range(50, 2000));
    default: return Money::FromYuan(rng.Range(30, 500));
  }
}

// Brands a script of `type` plausibly imitates when the campaign names none.
bool FitsScript(FraudType type, BrandKind kind) {
  switch (type) {
    case FraudType::kOrderBrushing: return kind == BrandKind::kShopping;
    case FraudType::kFakeInvestment: return kind == BrandKind::kBank || kind == BrandKind::kFinance;
    case FraudType::kFakeCustomerService:
      return kind == BrandKind::kShopping || kind == BrandKind::kPayment ||
             kind == BrandKind::kTravel || kind == BrandKind::kFinance ||
             kind == BrandKind::kCourier;
    case FraudType::kFakePolice: return kind == BrandKind::kBank;
    case FraudType::kFakeLoan: return kind == BrandKind::kBank || kind == BrandKind::kFinance;
    case FraudType::kFakeInsurance:
      return kind == BrandKind::kPayment || kind == BrandKind::kInsurance ||
             kind == BrandKind::kShopping;
    case FraudType::kRomance: return kind == BrandKind::kBank;
    case FraudType::kGameTrade: return kind == BrandKind::kGame;
  }
  return false;
}

const Brand& PickBrandFor(FraudType type, Rng& rng) {
  std::vector<const Brand*> ok;
  for (const Brand& b : Brands()) {
    if (FitsScript(type, b.kind)) ok.push_back(&b);
  }
  return *ok[rng.Uniform(ok.size())];
}

// The state of one message being filled: its inputs and the slot values drawn so far.
struct Message {
  explicit Message(Rng& r) : rng(r) {}
  Rng& rng;
  FraudType type = FraudType::kOrderBrushing;
  const Brand* brand = nullptr;
  std::string amount;
  std::string small;
  std::string cta;
  std::string_view url;
  std::string_view contact;
  std::vector<std::pair<std::string, std::string>> drawn;
};

std::string Fill(std::string_view tmpl, Message& msg);

std::string Name(Rng& rng) {
  std::string name(rng.Pick(internal::Surnames()));
  const int given = rng.Chance(0.7) ? 2 : 1;
  for (int i = 0; i < given; ++i) name += rng.Pick(internal::GivenNameChars());
  return name;
}

std::string FlightNumber(const Brand* brand, Rng& rng) {
  static constexpr std::string_view kAirlines[] = {"CZ", "MU", "CA", "HU", "3U", "ZH", "MF"};
  std::string_view code = rng.Pick(kAirlines);
  if (brand != nullptr && brand->code == "csair") code = "CZ";
  if (brand != nullptr && brand->code == "ceair") code = "MU";
  if (brand != nullptr && brand->code == "airchina") code = "CA";
  return std::string(code) + Digits(rng.Chance(0.5) ? 3 : 4, rng);
}

std::string OrderNumber(Rng& rng) {
  static constexpr std::string_view kPrefixes[] = {"SF", "YT", "JD", "ZT", "JT", "78", "75"};
  if (rng.Chance(0.5)) return "1" + Digits(static_cast<int>(rng.Range(15, 18)), rng);
  return std::string(rng.Pick(kPrefixes)) + Digits(13, rng);
}

std::string CaseNumber(Rng& rng) {
  const std::string year = Num(rng.Range(2023, 2025));
  switch (rng.Uniform(3)) {
    case 0: return "（" + year + "）公刑立字第" + Digits(4, rng) + "号";
    case 1: return "JZ" + year + Digits(6, rng);
    default: return "〔" + year + "〕" + Digits(5, rng);
  }
}

std::string Percent(FraudType type, Rng& rng) {
  switch (type) {
    case FraudType::kFakeInvestment: return Num(rng.Range(12, 280)) + "%";
    case FraudType::kOrderBrushing: return Num(rng.Range(5, 30)) + "%";
    default: return Num(rng.Range(10, 30)) + "%";
  }
}

std::string Station(Rng& rng) {
  static constexpr std::string_view kPlaces[] = {"东门驿站", "北门驿站", "南区服务站", "8栋楼下",
                                                 "物业旁驿站"};
  return std::string(rng.Pick(internal::Communities())) +
         std::string(rng.Pick(kPlaces));
}

std::string ShortLink(Rng& rng) {
  constexpr std::string_view kChars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  std::string out;
  const int n = static_cast<int>(rng.Range(5, 7));
  for (int i = 0; i < n; ++i) out += kChars[rng.Uniform(kChars.size())];
  return out;
}

std::string Mobile(Rng& rng) {
  static constexpr std::string_view kPrefixes[] = {"13", "15", "17", "18", "19"};
  return std::string(rng.Pick(kPrefixes)) + Digits(9, rng);
}

// A fresh value for `slot`; "" for a slot this module does not know.
std::string Draw(std::string_view slot, Message& m) {
  Rng& rng = m.rng;
  const Brand* b = m.brand;
  if (slot == "brand") return b ? std::string(b->name) : "官方";
  if (slot == "short") return b ? std::string(b->short_name) : "官方";
  if (slot == "svc")
    return b && !b->service_number.empty() ? std::string(b->service_number) : "官方客服";
  if (slot == "domain") return b ? std::string(b->domain) : "m.tb.cn";
  if (slot == "amount") return m.amount;
  if (slot == "small") return m.small;
  if (slot == "cta") return m.cta;
  if (slot == "url") return std::string(m.url);
  if (slot == "contact") return std::string(m.contact);
  if (slot == "order") return OrderNumber(rng);
  if (slot == "case") return CaseNumber(rng);
  if (slot == "date") return Num(rng.Range(1, 12)) + "月" + Num(rng.Range(1, 28)) + "日";
  if (slot == "time") return TwoDigits(rng.Range(8, 22)) + ":" + TwoDigits(rng.Range(0, 59));
  if (slot == "name") return Name(rng);
  if (slot == "surname") return std::string(rng.Pick(internal::Surnames()));
  if (slot == "teacher") {
    static constexpr std::string_view kTitles[] = {"老师", "教授", "总", "导师"};
    return std::string(rng.Pick(internal::Surnames())) +
           std::string(rng.Pick(kTitles));
  }
  if (slot == "tail") return Digits(4, rng);
  if (slot == "city") return std::string(rng.Pick(internal::Cities()));
  if (slot == "district") return std::string(rng.Pick(internal::Districts()));
  if (slot == "community") return std::string(rng.Pick(internal::Communities()));
  if (slot == "flight") return FlightNumber(b, rng);
  if (slot == "game") return std::string(rng.Pick(internal::Games()));
  if (slot == "item") return std::string(rng.Pick(internal::GameItems()));
  if (slot == "platform") return std::string(rng.Pick(internal::Platforms(m.type)));
  if (slot == "app") return std::string(rng.Pick(internal::MeetingApps()));
  if (slot == "percent") return Percent(m.type, rng);
  if (slot == "code") return Digits(6, rng);
  if (slot == "days") return Num(rng.Range(3, 30));
  if (slot == "hours") return Num(std::array<int64_t, 5>{2, 12, 24, 48, 72}[rng.Uniform(5)]);
  if (slot == "shop") return std::string(rng.Pick(internal::Shops()));
  if (slot == "goods") return std::string(rng.Pick(internal::Goods()));
  if (slot == "courier") return std::string(rng.Pick(internal::Couriers()));
  if (slot == "pickup") {
    return Num(rng.Range(1, 30)) + "-" + Num(rng.Range(1, 6)) + "-" + Digits(4, rng);
  }
  if (slot == "station") return Station(rng);
  if (slot == "balance") return Money::FromFen(rng.Range(50, 8000000)).ToString();
  if (slot == "mobile") return Mobile(rng);
  if (slot == "slink") return ShortLink(rng);
  if (slot == "count") return Num(rng.Range(1, 5));
  if (slot == "points") return Num(rng.Range(200, 20000));
  if (slot == "gb") return Num(rng.Range(1, 80)) + "." + Num(rng.Range(0, 9));
  if (slot == "month") return Num(rng.Range(1, 12));
  if (slot == "year") return Num(rng.Range(2024, 2026));
  return "";
}

const std::string& Value(std::string_view slot, Message& m) {
  for (const auto& [name, value] : m.drawn) {
    if (name == slot) return value;
  }
  std::string v = Draw(slot, m);
  m.drawn.emplace_back(std::string(slot), std::move(v));
  return m.drawn.back().second;
}

// Replaces each {slot}; values are not scanned again, so a url with braces stays as is.
std::string Fill(std::string_view tmpl, Message& msg) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    const size_t open = tmpl.find('{', i);
    const size_t close = open == std::string_view::npos ? open : tmpl.find('}', open);
    if (close == std::string_view::npos) {
      out.append(tmpl.substr(i));
      break;
    }
    out.append(tmpl.substr(i, open - i));
    out += Value(tmpl.substr(open + 1, close - open - 1), msg);
    i = close + 1;
  }
  return out;
}

// The call to action: it carries the url and the contact whenever they are given.
std::string CtaPhrase(std::string_view url, std::string_view contact, Rng& rng) {
  const auto pick = [&rng](std::span<const std::string_view> phrases) {
    return std::string(rng.Pick(phrases));
  };
  if (url.empty() && contact.empty()) return pick(internal::BareCtas());
  const std::string by_contact =
      contact.empty() ? "" : pick(internal::ContactCtas(internal::ClassifyContact(contact)));
  if (url.empty()) return by_contact;
  if (contact.empty()) return pick(internal::UrlCtas());
  if (rng.Chance(0.5)) return pick(internal::UrlAndContactCtas());
  const std::string by_url = pick(internal::UrlCtas());
  return rng.Chance(0.5) ? by_url + "，" + by_contact : by_contact + "，" + by_url;
}

bool ServiceTemplateFits(std::string_view tmpl, const Brand& brand) {
  const bool flight = tmpl.find("{flight}") != std::string_view::npos;
  return !flight || brand.kind == BrandKind::kTravel;
}

}  // namespace

std::string FraudSms(const FraudSmsInput& input, double evasion_rate, Rng& rng, uint32_t* applied) {
  Message msg(rng);
  msg.type = input.type;
  msg.brand = input.brand != nullptr ? input.brand : &PickBrandFor(input.type, rng);
  const std::span<const std::string_view> all = internal::FraudTemplates(input.type);
  std::vector<std::string_view> fitting;
  for (std::string_view t : all) {
    if (ServiceTemplateFits(t, *msg.brand)) fitting.push_back(t);
  }
  const std::string_view tmpl = fitting[rng.Uniform(fitting.size())];
  msg.amount = YuanText(input.amount.fen() != 0 ? input.amount : DefaultBait(input.type, rng), rng);
  msg.small = YuanText(SmallAmount(input.type, rng), rng);
  msg.url = input.url;
  msg.contact = input.contact;
  // The call to action needs its own url and contact slots filled first; the rest of the
  // template then reads it as a finished value.
  msg.cta = Fill(CtaPhrase(input.url, input.contact, rng), msg);
  const std::string plain = Fill(tmpl, msg);

  uint32_t kinds = 0;
  for (int k = 0; k < kEvasionKindCount; ++k) {
    if (rng.Chance(evasion_rate)) kinds |= 1u << k;
  }
  return ApplyEvasions(plain, input.type, kinds, rng, applied);
}

std::string_view LegitSmsKindName(LegitSmsKind kind) {
  static constexpr std::array<std::string_view, kLegitSmsKindCount> kNames = {
      "bank_notice", "verification",   "delivery",  "marketing",
      "family",      "carrier_notice", "government"};
  return kNames[static_cast<size_t>(kind)];
}

// Which brands may sign a marketing text: bank products need a bank, airtime a carrier.
bool FitsMarketing(std::string_view tmpl, BrandKind k) {
  for (std::string_view word : {"信用卡", "贷款", "理财", "手机银行"}) {
    if (tmpl.find(word) != std::string_view::npos) return k == BrandKind::kBank;
  }
  for (std::string_view word : {"话费", "流量"}) {
    if (tmpl.find(word) != std::string_view::npos) return k == BrandKind::kCarrier;
  }
  return k == BrandKind::kShopping || k == BrandKind::kPayment || k == BrandKind::kTravel;
}

std::string LegitSms(LegitSmsKind kind, Rng& rng) {
  Message msg(rng);
  const std::string_view tmpl = rng.Pick(internal::LegitTemplates(kind));
  std::vector<const Brand*> signers;
  for (const Brand& b : Brands()) {
    const bool fits = kind == LegitSmsKind::kBankNotice      ? b.kind == BrandKind::kBank
                      : kind == LegitSmsKind::kVerification  ? b.kind != BrandKind::kGovernment
                      : kind == LegitSmsKind::kMarketing     ? FitsMarketing(tmpl, b.kind)
                      : kind == LegitSmsKind::kCarrierNotice ? b.kind == BrandKind::kCarrier
                                                             : false;
    if (fits) signers.push_back(&b);
  }
  if (!signers.empty()) msg.brand = signers[rng.Uniform(signers.size())];
  Money amount;
  switch (kind) {
    case LegitSmsKind::kBankNotice: amount = Money::FromFen(rng.Range(1000, 5000000)); break;
    case LegitSmsKind::kVerification: amount = Money::FromFen(rng.Range(1000, 500000)); break;
    case LegitSmsKind::kMarketing: amount = Money::FromYuan(rng.Range(5, 30) * 10000); break;
    case LegitSmsKind::kCarrierNotice: amount = Money::FromFen(rng.Range(1800, 29900)); break;
    case LegitSmsKind::kFamily: amount = Money::FromYuan(rng.Range(2, 50) * 100); break;
    case LegitSmsKind::kDelivery:
    case LegitSmsKind::kGovernment: amount = Money::FromYuan(rng.Range(10, 500)); break;
  }
  msg.amount = amount.fen() % 100 == 0 ? Num(amount.fen() / 100) + "元" : amount.ToString() + "元";
  msg.small = Num(rng.Range(5, 100)) + "元";
  return Fill(tmpl, msg);
}

}  // namespace wuzha::sim
