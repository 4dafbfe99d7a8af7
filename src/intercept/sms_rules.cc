#include "intercept/sms_rules.h"

#include <hs/hs.h>

#include <array>
#include <atomic>
#include <cstring>

#include "core/fraud_type.h"

namespace wuzha::intercept {
namespace {

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
  std::vector<size_t> type_of;  // keyword id → index into Table()
  std::vector<std::string_view> words;  // into Table()'s static literals
  int min_hits = 2;
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
  impl.min_hits = min_hits;
  static std::atomic<uint64_t> generations{0};
  impl.generation = ++generations;
  std::vector<const char*> literals;
  std::vector<size_t> lengths;
  std::vector<unsigned> flags, ids;
  const auto& table = Table();
  for (size_t t = 0; t < table.size(); ++t) {
    for (std::string_view w : table[t].words) {
      impl.words.push_back(w);
      impl.type_of.push_back(t);
    }
  }
  for (size_t i = 0; i < impl.words.size(); ++i) {
    literals.push_back(impl.words[i].data());
    lengths.push_back(impl.words[i].size());
    flags.push_back(HS_FLAG_SINGLEMATCH);
    ids.push_back(static_cast<unsigned>(i));
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

RuleHit SmsRules::Scan(std::string_view text) const {
  // One scratch per thread, grown to fit every database it has served.
  thread_local struct Scratch {
    hs_scratch_t* s = nullptr;
    uint64_t sized_for = 0;  // growing it is not free: only for a database not seen yet
    ~Scratch() {
      if (s) hs_free_scratch(s);
    }
  } scratch;
  RuleHit best;
  if (scratch.sized_for != impl_->generation) {
    if (hs_alloc_scratch(impl_->db, &scratch.s) != HS_SUCCESS) return best;
    scratch.sized_for = impl_->generation;
  }
  // No allocation on the scan: a message hits a handful of keywords at most (each
  // reports once: HS_FLAG_SINGLEMATCH); past kMaxFound they still count per type.
  static constexpr int kMaxFound = 64;
  struct Context {
    const Impl* impl;
    std::array<int, kFraudTypeCount> per_type{};
    std::array<unsigned, kMaxFound> found{};
    int n_found = 0;
  } ctx{impl_.get(), {}, {}, 0};
  auto on_match = [](unsigned id, unsigned long long, unsigned long long, unsigned,
                     void* p) -> int {
    auto* c = static_cast<Context*>(p);
    ++c->per_type[c->impl->type_of[id]];
    if (c->n_found < kMaxFound) c->found[static_cast<size_t>(c->n_found++)] = id;
    return 0;
  };
  hs_scan(impl_->db, text.data(), static_cast<unsigned>(text.size()), 0, scratch.s, on_match,
          &ctx);
  size_t best_type = 0;
  for (size_t t = 1; t < Table().size(); ++t)
    if (ctx.per_type[t] > ctx.per_type[best_type]) best_type = t;
  best.hits = ctx.per_type[best_type];
  if (best.hits == 0) return best;
  for (int k = 0; k < ctx.n_found; ++k) {
    const unsigned id = ctx.found[static_cast<size_t>(k)];
    if (impl_->type_of[id] == best_type) best.keywords.push_back(impl_->words[id]);
  }
  if (best.hits >= impl_->min_hits)
    best.fraud_type = std::string(FraudTypeName(Table()[best_type].type));
  return best;
}

}  // namespace wuzha::intercept
