// Brands, phishing domains, lure URLs and fraud apps. Lookalikes follow the strategies
// seen in blocked-domain lists: brand code plus a lure word (icbc-refund.top), service
// number plus a lure word (95588-vip.cc), typos (1cbc, icbcc), the real domain as a
// subdomain of a cheap one (icbc.com.cn.verify-k3.top), and now and then an IDN
// homograph with Cyrillic letters, written as real punycode (xn--...).
#include <algorithm>
#include <array>
#include <cstdio>

#include "sim/internal/text_templates.h"
#include "sim/text_gen.h"

namespace wuzha::sim {
namespace {

using internal::Punycode;


constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";

std::string RandomChars(std::string_view alphabet, int n, Rng& rng) {
  std::string out;
  for (int i = 0; i < n; ++i) out += alphabet[rng.Uniform(alphabet.size())];
  return out;
}

std::string RandomLetters(int lo, int hi, Rng& rng) {
  return RandomChars(kLower, static_cast<int>(rng.Range(lo, hi)), rng);
}

std::string RandomDigits(int n, Rng& rng) { return RandomChars("0123456789", n, rng); }

constexpr std::string_view kCheapTlds[] = {"top",  "xyz", "vip", "cc",   "cn",   "com", "site",
                                           "shop", "icu", "net", "club", "work", "fun", "ink"};
constexpr std::string_view kLureWords[] = {
    "refund", "kefu", "tuikuan", "vip",  "service", "help",  "secure", "verify",
    "login",  "safe", "app",     "pay",  "online",  "lipei", "card",   "credit",
    "jf",     "bank", "cn",      "auth", "update",  "gov"};

std::string_view CheapTld(Rng& rng) { return rng.Pick(kCheapTlds); }
std::string_view LureWord(Rng& rng) { return rng.Pick(kLureWords); }

// The real domain after the brand's own label ("com.cn" for icbc.com.cn), else its last
// label; never a gov.cn suffix, which a gang cannot register.
std::string_view BrandSuffix(const Brand& brand) {
  const std::string_view d = brand.domain;
  std::string_view suffix = d.substr(d.rfind('.') + 1);
  if (d.size() > brand.code.size() && d.starts_with(brand.code) && d[brand.code.size()] == '.') {
    suffix = d.substr(brand.code.size() + 1);
  }
  return suffix.starts_with("gov.") ? std::string_view("cn") : suffix;
}

// One typo of `code`: a look-alike character, a doubled, dropped or swapped letter, or a
// hyphen inside. Never returns `code` itself, never leads or ends with '-'.
std::string Typo(std::string_view code, Rng& rng) {
  std::string s(code);
  for (int attempt = 0; attempt < 8; ++attempt) {
    std::string t = s;
    const size_t i = rng.Uniform(t.size());
    switch (rng.Uniform(5)) {
      case 0: {  // look-alike character
        const char c = t[i];
        t[i] = c == 'i' || c == 'l' ? '1' : c == 'o' ? '0' : c == '0' ? 'o' : c == '1' ? 'l' : c;
        if (c == 'm') t.replace(i, 1, "rn");
        if (c == 'w') t.replace(i, 1, "vv");
        break;
      }
      case 1: t.insert(i, 1, t[i]); break;
      case 2:
        if (t.size() > 3) t.erase(i, 1);
        break;
      case 3:
        if (i + 1 < t.size()) std::swap(t[i], t[i + 1]);
        break;
      case 4:
        if (i > 0 && i < t.size()) t.insert(i, 1, '-');
        break;
    }
    if (t != s) return t;
  }
  return s + RandomDigits(1, rng);  // codes like "12306" defeat most typos
}

// The brand code with some Latin letters replaced by Cyrillic look-alikes, as an IDN
// label ("xn--pple-43d" for "аpple"); empty when the code has no such letter.
std::string Homograph(std::string_view code, Rng& rng) {
  struct Swap {
    char latin;
    std::string_view cyrillic;
  };
  static constexpr Swap kSwaps[] = {{'a', "а"}, {'c', "с"}, {'e', "е"}, {'o', "о"}, {'p', "р"},
                                    {'x', "х"}, {'y', "у"}, {'i', "і"}, {'s', "ѕ"}, {'j', "ј"}};
  std::vector<size_t> spots;
  for (size_t i = 0; i < code.size(); ++i) {
    for (const Swap& s : kSwaps) {
      if (code[i] == s.latin) spots.push_back(i);
    }
  }
  if (spots.empty()) return "";
  const size_t count = 1 + rng.Uniform(std::min<size_t>(spots.size(), 2));
  std::vector<bool> swap(code.size(), false);
  for (size_t k = 0; k < count; ++k) swap[spots[rng.Uniform(spots.size())]] = true;
  std::string label;
  for (size_t i = 0; i < code.size(); ++i) {
    std::string_view out(&code[i], 1);
    for (const Swap& s : kSwaps) {
      if (swap[i] && code[i] == s.latin) out = s.cyrillic;
    }
    label += out;
  }
  return "xn--" + Punycode(label);
}

std::string Hex(int bytes, Rng& rng) {
  std::string out;
  char buf[17];
  while (static_cast<int>(out.size()) < bytes * 2) {
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng.Next()));
    out += buf;
  }
  out.resize(bytes * 2);
  return out;
}

