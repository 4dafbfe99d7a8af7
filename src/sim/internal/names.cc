#include "sim/internal/names.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace wuzha::sim::internal {
namespace {

struct Surname {
  std::string_view text;
  uint32_t weight;  // per 10,000 people
};

// The most common surnames with their approximate shares (公安部户籍管理研究中心, 2020
// ranking; the tail weights are interpolated) and four compound surnames.
constexpr Surname kSurnames[] = {
    {"王", 712}, {"李", 700}, {"张", 674}, {"刘", 510}, {"陈", 461}, {"杨", 322}, {"黄", 245},
    {"赵", 219}, {"吴", 200}, {"周", 195}, {"徐", 145}, {"孙", 138}, {"马", 129}, {"朱", 128},
    {"胡", 116}, {"郭", 113}, {"何", 106}, {"林", 102}, {"罗", 100}, {"高", 100}, {"郑", 88},
    {"梁", 87},  {"谢", 81},  {"宋", 76},  {"唐", 75},  {"许", 71},  {"韩", 67},  {"邓", 66},
    {"冯", 65},  {"曹", 62},  {"彭", 60},  {"曾", 59},  {"肖", 57},  {"田", 55},  {"董", 53},
    {"潘", 52},  {"袁", 50},  {"蔡", 49},  {"蒋", 49},  {"余", 48},  {"于", 47},  {"杜", 46},
    {"叶", 45},  {"程", 44},  {"魏", 43},  {"苏", 42},  {"吕", 41},  {"丁", 40},  {"任", 39},
    {"卢", 38},  {"姚", 37},  {"沈", 36},  {"钟", 35},  {"姜", 34},  {"崔", 33},  {"谭", 32},
    {"陆", 31},  {"范", 30},  {"汪", 30},  {"廖", 29},  {"石", 28},  {"金", 27},  {"韦", 27},
    {"贾", 26},  {"夏", 25},  {"付", 25},  {"方", 24},  {"邹", 23},  {"熊", 23},  {"白", 22},
    {"孟", 21},  {"秦", 21},  {"邱", 20},  {"侯", 20},  {"江", 19},  {"尹", 19},  {"薛", 18},
    {"闫", 18},  {"段", 17},  {"雷", 17},  {"龙", 16},  {"黎", 16},  {"史", 15},  {"陶", 15},
    {"贺", 15},  {"毛", 14},  {"郝", 14},  {"顾", 13},  {"龚", 13},  {"邵", 13},  {"万", 12},
    {"覃", 12},  {"武", 12},  {"钱", 11},  {"戴", 11},  {"严", 11},  {"欧", 10},  {"莫", 10},
    {"孔", 10},  {"向", 10},  {"常", 9},   {"汤", 9},   {"康", 9},   {"易", 9},   {"乔", 8},
    {"赖", 8},   {"文", 8},   {"欧阳", 3}, {"司马", 1}, {"诸葛", 1}, {"上官", 1},
};

// Given-name characters (each 3 bytes of UTF-8), by sex and generation.
constexpr std::string_view kMaleOld =
    "伟强磊军勇杰涛斌超明刚平辉华飞波建国志文兵峰林武春海德庆红生新忠祥福宝贵荣";
constexpr std::string_view kMaleYoung =
    "浩宇轩子涵睿博晨鑫俊凯鹏帅旭宁泽铭航诚毅一然皓嘉煜梓哲昊天逸杰宸阳奕辰瑞";
constexpr std::string_view kFemaleOld =
    "芳娜敏静丽艳娟霞秀英玲桂兰萍红燕琳琴云莉凤珍梅华玉翠淑香秋月春霞菊蓉慧";
constexpr std::string_view kFemaleYoung =
    "婷雪颖倩洁佳欣怡梦雨萱涵诗悦思可馨彤晓楠瑶璐梓琪雯汐若冉蕊紫诺一然欢";

constexpr size_t kUtf8CjkBytes = 3;

const std::array<uint32_t, std::size(kSurnames)>& SurnameCumulative() {
  static const auto table = [] {
    std::array<uint32_t, std::size(kSurnames)> t{};
    uint32_t sum = 0;
    for (size_t i = 0; i < t.size(); ++i) t[i] = sum += kSurnames[i].weight;
    return t;
  }();
  return table;
}

std::string_view PickSurname(Rng& rng) {
  const auto& cum = SurnameCumulative();
  const uint32_t r = static_cast<uint32_t>(rng.Uniform(cum.back()));
  size_t lo = 0, hi = cum.size() - 1;
  while (lo < hi) {  // first index with cum > r
    size_t mid = (lo + hi) / 2;
    if (cum[mid] > r)
      hi = mid;
    else
      lo = mid + 1;
  }
  return kSurnames[lo].text;
}

void AppendChar(Rng& rng, std::string_view chars, std::string& out) {
  const size_t n = chars.size() / kUtf8CjkBytes;
  out.append(chars.substr(rng.Uniform(n) * kUtf8CjkBytes, kUtf8CjkBytes));
}

}  // namespace

void AppendChineseName(Rng& rng, Sex sex, int age, std::string& out) {
  out.append(PickSurname(rng));
  // People born before about 1980 (45+ in 2024) mostly carry the older fashion.
  const bool old = age >= 45 ? !rng.Chance(0.15) : rng.Chance(0.1);
  const std::string_view chars =
      sex == Sex::kMale ? (old ? kMaleOld : kMaleYoung) : (old ? kFemaleOld : kFemaleYoung);
  // Single-character given names: common among the old, rarer among the young (assumed).
  const bool single = rng.Chance(old ? 0.35 : 0.15);
  AppendChar(rng, chars, out);
  if (!single) AppendChar(rng, chars, out);
}

}  // namespace wuzha::sim::internal
