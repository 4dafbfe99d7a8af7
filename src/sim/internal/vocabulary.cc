// Filler vocabularies for the SMS templates: names, places, games, shops, goods and the
// invented platform names scripts use. Place names are Wuhan's districts and real city
// names; platform, shop and community names are made up.
#include "sim/internal/text_templates.h"

namespace wuzha::sim::internal {
namespace {

constexpr std::string_view kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",   "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩",   "冯",
    "邓", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "欧阳",
};
constexpr std::string_view kGivenNameChars[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
    "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "慧", "建",
    "国", "文", "辉", "鹏", "宇", "浩", "欣", "怡", "佳", "俊", "晨", "雪", "琳",
    "子", "涵", "梓", "轩", "博", "思", "雨", "婷", "凯", "峰", "斌",
};
constexpr std::string_view kCities[] = {
    "武汉", "北京", "上海", "广州", "深圳", "成都", "杭州", "南京",
    "重庆", "西安", "长沙", "郑州", "天津", "合肥", "南昌", "沈阳",
};
constexpr std::string_view kDistricts[] = {
    "江岸区",   "江汉区", "硚口区", "汉阳区", "武昌区", "青山区", "洪山区",
    "东西湖区", "汉南区", "蔡甸区", "江夏区", "黄陂区", "新洲区",
};
constexpr std::string_view kCommunities[] = {
    "幸福里",     "阳光花园", "金色港湾", "百步亭",   "南湖花园", "保利城",   "绿地国际",
    "东湖春树里", "青年城",   "丽岛花园", "常青花园", "关山",     "水岸星城", "中北路",
};
constexpr std::string_view kGames[] = {
    "王者荣耀", "和平精英",     "原神",     "英雄联盟", "梦幻西游",   "逆水寒",
    "穿越火线", "地下城与勇士", "蛋仔派对", "永劫无间", "天涯明月刀", "崩坏星穹铁道",
};
constexpr std::string_view kGameItems[] = {
    "限定皮肤", "稀有坐骑", "毕业神装", "一万点券", "史诗武器", "传说皮肤", "典藏礼包", "满命角色",
};
constexpr std::string_view kInvestmentPlatforms[] = {
    "鼎盛国际", "恒信财富", "华盈金融", "汇通环球", "博远资本", "金瑞通",
    "瑞银汇",   "同鑫数字", "天汇量化", "中盛优选", "环亚外汇", "永丰基金",
};
constexpr std::string_view kLoanPlatforms[] = {
    "安心借", "易贷通", "闪电花", "速融宝", "信e贷", "随心借", "惠民贷", "快易花",
};
constexpr std::string_view kTaskPlatforms[] = {
    "悦享任务", "趣赚吧", "优选推客", "点点赚", "熊猫赚", "云端兼职",
};
constexpr std::string_view kGameMarkets[] = {
    "交易猫", "盼之", "螃蟹账号", "游戏交易网", "代售宝", "氪金兽",
};
constexpr std::string_view kMeetingApps[] = {
    "云展会议", "ZOOM", "腾讯会议", "飞书会议", "瞩目", "云视讯", "小鱼易连", "安全防护",
};
constexpr std::string_view kShops[] = {
    "优品汇旗舰店", "美家生活馆", "潮流女装店", "果然鲜水果超市", "好邻居便利店",
    "百草堂大药房", "惠民超市",   "宝贝童装馆", "丽人美妆",       "名品折扣店",
};
constexpr std::string_view kGoods[] = {
    "儿童羽绒服", "空气炸锅",   "护肤套装", "蓝牙耳机",   "婴儿奶粉", "运动鞋",
    "电动牙刷",   "床上四件套", "保温杯",   "扫地机器人", "吹风机",   "羊毛衫",
};
constexpr std::string_view kCouriers[] = {
    "中通快递", "圆通速递", "韵达快递", "申通快递", "顺丰速运", "极兔速递", "京东物流", "中国邮政",
};

}  // namespace

std::span<const std::string_view> Surnames() { return kSurnames; }
std::span<const std::string_view> GivenNameChars() { return kGivenNameChars; }
std::span<const std::string_view> Cities() { return kCities; }
std::span<const std::string_view> Districts() { return kDistricts; }
std::span<const std::string_view> Communities() { return kCommunities; }
std::span<const std::string_view> Games() { return kGames; }
std::span<const std::string_view> GameItems() { return kGameItems; }
std::span<const std::string_view> MeetingApps() { return kMeetingApps; }
std::span<const std::string_view> Shops() { return kShops; }
std::span<const std::string_view> Goods() { return kGoods; }
std::span<const std::string_view> Couriers() { return kCouriers; }

std::span<const std::string_view> Platforms(FraudType type) {
  switch (type) {
    case FraudType::kFakeLoan: return kLoanPlatforms;
    case FraudType::kOrderBrushing: return kTaskPlatforms;
    case FraudType::kGameTrade: return kGameMarkets;
    default: return kInvestmentPlatforms;
  }
}

}  // namespace wuzha::sim::internal