// --- brand-free fraud domains and apps ---

struct TypeWords {
  std::array<std::string_view, 6> stems;      // domain and package stems
  std::array<std::string_view, 8> app_names;  // application labels
};

const TypeWords& WordsFor(FraudType type) {
  static const TypeWords kWords[kFraudTypeCount] = {
      {{"renwu", "zhuan", "dianzan", "jianzhi", "task", "likes"},
       {"熊猫赚", "点赞宝", "任务大厅", "悬赏猫Pro", "趣赚", "推客联盟", "慈善联盟", "情系三农"}},
      {{"touzi", "licai", "caifu", "jinrong", "trade", "gold"},
       {"香港交易所", "红杉创投", "国开先行", "中金财富", "环球外汇", "币安Pro", "鼎盛国际",
        "华尔街财经"}},
      {{"kefu", "tuikuan", "lipei", "shouhou", "service", "help"},
       {"退款助手", "京东助手", "腾讯会议Pro", "屏幕共享", "远程协助", "支付宝助手", "售后理赔",
        "腾讯支付"}},
      {{"gongan", "jiancha", "qingcha", "ajcx", "anquan", "fzzx"},
       {"云展会议", "ZOOM会议", "安全防护", "公安防护", "反诈助手", "检察云", "云视讯",
        "警民通Pro"}},
      {{"daikuan", "jiekuan", "xindai", "edu", "loan", "credit"},
       {"安心贷", "中信e贷", "工商e贷", "易借", "速下款", "闪电借", "微粒贷Pro", "京东金条Pro"}},
      {{"baozhang", "yibao", "yiliao", "baoxian", "bwbz", "health"},
       {"医保服务", "百万医疗", "保障中心", "医保助手", "人保e通", "保险管家", "医疗保障",
        "健康守护"}},
      {{"love", "meet", "yuehui", "chat", "xiangqin", "tongcheng"},
       {"TKchat", "蜜语", "缘来", "知音", "同城约", "恋爱星球", "鼎盛国际", "全球支付"}},
      {{"youxi", "jiaoyi", "game", "zhuangbei", "skin", "daichong"},
       {"交易猫Pro", "盼之代售", "游戏宝", "装备交易", "螃蟹账号", "代售网", "KDpay", "荟支付"}},
  };
  return kWords[static_cast<size_t>(type)];
}

std::string FraudLabel(FraudType type, Rng& rng) {
  const TypeWords& w = WordsFor(type);
  const std::string_view stem = w.stems[rng.Uniform(w.stems.size())];
  switch (rng.Uniform(5)) {
    case 0: return std::string(stem) + RandomDigits(static_cast<int>(rng.Range(2, 4)), rng);
    case 1: return std::string(stem) + "-" + std::string(w.stems[rng.Uniform(w.stems.size())]);
    case 2: return RandomLetters(4, 8, rng);
    case 3: return std::string(stem) + RandomLetters(2, 3, rng);
    default: return RandomLetters(2, 3, rng) + "-" + std::string(stem);
  }
}

