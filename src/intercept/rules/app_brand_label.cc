// app.brand_label: the label under the icon names a brand people trust with money or
// fear — a payment service, a bank, the police or another authority, a carrier, a big
// platform — but the package is not one of that brand's. Scam APKs are named 腾讯支付,
// 阿里支付, 国家反诈中心 ...; the real apps' packages are few and known. A package on the
// allow list (kAllow app_package) is taken as genuine; the package alone proves little
// (a sideloaded APK can take any name), which is what app.list's certificate check is for.
//
// The label is compared after text::Normalize (simplified characters, Latin lower case,
// zero-width and full-width tricks undone). A label that only says it is a payment app
// (支付, "pay") or a bank (银行) without naming a brand in the table warns.
#include <string>

#include "core/fraud_type.h"
#include "intercept/rules/factories.h"
#include "lists/snapshot.h"
#include "text/normalize.h"

namespace wuzha::intercept {
namespace {

struct AppBrand {
  std::string_view name;      // for the detail
  std::string_view keywords;  // '|'-separated, normalized (simplified, Latin lower case)
  // '|'-separated packages or package namespaces: "com.tencent" covers com.tencent.mm.
  std::string_view packages;
  FraudType fraud_type;
  double score;
};

constexpr FraudType kService = FraudType::kFakeCustomerService;
constexpr FraudType kPolice = FraudType::kFakePolice;
constexpr FraudType kInvest = FraudType::kFakeInvestment;

// The brands impersonated in Chinese fraud apps. The last rows (茅台, 交易所, 中兴) were
// added after reading the sample APKs of ../shared/data/apps (docs/intercept.md, Apps).
constexpr AppBrand kBrands[] = {
    // Payment.
    {"支付宝", "支付宝|蚂蚁|花呗|借呗|余额宝|alipay",
     "com.eg.android.AlipayGphone|com.alipay|com.antfortune|com.antgroup", kService, 0.9},
    {"阿里巴巴", "阿里|淘宝|天猫|闲鱼|taobao",
     "com.alibaba|com.taobao|com.tmall|com.eg.android.AlipayGphone|com.alipay|com.ali", kService,
     0.9},
    {"腾讯", "腾讯|微信|财付通|微粒贷|qq|wechat|tencent", "com.tencent|com.qq", kService, 0.9},
    {"银联", "银联|云闪付|unionpay", "com.unionpay", kService, 0.9},
    // Banks.
    {"工商银行", "工商银行|工行|工银|icbc", "com.icbc", kService, 0.9},
    {"建设银行", "建设银行|建行", "com.chinamworld.main|com.ccb", kService, 0.9},
    {"农业银行", "农业银行|农行", "com.android.bankabc|com.abchina", kService, 0.9},
    {"中国银行", "中国银行|中行", "com.chinamworld.bocmbci|com.boc", kService, 0.9},
    {"交通银行", "交通银行", "com.bankcomm", kService, 0.9},
    {"招商银行", "招商银行|招行", "cmb.pb|com.cmbchina", kService, 0.9},
    {"邮储银行", "邮储银行|邮政储蓄", "com.yitong.mbank.psbc|com.psbc", kService, 0.9},
    {"民生银行", "民生银行", "cn.com.cmbc", kService, 0.9},
    {"浦发银行", "浦发银行", "cn.com.spdb", kService, 0.9},
    {"兴业银行", "兴业银行", "com.cib", kService, 0.9},
    {"中信银行", "中信银行", "com.ecitic.bank.mobile|com.citiccard", kService, 0.9},
    {"光大银行", "光大银行", "com.cebbank", kService, 0.9},
    {"平安", "平安银行|中国平安|平安金管家", "com.pingan", kService, 0.9},
    {"华夏银行", "华夏银行", "com.hxb", kService, 0.9},
    {"广发银行", "广发银行", "com.cgbchina", kService, 0.9},
    // Authorities: no government body publishes apps under another package.
    {"公检法", "公安|警务|反诈|反电诈|最高检|检察|最高法|法院|国家安全",
     "com.hicorenational.antifraud|com.tmri.app.main", kPolice, 0.95},
    {"人民银行", "人民银行|央行|数字人民币", "cn.gov.pbc.dcep", kPolice, 0.95},
    {"医保", "医保", "cn.hsa.app", kPolice, 0.95},
    {"税务", "个税|个人所得税|税务", "cn.gov.tax.its", kPolice, 0.95},
    {"社保", "社保|公积金", "", kPolice, 0.9},
    // Carriers.
    {"中国移动", "中国移动|移动营业厅|和包",
     "com.greenpoint.android.mc10086.activity|com.cmcc|com.chinamobile", kService, 0.9},
    {"中国联通", "中国联通|联通营业厅|沃钱包", "com.sinovatech.unicom.ui|com.unicom", kService,
     0.9},
    {"中国电信", "中国电信|电信营业厅|翼支付", "com.ct.client|com.chinatelecom", kService, 0.9},
    // Platforms.
    {"京东", "京东|jd.com", "com.jingdong|com.jd", kService, 0.9},
    {"美团", "美团", "com.sankuai|com.meituan", kService, 0.9},
    {"拼多多", "拼多多", "com.xunmeng", kService, 0.9},
    {"字节跳动", "抖音|今日头条|douyin|tiktok", "com.ss.android|com.bytedance|com.zhiliaoapp",
     kService, 0.9},
    {"快手", "快手", "com.smile.gifmaker|com.kuaishou", kService, 0.9},
    {"百度", "百度", "com.baidu", kService, 0.9},
    {"小米", "小米|米家|xiaomi", "com.xiaomi|com.mi|com.miui|com.mipay", kService, 0.9},
    {"华为", "华为|鸿蒙|huawei", "com.huawei", kService, 0.9},
    {"滴滴", "滴滴", "com.sdu.didi|com.didi|com.xiaojukeji", kService, 0.9},
    {"携程", "携程", "ctrip.android.view|com.ctrip", kService, 0.9},
    {"铁路12306", "12306", "com.MobileTicket", kService, 0.9},
    // Names that investment scams borrow (see the note above the table).
    {"茅台", "茅台", "com.moutai", kInvest, 0.9},
    {"交易所", "交易所", "", kInvest, 0.9},
    {"中兴", "中兴", "com.zte", kInvest, 0.9},
};

// Payment apps that name no brand above but are genuine: they do not trigger the
// generic 支付 / pay finding.
constexpr std::string_view kOtherPaymentPackages =
    "com.paypal|com.google.android.apps.walletnfcrel|com.samsung.android.spay|com.lakala";

constexpr double kGenericScore = 0.55;  // warns alone; blocks with a second signal

// Calls f(item) for each '|'-separated item of `list`; stops when f returns true.
template <typename F>
bool AnyOf(std::string_view list, F f) {
  while (!list.empty()) {
    const size_t bar = list.find('|');
    if (f(list.substr(0, bar))) return true;
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
  return false;
}

// True when `package` is one of `packages` or inside one of them ("com.tencent.mm" is
// inside "com.tencent").
bool PackageIn(std::string_view package, std::string_view packages) {
  return AnyOf(packages, [package](std::string_view known) {
    return package == known ||
           (package.size() > known.size() && package.substr(0, known.size()) == known &&
            package[known.size()] == '.');
  });
}

std::string PackageText(std::string_view package) {
  return package.empty() ? std::string("(none)") : std::string(package);
}

class AppBrandLabelRule final : public AppRule {
 public:
  std::string_view name() const override { return "app.brand_label"; }
  std::string_view description() const override {
    return "the label names a payment, bank, authority, carrier or platform brand but the "
           "package is not that brand's";
  }
  void Evaluate(const AppInput& in, const CheckContext& ctx, Findings& out) const override {
    if (in.query.label.empty()) return;
    if (!in.package.empty() &&
        ctx.lists.Find(lists::ListKind::kAllow, lists::IndicatorType::kAppPackage, in.package,
                       ctx.now_ms) != nullptr) {
      return;
    }
    thread_local std::string label;
    text::NormalizeInto(in.query.label, label);
    const AppBrand* named = nullptr;
    std::string_view keyword;
    bool known_package = false;
    for (const AppBrand& brand : kBrands) {
      known_package = known_package || PackageIn(in.package, brand.packages);
      std::string_view hit;
      if (!AnyOf(brand.keywords, [&](std::string_view k) {
            hit = k;
            return label.find(k) != std::string::npos;
          })) {
        continue;
      }
      // A label may name two brands (微信支付 on a bank's package is still not genuine):
      // the first brand whose packages do not hold this one decides.
      if (!PackageIn(in.package, brand.packages) && named == nullptr) {
        named = &brand;
        keyword = hit;
      }
    }
    if (named != nullptr) {
      Finding f;
      f.rule = name();
      f.score = named->score;
      f.fraud_type = std::string(FraudTypeName(named->fraud_type));
      f.detail = "label \"" + in.query.label + "\" names " + std::string(named->name) + " (" +
                 std::string(keyword) + ") but package " + PackageText(in.package) + " is not " +
                 std::string(named->name) + "'s";
      out.push_back(std::move(f));
      return;
    }
    if (known_package || PackageIn(in.package, kOtherPaymentPackages)) return;
    AddGeneric(in, label, out);
  }

 private:
  // A label that claims to be a payment app or a bank, with no brand: warn.
  void AddGeneric(const AppInput& in, std::string_view label, Findings& out) const {
    std::string_view what;
    if (label.find("支付") != std::string_view::npos ||
        label.find("pay") != std::string_view::npos) {
      what = "a payment app";
    } else if (label.find("银行") != std::string_view::npos) {
      what = "a bank";
    } else {
      return;
    }
    Finding f;
    f.rule = name();
    f.score = kGenericScore;
    f.detail = "label \"" + in.query.label + "\" presents " + std::string(what) + " but package " +
               PackageText(in.package) + " is no known payment app or bank";
    out.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<AppRule> NewAppBrandLabelRule(const Resources&) {
  return std::make_unique<AppBrandLabelRule>();
}

}  // namespace wuzha::intercept
