// call.spoof: a caller presenting as a service number (95xxx banks and utilities,
// 110/120/119, 12xxx government lines, 10086/10010/10000, 400/800) from an international
// gateway or in a form no real call from that service has (an international prefix,
// extra digits after the short code); a domestic number arriving from an international
// gateway (altered caller id, 改号); and foreign numbers, named by country.
#include <array>
#include <string>
#include <string_view>

#include "intercept/rules/factories.h"

namespace wuzha::intercept {
namespace {

struct Service {
  std::string_view number;
  std::string_view name;
};

// Service numbers fraud impersonates most (docs/sim.md's brands, the emergency and
// government lines, the carriers).
constexpr std::array<Service, 40> kServices = {{
    {"95588", "工商银行"},     {"95533", "建设银行"},     {"95599", "农业银行"},
    {"95566", "中国银行"},     {"95555", "招商银行"},     {"95580", "邮储银行"},
    {"95559", "交通银行"},     {"95558", "中信银行"},     {"95528", "浦发银行"},
    {"95568", "民生银行"},     {"95561", "兴业银行"},     {"95511", "平安"},
    {"95595", "光大银行"},     {"95188", "支付宝"},       {"95017", "微信支付"},
    {"95516", "银联"},         {"95518", "人保"},         {"95519", "中国人寿"},
    {"95500", "太平洋保险"},   {"95539", "南方航空"},     {"95530", "东方航空"},
    {"95583", "中国国航"},     {"950618", "京东"},        {"12306", "铁路客服"},
    {"10086", "中国移动"},     {"10010", "中国联通"},     {"10000", "中国电信"},
    {"110", "报警电话"},       {"120", "急救电话"},       {"119", "火警电话"},
    {"122", "交通事故报警"},   {"12110", "公安短信报警"}, {"12345", "政务服务热线"},
    {"96110", "反诈预警专线"}, {"12366", "税务热线"},     {"12393", "医保热线"},
    {"12315", "市场监管热线"}, {"12381", "涉诈预警劝阻"}, {"12389", "公安监督"},
    {"12377", "违法信息举报"},
}};

struct Country {
  std::string_view code;
  std::string_view name;
  bool den;  // where fraud dens serving Chinese victims are reported (assumed list)
};

constexpr std::array<Country, 40> kCountries = {{
    {"1", "美国/加拿大", false},    {"7", "俄罗斯", false},       {"20", "埃及", false},
    {"27", "南非", false},          {"33", "法国", false},        {"34", "西班牙", false},
    {"39", "意大利", false},        {"44", "英国", false},        {"49", "德国", false},
    {"60", "马来西亚", true},       {"61", "澳大利亚", false},    {"62", "印度尼西亚", true},
    {"63", "菲律宾", true},         {"64", "新西兰", false},      {"65", "新加坡", false},
    {"66", "泰国", true},           {"81", "日本", false},        {"82", "韩国", false},
    {"84", "越南", true},           {"90", "土耳其", false},      {"91", "印度", false},
    {"92", "巴基斯坦", false},      {"95", "缅甸", true},         {"234", "尼日利亚", false},
    {"670", "东帝汶", false},       {"673", "文莱", false},       {"852", "中国香港", false},
    {"853", "中国澳门", false},     {"855", "柬埔寨", true},      {"856", "老挝", true},
    {"880", "孟加拉国", false},     {"886", "中国台湾", false},   {"960", "马尔代夫", false},
    {"966", "沙特阿拉伯", false},   {"971", "阿联酋", true},      {"976", "蒙古", false},
    {"977", "尼泊尔", false},       {"992", "塔吉克斯坦", false}, {"995", "格鲁吉亚", false},
    {"998", "乌兹别克斯坦", false},
}};

const Service* ServiceNamed(std::string_view number) {
  for (const Service& s : kServices)
    if (s.number == number) return &s;
  return nullptr;
}

// The known service code `national` starts with, when it has digits after it.
const Service* ServicePrefixOf(std::string_view national) {
  const Service* best = nullptr;
  for (const Service& s : kServices) {
    if (national.size() > s.number.size() && national.starts_with(s.number) &&
        (best == nullptr || s.number.size() > best->number.size()))
      best = &s;
  }
  return best;
}

const Country* CountryOf(std::string_view e164) {
  for (size_t len = 3; len >= 1; --len) {
    for (const Country& c : kCountries)
      if (c.code.size() == len && e164.starts_with(c.code)) return &c;
  }
  return nullptr;
}

// The presented caller as written: ASCII digits only, whether it carried an
// international prefix ('+' or "00"), and the national part after a +86/0086/86.
struct Presented {
  std::string national;
  bool international_prefix = false;
  bool trunk_zero = false;  // "0..." after the country code or alone: a domestic trunk
};

Presented Parse(std::string_view raw) {
  Presented p;
  std::string digits;
  for (char c : raw) {
    if (c >= '0' && c <= '9')
      digits.push_back(c);
    else if (c == '+' && digits.empty())
      p.international_prefix = true;
  }
  std::string_view d = digits;
  if (!p.international_prefix && d.starts_with("00")) {
    p.international_prefix = true;
    d.remove_prefix(2);
  }
  if (d.starts_with("86") && (p.international_prefix || d.size() > 5)) d.remove_prefix(2);
  if (d.starts_with("0")) p.trunk_zero = true;
  p.national.assign(d);
  return p;
}

std::string Label(const Service& s) {
  return std::string(s.number) + " (" + std::string(s.name) + ")";
}

class CallSpoofRule final : public CallRule {
 public:
  std::string_view name() const override { return "call.spoof"; }
  std::string_view description() const override {
    return "caller posing as a service number (95xxx, 110, 10086 ...) from an international "
           "gateway or in an impossible form; domestic number via an international gateway; "
           "foreign number";
  }