std::string Package(FraudType type, Rng& rng) {
  const TypeWords& w = WordsFor(type);
  const std::string stem(w.stems[rng.Uniform(w.stems.size())]);
  switch (rng.Uniform(6)) {
    case 0: return "com." + RandomLetters(4, 8, rng) + "." + RandomLetters(5, 10, rng);
    case 1: {  // an HBuilder (DCloud) packaged web app
      std::string hex = Hex(4, rng).substr(0, 7);
      for (char& c : hex) c = static_cast<char>(c >= 'a' ? c - 32 : c);
      return "plus.H5" + hex;
    }
    case 2: return "uni." + RandomLetters(8, 12, rng);
    case 3: {
      std::string p = RandomLetters(5, 9, rng);
      const int parts = static_cast<int>(rng.Range(2, 3));
      for (int i = 0; i < parts; ++i) p += "." + RandomLetters(5, 10, rng);
      return p;
    }
    case 4: return "com." + stem + RandomLetters(2, 4, rng) + "." + stem + "app";
    default: return "com." + stem + RandomDigits(static_cast<int>(rng.Range(2, 4)), rng) + ".app";
  }
}

const std::vector<Brand> kBrands = {
    {"中国工商银行", "工商银行", "icbc.com.cn", "95588", "icbc", BrandKind::kBank},
    {"中国建设银行", "建设银行", "ccb.com", "95533", "ccb", BrandKind::kBank},
    {"中国农业银行", "农业银行", "abchina.com", "95599", "abchina", BrandKind::kBank},
    {"中国银行", "中国银行", "boc.cn", "95566", "boc", BrandKind::kBank},
    {"招商银行", "招商银行", "cmbchina.com", "95555", "cmbchina", BrandKind::kBank},
    {"中国邮政储蓄银行", "邮储银行", "psbc.com", "95580", "psbc", BrandKind::kBank},
    {"交通银行", "交通银行", "bankcomm.com", "95559", "bankcomm", BrandKind::kBank},
    {"中信银行", "中信银行", "citicbank.com", "95558", "citicbank", BrandKind::kBank},
    {"浦发银行", "浦发银行", "spdb.com.cn", "95528", "spdb", BrandKind::kBank},
    {"中国民生银行", "民生银行", "cmbc.com.cn", "95568", "cmbc", BrandKind::kBank},
    {"兴业银行", "兴业银行", "cib.com.cn", "95561", "cib", BrandKind::kBank},
    {"平安银行", "平安银行", "bank.pingan.com", "95511", "pingan", BrandKind::kBank},
    {"中国光大银行", "光大银行", "cebbank.com", "95595", "cebbank", BrandKind::kBank},
    {"支付宝", "支付宝", "alipay.com", "95188", "alipay", BrandKind::kPayment},
    {"微信支付", "微信", "pay.weixin.qq.com", "95017", "weixin", BrandKind::kPayment},
    {"中国银联", "银联", "unionpay.com", "95516", "unionpay", BrandKind::kPayment},
    {"京东", "京东", "jd.com", "950618", "jd", BrandKind::kShopping},
    {"淘宝", "淘宝", "taobao.com", "9510211", "taobao", BrandKind::kShopping},
    {"拼多多", "拼多多", "pinduoduo.com", "", "pinduoduo", BrandKind::kShopping},
    {"美团", "美团", "meituan.com", "10107888", "meituan", BrandKind::kShopping},
    {"抖音", "抖音", "douyin.com", "95152", "douyin", BrandKind::kShopping},
    {"顺丰速运", "顺丰", "sf-express.com", "95338", "sfexpress", BrandKind::kCourier},
    {"中国邮政", "邮政", "ems.com.cn", "11183", "ems", BrandKind::kCourier},
    {"京东金融", "京东金融", "jr.jd.com", "95118", "jdjr", BrandKind::kFinance},
    {"微众银行", "微粒贷", "webank.com", "95384", "webank", BrandKind::kFinance},
    {"中国铁路12306", "12306", "12306.cn", "12306", "12306", BrandKind::kTravel},
    {"中国南方航空", "南方航空", "csair.com", "95539", "csair", BrandKind::kTravel},
    {"中国东方航空", "东方航空", "ceair.com", "95530", "ceair", BrandKind::kTravel},
    {"中国国际航空", "国航", "airchina.com.cn", "95583", "airchina", BrandKind::kTravel},
    {"携程旅行", "携程", "ctrip.com", "95010", "ctrip", BrandKind::kTravel},
    {"中国移动", "中国移动", "10086.cn", "10086", "10086", BrandKind::kCarrier},
    {"中国联通", "中国联通", "10010.com", "10010", "10010", BrandKind::kCarrier},
    {"中国电信", "中国电信", "189.cn", "10000", "189", BrandKind::kCarrier},
    {"国家医疗保障局", "医保", "nhsa.gov.cn", "12393", "nhsa", BrandKind::kGovernment},
    {"国家税务总局", "税务", "chinatax.gov.cn", "12366", "chinatax", BrandKind::kGovernment},
    // The app has no site of its own; its publisher is 公安部 and its hotline 96110.
    {"国家反诈中心", "反诈中心", "mps.gov.cn", "96110", "fanzha", BrandKind::kGovernment},
    {"中国人保", "人保", "picc.com.cn", "95518", "picc", BrandKind::kInsurance},
    {"中国人寿", "人寿", "chinalife.com.cn", "95519", "chinalife", BrandKind::kInsurance},
    {"太平洋保险", "太保", "cpic.com.cn", "95500", "cpic", BrandKind::kInsurance},
    // Game-account markets publish no short service number.
    {"交易猫", "交易猫", "jiaoyimao.com", "", "jiaoyimao", BrandKind::kGame},
    {"网易藏宝阁", "藏宝阁", "cbg.163.com", "", "cbg", BrandKind::kGame},
};

}  // namespace

