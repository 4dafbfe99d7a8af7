// Fraud SMS templates, one table per fraud type. Written for this project after the
// scripts 公安部 and carriers publish (tasks that end in advances, "teachers" who lead
// trades, refunds that need a screen share, a "safe account" for a laundering case, fees
// before a loan, a medical cover that will "auto-renew", a courtship that turns into a
// platform, a game account with frozen escrow). Slots are described in text_templates.h.
#include <array>

#include "sim/internal/text_templates.h"

namespace wuzha::sim::internal {
namespace {

// clang-format off
constexpr std::string_view kBrushing[] = {
    "【{shop}】诚招线上兼职，手机操作即可，点赞关注一单{small}，日结不压款，宝妈学生均可，{cta}",
    "您好，我们是{brand}商家推广部，现招聘网络兼职刷单员，每单佣金百分之五到十五，本金加佣金即时返还，{cta}",
    "在家也能赚钱！短视频点赞关注任务，一个赞3元，做满30单额外奖励{small}，当天结算，{cta}",
    "恭喜您通过{shop}兼职初审，请于今日{time}前添加接待员领取首单任务，首单垫付本金即返佣金{small}，{cta}",
    "【任务通知】您的账号已被选为{brand}优质体验官，完成3笔好评任务即可获得返利{amount}，名额有限，{cta}",
    "急招！{city}本地兼职打字员、刷单员，时间自由，日结工资200起，不收任何费用，{cta}",
    "亲，您在{brand}的购物记录已获返利资格，做任务领取返现{amount}，操作简单，{cta}",
    "您好，这边是{shop}人事部，看到您在平台投递了简历，我们有一份手机兼职：给商家店铺点赞、关注、收藏，每单{small}，{cta}",
    "【高薪日结】足不出户月入过万，只需一部手机，帮商家提升销量，垫付后连本带利返还，佣金{percent}，{cta}",
    "尊敬的用户，您已获得{brand}新人任务奖励{small}，完成连单任务可提现{amount}，今日24点前有效，{cta}",
    "姐妹们，我在做的这个兼职真的靠谱，昨天做了几单到手{amount}，带你一起做，{cta}",
    "【云端任务】抢单模式，单单返佣，做完即结，不满意可随时退出，{cta}",
    "您的首单佣金{small}已到账，请联系导师领取第二轮任务，第二轮为三连单，完成后本金佣金一起返还，共计{amount}，{cta}",
    "招聘宝妈、学生、上班族，线上做任务，一单一结，无需押金，新人首单必返，{cta}",
    "您好，您参与的{brand}店铺刷单任务因操作超时被系统冻结，需补单两笔才能提现本金和佣金{amount}，{cta}",
};

constexpr std::string_view kInvestment[] = {
    "【{platform}】{teacher}带单第{days}天，跟单学员收益已达{percent}，今晚8点直播间公布下一支牛股，{cta}",
    "内部消息：某重组标的下周连板概率极大，内幕资料名额仅限30人，免费领取，{cta}",
    "您好，我是{platform}的投资顾问{name}，近期行情波动较大，我们的导师团队每日免费分享精选股票，稳赚不赔，{cta}",
    "恭喜您获得{platform}贵宾体验资格，新人入金{amount}即送体验金{small}，保本保息，年化收益{percent}，{cta}",
    "股民朋友请注意：您持有的股票存在被套风险，{teacher}免费诊股，帮您解套回本，{cta}",
    "【财富内参】降息在即，数字货币迎来翻倍行情，量化套利日收益{percent}，稳赚不亏，{cta}",
    "尊敬的会员，您在{platform}的投资收益{amount}已到账，因涉及大额提现需先缴纳个人所得税及保证金，请在{hours}小时内完成，{cta}",
    "{teacher}今日实盘带单，黄金外汇双向交易，上周学员平均收益{percent}，想加入的朋友{cta}",
    "国家扶持新能源项目，认购原始股权，每股1元，上市后预计翻十倍，仅剩最后{days}个名额，{cta}",
    "您已被邀请进入{platform}价值投资交流群，群内每日分享涨停密码与主力动向，{cta}",
    "内幕消息，今日尾盘有主力资金进场，跟上就是稳赚，错过再等一年，{cta}",
    "理财新选择：{platform}稳健型产品，30天期年化{percent}，1000元起投，随存随取，{cta}",
    "您的{platform}账户因操作异常被冻结，余额{amount}无法提现，需缴纳解冻金后方可出金，{cta}",
    "我是{name}，去年跟着{teacher}做短线，半年翻了三倍，现在{teacher}开了新一期训练营，免费进群学习，{cta}",
    "【{platform}】平台周年庆，入金{amount}以上额外赠送{percent}理财收益，资金由银行托管，安全无忧，{cta}",
};

constexpr std::string_view kCustomerService[] = {
    "【{brand}】您好，您于{date}购买的{goods}因质检不合格已被下架，我方将为您办理双倍退款{amount}，{cta}",
    "您好，我是{brand}客服，您购买的商品在运输过程中丢失，快递单号{order}，我们将为您进行理赔{amount}，{cta}",
    "【{brand}】尊敬的旅客，您预订的{date}{flight}航班因机械故障已取消，请于{hours}小时内办理改签或退票，改签可获延误补偿{small}，{cta}",
    "您好，您在{brand}开通的百万保障服务即将到期，到期后每月将自动扣费{small}，如需关闭，{cta}",
    "【{brand}】您的征信存在逾期记录，将影响房贷车贷及子女入学，工作人员可为您免费修复征信，{cta}",
    "您好，我是{brand}客服，您在学生时期注册过校园贷账号，根据监管要求须在今日注销，否则将影响个人征信，{cta}",
    "亲，您的快递{order}在{courier}转运中心遗失，我司按商品价格三倍赔付{amount}，请添加理赔专员办理，{cta}",
    "【{brand}】您的订单{order}支付异常，系统重复扣款{amount}，为避免资金损失请尽快办理退款，{cta}",
    "尊敬的用户，您的{brand}账户被误开通为商家会员，每月将扣除会员费{small}，关闭请按客服指引操作，{cta}",
    "【航班取消】旅客{name}您好，{flight}次航班因天气原因取消，航空公司补偿{small}待领取，请及时办理，{cta}",
    "您好，我是{brand}售后，您购买的{goods}存在安全隐患，公司决定召回并全额退款，请按我们的指引填写退款账户，{cta}",
    "您好，您的{brand}备用金授权已到期，如不及时处理将每日产生利息并上报征信，{cta}",
    "{brand}温馨提示：您的{goods}因库存不足无法发货，为您办理退款{amount}加补偿金{small}，请勿挂断客服来电，{cta}",
    "您好，这里是{brand}客服中心，系统检测到您的账户存在风险，为保障资金安全需要进行身份核验，{cta}",
    "【{brand}】您的机票{flight}已出票失败，退改签需重新验证银行卡，退款{amount}将在核验后到账，{cta}",
};

constexpr std::string_view kPolice[] = {
    "您好，这里是{city}市公安局刑侦支队，您名下的银行卡涉嫌一起洗钱案件，案件编号{case}，请立即与办案民警{surname}警官联系，{cta}",
    "【{city}市人民检察院】{name}，你涉嫌非法出借银行账户，现已对你签发通缉令，如有异议请于{hours}小时内配合调查，{cta}",
    "您好，我是{city}公安局反诈民警{surname}警官，您的身份信息被他人冒用开户，涉及资金{amount}，需要对您名下资金进行清查，{cta}",
    "{name}，你好，你的医保卡在{city}被违规套现，已移交公安机关处理，请立即与{city}医保局联系说明情况，{cta}",
    "【{city}市中级人民法院】您有一张传票未领取，案号{case}，逾期未到庭将依法缺席审判并冻结名下资产，{cta}",
    "经查，你名下账户近期有大额可疑资金流入，为证明资金清白，须将资金转入国家安全账户进行核查，核查无误后全额返还，{cta}",
    "你好，我们是{city}公安局经侦大队，你的快递包裹中查出十二张他人身份证和银行卡，涉嫌洗钱犯罪，请配合调查，案件保密，不得告知家人，{cta}",
    "【重要通知】{name}同志，根据{case}协查通报，你已被列为洗钱案嫌疑人，名下资产将于今日{time}被冻结，{cta}",
    "你好，这里是{city}市公安局，请下载{app}进入视频会议，配合民警进行资金清查，调查期间请勿挂断电话，{cta}",
    "您的社保卡涉嫌违规使用，已被{city}人社局暂停，具体情况请咨询{city}公安局{surname}警官，{cta}",
    "请注意，你名下手机号码被用于发送诈骗短信，将在{hours}小时内停机，并移交公安机关立案，如非本人操作，{cta}",
    "{name}你好，我是{city}市检察院{surname}检察官，你的案件已进入审查阶段，为配合资金清查需缴纳保证金{amount}至监管账户，{cta}",
    "你的个人信息在一起特大洗钱案中被查获，如需证明清白须签署保密协议并将资金转入安全账户接受清查，{cta}",
    "【通缉令】{name}，身份证号已核实，涉嫌特大洗钱案，请于{date}前到案说明或线上配合调查，{cta}",
};

constexpr std::string_view kLoan[] = {
    "【{brand}】您的信用良好，已获批{amount}贷款额度，低息无抵押，最快当天放款，{cta}",
    "急用钱找我们，无抵押、不看征信、不查负债，黑户白户均可申请，{amount}以内当天到账，{cta}",
    "您好，您申请的{amount}贷款已审批通过，因您填写的银行卡号有误导致资金被冻结，需缴纳解冻费{small}后重新放款，{cta}",
    "尊敬的客户，您的借款{amount}已放款，但账户流水不足，需存入额度的百分之二十作为验资保证金，验资完成后连本带款一起提现，{cta}",
    "【{brand}】年化利率低至3.6%，日息万一，借一万元每天仅需一元，{cta}",
    "您好，我是{brand}的信贷专员{name}，看到您之前有贷款需求，现在最高可申请{amount}，免担保免抵押，{cta}",
    "恭喜您获得{platform}新人专享额度{amount}，首期免息，凭身份证即可申请，{cta}",
    "您的贷款因征信分数不足被系统拦截，缴纳{small}刷流水即可提升信用分，完成后秒到账，{cta}",
    "【放款通知】尊敬的{surname}先生，您的贷款{amount}已打款，请在{hours}小时内登录提现，逾期额度将被收回，{cta}",
    "公积金贷、保单贷、车贷房贷，征信花了也能做，利息低至3厘，{cta}",
    "您好，我们是{brand}授权的助贷机构，内部渠道可帮您办理大额信用卡，额度5万到20万，包下卡，{cta}",
    "您好，您的贷款申请需先缴纳会员费{small}开通绿色通道，开通后优先放款，未放款全额退还，{cta}",
    "提醒：您的借款合同存在银行卡号错误，资金已被冻结，请于今日{time}前联系财务部办理解冻，{cta}",
    "缺钱不用愁，{platform}专业放贷，凭身份证{amount}当天下款，不成功不收费，{cta}",
};

constexpr std::string_view kInsurance[] = {
    "【{brand}】尊敬的用户，您开通的百万医疗保障免费体验期已结束，将于{date}起每月自动扣费{small}，如需取消请联系客服，{cta}",
    "您好，我是{brand}客服，您在{brand}开通了百万保障，下月起每年扣费{amount}，如果不是本人开通，{cta}",
    "【医保通知】您的医保账户将于{date}升级为百万医疗险，升级后每月扣费{small}，如不需要请及时取消，{cta}",
    "尊敬的客户，您的{brand}百万医疗保险即将自动续费{amount}，如需关闭请于今日{time}前处理，逾期将无法退还，{cta}",
    "您好，我们是{brand}保险理赔中心，您名下的百万保障因未及时关闭，已从您的银行卡扣费{amount}，可以为您办理退费，{cta}",
    "【{brand}】检测到您的账户开通了医疗保障服务，该服务为付费项目，每月{small}，不取消将影响个人征信，{cta}",
    "您好，由于系统升级，您的{brand}账户被误开通了百万医疗保障，今晚零点将扣费，请尽快取消，{cta}",
    "医保局提醒：您的医保卡绑定了商业保险自动扣费，年费{amount}，如需解除，{cta}",
    "【{brand}】您的百万保障会员已到期并自动续费，扣款{small}，如有疑问请联系官方客服，{cta}",
    "您好，您在{brand}购买商品附带的运费险已升级为百万医疗险，每月{small}，需要取消的话{cta}",
    "{name}您好，您的{brand}保单{order}即将生效，首年保费{amount}将从绑定账户自动扣除，如需退保，{cta}",
    "【保险到期提醒】您的百万医疗保障即将到期，系统将自动续费，取消续费请添加专属客服办理，{cta}",
    "尊敬的用户，您的医保卡余额可转入个人账户，百万保障项目补贴{small}待领取，{cta}",
};

constexpr std::string_view kRomance[] = {
    "你好呀，不好意思加错人了，不过感觉你的头像好有气质，可以交个朋友吗？{cta}",
    "哥哥，今天下班好累，想找个人说说话，我在{city}做珠宝生意，你是做什么工作的呀？{cta}",
    "早安，今天{city}下雨了，记得带伞哦，昨晚跟你聊天很开心，{cta}",
    "宝贝，我舅舅在{platform}做数据分析，他说这个平台最近有漏洞，晚上九点到十点下注稳赚，我已经赚了{amount}，带你一起，{cta}",
    "你好，我是{name}，离异一个人带孩子，平时喜欢做饭旅游，看你资料很真诚，想认识一下，{cta}",
    "亲爱的，我刚才在{platform}又赚了{amount}，这是我表哥内部的渠道，你先投一点试试，{cta}",
    "我们以后要在一起的话，总得为将来打算吧，你先跟着我在{platform}投一点，本金我帮你看着，{cta}",
    "您好，我是你在婚恋网上看到的那个{name}，平台聊天不方便，{cta}",
    "老公，今天的收益已经截图给你了，{platform}周末有充值返利活动，充{amount}送百分之二十，{cta}",
    "在吗？好久没联系了，最近我在做一个海外项目，收益很稳定，想着也带带你，{cta}",
    "你好，我是{city}的{name}，在一家外资银行做理财顾问，喜欢交朋友，{cta}",
    "哥，你的提现被平台风控了，要先交{percent}的保证金才能解冻，别担心，我帮你出一半，{cta}",
    "想你了，今天工作顺利吗？我这边刚下班，{platform}的老师说明天有大行情，你准备好资金了吗？{cta}",
};

constexpr std::string_view kGame[] = {
    "出{game}满级账号，全皮肤全英雄，原价8000现{amount}急出，走{platform}平台担保，{cta}",
    "【{platform}】您在平台出售的{game}账号已被买家拍下，成交价{amount}，请联系客服办理资金解冻，{cta}",
    "低价出售{game}{item}，比官方便宜一半，支持验号，先到先得，{cta}",
    "您好，您的{game}账号交易因收款账户填写错误，资金{amount}已被冻结，需缴纳保证金{small}解冻，{cta}",
    "免费领取{game}{item}，限时福利，前一百名赠送点券{small}，{cta}",
    "{game}代充，六折充值，秒到账，安全不封号，{cta}",
    "收{game}账号，高价回收，当场结算，{cta}",
    "【交易提醒】买家已付款{amount}，因您的账户未开通商家认证，资金暂时冻结，开通需缴纳保证金，{cta}",
    "你好，我在{platform}看到你出的{game}号，价格可以，我们私下交易吧，平台手续费太高，{cta}",
    "您的{game}账号存在违规登录，将被永久封停，申请解封请联系官方客服，{cta}",
    "出{game}{item}一套，{amount}打包，可走平台也可以面交，{cta}",
    "恭喜您在{game}周年庆活动中抽中{item}，领取需完成实名认证并支付运费{small}，{cta}",
    "【{platform}客服】您的提现因银行卡信息有误被系统冻结，需转入相同金额激活账户，激活后一并退回，{cta}",
};
// clang-format on

}  // namespace

std::span<const std::string_view> FraudTemplates(FraudType type) {
  // In FraudType order.
  static constexpr std::span<const std::string_view> kByType[kFraudTypeCount] = {
      kBrushing, kInvestment, kCustomerService, kPolice, kLoan, kInsurance, kRomance, kGame};
  return kByType[static_cast<size_t>(type)];
}

}  // namespace wuzha::sim::internal
