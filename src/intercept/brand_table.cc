#include "intercept/brand_table.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/utf8.h"
#include "intercept/internal/builtin_brands.h"
#include "lists/indicator.h"
#include "lists/io.h"

namespace wuzha::intercept {
namespace {

// Look-alikes of ASCII letters that IDNA lets through (it already folds case and
// full-width forms): Cyrillic, Greek, IPA / small capitals and accented Latin. A subset
// of Unicode's confusables.txt restricted to targets that are ASCII letters, sorted by
// code point. ICU's uspoof skeleton was considered: it maps to mixed-case and
// multi-character targets (m -> rn) and needs libicui18n; this table is a binary search
// and covers what the lookalike generators and the real IDN phishing lists use.
constexpr std::pair<char32_t, char> kConfusables[] = {
    {0x00E0, 'a'}, {0x00E1, 'a'}, {0x00E2, 'a'}, {0x00E3, 'a'}, {0x00E4, 'a'}, {0x00E5, 'a'},
    {0x00E7, 'c'}, {0x00E8, 'e'}, {0x00E9, 'e'}, {0x00EA, 'e'}, {0x00EB, 'e'}, {0x00EC, 'i'},
    {0x00ED, 'i'}, {0x00EE, 'i'}, {0x00EF, 'i'}, {0x00F1, 'n'}, {0x00F2, 'o'}, {0x00F3, 'o'},
    {0x00F4, 'o'}, {0x00F5, 'o'}, {0x00F6, 'o'}, {0x00F8, 'o'}, {0x00F9, 'u'}, {0x00FA, 'u'},
    {0x00FB, 'u'}, {0x00FC, 'u'}, {0x00FD, 'y'}, {0x00FF, 'y'}, {0x0101, 'a'}, {0x0103, 'a'},
    {0x0105, 'a'}, {0x0107, 'c'}, {0x010D, 'c'}, {0x010F, 'd'}, {0x0113, 'e'}, {0x0117, 'e'},
    {0x0119, 'e'}, {0x011B, 'e'}, {0x011F, 'g'}, {0x012B, 'i'}, {0x012F, 'i'}, {0x0131, 'i'},
    {0x0137, 'k'}, {0x013C, 'l'}, {0x0142, 'l'}, {0x0144, 'n'}, {0x0148, 'n'}, {0x014D, 'o'},
    {0x0151, 'o'}, {0x0155, 'r'}, {0x0159, 'r'}, {0x015B, 's'}, {0x015F, 's'}, {0x0161, 's'},
    {0x0163, 't'}, {0x0165, 't'}, {0x016B, 'u'}, {0x016F, 'u'}, {0x0171, 'u'}, {0x0173, 'u'},
    {0x0175, 'w'}, {0x0177, 'y'}, {0x017A, 'z'}, {0x017C, 'z'}, {0x017E, 'z'}, {0x017F, 'f'},
    {0x0251, 'a'}, {0x0261, 'g'}, {0x0269, 'i'}, {0x026A, 'i'}, {0x03AC, 'a'}, {0x03AD, 'e'},
    {0x03AF, 'i'}, {0x03B1, 'a'}, {0x03B2, 'b'}, {0x03B3, 'y'}, {0x03B5, 'e'}, {0x03B7, 'n'},
    {0x03B9, 'i'}, {0x03BA, 'k'}, {0x03BD, 'v'}, {0x03BF, 'o'}, {0x03C1, 'p'}, {0x03C4, 't'},
    {0x03C5, 'u'}, {0x03C7, 'x'}, {0x03C9, 'w'}, {0x03CC, 'o'}, {0x0405, 's'}, {0x0406, 'i'},
    {0x0408, 'j'}, {0x0410, 'a'}, {0x0412, 'b'}, {0x0415, 'e'}, {0x041A, 'k'}, {0x041C, 'm'},
    {0x041D, 'h'}, {0x041E, 'o'}, {0x0420, 'p'}, {0x0421, 'c'}, {0x0422, 't'}, {0x0425, 'x'},
    {0x0430, 'a'}, {0x0432, 'b'}, {0x0433, 'r'}, {0x0435, 'e'}, {0x043A, 'k'}, {0x043C, 'm'},
    {0x043D, 'h'}, {0x043E, 'o'}, {0x043F, 'n'}, {0x0440, 'p'}, {0x0441, 'c'}, {0x0442, 't'},
    {0x0443, 'y'}, {0x0445, 'x'}, {0x044C, 'b'}, {0x0451, 'e'}, {0x0455, 's'}, {0x0456, 'i'},
    {0x0457, 'i'}, {0x0458, 'j'}, {0x04BB, 'h'}, {0x04CF, 'l'}, {0x0501, 'd'}, {0x051B, 'q'},
    {0x051D, 'w'}, {0x1D04, 'c'}, {0x1D0F, 'o'}, {0x1D1C, 'u'}, {0x1D20, 'v'}, {0x1D21, 'w'},
    {0x1D22, 'z'},
};

enum Script : uint8_t { kLatin = 1, kGreek = 2, kCyrillic = 4 };

uint8_t ScriptOf(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return kLatin;
  if ((cp >= 0x00C0 && cp <= 0x024F) || (cp >= 0x1E00 && cp <= 0x1EFF)) return kLatin;
  if ((cp >= 0x0370 && cp <= 0x03FF) || (cp >= 0x1F00 && cp <= 0x1FFF)) return kGreek;
  if (cp >= 0x0400 && cp <= 0x052F) return kCyrillic;
  return 0;
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsLure(std::string_view word) {
  const auto words = internal::LureWords();
  return std::binary_search(words.begin(), words.end(), word);
}

// True when `rest` is a run of lure words and digit runs ("kefu", "95588", "vipkefu").
bool IsLureSequence(std::string_view rest) {
  if (rest.empty() || rest.size() > 63) return false;
  std::array<bool, 64> reach{};
  reach[0] = true;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (!reach[i]) continue;
    size_t j = i;
    while (j < rest.size() && rest[j] >= '0' && rest[j] <= '9') ++j;
    if (j > i) reach[j] = true;
    for (size_t len = 1; i + len <= rest.size() && len <= 12; ++len) {
      if (IsLure(rest.substr(i, len))) reach[i + len] = true;
    }
  }
  return reach[rest.size()];
}

// Restricted Damerau-Levenshtein distance <= 1: one substitution, insertion, deletion or
// adjacent transposition.
bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;
  if (a.size() == b.size()) {
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // substitution
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);  // transposition
  }
  return a.substr(i) == b.substr(i + 1);  // b has one more letter
}