const std::vector<Brand>& Brands() { return kBrands; }

const Brand* FindBrand(std::string_view code) {
  for (const Brand& b : kBrands) {
    if (b.code == code) return &b;
  }
  return nullptr;
}

static std::string LookalikeCandidate(const Brand& brand, Rng& rng) {
  const std::string code(brand.code);
  const std::string sep = rng.Chance(0.6) ? "-" : "";
  const uint64_t strategy = rng.Uniform(20);
  if (strategy < 6) {  // icbc-refund.top, icbckefu.cc
    return code + sep + std::string(LureWord(rng)) + "." + std::string(CheapTld(rng));
  }
  if (strategy < 8) {  // kefu-icbc.top
    return std::string(LureWord(rng)) + sep + code + "." + std::string(CheapTld(rng));
  }
  if (strategy < 10 && !brand.service_number.empty()) {  // 95588-vip.cc
    return std::string(brand.service_number) + "-" + std::string(LureWord(rng)) + "." +
           std::string(CheapTld(rng));
  }
  if (strategy < 14) {  // 1cbc.com, icbcc-kefu.top
    std::string label = Typo(code, rng);
    if (rng.Chance(0.4)) label += "-" + std::string(LureWord(rng));
    const std::string tld =
        rng.Chance(0.4) ? std::string(BrandSuffix(brand)) : std::string(CheapTld(rng));
    return label + "." + tld;
  }
  if (strategy < 17) {  // icbc.com.cn.verify-k3.top, icbc.com.cn-vip.xyz
    std::string host(brand.domain);
    if (rng.Chance(0.5)) {
      host += "." + std::string(LureWord(rng)) + "-" +
              RandomChars(kAlnum, static_cast<int>(rng.Range(2, 4)), rng);
    } else {
      host += "-" + std::string(LureWord(rng));
    }
    return host + "." + std::string(CheapTld(rng));
  }
  if (strategy < 19) {  // icbc-cn.com, icbc.vip
    return code + (rng.Chance(0.5) ? "-cn" : "") + "." + std::string(CheapTld(rng));
  }
  std::string idn = Homograph(code, rng);  // xn--...
  if (idn.empty()) idn = Typo(code, rng);
  return idn + "." + std::string(rng.Chance(0.5) ? BrandSuffix(brand) : CheapTld(rng));
}

