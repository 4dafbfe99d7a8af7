// Legitimate SMS templates, one table per LegitSmsKind. They borrow fraud vocabulary on
// purpose (转账, 账户, 验证码, 退款, 理赔, 额度, 安全账户, links and 退订回T), because the
// messages real residents get do: a keyword list alone must raise false positives here.
// Slots as in text_templates.h, plus {balance} {mobile} {slink} {domain} {count} {gb}
// {month} {year} {community}.
#include "sim/internal/text_templates.h"

namespace wuzha::sim::internal {
namespace {

// clang-format off
constexpr std::string_view kBankNotice[] = {
    "【{brand}】您尾号{tail}的账户{date}{time}转账支出人民币{amount}，余额{balance}元。",
    "【{brand}】您尾号{tail}的储蓄卡于{date}{time}收到工资{amount}，余额{balance}元。",
    "【{brand}】验证码{code}，您正在进行转账操作，金额{amount}，请勿将验证码告知他人，银行工作人员不会向您索取。",
    "【{brand}】您尾号{tail}的信用卡本期账单{amount}，最后还款日{date}，请按时还款，如已还款请忽略。",
    "【{brand}】您尾号{tail}的账户于{date}{time}消费{amount}（{shop}），如非本人操作请致电{svc}。",
    "【{brand}】温馨提示：近期冒充银行客服办理退款、提额的诈骗高发，本行不会要求您转账到所谓安全账户，请通过{svc}核实。",
    "【{brand}】您的账户将于{date}凌晨进行系统升级，期间手机银行暂停服务，给您带来不便敬请谅解。",
    "【{brand}】您尾号{tail}的账户已成功绑定快捷支付，如非本人操作，请立即致电{svc}冻结账户。",
    "【{brand}】您尾号{tail}的借记卡{date}{time}ATM取款{amount}，余额{balance}元。",
    "【{brand}】您尊享的分期优惠额度{amount}已生效，年化利率低至3.6%，详询{svc}，拒收请回复R。",
    "【{brand}】您尾号{tail}的账户{date}{time}他行转入{amount}，付款方{name}，余额{balance}元。",
    "【{brand}】您尾号{tail}的账户因长期未使用已转为不动户，如需激活请携带身份证到网点办理。",
};

constexpr std::string_view kVerification[] = {
    "【{brand}】验证码：{code}，5分钟内有效。您正在登录，如非本人操作请忽略本短信。",
    "【{brand}】{code}（动态验证码），您正在进行身份验证，请勿泄露给他人。",
    "【{brand}】您的验证码为{code}，用于修改登录密码，工作人员不会向您索要，切勿告知他人。",
    "【{brand}】验证码{code}，您正在绑定新设备，若非本人操作，您的账号可能存在风险，请及时修改密码。",
    "【{brand}】您正在进行转账，验证码{code}，转账金额{amount}，任何人索要验证码都是诈骗。",
    "【{brand}】登录验证码{code}，有效期10分钟，打死也不要告诉别人哦！",
    "【{brand}】验证码{code}，您正在注册成为新用户，感谢您的支持！",
    "【{brand}】您的提现验证码为{code}，请在页面中输入完成验证，如非本人操作请联系{svc}。",
    "【{brand}】校验码{code}，您正在申请退款，退款金额{amount}将原路退回，请勿向任何人透露此码。",
    "【{brand}】{code}是您的验证码，请于5分钟内填写。如非本人操作，请忽略本短信。",
    "【{brand}】您正在开通免密支付，验证码{code}，客服不会以任何理由向您索取验证码。",
};

constexpr std::string_view kDelivery[] = {
    "【菜鸟驿站】您的{courier}包裹已到{station}，请凭取件码{pickup}于{date}前领取。",
    "【丰巢】您的快递已存入{station}丰巢柜，取件码{pickup}，超时将收取保管费。",
    "【顺丰速运】您的快件{order}已由快递员{name}派送，联系电话{mobile}，如有疑问请致电95338。",
    "【{courier}】您的包裹{order}已签收，签收人：门卫。感谢使用，如有问题请联系官方客服。",
    "【中国邮政】您的邮件{order}正在派送中，投递员{name}，电话{mobile}。",
    "【菜鸟驿站】您有{count}个包裹待取，地址{station}，取件码{pickup}。",
    "【京东物流】您的订单{order}已出库，预计{date}送达，查看物流详情 https://3.cn/{slink}",
    "【{courier}】温馨提示：快递丢失或破损请通过官方App申请理赔，官方客服不会要求您提供银行卡密码或验证码。",
    "【兔喜生活】您的快递已到{station}，凭取件码{pickup}取件，营业时间8:00-21:00。",
    "【{courier}】您寄出的快件{order}已被揽收，预计{date}送达。",
    "【{courier}】您的快件{order}因地址不详暂存{station}，请联系快递员{mobile}。",
};

constexpr std::string_view kMarketing[] = {
    "【{brand}】年中狂欢提前购，满300减50，爆款低至5折，戳 https://{domain}/{slink} 退订回T",
    "【{shop}】亲爱的会员，您的{points}积分即将过期，可兑换精美礼品，回T退订。",
    "【{brand}】您有一张{small}无门槛优惠券待领取，今晚24点失效，速领 {domain}/{slink} 拒收请回复R",
    "【{brand}】邀请好友下单，最高返利{small}，多邀多得，详情见App活动页。退订回T",
    "【{brand}】尊敬的客户，您的信用卡可申请临时额度提升至{amount}，登录手机银行办理。回TD退订",
    "【{shop}】新店开业，全场八折，到店消费满200元返现20元，地址{district}。回T退订",
    "【{brand}】您的专属贷款额度最高{amount}，年化利率3.45%起，随借随还，详询{svc}。拒收请回复R",
    "【{brand}】会员日福利：话费充值九五折，流量包买一送一，点击 https://{domain}/{slink} 退订回TD",
    "【{shop}】您预约的{goods}已到货，现在下单立减{small}，地址{district}，回T退订。",
    "【{brand}】理财新客专享，7天年化收益2.8%，理财产品有风险，投资需谨慎。退订回T",
    "【{brand}】亲，您购物车里的{goods}降价了，现价直降{small}，快去看看吧 {domain}/{slink} 退订回T",
};

constexpr std::string_view kFamily[] = {
    "妈，我到学校了，生活费收到了，别担心。",
    "爸，我给你转了{amount}，你收一下，买点好吃的。",
    "晚上回家吃饭吗？我买了排骨。",
    "儿子，你奶奶下周过生日，记得打个电话。",
    "我车停在{district}了，你下班直接过来接我。",
    "房租我已经转给房东了，你那一半{amount}转给我就行。",
    "老婆，我今天加班，晚点回，你们先吃。",
    "妈，这个月工资发了，给你转了点钱，别舍不得花。",
    "快递我帮你取了，放在门卫那里。",
    "明天{time}在{district}地铁站口见，别迟到哦。",
    "姐，小孩的学费交了吗？不够跟我说，我给你转过去。",
    "爸，陌生人打电话说是公安局的让你转账，千万别信，直接挂掉。",
};

constexpr std::string_view kCarrierNotice[] = {
    "【{brand}】尊敬的客户，截至{date}，您本月已使用国内流量{gb}GB，套餐内流量剩余不多，请合理使用。",
    "【{brand}】您的话费余额为{balance}元，为避免停机，请及时充值，充值可登录{domain}或拨打{svc}。",
    "【{brand}】您{month}月账单：套餐及固定费{amount}，如有疑问请拨打{svc}。",
    "【{brand}】您已成功办理5G畅享套餐，次月生效，每月{small}。如非本人办理，请拨打{svc}。",
    "【{brand}】提醒您：近期有不法分子冒充客服，以积分兑换、套餐退费为名发送钓鱼链接，请勿点击，官方客服号码{svc}。",
    "【{brand}】您的{points}积分将于年底清零，可兑换话费或流量，回复JF查询。",
    "【{brand}】您本月流量已使用80%，回复KTLL办理流量包，退订回复TD。",
    "【{brand}】尊敬的客户，您的宽带将于{date}到期，续费请拨打{svc}或到营业厅办理。",
    "【{brand}】您好，您的手机号已开通国际漫游服务，境外资费详情请咨询{svc}。",
    "【{brand}】您已成功缴费{amount}，当前余额{balance}元，感谢您的支持。",
    "【{brand}】您的号码已完成实名制信息核验，感谢配合，如非本人办理请到营业厅处理。",
};

constexpr std::string_view kGovernment[] = {
    "【国家反诈中心】公检法机关不会通过电话办案，不会要求转账到安全账户，凡是要求转账到安全账户的都是诈骗！",
    "【{city}市公安局】刷单就是诈骗，先垫付后返利都是骗局，切勿轻信网络兼职，发现可疑请拨打96110。",
    "【{city}医保】{year}年度城乡居民医保缴费已开始，请于{date}前通过微信或支付宝搜索{city}医保缴纳。",
    "【国家反诈中心】提醒您：凡是自称客服要求开启屏幕共享、取消百万保障扣费的，都是诈骗。",
    "【{community}社区】各位居民，本周六上午在社区广场开展反诈宣传活动，欢迎参加。",
    "【{city}市税务局】个人所得税年度汇算已开始，请通过个人所得税App办理，官方不会发送含有链接的退税短信。",
    "【12381】您接听的来电{mobile}被识别为涉诈电话，请勿相信对方任何转账要求。",
    "【{city}公安】温馨提示：贷款前要交保证金、解冻费的都是诈骗，正规贷款不会先收费。",
    "【国家医保局】医保部门不会以电话通知医保卡违规、冻结为由要求转账，请通过12393核实。",
    "【{district}人民政府】根据天气预报，{date}我区将有强降雨，请市民减少外出，注意安全。",
    "【{city}市公安局】{name}您好，您的居住证已办理完成，请携带身份证到{district}派出所领取。",
    "【国家反诈中心】投资理财稳赚不赔、导师带单是诈骗套路，请下载国家反诈中心App提高防范意识。",
};

constexpr std::string_view kUrlCtas[] = {
    "点击{url}办理",
    "详情：{url}",
    "戳{url}",
    "登录{url}查看",
    "请复制链接到浏览器打开{url}",
    "立即领取{url}",
    "链接：{url}",
    "点此进入{url}",
    "官方通道{url}",
    "速登{url}处理",
    "下载App：{url}",
};
constexpr std::string_view kMobileCtas[] = {
    "请致电{contact}", "回电{contact}", "联系专员{contact}", "速回电话{contact}", "详询{contact}",
};
constexpr std::string_view kLandlineCtas[] = {
    "请拨打{contact}",
    "致电{contact}咨询",
    "热线{contact}",
    "请回电{contact}转人工",
};
constexpr std::string_view kQqCtas[] = {
    "加QQ{contact}",
    "扣扣{contact}",
    "Q：{contact}",
    "添加QQ好友{contact}",
};
constexpr std::string_view kWechatCtas[] = {
    "加V：{contact}", "添加微信{contact}", "vx：{contact}", "加威{contact}", "薇信{contact}",
};
constexpr std::string_view kBothCtas[] = {
    "点击{url}或联系{contact}",
    "详情{url}，专员{contact}",
    "先登录{url}，再联系{contact}办理",
    "下载地址{url}，客服{contact}",
};
constexpr std::string_view kBareCtas[] = {
    "详情请回复1", "请尽快处理", "回复Y了解详情", "逾期不候", "请留意来电",
};
// clang-format on

}  // namespace

std::span<const std::string_view> LegitTemplates(LegitSmsKind kind) {
  switch (kind) {
    case LegitSmsKind::kBankNotice: return kBankNotice;
    case LegitSmsKind::kVerification: return kVerification;
    case LegitSmsKind::kDelivery: return kDelivery;
    case LegitSmsKind::kMarketing: return kMarketing;
    case LegitSmsKind::kFamily: return kFamily;
    case LegitSmsKind::kCarrierNotice: return kCarrierNotice;
    case LegitSmsKind::kGovernment: return kGovernment;
  }
  return kFamily;
}

ContactKind ClassifyContact(std::string_view contact) {
  bool digits = !contact.empty();
  for (char c : contact) digits = digits && c >= '0' && c <= '9';
  if (!digits) return ContactKind::kWechat;
  if (contact.size() == 11 && contact[0] == '1') return ContactKind::kMobile;
  if (contact[0] == '0' || contact.starts_with("400") || contact.starts_with("95") ||
      contact.size() > 11) {
    return ContactKind::kLandline;
  }
  return ContactKind::kQq;
}

std::span<const std::string_view> UrlCtas() { return kUrlCtas; }
std::span<const std::string_view> ContactCtas(ContactKind kind) {
  switch (kind) {
    case ContactKind::kMobile: return kMobileCtas;
    case ContactKind::kLandline: return kLandlineCtas;
    case ContactKind::kQq: return kQqCtas;
    case ContactKind::kWechat: return kWechatCtas;
  }
  return kMobileCtas;
}
std::span<const std::string_view> UrlAndContactCtas() { return kBothCtas; }
std::span<const std::string_view> BareCtas() { return kBareCtas; }

}  // namespace wuzha::sim::internal
