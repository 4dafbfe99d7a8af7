#include "intercept/internal/builtin_brands.h"

#include <algorithm>
#include <array>

namespace wuzha::intercept::internal {
namespace {

using enum BrandClass;

// Official domains as published by each organization on its own site; hotline numbers
// (95588 ...) are names, since fraud sites use them (icbc95588.com).
constexpr BuiltinBrand kBrands[] = {
    // Banks.
    {kBank, "icbc.com.cn icbc.com icbc.cn icbcasia.com",
     "icbc 95588 gongshangyinhang 工商银行 工行"},
    {kBank, "ccb.com ccb.cn", "ccb 95533 jiansheyinhang 建设银行 建行"},
    {kBank, "boc.cn bankofchina.com bochk.com", "boc bankofchina 95566 zhongguoyinhang 中国银行"},
    {kBank, "abchina.com abchina.com.cn", "abchina 95599 nongyeyinhang 农业银行 农行"},
    {kBank, "bankcomm.com bankcomm.cn", "bankcomm 95559 jiaotongyinhang 交通银行"},
    {kBank, "cmbchina.com cmbchina.cn cmbwinglungbank.com",
     "cmbchina 95555 zhaoshangyinhang 招商银行"},
    {kBank, "psbc.com", "psbc 95580 youzhengyinhang 邮储银行 邮政储蓄"},
    {kBank, "citicbank.com citic.com", "citicbank citic 95558 中信银行"},
    {kBank, "spdb.com.cn", "spdb 95528 浦发银行"},
    {kBank, "cib.com.cn", "cib 95561 xingyeyinhang 兴业银行"},
    {kBank, "cmbc.com.cn", "cmbc 95568 minshengyinhang 民生银行"},
    {kBank, "hxb.com.cn", "hxb 95577 华夏银行"},
    {kBank, "cebbank.com", "cebbank 95595 光大银行"},
    {kBank, "cgbchina.com.cn", "cgbchina 95508 广发银行"},
    {kBank, "pingan.com pingan.com.cn pingan.cn", "pingan 95511 平安银行 中国平安"},
    {kBank, "bankofbeijing.com.cn", "bankofbeijing 北京银行"},
    {kBank, "czbank.com", "czbank 浙商银行"},
    {kBank, "pbc.gov.cn pbccrc.org.cn", "pbc! pbccrc renminyinhang 人民银行 征信中心"},
    // Payment.
    {kPayment, "alipay.com alipay.cn alipayobjects.com antgroup.com",
     "alipay zhifubao 95188 支付宝"},
    {kPayment, "qq.com wechat.com tenpay.com wechatpay.com",
     "wechat weixin tenpay wechatpay qq! 95017 微信 财付通"},
    {kPayment, "unionpay.com 95516.com unionpayintl.com",
     "unionpay yinlian 95516 yunshanfu 银联 云闪付"},
    {kPayment, "jd.com jd.hk jdpay.com 360buy.com jdcloud.com", "jd jingdong jdpay 360buy 京东"},
    {kPayment, "meituan.com meituan.net dianping.com", "meituan dianping 10107888 美团"},
    // Government.
    {kGovernment, "gov.cn", "govcn 政府"},
    {kGovernment, "mps.gov.cn", "mps! 110! gongan jingcha gonganju 公安 公安局 公安部"},
    {kGovernment, "12377.cn", "12377 网信办"},
    {kGovernment, "12321.cn", "12321"},
    {kGovernment, "12306.cn", "12306 铁路"},
    {kGovernment, "12315.cn samr.gov.cn", "12315 samr"},
    {kGovernment, "122.gov.cn", "12123 jiaoguan 交管"},
    {kGovernment, "chinatax.gov.cn", "chinatax shuiwu 12366 税务"},
    {kGovernment, "court.gov.cn chinacourt.org", "chinacourt fayuan 法院"},
    {kGovernment, "spp.gov.cn", "jianchayuan 检察院"},
    {kGovernment, "nfra.gov.cn csrc.gov.cn", "nfra csrc 金融监管 证监会"},
    {kGovernment, "nhsa.gov.cn", "nhsa yibao 医保"},
    // Carriers.
    {kCarrier, "10086.cn chinamobile.com chinamobileltd.com", "10086 chinamobile yidong 中国移动"},
    {kCarrier, "10010.com chinaunicom.com chinaunicom.cn chinaunicom.com.cn",
     "10010 chinaunicom liantong 中国联通"},
    {kCarrier, "189.cn chinatelecom.com.cn chinatelecom-h.com",
     "189! 10000! chinatelecom dianxin 中国电信"},
    // Platforms.
    {kPlatform, "taobao.com tmall.com alibaba.com aliyun.com alicdn.com 1688.com",
     "taobao tmall alibaba aliyun 1688 淘宝 天猫"},
    {kPlatform, "douyin.com douyinpic.com bytedance.com", "douyin bytedance 抖音"},
    {kPlatform, "kuaishou.com gifshow.com", "kuaishou 快手"},
    {kPlatform, "pinduoduo.com yangkeduo.com", "pinduoduo yangkeduo pdd! 拼多多"},
    {kPlatform, "ctrip.com trip.com", "ctrip xiecheng 携程"},
    {kPlatform, "baidu.com", "baidu 百度"},
    {kPlatform, "weibo.com weibo.cn", "weibo 微博"},
    {kPlatform, "xiaohongshu.com", "xiaohongshu 小红书"},
    {kPlatform, "sf-express.com", "sfexpress shunfeng 95338 顺丰"},
    {kPlatform, "cainiao.com", "cainiao 菜鸟"},
    {kPlatform, "goofish.com", "goofish xianyu 闲鱼"},
    {kPlatform, "ele.me", "eleme 饿了么"},
    {kPlatform, "qunar.com", "qunar 去哪儿"},
    {kPlatform, "vip.com", "vipshop 唯品会"},
};

// Sorted (checked by the table's builder in debug and by a test).
constexpr std::string_view kLureWords[] = {
    "account", "anquan",   "app",      "apps",    "auth",    "bank",   "bonus",    "buchang",
    "card",    "cash",     "center",   "centre",  "check",   "china",  "cn",       "confirm",
    "credit",  "daikuan",  "dk",       "dongjie", "duihuan", "gift",   "guanwang", "gw",
    "help",    "hk",       "id",       "jiedong", "jifen",   "jubao",  "kefu",     "lingqu",
    "loan",    "login",    "logon",    "m",       "mobile",  "my",     "notice",   "official",
    "online",  "pay",      "payment",  "points",  "refund",  "reset",  "reward",   "safe",
    "secure",  "security", "service",  "signin",  "support", "tax",    "tongzhi",  "tuikuan",
    "unlock",  "update",   "validate", "verify",  "vip",     "wallet", "wap",      "web",
    "www",     "zhongguo",
};

}  // namespace

std::span<const BuiltinBrand> BuiltinBrands() { return kBrands; }

std::span<const std::string_view> LureWords() {
  static_assert(std::is_sorted(std::begin(kLureWords), std::end(kLureWords)));
  return kLureWords;
}

}  // namespace wuzha::intercept::internal