std::string LookalikeDomain(const Brand& brand, Rng& rng) {
  // A TLD swap can land back on the real domain (alipay + .com); draw again then.
  std::string host = LookalikeCandidate(brand, rng);
  while (host == brand.domain) host = LookalikeCandidate(brand, rng);
  return host;
}

std::string FraudDomain(FraudType type, Rng& rng) {
  static constexpr std::string_view kPrefixes[] = {"m.", "h5.", "app.", "www.", "api."};
  std::string host = FraudLabel(type, rng) + "." + std::string(CheapTld(rng));
  if (rng.Chance(0.25)) host = std::string(rng.Pick(kPrefixes)) + host;
  return host;
}

std::string LureUrl(std::string_view domain, Rng& rng) {
  constexpr std::string_view kCode = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  std::string url = rng.Chance(0.6) ? "http://" : "https://";
  url += domain;
  const std::string code = RandomChars(kCode, static_cast<int>(rng.Range(4, 6)), rng);
  switch (rng.Uniform(8)) {
    case 0: break;
    case 1: url += "/" + code; break;
    case 2: url += "/r/" + code; break;
    case 3: url += "/?id=" + RandomDigits(static_cast<int>(rng.Range(4, 8)), rng); break;
    case 4: url += "/h5/#/login"; break;
    case 5: url += "/index.html?c=" + code; break;
    case 6: url += "/m/" + code; break;
    default: url += "/app/download"; break;
  }
  return url;
}

FraudApp MakeFraudApp(FraudType type, Rng& rng) {
  FraudApp app;
  app.package = Package(type, rng);
  const TypeWords& w = WordsFor(type);
  app.name = std::string(w.app_names[rng.Uniform(w.app_names.size())]);
  app.file_sha256 = Hex(32, rng);
  app.cert_sha256 = Hex(32, rng);
  return app;
}

namespace internal {

std::string Punycode(std::string_view label) {
  constexpr uint32_t kBase = 36, kTmin = 1, kTmax = 26, kSkew = 38, kDamp = 700;
  std::vector<uint32_t> input;
  for (size_t i = 0; i < label.size();) input.push_back(DecodeUtf8(label, i));
  auto adapt = [](uint32_t delta, uint32_t points, bool first) {
    delta = first ? delta / kDamp : delta / 2;
    delta += delta / points;
    uint32_t k = 0;
    while (delta > ((kBase - kTmin) * kTmax) / 2) {
      delta /= kBase - kTmin;
      k += kBase;
    }
    return k + (kBase - kTmin + 1) * delta / (delta + kSkew);
  };
  auto digit = [](uint32_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + d - 26); };
  std::string out;
  for (uint32_t c : input) {
    if (c < 0x80) out += static_cast<char>(c);
  }
  const uint32_t basic = static_cast<uint32_t>(out.size());
  if (basic > 0) out += '-';
  uint32_t n = 0x80, delta = 0, bias = 72, handled = basic;
  while (handled < input.size()) {
    uint32_t m = UINT32_MAX;
    for (uint32_t c : input) {
      if (c >= n) m = std::min(m, c);
    }
    delta += (m - n) * (handled + 1);
    n = m;
    for (uint32_t c : input) {
      if (c < n) ++delta;
      if (c != n) continue;
      uint32_t q = delta;
      for (uint32_t k = kBase;; k += kBase) {
        const uint32_t t = k <= bias ? kTmin : k >= bias + kTmax ? kTmax : k - bias;
        if (q < t) break;
        out += digit(t + (q - t) % (kBase - t));
        q = (q - t) / (kBase - t);
      }
      out += digit(q);
      bias = adapt(delta, handled + 1, handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return out;
}

}  // namespace internal
}  // namespace wuzha::sim