bool Ranked(const Brand& b) { return b.brand_class == BrandClass::kRanked; }

// Ranked brands past this rank are protected (never flagged themselves) and matched by
// homoglyph, words and subdomains, but not by typo or TLD swap: among the long tail,
// one-letter neighbours and other suffixes are mostly honest (stake/state, meizu/meitu,
// or the same company's ebay.fr), measured on Tranco ranks 5001-10000.
constexpr uint32_t kRankedEditTop = 2000;

bool Popular(const Brand& b) { return !Ranked(b) || b.rank <= kRankedEditTop; }

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Which techniques may name a brand. Short labels collide with honest domains, so they
// need stronger evidence; ranked brands (thousands of common words) more than built-ins.
bool TypoOk(const Brand& b) {
  if (b.words_only || HasDigit(b.label) || !Popular(b)) return false;
  // Four-letter acronyms are dense (nfra/nfpa): only the banks' (icbc, cmbc, psbc, spdb).
  if (Ranked(b)) return b.label.size() >= 6;
  return b.label.size() >= 5 || (b.label.size() == 4 && b.brand_class == BrandClass::kBank);
}
bool TldSwapOk(const Brand& b) {
  return !b.words_only && b.label.size() >= (Ranked(b) ? 4u : 2u) && Popular(b);
}
bool SkeletonOk(const Brand& b) { return !b.words_only && b.label.size() >= (Ranked(b) ? 4u : 2u); }
// The brand as one hyphenated token; `lure` when another token is a lure word or digits.
bool TokenOk(const Brand& b, bool lure) {
  if (Ranked(b)) return b.label.size() >= 4 && lure && !IsLure(b.label);
  return !b.words_only || lure;
}
bool SubLabelOk(const Brand& b) {
  if (b.words_only) return false;
  if (Ranked(b)) return b.label.size() >= 6;
  return b.label.size() >= (AllDigits(b.label) ? 5u : 4u);
}
// A brand glued to other letters: "icbcrefund", "alipayvip", "95588icbc".
bool ConcatOk(const Brand& b, std::string_view rest) {
  if (rest.empty() || b.label.size() < 2) return false;
  if (Ranked(b)) {
    // Digits and short words glued to popular names are common and honest (sport24,
    // edgekey88, mynet): a ranked brand needs a lure word of three letters or more.
    return b.label.size() >= 4 && !IsLure(b.label) && rest.size() >= 3 && !AllDigits(rest) &&
           IsLureSequence(rest);
  }
  if (IsLureSequence(rest)) return true;
  return !b.words_only && b.label.size() >= 5;
}

