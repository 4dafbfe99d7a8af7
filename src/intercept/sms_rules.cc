#include "intercept/sms_rules.h"

#include <hs/hs.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>

#include "core/fraud_type.h"

namespace wuzha::intercept {
namespace {

constexpr size_t kMaxKeywords = 256;  // Match's bitmask of keywords seen

struct TypeKeywords {
  FraudType type;
  std::vector<std::string_view> words;
};

// Phrases of each script (normalized: simplified, lower case). Shared words (客服,
// 验证码, 转账) appear under the types whose scripts lean on them.
const std::vector<TypeKeywords>& Table() {
  static const std::vector<TypeKeywords> table = {
      {FraudType::kOrderBrushing,
       {"刷单", "返利", "兼职", "佣金", "日结", "点赞", "做任务", "垫付", "刷信誉", "宝妈",
        "在家", "手机即可", "躺赚", "任务单", "充值返"}},
      {FraudType::kFakeInvestment,
       {"投资", "理财", "收益", "导师", "内幕", "涨停", "荐股", "稳赚", "平台", "入金",
        "数字货币", "虚拟币", "usdt", "带单", "高回报", "保本"}},
      {FraudType::kFakeCustomerService,
       {"客服", "退款", "理赔", "质量问题", "退货", "快递丢失", "退改签", "航班取消", "改签",
        "赔偿", "会员自动续费", "关闭", "百万保障", "注销", "屏幕共享", "备用金"}},
      {FraudType::kFakePolice,
       {"公安局", "警官", "检察院", "法院", "通缉", "洗钱", "涉嫌", "犯罪", "资金清查",
        "安全账户", "冻结", "逮捕", "传唤", "保密", "清查", "涉案"}},
      {FraudType::kFakeLoan,
       {"贷款", "无抵押", "低息", "额度", "征信", "放款", "审批", "解冻费", "保证金", "手续费",
        "秒批", "信用卡", "代办", "提额", "免息", "网贷"}},
      {FraudType::kFakeInsurance,
       {"百万医疗", "医保", "保险", "扣费", "自动续费", "取消", "到期", "保障", "医疗险",
        "每月扣除", "社保卡", "医保卡"}},
      {FraudType::kRomance,
       {"亲爱的", "宝贝", "交友", "婚恋", "一起投资", "带你赚", "平台漏洞", "彩票", "博彩",
        "网站漏洞", "老公", "老婆"}},
      {FraudType::kGameTrade,
       {"游戏", "装备", "账号", "皮肤", "点券", "交易平台", "代练", "解封", "实名认证",
        "未成年", "退费"}},
  };
  return table;
}

}  // namespace

struct SmsRules::Impl {
  hs_database_t* db = nullptr;
  // Unique per database built (an address could be reused after a free).
  uint64_t generation = 0;
  std::vector<uint8_t> type_index;  // keyword id → index into Table() (and `types`)
  std::vector<std::string_view> types;  // FraudTypeName of each Table() row
  std::vector<std::string_view> words;  // into Table()'s static literals
  int min_hits = 2;  // at least 1: no match never names a type
  ~Impl() {
    if (db) hs_free_database(db);
  }
};

SmsRules::SmsRules() : impl_(std::make_unique<Impl>()) {}
SmsRules::~SmsRules() = default;
SmsRules::SmsRules(SmsRules&&) noexcept = default;
SmsRules& SmsRules::operator=(SmsRules&&) noexcept = default;

Result<SmsRules> SmsRules::Build(int min_hits) {
  SmsRules rules;
  Impl& impl = *rules.impl_;
  impl.min_hits = std::max(min_hits, 1);
  static std::atomic<uint64_t> generations{0};
  impl.generation = ++generations;
  std::vector<const char*> literals;
  std::vector<size_t> lengths;
  std::vector<unsigned> flags, ids;
  const auto& table = Table();
  static_assert(kFraudTypeCount <= 8, "Match counts each type in one byte of a uint64");
  for (size_t t = 0; t < table.size(); ++t) {
    impl.types.push_back(FraudTypeName(table[t].type));
    if (table[t].words.size() > 255) return InternalError("more than 255 keywords of a type");
    for (std::string_view w : table[t].words) {
      impl.words.push_back(w);
      impl.type_index.push_back(static_cast<uint8_t>(t));
    }
  }
  for (size_t i = 0; i < impl.words.size(); ++i) {
    literals.push_back(impl.words[i].data());
    lengths.push_back(impl.words[i].size());
    flags.push_back(0);  // every occurrence: Match keeps the first
    ids.push_back(static_cast<unsigned>(i));
  }
  if (impl.words.size() > kMaxKeywords) {
    return InternalError("more than " + std::to_string(kMaxKeywords) + " SMS keywords");
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(literals.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(literals.size()), HS_MODE_BLOCK, nullptr,
                           &impl.db, &error) != HS_SUCCESS) {
    std::string message = error && error->message ? error->message : "unknown error";
    hs_free_compile_error(error);
    return InternalError("vectorscan refused the SMS keywords: " + message);
  }
  return rules;
}

size_t SmsRules::keyword_count() const { return impl_->words.size(); }
const std::vector<std::string_view>& SmsRules::keywords() const { return impl_->words; }

namespace {

// One scratch per thread, grown to fit every database it has served. Plain thread_local
// values, so the hot path reads them without a TLS wrapper call; an owner object with a
// destructor frees the scratch at thread exit, touched only when it is (re)allocated.
thread_local hs_scratch_t* tls_scratch = nullptr;
thread_local uint64_t tls_sized_for = 0;  // growing it is not free: only for a new database
struct ScratchOwner {
  ~ScratchOwner() {
    if (tls_scratch) hs_free_scratch(tls_scratch);
  }
};

// What the match callback fills: the distinct keyword ids in match order, the count of
// distinct keywords per type (a byte each) and the best type so far. The database reports
// every occurrence (HS_FLAG_SINGLEMATCH makes vectorscan's scan of these literals 5-9%
// slower, more than this bitmask costs us), so repeats are dropped here.
struct Found {
  const uint8_t* type_index;
  std::array<uint64_t, kMaxKeywords / 64> seen{};
  uint64_t per_type = 0;
  // count << 8 | (255 - type) of the best type: most distinct keywords, then the first
  // in the table. Counts only grow, so the largest key seen at any match is the best.
  unsigned best_key = 255;  // type 0, no keyword
  int n = 0;
  std::array<uint16_t, kMaxKeywords + 1> ids;  // + 1: a repeat is written past the last
};

// No branch on whether a match is new (as unpredictable as the text), and the best type
// kept as it goes, so that after the scan only the best type's ids remain to be picked
// out: a tally loop over the types after hs_scan made Match ~8% slower than a bare scan
// with a dedup-only callback, this ~6%.
int OnMatch(unsigned id, unsigned long long, unsigned long long, unsigned, void* p) {
  auto* f = static_cast<Found*>(p);
  uint64_t& word = f->seen[id >> 6];
  const uint64_t bit = uint64_t{1} << (id & 63);
  const uint64_t fresh = (word & bit) == 0 ? 1 : 0;
  word |= bit;
  f->ids[static_cast<size_t>(f->n)] = static_cast<uint16_t>(id);
  f->n += static_cast<int>(fresh);
  const unsigned type = f->type_index[id];
  f->per_type += fresh << (8 * type);
  const unsigned key = static_cast<unsigned>(f->per_type >> (8 * type) & 0xFF) << 8 | (255 - type);
  f->best_key = key > f->best_key ? key : f->best_key;
  return 0;
}

}  // namespace

RuleMatch SmsRules::Match(std::string_view text) const {
  RuleMatch best;
  const Impl& impl = *impl_;
  if (tls_sized_for != impl.generation) {
    thread_local ScratchOwner owner;
    (void)owner;
    if (hs_alloc_scratch(impl.db, &tls_scratch) != HS_SUCCESS) return best;
    tls_sized_for = impl.generation;
  }
  Found found;
  found.type_index = impl.type_index.data();
  hs_scan(impl.db, text.data(), static_cast<unsigned>(text.size()), 0, tls_scratch, OnMatch,
          &found);
  const unsigned best_type = 255 - (found.best_key & 0xFF);
  best.hits = static_cast<int>(found.best_key >> 8);
  std::array<uint16_t, kMaxKeywords> kept;
  int k = 0;
  for (int i = 0; i < found.n; ++i) {
    const uint16_t id = found.ids[static_cast<size_t>(i)];
    kept[static_cast<size_t>(k)] = id;
    k += impl.type_index[id] == best_type ? 1 : 0;
  }
  best.keyword_count = k < RuleMatch::kMaxKeywords ? k : RuleMatch::kMaxKeywords;
  std::memcpy(best.keyword_ids.data(), kept.data(), sizeof(best.keyword_ids));
  best.fraud_type = best.hits >= impl.min_hits ? impl.types[best_type] : std::string_view();
  return best;
}

RuleHit SmsRules::Scan(std::string_view text) const {
  const RuleMatch m = Match(text);
  RuleHit hit;
  hit.hits = m.hits;
  hit.fraud_type = std::string(m.fraud_type);
  for (int k = 0; k < m.keyword_count; ++k)
    hit.keywords.push_back(impl_->words[m.keyword_ids[static_cast<size_t>(k)]]);
  return hit;
}

}  // namespace wuzha::intercept