  void Evaluate(const CallInput& in, const CheckContext&, Findings& out) const override {
    const bool gateway = in.query.international_gateway;
    const Presented p = Parse(in.query.caller);
    const bool service = !in.caller.empty() && (in.caller_kind == PhoneKind::kService ||
                                                in.caller_kind == PhoneKind::kEmergency);
    // 1. A service or emergency number from abroad or written with a country prefix.
    if (service || ServiceNamed(p.national) != nullptr) {
      const Service* named = ServiceNamed(p.national);
      const std::string what = named ? Label(*named) : "service number " + p.national;
      if (gateway) {
        Add(out, Effect::kBlock, 0.97, what + " presented from an international gateway");
      } else if (p.international_prefix) {
        Add(out, Effect::kBlock, 0.9,
            what + " written with an international prefix (" + std::string(in.query.caller) +
                "): no call from the service carries one");
      }
      return;
    }
    // 2. A known short code with digits appended: made to read as the service.
    if (!p.trunk_zero) {
      if (const Service* s = ServicePrefixOf(p.national)) {
        const std::string detail = std::string(in.query.caller) + " reads as " + Label(*s) +
                                   " with " + std::to_string(p.national.size() - s->number.size()) +
                                   " extra digits";
        if (gateway || p.international_prefix) {
          Add(out, Effect::kBlock, 0.93,
              detail +
                  (gateway ? ", from an international gateway" : ", with an international prefix"));
        } else {
          Add(out, Effect::kWarn, 0.8, detail);
        }
        return;
      }
    }
    if (in.caller.empty()) return;
    // 3. Foreign numbers: named; a domestic one from a foreign gateway: altered caller id.
    if (in.caller_kind == PhoneKind::kInternational) {
      const Country* c = CountryOf(in.caller);
      std::string detail = "foreign number +" + std::string(in.caller) + " from ";
      detail += c ? std::string(c->name) + " (+" + std::string(c->code) + ")"
                  : std::string("an unknown country");
      if (c && c->den) detail += ", where fraud call centres operate";
      Add(out, Effect::kWarn, c && c->den ? 0.6 : 0.5, detail);
    } else if (gateway) {
      Add(out, Effect::kWarn, 0.7,
          "domestic number " + std::string(in.caller) +
              " arriving from an international gateway: caller id likely altered (改号)");
    }
  }

 private:
  void Add(Findings& out, Effect effect, double score, std::string detail) const {
    out.push_back(Finding{name(), effect, score, "", std::move(detail)});
  }
};

}  // namespace

std::unique_ptr<CallRule> NewCallSpoofRule(const Resources&) {
  return std::make_unique<CallSpoofRule>();
}

}  // namespace wuzha::intercept