Lookalike Make(const Brand* brand, Technique technique, std::string_view seen) {
  return Lookalike{brand, technique, std::string(seen)};
}

// The label `index_from_right` (0 = last) of a dotted name.
std::string_view LabelFromRight(std::string_view name, size_t index_from_right) {
  size_t end = name.size();
  for (size_t k = 0;; ++k) {
    const size_t dot = name.rfind('.', end == 0 ? 0 : end - 1);
    const size_t begin = (dot == std::string_view::npos || end == 0) ? 0 : dot + 1;
    if (k == index_from_right) return name.substr(begin, end - begin);
    if (begin == 0) return {};
    end = begin - 1;
  }
}

}  // namespace

std::string_view BrandClassName(BrandClass brand_class) {
  switch (brand_class) {
    case BrandClass::kBank: return "bank";
    case BrandClass::kPayment: return "payment";
    case BrandClass::kGovernment: return "government";
    case BrandClass::kCarrier: return "carrier";
    case BrandClass::kPlatform: return "platform";
    case BrandClass::kRanked: return "ranked";
  }
  return "ranked";
}

std::string_view TechniqueName(Technique technique) {
  switch (technique) {
    case Technique::kTypo: return "typo";
    case Technique::kHomoglyph: return "homoglyph";
    case Technique::kIdn: return "idn";
    case Technique::kAddedWords: return "added words";
    case Technique::kTldSwap: return "tld swap";
  }
  return "typo";
}

