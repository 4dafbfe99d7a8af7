// SmsRules: keyword rules per fraud type, compiled once into a vectorscan literal
// database and scanned over normalized SMS text (text/normalize.h) with per-thread
// scratch. A message that hits keywords of one type at least `min_hits` times (distinct
// keywords) gets that type; ties go to the type with the most hits, then the first in
// the table. The keywords are the phrases the 公安部 typical cases quote for each script
// (docs/intercept.md); legitimate texts share some of them (验证码, 退款), which is why
// one hit is never enough.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace wuzha::intercept {

struct RuleHit {
  std::string fraud_type;  // Chinese name (core/fraud_type.h)
  int hits = 0;            // distinct keywords of that type found
  std::vector<std::string_view> keywords;  // valid for the life of the program
};

// What SmsRules::Match finds, by value and without allocation: the best type's hits
// and the ids of its keywords (SmsRules::keywords() names them).
struct RuleMatch {
  static constexpr int kMaxKeywords = 16;  // hits are counted past it, ids are not kept
  std::string_view fraud_type;  // static storage; empty below min_hits (as RuleHit)
  int hits = 0;                 // distinct keywords of the best type
  int keyword_count = 0;        // ids kept in keyword_ids: min(hits, kMaxKeywords)
  std::array<uint16_t, kMaxKeywords> keyword_ids;  // in match order
};

class SmsRules {
 public:
  ~SmsRules();
  SmsRules(SmsRules&&) noexcept;
  SmsRules& operator=(SmsRules&&) noexcept;

  // The built-in keyword table. kInternal if vectorscan refuses it.
  static Result<SmsRules> Build(int min_hits = 2);

  // The best type's hits in `normalized` text; hits == 0 when nothing matched, and
  // fraud_type empty when the best type has fewer than min_hits distinct keywords.
  RuleHit Scan(std::string_view normalized) const;
  // Same as Scan without allocating: the hot-path form. Costs one hs_scan (the match
  // callback keeps the per-type counts) and a pass over the distinct keywords found.
  RuleMatch Match(std::string_view normalized) const;

  size_t keyword_count() const;
  // Every keyword, in id order (for baselines and docs).
  const std::vector<std::string_view>& keywords() const;

 private:
  SmsRules();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wuzha::intercept
