// Text generation for the simulated city: the SMS bodies, domains and app names that
// residents and gangs send, visit and install. Fraud texts come from many Chinese
// templates per fraud type, filled with amounts, brands, links and contacts, and then
// disguised with the evasions real spammers use (docs/sim.md): pinyin annotations
// (新(xin)华社), full-width characters, zero-width and separator characters inside
// keywords, Latin/Cyrillic/digit homoglyphs, traditional characters, spaced-out URLs
// (w w w . x x . c o m), "点com" and "[.]" for dots. Legitimate texts (bank notices,
// verification codes, deliveries, marketing, family) share vocabulary with fraud ones on
// purpose: a keyword list alone must not separate them.
//
// Pure functions of their inputs and the Rng: same seed, same text. Thread safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/fraud_type.h"
#include "core/money.h"
#include "core/random.h"

namespace wuzha::sim {

// What a brand is, so that a script picks a brand it can plausibly imitate.
enum class BrandKind : uint8_t {
  kBank,        // 工商银行 ...
  kPayment,     // 支付宝, 微信支付, 银联
  kShopping,    // 京东, 淘宝, 拼多多, 美团, 抖音
  kCourier,     // 顺丰速运, 中国邮政
  kFinance,     // 京东金融, 微众银行: consumer credit
  kTravel,      // airlines, 12306, 携程
  kCarrier,     // 中国移动, 中国联通, 中国电信
  kGovernment,  // 医保, 税务, 国家反诈中心
  kInsurance,   // 中国人保, 中国人寿 ...
  kGame,        // game-account trading platforms
};

// A real brand that fraud imitates, with its real domain (for lookalikes and for
// legitimate traffic).
struct Brand {
  std::string_view name;            // "中国工商银行"
  std::string_view short_name;      // "工行"
  std::string_view domain;          // "icbc.com.cn"
  std::string_view service_number;  // "95588"
  std::string_view code;            // "icbc": the ASCII stem lookalike domains are built from
  BrandKind kind = BrandKind::kBank;
};
// Banks, payment apps, e-commerce, airlines, carriers, government (12306, 国家反诈中心 ...).
// At least 25 entries; codes are unique, lowercase [a-z0-9].
const std::vector<Brand>& Brands();
// The brand with `code`, or nullptr.
const Brand* FindBrand(std::string_view code);

// Bit flags of the evasions applied to one text, for ground truth and tests.
enum Evasion : uint32_t {
  kEvasionNone = 0,
  kEvasionPinyin = 1u << 0,       // 新(xin)华社
  kEvasionFullWidth = 1u << 1,    // ＡＢＣ１２３
  kEvasionZeroWidth = 1u << 2,    // U+200B/U+200C/U+200D/U+FEFF inside keywords
  kEvasionSeparator = 1u << 3,    // 退-款, 退*款, 退 款
  kEvasionHomoglyph = 1u << 4,    // Cyrillic а/е/о, 0 for O, 1 for l
  kEvasionTraditional = 1u << 5,  // 账户 → 賬戶, 财务 → 財務, 客服 → 客服 unchanged
  kEvasionSpacedUrl = 1u << 6,    // w w w . x x . c o m
  kEvasionDotWord = 1u << 7,      // x x 点 com, xx[.]cn
};
inline constexpr int kEvasionKindCount = 8;
// "pinyin", "fullwidth", "zerowidth", "separator", "homoglyph", "traditional", "spaced_url",
// "dot_word" for a single kind; "" for anything else.
std::string_view EvasionName(uint32_t kind);

// The words evasions target in a text of `type`: the type's own keywords ("刷单", "安全账户")
// followed by those common to all scripts ("客服", "验证码", "转账"). Simplified characters.
std::span<const std::string_view> EvasionKeywords(FraudType type);

// Applies every evasion in `kinds` (deterministically, not by chance) to `text`, aiming
// at EvasionKeywords(type) and at the URLs in the text; kinds with nothing to act on
// (no keyword, no URL, no Latin letter) leave it unchanged. *applied, when not null,
// gets exactly the kinds that changed the text. Each kind alone is undone by the
// matching step of the interception normalizer (issue: interception).
std::string ApplyEvasions(std::string_view text, FraudType type, uint32_t kinds, Rng& rng,
                          uint32_t* applied = nullptr);

struct FraudSmsInput {
  FraudType type;
  std::string url;      // the lure link, e.g. "http://icbc-refund.top/r/8KQ2"; may be empty
  std::string contact;  // a phone, QQ or WeChat id to reach the "agent"; may be empty
  const Brand* brand = nullptr;  // the imitated brand, when the script uses one
  Money amount;                  // the bait amount (a refund, a loan, a task reward)
};

// A fraud SMS. `evasion_rate` in [0, 1] is the chance each evasion kind is applied (gangs
// differ); *applied, when not null, is set to the kinds that changed the text. With
// evasion_rate 0 the text contains input.url and input.contact verbatim when they are not
// empty. A null brand or a zero amount is replaced by one that fits the script.
std::string FraudSms(const FraudSmsInput& input, double evasion_rate, Rng& rng,
                     uint32_t* applied = nullptr);

enum class LegitSmsKind : uint8_t {
  kBankNotice,     // 【工商银行】您尾号1234的账户...
  kVerification,   // 验证码
  kDelivery,       // 快递, 驿站
  kMarketing,      // 促销, 退订回T
  kFamily,         // 家人朋友
  kCarrierNotice,  // 话费, 流量
  kGovernment,     // 反诈提醒, 社区通知 (these mention fraud words too)
};
inline constexpr int kLegitSmsKindCount = 7;

// "bank_notice", "verification", "delivery", "marketing", "family", "carrier_notice",
// "government".
std::string_view LegitSmsKindName(LegitSmsKind kind);

// A legitimate SMS of `kind`: 【签名】 prefix (except family messages), realistic content,
// and on purpose some of the fraud keywords (转账, 验证码, 退订回T, 安全账户 ...).
std::string LegitSms(LegitSmsKind kind, Rng& rng);

// A phishing domain imitating `brand` (icbc-refund.top, 1cbc-kefu.com, icbc.com.cn.verify-x.top,
// 95588-vip.cc, punycode homographs such as xn--pple-43d.com), registered on the cheap TLDs
// fraud favours. Always a valid lowercase hostname (LDH labels of 1-63, <= 253 in all).
std::string LookalikeDomain(const Brand& brand, Rng& rng);
// A fraud domain without a brand (investment platforms, task sites, loan apps). Valid
// lowercase hostname.
std::string FraudDomain(FraudType type, Rng& rng);
// A lure URL on `domain`: http:// or https://, sometimes a path and a short code.
std::string LureUrl(std::string_view domain, Rng& rng);

struct FraudApp {
  std::string package;      // com.xifeng.vvxbjuips
  std::string name;         // "云展会议", "安心贷", "ZOOM会议"
  std::string file_sha256;  // 64 hex
  std::string cert_sha256;  // 64 hex
};
// A fraud app for the script of `type` (screen-share and meeting apps for fake police and
// customer service, trading apps for investment, loan apps ...).
FraudApp MakeFraudApp(FraudType type, Rng& rng);

}  // namespace wuzha::sim