std::string BrandTable::Skeleton(std::string_view label) {
  std::string mapped;
  mapped.reserve(label.size());
  for (size_t i = 0; i < label.size();) {
    const size_t start = i;
    const char32_t cp = DecodeUtf8(label, i);
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      mapped += c;
      continue;
    }
    const auto* it =
        std::lower_bound(std::begin(kConfusables), std::end(kConfusables), cp,
                         [](const auto& entry, char32_t v) { return entry.first < v; });
    if (it != std::end(kConfusables) && it->first == cp) {
      mapped += it->second;
    } else {
      mapped.append(label.substr(start, i - start));
    }
  }
  std::string out;
  out.reserve(mapped.size());
  for (size_t i = 0; i < mapped.size(); ++i) {
    const char c = mapped[i];
    const char next = i + 1 < mapped.size() ? mapped[i + 1] : '\0';
    if (c == 'r' && next == 'n') {
      out += 'm';
      ++i;
    } else if (c == 'v' && next == 'v') {
      out += 'w';
      ++i;
    } else if (c == '0') {
      out += 'o';
    } else if (c == '1') {
      out += 'l';
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::unique_ptr<BrandTable>> BrandTable::Create(
    const std::string& ranked_path, const std::vector<std::string>& protected_domains) {
  std::vector<std::string> ranked;
  if (!ranked_path.empty()) {
    lists::ImportOptions options;
    options.kind = lists::ListKind::kProtected;
    options.source = "ranked";
    auto imported = lists::ImportFile(lists::ListFormat::kRanked, ranked_path, options);
    if (!imported.ok()) return imported.error();
    ranked.reserve(imported->entries.size());
    for (lists::Entry& e : imported->entries) ranked.push_back(std::move(e.value));
  }
  return FromDomains(ranked, protected_domains);
}

std::unique_ptr<BrandTable> BrandTable::FromDomains(
    const std::vector<std::string>& ranked_domains,
    const std::vector<std::string>& protected_domains) {
  std::unique_ptr<BrandTable> table(new BrandTable());
  for (const internal::BuiltinBrand& row : internal::BuiltinBrands()) {
    std::string_view domains = row.domains;
    const std::string shown(domains.substr(0, domains.find(' ')));
    std::string_view names = row.names;
    while (!names.empty()) {
      const size_t space = names.find(' ');
      std::string_view name = names.substr(0, space);
      names = space == std::string_view::npos ? std::string_view() : names.substr(space + 1);
      Brand brand{std::string(name), shown, row.brand_class, 0, false};
      if (name.ends_with('!')) {
        brand.label.pop_back();
        brand.words_only = true;
      }
      table->AddBrand(std::move(brand));
    }
    const uint32_t first = static_cast<uint32_t>(table->brands_.size() - 1);
    while (!domains.empty()) {
      const size_t space = domains.find(' ');
      table->official_.emplace(std::string(domains.substr(0, space)), first);
      domains = space == std::string_view::npos ? std::string_view() : domains.substr(space + 1);
    }
  }
  uint32_t rank = 0;
  auto add_ranked = [&](const std::string& domain, bool ranked) {
    const std::string registrable = lists::RegistrableDomain(domain).value_or(domain);
    const std::string label = registrable.substr(0, registrable.find('.'));
    ++rank;
    if (!table->official_.contains(registrable)) {
      table->AddBrand(Brand{label, registrable, BrandClass::kRanked, ranked ? rank : 0, false});
      table->official_.emplace(registrable, static_cast<uint32_t>(table->brands_.size() - 1));
    }
    table->official_.emplace(domain, table->official_.find(registrable)->second);
  };
  for (const std::string& d : ranked_domains) add_ranked(d, true);
  for (const std::string& d : protected_domains) add_ranked(d, false);
  table->Compile();
  return table;
}

void BrandTable::AddBrand(Brand brand) {
  const uint32_t index = static_cast<uint32_t>(brands_.size());
  if (!IsAscii(brand.label)) {
    chinese_names_.push_back(index);
  } else if (!brand.label.empty()) {
    by_label_.emplace(brand.label, index);  // the first (built-in, then best rank) wins
    if (brand.label.find('-') != std::string::npos) {
      // "t-mobile" also as "tmobile": glued forms are matched without hyphens.
      std::string joined = brand.label;
      std::erase(joined, '-');
      by_label_.emplace(std::move(joined), index);
    }
  }
  brands_.push_back(std::move(brand));
}

void BrandTable::Compile() {
  std::vector<std::pair<std::string, uint32_t>> keys;
  for (uint32_t i = 0; i < brands_.size(); ++i) {
    const Brand& b = brands_[i];
    if (!IsAscii(b.label) || by_label_.find(b.label)->second != i) continue;
    if (SkeletonOk(b)) by_skeleton_.emplace(Skeleton(b.label), i);
    if (!TypoOk(b)) continue;
    keys.emplace_back(b.label, i);
    for (size_t k = 0; k < b.label.size(); ++k) {
      std::string variant = b.label;
      variant.erase(k, 1);
      keys.emplace_back(std::move(variant), i);
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  postings_.reserve(keys.size());
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    Span span{static_cast<uint32_t>(postings_.size()), 0};
    while (j < keys.size() && keys[j].first == keys[i].first) postings_.push_back(keys[j++].second);
    span.end = static_cast<uint32_t>(postings_.size());
    deletions_.emplace(std::move(keys[i].first), span);
    i = j;
  }
}

bool BrandTable::IsProtected(std::string_view registrable) const {
  if (registrable == "gov.cn" || registrable.ends_with(".gov.cn")) return true;
  return official_.find(registrable) != official_.end();
}

const Brand* BrandTable::ByLabel(std::string_view label) const {
  const auto it = by_label_.find(label);
  return it == by_label_.end() ? nullptr : &brands_[it->second];
}

const Brand* BrandTable::BySkeleton(std::string_view skeleton) const {
  const auto it = by_skeleton_.find(skeleton);
  return it == by_skeleton_.end() ? nullptr : &brands_[it->second];
}

const Brand* BrandTable::ByTypo(std::string_view label) const {
  if (label.size() < 3 || label.size() > 63 || label.starts_with("xn--")) return nullptr;
  if (ByLabel(label) != nullptr) return nullptr;  // a brand of its own
  uint32_t best = UINT32_MAX;
  auto probe = [&](std::string_view key) {
    const auto it = deletions_.find(key);
    if (it == deletions_.end()) return;
    for (uint32_t p = it->second.begin; p < it->second.end; ++p) {
      const uint32_t index = postings_[p];
      if (index < best && WithinOneEdit(label, brands_[index].label)) best = index;
    }
  };
  probe(label);
  thread_local std::string variant;
  for (size_t k = 0; k < label.size(); ++k) {
    if (k > 0 && label[k] == label[k - 1]) continue;  // same variant as k - 1
    variant.assign(label.substr(0, k));
    variant.append(label.substr(k + 1));
    probe(variant);
  }
  return best == UINT32_MAX ? nullptr : &brands_[best];
}

std::optional<Lookalike> BrandTable::Find(std::string_view host, std::string_view registrable,
                                          std::string_view unicode_host) const {
  if (registrable.empty() || IsProtected(registrable)) return std::nullopt;
  const size_t dots = static_cast<size_t>(std::count(registrable.begin(), registrable.end(), '.'));
  const std::string_view label = registrable.substr(0, registrable.find('.'));
  std::string_view unicode_label = LabelFromRight(unicode_host, dots);
  if (unicode_label.empty()) unicode_label = label;
  if (const Brand* b = ByLabel(label); b != nullptr && TldSwapOk(*b)) {
    return Make(b, Technique::kTldSwap, registrable);
  }
  if (auto found = InRegistrableLabel(label, unicode_label)) return found;
  if (host.size() > registrable.size() + 1) {
    if (auto found = InSubdomains(host.substr(0, host.size() - registrable.size() - 1)))
      return found;
  }
  return InUnicode(unicode_host);
}

std::optional<Lookalike> BrandTable::InRegistrableLabel(std::string_view label,
                                                        std::string_view unicode_label) const {
  thread_local std::string skeleton;
  skeleton = Skeleton(unicode_label);
  if (const Brand* b = BySkeleton(skeleton); b != nullptr && b->label != label) {
    return Make(b, Technique::kHomoglyph, unicode_label);
  }
  if (const Brand* b = ByTypo(label)) return Make(b, Technique::kTypo, label);
  if (auto found = WithWords(label)) return found;
  if (skeleton != label && IsAscii(skeleton)) {
    if (auto found = WithWords(skeleton)) {
      found->technique = Technique::kHomoglyph;
      found->seen = std::string(unicode_label);
      return found;
    }
  }
  return std::nullopt;
}

std::optional<Lookalike> BrandTable::WithWords(std::string_view label) const {
  // Hyphenated tokens: icbc-refund, secure-alipay-login, 10086-kefu.
  if (label.find('-') != std::string_view::npos && !label.starts_with("xn--")) {
    int lure_tokens = 0;
    for (size_t pos = 0; pos <= label.size();) {
      const size_t dash = std::min(label.find('-', pos), label.size());
      const std::string_view token = label.substr(pos, dash - pos);
      if (IsLure(token) || AllDigits(token)) ++lure_tokens;
      pos = dash + 1;
    }
    for (size_t pos = 0; pos <= label.size();) {
      const size_t dash = std::min(label.find('-', pos), label.size());
      const std::string_view token = label.substr(pos, dash - pos);
      pos = dash + 1;
      const Brand* b = ByLabel(token);
      // Another token is a lure (the brand's own token does not count).
      const bool lure = lure_tokens > ((IsLure(token) || AllDigits(token)) ? 1 : 0);
      if (b != nullptr && TokenOk(*b, lure)) {
        return Make(b, Technique::kAddedWords, label);
      }
      if (token.size() >= 5) {
        // A misspelt brand among words: built-in brands only (telecom ~ telekom).
        const Brand* t = ByTypo(token);
        if (t != nullptr && !Ranked(*t)) return Make(t, Technique::kTypo, label);
      }
    }
  }
  // Glued: the brand as a prefix or a suffix of the label without hyphens.
  thread_local std::string joined;
  joined.clear();
  for (char c : label) {
    if (c != '-') joined += c;
  }
  const std::string_view d = joined;
  for (size_t len = 2; len < d.size(); ++len) {
    if (const Brand* b = ByLabel(d.substr(0, len)); b != nullptr && ConcatOk(*b, d.substr(len))) {
      return Make(b, Technique::kAddedWords, label);
    }
    const size_t cut = d.size() - len;
    if (const Brand* b = ByLabel(d.substr(cut)); b != nullptr && ConcatOk(*b, d.substr(0, cut))) {
      return Make(b, Technique::kAddedWords, label);
    }
  }
  return std::nullopt;
}

std::optional<Lookalike> BrandTable::InSubdomains(std::string_view subdomains) const {
  // The labels left of the registrable domain: "www.icbc.com.cn" of
  // www.icbc.com.cn.verify-id.top. Any run of two or more labels that is an official
  // domain, or one label that is a distinctive brand (or brand plus words).
  std::array<size_t, 32> starts{};
  size_t n = 0;
  starts[n++] = 0;
  for (size_t i = 0; i < subdomains.size() && n < starts.size(); ++i) {
    if (subdomains[i] == '.') starts[n++] = i + 1;
  }
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = a + 1; b <= n; ++b) {
      const size_t end = b == n ? subdomains.size() : starts[b] - 1;
      const std::string_view run = subdomains.substr(starts[a], end - starts[a]);
      if (b - a >= 2) {
        if (const auto it = official_.find(run); it != official_.end()) {
          return Make(&brands_[it->second], Technique::kAddedWords, run);
        }
      } else {
        if (const Brand* brand = ByLabel(run); brand != nullptr && SubLabelOk(*brand)) {
          return Make(brand, Technique::kAddedWords, run);
        }
        if (run.find('-') != std::string_view::npos) {
          if (auto found = WithWords(run); found && found->technique == Technique::kAddedWords) {
            return found;
          }
        }
      }
    }
  }
  return std::nullopt;
}

std::optional<Lookalike> BrandTable::InUnicode(std::string_view unicode_host) const {
  if (IsAscii(unicode_host)) return std::nullopt;
  for (uint32_t index : chinese_names_) {
    const Brand& b = brands_[index];
    if (unicode_host.find(b.label) != std::string_view::npos) {
      return Make(&b, Technique::kIdn, unicode_host);
    }
  }
  // A label mixing Latin, Greek and Cyrillic letters is not how anyone writes a name.
  size_t begin = 0;
  uint8_t scripts = 0;
  for (size_t i = 0; i <= unicode_host.size();) {
    if (i == unicode_host.size() || unicode_host[i] == '.') {
      if ((scripts & (scripts - 1)) != 0) {
        return Make(nullptr, Technique::kIdn, unicode_host.substr(begin, i - begin));
      }
      scripts = 0;
      begin = ++i;
      continue;
    }
    scripts |= ScriptOf(DecodeUtf8(unicode_host, i));
  }
  return std::nullopt;
}

}  // namespace wuzha::intercept
