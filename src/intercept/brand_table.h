// BrandTable: the protected brands that lookalike domains imitate, compiled for fast
// lookalike checks (rule url.lookalike). Two sources:
//   - a built-in table of Chinese brands fraud impersonates — the big banks, payment
//     apps, government (gov.cn, 12377, 12321, the police, tax), the three carriers and
//     the big platforms — each with its official registrable domains and its ASCII,
//     pinyin, hotline-number and Chinese names;
//   - a ranked list of popular domains (Tranco top-10k, lists::ImportRanked format) and
//     the lists store's kProtected domains, each a brand named by its registrable
//     domain's first label ("google.com" -> "google").
// Every official domain, and every ranked or protected domain, is never a lookalike.
//
// A lookup (Find) takes the host's registrable label and subdomains and asks, in order:
// the same label under another suffix (TLD swap), a confusable skeleton equal to a
// brand's (homoglyph, also for IDN hosts: Cyrillic, Greek, accented Latin), one edit
// away from a brand (typo: substitution, transposition, doubled or dropped letter, via a
// deletion index), the brand plus words ("icbc-refund", "alipaykefu", "95588icbc"), the
// brand's domain or label among the subdomains of an unrelated domain, and an IDN label
// mixing scripts. All of it is precomputed: a check is a few hash probes per label.
//
// Immutable after Create; Find is const and thread safe, and allocates only scratch
// strings of the thread (thread_local).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace wuzha::intercept {

enum class BrandClass : uint8_t { kBank, kPayment, kGovernment, kCarrier, kPlatform, kRanked };
// "bank", "payment", "government", "carrier", "platform", "ranked".
std::string_view BrandClassName(BrandClass brand_class);

enum class Technique : uint8_t {
  kTypo,        // one edit from the brand's label: icbcc, alpiay, paypa
  kHomoglyph,   // same confusable skeleton: g00gle, paypa1, аlipay (Cyrillic а)
  kIdn,         // an IDN label that mixes scripts or spells a brand's Chinese name
  kAddedWords,  // brand plus words, or the brand as a subdomain of an unrelated domain
  kTldSwap,     // the brand's label under another suffix: icbc.cc, alipay.top
};
// "typo", "homoglyph", "idn", "added words", "tld swap".
std::string_view TechniqueName(Technique technique);

// One protected name. A built-in brand has several (icbc, 95588, 工商银行 ...), each an
// entry with the same `domain`.
struct Brand {
  std::string label;   // ASCII label or Chinese name: "icbc", "95588", "工商银行"
  std::string domain;  // the official domain named in reasons: "icbc.com.cn"
  BrandClass brand_class = BrandClass::kRanked;
  uint32_t rank = 0;        // position in the ranked list (1 = first); 0 for built-ins
  bool words_only = false;  // too short or common alone ("110", "mps"): only with words
};

struct Lookalike {
  const Brand* brand = nullptr;  // null only for kIdn of a mixed-script label
  Technique technique = Technique::kTypo;
  std::string seen;  // what resembles the brand: "icbcc", "icbc-refund", "icbc.com.cn"
};

class BrandTable {
 public:
  // The built-in Chinese brands, plus the ranked list at `ranked_path` when not empty
  // (ImportRanked format, first line = rank 1), plus `protected_domains` (canonical
  // domains, e.g. the store's kProtected entries). kNotFound / kIoError when the file
  // cannot be read.
  static Result<std::unique_ptr<BrandTable>> Create(
      const std::string& ranked_path, const std::vector<std::string>& protected_domains = {});
  // Same with the ranked domains given in rank order (tests, benchmarks).
  static std::unique_ptr<BrandTable> FromDomains(
      const std::vector<std::string>& ranked_domains,
      const std::vector<std::string>& protected_domains = {});

  // True when `registrable` (a registrable domain, lower-case ASCII) is an official,
  // ranked or protected domain, or under gov.cn: never a lookalike.
  bool IsProtected(std::string_view registrable) const;

  // The lookalike `host` is, if any. `host`: lower-case ASCII (punycode) without a
  // trailing dot; `registrable`: its registrable domain (PSL); `unicode_host`: the host
  // with xn-- labels decoded (UTF-8; == host when none). nullopt when `registrable` is
  // empty or protected, or nothing resembles a brand.
  std::optional<Lookalike> Find(std::string_view host, std::string_view registrable,
                                std::string_view unicode_host) const;

  // Every brand name, built-ins first, then by rank.
  const std::vector<Brand>& brands() const { return brands_; }
  // The ASCII confusable skeleton of a UTF-8 label (what Find compares): Cyrillic,
  // Greek and accented Latin look-alikes mapped to ASCII, lower case, then 0→o, 1→l,
  // rn→m, vv→w. Characters without a look-alike are kept as they are.
  static std::string Skeleton(std::string_view label);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <typename V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;
  struct Span {
    uint32_t begin = 0, end = 0;  // into postings_
  };

  BrandTable() = default;
  void AddBrand(Brand brand);
  void AddOfficial(std::string_view domain);
  void Compile();

  const Brand* ByLabel(std::string_view label) const;
  const Brand* BySkeleton(std::string_view skeleton) const;
  const Brand* ByTypo(std::string_view label) const;
  std::optional<Lookalike> InRegistrableLabel(std::string_view label,
                                              std::string_view unicode_label) const;
  std::optional<Lookalike> WithWords(std::string_view label) const;
  std::optional<Lookalike> InSubdomains(std::string_view subdomains) const;
  std::optional<Lookalike> InUnicode(std::string_view unicode_host) const;

  std::vector<Brand> brands_;
  Map<uint32_t> official_;     // official, ranked and protected registrable domains
  Map<uint32_t> by_label_;     // ASCII label -> brand
  Map<uint32_t> by_skeleton_;  // skeleton of a label -> brand
  Map<Span> deletions_;        // label and its one-deletion variants -> typo brands
  std::vector<uint32_t> postings_;
  std::vector<uint32_t> chinese_names_;  // brands whose label is non-ASCII
};

}  // namespace wuzha::intercept
