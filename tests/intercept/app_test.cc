// App verdicts: the `aapt dump badging` parser, the app heuristics (brand label,
// permission combinations, package shape), legitimate apps left alone, and the real
// data in ../shared/data/apps (Chinese scam APKs' metadata, ESET's hash lists).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "intercept/app_manifest.h"
#include "intercept/checker.h"
#include "lists/io.h"
#include "lists/store.h"

namespace wuzha::intercept {
namespace {

using lists::IndicatorType;
using lists::ListKind;

constexpr int64_t kNow = 1714537800000;  // 2024-05-01 12:30 +08:00

constexpr std::string_view kBadging =
    "package: name='com.example.pay' versionCode='3' versionName='1.2'\n"
    "sdkVersion:'24'\n"
    "uses-permission: name='android.permission.INTERNET'\n"
    "uses-permission: name='android.permission.READ_SMS' maxSdkVersion='30'\n"
    "uses-permission: name='android.permission.INTERNET'\n"
    "uses-permission-sdk-23: name='android.permission.SYSTEM_ALERT_WINDOW'\n"
    "application-label-en:'Pay'\n"
    "application-label:'示例支付'\n"
    "application-label-zh-CN:'示例支付中文'\n"
    "application: label='示例' icon='res/icon.png'\n"
    "launchable-activity: name='com.example.pay.Main'  label='主界面' icon=''\n";

TEST(AaptBadging, ReadsPackageDefaultLabelAndEachPermissionOnceInOrder) {
  auto q = ParseAaptBadging(kBadging);
  ASSERT_TRUE(q.ok()) << q.error().ToString();
  EXPECT_EQ(q->package, "com.example.pay");
  EXPECT_EQ(q->label, "示例支付");
  EXPECT_EQ(q->permissions,
            (std::vector<std::string>{"android.permission.INTERNET", "android.permission.READ_SMS",
                                      "android.permission.SYSTEM_ALERT_WINDOW"}));
  EXPECT_EQ(q->source, AppSource::kUnknown);
  EXPECT_TRUE(q->file_sha256.empty());
}

TEST(AaptBadging, FallsBackToChineseThenApplicationThenActivityLabel) {
  auto zh = ParseAaptBadging(
      "package: name='a.b'\napplication-label-en:'X'\napplication-label-zh:'中文'\n"
      "application-label-zh-CN:'简体'\n");
  ASSERT_TRUE(zh.ok());
  EXPECT_EQ(zh->label, "简体");
  auto app = ParseAaptBadging("package: name='a.b'\napplication: label='应用' icon=''\n");
  ASSERT_TRUE(app.ok());
  EXPECT_EQ(app->label, "应用");
  auto activity = ParseAaptBadging(
      "package: name='a.b'\nlaunchable-activity: name='a.b.M'  label='入口' icon=''\n");
  ASSERT_TRUE(activity.ok());
  EXPECT_EQ(activity->label, "入口");
  auto none = ParseAaptBadging("package: name='a.b'\napplication-label-fr:'Nom'\n");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->label, "");
}

TEST(AaptBadging, UnescapesQuotesAndAcceptsCrLfAndLeadingNoise) {
  auto q = ParseAaptBadging(
      "W/ResourceType: bad resource\r\n\r\npackage: name='com.x' versionCode='1'\r\n"
      "application-label:'Bob\\'s \\\\ pay'\r\n");
  ASSERT_TRUE(q.ok()) << q.error().ToString();
  EXPECT_EQ(q->package, "com.x");
  EXPECT_EQ(q->label, "Bob's \\ pay");
}

TEST(AaptBadging, InputWithoutPackageLineIsInvalidArgumentNamingTheFirstLine) {
  auto q = ParseAaptBadging("\nsdkVersion:'24'\nuses-permission: name='android.permission.NFC'\n");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(q.error().message().find("line 2 is \"sdkVersion:'24'\""), std::string_view::npos)
      << q.error().message();
  auto empty = ParseAaptBadging("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code(), StatusCode::kInvalidArgument);
}

TEST(AaptBadging, PackageLineWithoutNameIsInvalidArgumentNamingItsLine) {
  for (const char* text :
       {"sdkVersion:'1'\npackage: versionCode='1'\n",
        "sdkVersion:'1'\npackage: name='unterminated\n", "sdkVersion:'1'\npackage: name=''\n"}) {
    auto q = ParseAaptBadging(text);
    ASSERT_FALSE(q.ok()) << text;
    EXPECT_EQ(q.error().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(q.error().message().substr(0, 7), "line 2:") << q.error().message();
  }
}

TEST(AaptBadging, SurvivesBinaryAndTruncatedInput) {
  std::string junk;
  for (int i = 0; i < 2000; ++i) junk.push_back(static_cast<char>((i * 131 + 7) % 256));
  EXPECT_FALSE(ParseAaptBadging(junk).ok());
  auto q = ParseAaptBadging(
      "package: name='a.b'\nuses-permission: name='x\napplication-label:'\nuses-permission:");
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(q->permissions.empty());
  EXPECT_EQ(q->label, "");
}

TEST(AaptBadging, ReadFileNamesThePathAndMissingFileIsNotFound) {
  auto missing = ReadAaptBadgingFile("/nonexistent/wuzha/badging.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
  const auto path = std::filesystem::temp_directory_path() / "wuzha_app_test_badging.txt";
  std::ofstream(path) << "no package here\n";
  auto bad = ReadAaptBadgingFile(path.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.error().message().find(path.string()), std::string_view::npos);
  std::ofstream(path) << kBadging;
  auto good = ReadAaptBadgingFile(path.string());
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->package, "com.example.pay");
  std::filesystem::remove(path);
}

bool HasRule(const Verdict& v, std::string_view rule) {
  return std::any_of(v.reasons.begin(), v.reasons.end(),
                     [&](const Reason& r) { return r.rule == rule; });
}

std::string Describe(const Verdict& v) {
  std::string out = std::string(DecisionName(v.decision)) + " " + std::to_string(v.score);
  for (const Reason& r : v.reasons) out += "\n    " + r.rule + ": " + r.detail;
  return out;
}

AppQuery App(std::string package, std::string label, std::vector<std::string> permissions = {},
             AppSource source = AppSource::kStore) {
  AppQuery q;
  q.package = std::move(package);
  q.label = std::move(label);
  for (std::string& p : permissions) {
    q.permissions.push_back(p.find('.') == std::string::npos ? "android.permission." + p : p);
  }
  q.source = source;
  q.time_ms = kNow;
  return q;
}

class AppRulesTest : public ::testing::Test {
 protected:
  void SetUp() override { Rebuild(); }
  void Rebuild() {
    store_.Publish();
    auto checker = Checker::Create(store_);
    ASSERT_TRUE(checker.ok()) << checker.error().message();
    checker_ = std::move(checker).value();
  }
  void Add(ListKind kind, IndicatorType type, std::string value) {
    lists::Entry e;
    e.kind = kind;
    e.type = type;
    e.value = std::move(value);
    e.source = "test";
    ASSERT_TRUE(store_.Upsert(std::move(e), "test", 0).ok());
  }
  Verdict Check(const AppQuery& q) const { return checker_->CheckApp(q); }

  lists::Store store_;
  std::unique_ptr<Checker> checker_;
};

TEST_F(AppRulesTest, EveryAppRuleIsRegistered) {
  std::vector<std::string> names;
  for (const RuleInfo& r : checker_->rules()) names.push_back(r.channel + ":" + r.name);
  for (const char* want :
       {"app:app.list", "app:app.brand_label", "app:app.permissions", "app:app.package_shape"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
  }
}

TEST_F(AppRulesTest, BrandLabelOnAnotherPackageBlocks) {
  const Verdict v = Check(App("com.dp_1_app", "腾讯支付"));
  EXPECT_EQ(v.decision, Decision::kBlock) << Describe(v);
  EXPECT_TRUE(HasRule(v, "app.brand_label"));
  EXPECT_EQ(v.fraud_type, "冒充客服");
  // Traditional characters and zero-width spaces are normalized away first.
  EXPECT_EQ(Check(App("com.zfb.app", "支\u200B付寶")).decision, Decision::kBlock);
  const Verdict police = Check(App("com.gajfz.app", "国家反诈中心"));
  EXPECT_EQ(police.decision, Decision::kBlock) << Describe(police);
  EXPECT_EQ(police.fraud_type, "冒充公检法");
  EXPECT_EQ(Check(App("cn.yibao.fuwu", "医保个人账户")).decision, Decision::kBlock);
  EXPECT_EQ(Check(App("com.abc.bank", "中国农业银行")).decision, Decision::kBlock);
}

TEST_F(AppRulesTest, BrandLabelOnTheBrandsOwnPackageIsAllowed) {
  for (const AppQuery& q :
       {App("com.tencent.mm", "微信"), App("com.tencent.mobileqq", "QQ"),
        App("com.eg.android.AlipayGphone", "支付宝"), App("com.taobao.taobao", "淘宝"),
        App("com.icbc", "中国工商银行"), App("com.unionpay", "云闪付"),
        App("com.hicorenational.antifraud", "国家反诈中心"), App("com.jd.jrapp", "京东金融")}) {
    const Verdict v = Check(q);
    EXPECT_EQ(v.decision, Decision::kAllow) << q.package << " " << Describe(v);
    EXPECT_FALSE(HasRule(v, "app.brand_label")) << q.package;
  }
}

TEST_F(AppRulesTest, PaymentOrBankLabelWithoutBrandWarns) {
  for (const char* label : {"荟支付", "全球支付", "KDpay", "汉口银行"}) {
    const Verdict v = Check(App("com.levlimirel.app", label));
    EXPECT_EQ(v.decision, Decision::kWarn) << label << " " << Describe(v);
    EXPECT_TRUE(HasRule(v, "app.brand_label")) << label;
  }
  // PayPal is a payment app too.
  EXPECT_EQ(Check(App("com.paypal.android.p2pmobile", "PayPal")).decision, Decision::kAllow);
}

TEST_F(AppRulesTest, AllowListedPackageIsTakenAsGenuine) {
  Add(ListKind::kAllow, IndicatorType::kAppPackage, "com.hkbank.mobile");
  Rebuild();
  const Verdict v = Check(App("com.hkbank.mobile", "汉口银行"));
  EXPECT_EQ(v.decision, Decision::kAllow) << Describe(v);
  EXPECT_FALSE(HasRule(v, "app.brand_label"));
}

TEST_F(AppRulesTest, ScreenWithSmsWarnsAndBlocksWhenSideloaded) {
  const Verdict store = Check(App("com.acme.helper", "助手", {"SYSTEM_ALERT_WINDOW", "READ_SMS"}));
  EXPECT_EQ(store.decision, Decision::kWarn) << Describe(store);
  ASSERT_TRUE(HasRule(store, "app.permissions"));
  EXPECT_NE(store.reasons[0].detail.find("SYSTEM_ALERT_WINDOW+READ_SMS"), std::string::npos)
      << store.reasons[0].detail;
  const Verdict sideload =
      Check(App("com.acme.helper", "助手", {"BIND_ACCESSIBILITY_SERVICE", "RECEIVE_SMS"},
                AppSource::kSideload));
  EXPECT_EQ(sideload.decision, Decision::kBlock) << Describe(sideload);
  // Bare names count; another namespace's permission of the same name does not.
  EXPECT_EQ(
      Check(App("com.acme.helper", "助手", {"com.acme.permission.READ_SMS", "SYSTEM_ALERT_WINDOW"}))
          .decision,
      Decision::kAllow);
}

TEST_F(AppRulesTest, ContactsSmsAndCallLogTogetherWarnAsSpyLoan) {
  const Verdict v =
      Check(App("com.quick.cash", "极速贷", {"READ_CONTACTS", "READ_SMS", "READ_CALL_LOG"}));
  EXPECT_EQ(v.decision, Decision::kWarn) << Describe(v);
  EXPECT_EQ(v.fraud_type, "虚假贷款");
  // Two of the three are ordinary.
  EXPECT_EQ(Check(App("com.quick.cash", "极速贷", {"READ_CONTACTS", "READ_CALL_LOG"})).decision,
            Decision::kAllow);
}

TEST_F(AppRulesTest, OutgoingCallInterceptionWarns) {
  const Verdict v = Check(
      App("com.acme.call", "通话", {"PROCESS_OUTGOING_CALLS", "WRITE_CALL_LOG", "CALL_PHONE"}));
  EXPECT_EQ(v.decision, Decision::kWarn) << Describe(v);
  EXPECT_EQ(v.fraud_type, "冒充公检法");
}

TEST_F(AppRulesTest, DropperWithOverlayScoresBelowWarnUnlessSideloaded) {
  const auto perms = std::vector<std::string>{"REQUEST_INSTALL_PACKAGES", "SYSTEM_ALERT_WINDOW"};
  const Verdict store = Check(App("com.acme.tool", "工具", perms));
  EXPECT_TRUE(HasRule(store, "app.permissions"));
  EXPECT_EQ(store.decision, Decision::kAllow) << Describe(store);
  EXPECT_EQ(Check(App("com.acme.tool", "工具", perms, AppSource::kLink)).decision, Decision::kWarn);
}

TEST_F(AppRulesTest, NfcCountsOnlyOutsideStoresOrWithSmsReading) {
  EXPECT_FALSE(HasRule(Check(App("com.acme.card", "卡包", {"NFC"})), "app.permissions"));
  const Verdict sideload = Check(App("com.acme.card", "卡包", {"NFC"}, AppSource::kSideload));
  EXPECT_TRUE(HasRule(sideload, "app.permissions")) << Describe(sideload);
  EXPECT_EQ(sideload.decision, Decision::kWarn);
  EXPECT_EQ(Check(App("com.acme.card", "卡包", {"NFC", "READ_SMS"})).decision, Decision::kWarn);
  EXPECT_FALSE(HasRule(Check(App("com.acme.card", "卡包", {"NFC", "SYSTEM_ALERT_WINDOW"})),
                       "app.permissions"));
}

TEST_F(AppRulesTest, SystemOnlyPermissionsScoreLow) {
  const Verdict v = Check(App("com.acme.x", "X", {"WRITE_SECURE_SETTINGS"}, AppSource::kSideload));
  EXPECT_TRUE(HasRule(v, "app.permissions"));
  EXPECT_EQ(v.decision, Decision::kAllow);
  EXPECT_NEAR(v.score, 0.25, 1e-9);
}

TEST_F(AppRulesTest, WrapperAndRandomPackagesScoreLowOnly) {
  for (const char* package : {"plus.H5631BFFD", "uni.vgquwahmhtz", "uni.UNI3A4F2B1",
                              "kgjaexqis.jbzblzazyg.agmohigtwd.dqqavsusb", "zpt1n.t8wf9.za5g8",
                              "CHwEaIFCx.cgzxec.srxuwjl.wmtotzdl", "com.hesxmn.gfdbvt"}) {
    const Verdict v = Check(App(package, "应用"));
    EXPECT_TRUE(HasRule(v, "app.package_shape")) << package;
    EXPECT_EQ(v.decision, Decision::kAllow) << package;
    EXPECT_LE(v.score, 0.3 + 1e-9) << package;
    // The same package from a link or sideloaded: no store vetted it, and it warns.
    for (AppSource source : {AppSource::kLink, AppSource::kSideload}) {
      EXPECT_EQ(Check(App(package, "应用", {}, source)).decision, Decision::kWarn) << package;
    }
  }
  for (const char* package :
       {"com.eg.android.AlipayGphone", "com.chinamworld.bocmbci", "com.tencent.mm", "com.lphtsccft",
        "com.sgcc.wsgw.cn", "com.cgbchina.xpt", "com.yitong.mbank.psbc", "cn.com.cmbc.newmbank",
        "com.greenpoint.android.mc10086.activity", "com.MobileTicket", "com.sdu.didi.psnger",
        "ctrip.android.view", "cmb.pb", "com.autonavi.minimap", "plus.Hello", "com.k2014.app"}) {
    EXPECT_FALSE(HasRule(Check(App(package, "应用")), "app.package_shape")) << package;
  }
}

// Real apps with their real labels and ordinary permissions: none may warn.
TEST_F(AppRulesTest, LegitimateAppsAreNotFlagged) {
  const std::vector<AppQuery> apps = {
      App("com.eg.android.AlipayGphone", "支付宝",
          {"INTERNET", "CAMERA", "READ_CONTACTS", "ACCESS_FINE_LOCATION", "NFC", "READ_PHONE_STATE",
           "RECORD_AUDIO", "USE_BIOMETRIC", "VIBRATE"}),
      App("com.tencent.mm", "微信",
          {"INTERNET", "CAMERA", "RECORD_AUDIO", "READ_CONTACTS", "ACCESS_FINE_LOCATION", "NFC",
           "SYSTEM_ALERT_WINDOW", "REQUEST_INSTALL_PACKAGES", "READ_PHONE_STATE", "BLUETOOTH",
           "WRITE_EXTERNAL_STORAGE", "VIBRATE", "WAKE_LOCK"}),
      App("com.icbc", "中国工商银行",
          {"INTERNET", "CAMERA", "ACCESS_FINE_LOCATION", "NFC", "USE_BIOMETRIC",
           "READ_PHONE_STATE"}),
      App("com.chinamworld.main", "中国建设银行",
          {"INTERNET", "CAMERA", "ACCESS_COARSE_LOCATION", "USE_FINGERPRINT", "READ_CONTACTS"}),
      App("com.android.bankabc", "中国农业银行", {"INTERNET", "CAMERA", "NFC"}),
      App("cmb.pb", "招商银行", {"INTERNET", "CAMERA", "USE_BIOMETRIC", "ACCESS_FINE_LOCATION"}),
      App("com.unionpay", "云闪付", {"INTERNET", "NFC", "CAMERA", "ACCESS_FINE_LOCATION"}),
      App("com.autonavi.minimap", "高德地图",
          {"INTERNET", "ACCESS_FINE_LOCATION", "ACCESS_COARSE_LOCATION",
           "ACCESS_BACKGROUND_LOCATION", "RECORD_AUDIO", "CAMERA", "READ_PHONE_STATE",
           "SYSTEM_ALERT_WINDOW", "BLUETOOTH", "FOREGROUND_SERVICE"}),
      App("com.baidu.BaiduMap", "百度地图",
          {"INTERNET", "ACCESS_FINE_LOCATION", "RECORD_AUDIO", "CAMERA"}),
      App("com.sankuai.meituan", "美团", {"INTERNET", "ACCESS_FINE_LOCATION", "CAMERA", "NFC"}),
      App("com.jingdong.app.mall", "京东", {"INTERNET", "CAMERA", "ACCESS_FINE_LOCATION"}),
      App("com.taobao.taobao", "淘宝", {"INTERNET", "CAMERA", "ACCESS_FINE_LOCATION"}),
      App("com.xunmeng.pinduoduo", "拼多多", {"INTERNET", "CAMERA", "READ_PHONE_STATE"}),
      App("com.ss.android.ugc.aweme", "抖音",
          {"INTERNET", "CAMERA", "RECORD_AUDIO", "READ_CONTACTS", "ACCESS_FINE_LOCATION"}),
      App("com.greenpoint.android.mc10086.activity", "中国移动",
          {"INTERNET", "READ_PHONE_STATE", "READ_CONTACTS", "CALL_PHONE"}),
      App("com.tmri.app.main", "交管12123", {"INTERNET", "CAMERA", "ACCESS_FINE_LOCATION"}),
      App("cn.gov.tax.its", "个人所得税", {"INTERNET", "CAMERA", "READ_PHONE_STATE"}),
      App("com.MobileTicket", "铁路12306", {"INTERNET", "CAMERA", "ACCESS_FINE_LOCATION"}),
      App("com.lphtsccft", "涨乐财富通", {"INTERNET", "READ_PHONE_STATE", "CAMERA"}),
      App("com.sdu.didi.psnger", "滴滴出行", {"INTERNET", "ACCESS_FINE_LOCATION", "CALL_PHONE"}),
      App("com.hicorenational.antifraud", "国家反诈中心", {"INTERNET", "READ_PHONE_STATE"}),
  };
  for (const AppQuery& q : apps) {
    const Verdict v = Check(q);
    EXPECT_EQ(v.decision, Decision::kAllow) << q.package << " " << Describe(v);
  }
}

// A genuine app downloaded from its maker's site (source kLink) can look like a dropper;
// its certificate on the allow list settles it.
TEST_F(AppRulesTest, AllowListedCertificateWinsOverHeuristics) {
  const std::string cert(64, 'c');
  Add(ListKind::kAllow, IndicatorType::kAppCert, cert);
  Rebuild();
  AppQuery wechat =
      App("com.tencent.mm", "微信",
          {"SYSTEM_ALERT_WINDOW", "REQUEST_INSTALL_PACKAGES", "RECEIVE_SMS"}, AppSource::kLink);
  EXPECT_NE(Check(wechat).decision, Decision::kAllow);
  wechat.cert_sha256 = cert;
  EXPECT_EQ(Check(wechat).decision, Decision::kAllow);
}

std::filesystem::path AppsDir() { return std::filesystem::path(WUZHA_SHARED_DATA_DIR) / "apps"; }

// The real scam APKs (lighttt037/AppSamples): every file parses; the bar is what was
// measured (docs/intercept.md, Apps): 13 of 21 warn or block with empty lists.
TEST_F(AppRulesTest, RealScamAppsMostlyFlagged) {
  const auto dir = AppsDir() / "scam_app_metadata";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << dir << " missing";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  size_t flagged = 0, blocked = 0, flagged_sideloaded = 0;
  for (const auto& path : files) {
    auto query = ReadAaptBadgingFile(path.string());
    ASSERT_TRUE(query.ok()) << query.error().ToString();
    query->time_ms = kNow;
    const Verdict v = Check(*query);
    flagged += v.decision != Decision::kAllow;
    blocked += v.decision == Decision::kBlock;
    std::printf("%-44s %-14s %s\n", query->package.c_str(), query->label.c_str(),
                Describe(v).c_str());
    query->source = AppSource::kSideload;
    flagged_sideloaded += Check(*query).decision != Decision::kAllow;
  }
  std::printf("flagged %zu of %zu (blocked %zu); as sideloaded APKs: %zu\n", flagged, files.size(),
              blocked, flagged_sideloaded);
  EXPECT_GE(flagged, 13u);
  EXPECT_GE(blocked, 9u);
  EXPECT_GE(flagged_sideloaded, flagged);
}

// ESET's SHA-256 lists are plain hash-per-line files: ImportPlain with type app_file.
TEST_F(AppRulesTest, EsetHashListsImportAsAppFileBlockEntries) {
  const auto dir = AppsDir();
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << dir << " missing";
  std::string first_hash;
  size_t loaded = 0;
  for (const char* family : {"eset_ngate", "eset_pwa_phishing", "eset_spyloan", "eset_telekopye"}) {
    lists::ImportOptions options;
    options.kind = ListKind::kBlock;
    options.type = IndicatorType::kAppFile;
    options.source = std::string("eset:") + family;
    const auto path = dir / family / "samples.sha256";
    auto imported = lists::ImportFile(lists::ListFormat::kPlain, path.string(), options);
    ASSERT_TRUE(imported.ok()) << imported.error().ToString();
    EXPECT_EQ(imported->skipped, 0u) << path;
    EXPECT_GT(imported->loaded, 0u) << path;
    loaded += imported->loaded;
    for (lists::Entry& e : imported->entries) {
      if (first_hash.empty()) first_hash = e.value;
      ASSERT_TRUE(store_.Upsert(std::move(e), "test", 0).ok());
    }
  }
  std::printf("ESET hashes loaded: %zu\n", loaded);
  Rebuild();
  AppQuery q = App("com.example.innocent", "计算器");
  std::transform(first_hash.begin(), first_hash.end(), first_hash.begin(), ::toupper);
  q.file_sha256 = first_hash;  // upper case, as some tools print it
  const Verdict v = Check(q);
  EXPECT_EQ(v.decision, Decision::kBlock) << Describe(v);
  EXPECT_TRUE(HasRule(v, "app.list"));
  EXPECT_NE(v.reasons[0].detail.find("eset:"), std::string::npos) << v.reasons[0].detail;
}

}  // namespace
}  // namespace wuzha::intercept
