// Extraction works on a light view of the text: one item per code point kept, with the
// byte span it came from, full-width ASCII folded, zero-width characters dropped, spaced
// URLs joined and dot words replaced, so that entity spans point back into the input.
#include "text/extract.h"

#include <algorithm>
#include <array>
#include <span>

#include "text/internal/unicode.h"

namespace wuzha::text {
namespace {

using internal::IsAsciiAlnum;
using internal::IsAsciiDigit;

struct Item {
  char32_t c;
  uint32_t begin;
  uint32_t end;
};
using Items = std::vector<Item>;

char32_t Lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

bool IsUrlChar(char32_t c) {
  return IsAsciiAlnum(c) || (c < 0x80 && std::string_view("-._~:/?#=&%+").find(
                                             static_cast<char>(c)) != std::string_view::npos);
}

constexpr std::string_view kTlds[] = {
    "com", "cn",  "net",  "top", "xyz",  "vip", "cc",     "site", "shop", "icu", "club",
    "work", "fun", "ink", "org", "info", "me",  "app",    "io",   "online", "tk", "hk",
    "live", "pro", "biz", "asia", "ltd", "link", "store", "tech", "wang", "ren", "co"};

// The length of a known top-level domain spelled from joined[k] on (ASCII letters, any
// case, then no further letter or digit), or 0.
size_t TldAt(const Items& joined, size_t k) {
  std::string word;
  size_t e = k;
  while (e < joined.size() && e - k < 8 && IsAsciiAlnum(joined[e].c)) word += static_cast<char>(Lower(joined[e].c)), ++e;
  if (e < joined.size() && IsAsciiAlnum(joined[e].c)) return 0;
  for (std::string_view t : kTlds) {
    if (word == t) return word.size();
  }
  return 0;
}

Items View(std::string_view text) {
  Items raw;
  for (size_t i = 0; i < text.size() && i < UINT32_MAX;) {
    const size_t b = i;
    char32_t c = internal::DecodeUtf8(text, i);
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (c == 0x3000) c = ' ';
    if (c == U'點') c = U'点';
    if ((c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF) continue;
    raw.push_back({c, static_cast<uint32_t>(b), static_cast<uint32_t>(i)});
  }
  // Spaced URLs: five or more single URL characters separated by spaces, with a dot.
  Items joined;
  for (size_t i = 0; i < raw.size();) {
    const auto tok = [&](size_t k) { return IsUrlChar(raw[k].c) || raw[k].c == U'点'; };
    size_t last = i;
    while (last + 2 < raw.size() && tok(last) && raw[last + 1].c == ' ' && tok(last + 2) &&
           (last + 3 >= raw.size() || raw[last + 3].c == ' ' || !tok(last + 3))) {
      last += 2;
    }
    bool dot = false;
    for (size_t p = i + 2; p < last; p += 2) dot = dot || raw[p].c == '.' || raw[p].c == U'点';
    if (last - i >= 8 && dot) {
      for (size_t p = i; p <= last; p += 2) joined.push_back(raw[p]);
      i = last + 1;
    } else {
      joined.push_back(raw[i++]);
    }
  }
  // Dot words: xx[.]cn, xx(.)cn, xx点com, and a dot with spaces around it before a known
  // top-level domain: "icbc-refund . top", "xx 点 com".
  Items out;
  for (size_t i = 0; i < joined.size(); ++i) {
    const bool after = !out.empty() && (IsAsciiAlnum(out.back().c) || out.back().c == '-');
    const char32_t c = joined[i].c;
    if (after && (c == ' ' || c == '.' || c == U'点')) {
      size_t k = i;
      while (k < joined.size() && joined[k].c == ' ') ++k;
      const bool spaced_before = k > i;
      if (k < joined.size() && (joined[k].c == '.' || joined[k].c == U'点')) {
        size_t m = k + 1;
        while (m < joined.size() && joined[m].c == ' ') ++m;
        if ((spaced_before || m > k + 1) && m < joined.size() && TldAt(joined, m) > 0) {
          out.push_back({'.', joined[i].begin, joined[m - 1].end});
          i = m - 1;
          continue;
        }
      }
    }
    if (after && (c == '[' || c == '(') && i + 3 < joined.size() &&
        (joined[i + 1].c == '.' || joined[i + 1].c == U'点') &&
        joined[i + 2].c == (c == '[' ? U']' : U')') && IsAsciiAlnum(joined[i + 3].c)) {
      out.push_back({'.', joined[i].begin, joined[i + 2].end});
      i += 2;
      continue;
    }
    if (after && c == U'点' && i + 1 < joined.size() && Lower(joined[i + 1].c) >= 'a' &&
        Lower(joined[i + 1].c) <= 'z') {
      out.push_back({'.', joined[i].begin, joined[i].end});
      continue;
    }
    out.push_back(joined[i]);
  }
  return out;
}


struct Extractor {
  std::string_view text;
  Items items;
  std::vector<bool> taken;
  std::vector<Entity>& out;

  std::string Ascii(size_t b, size_t e) const {
    std::string s;
    for (size_t k = b; k < e; ++k) s += static_cast<char>(items[k].c);
    return s;
  }
  void Add(EntityKind kind, size_t b, size_t e, std::string value, int64_t fen = 0,
           PhoneKind pk = PhoneKind::kMobile) {
    for (size_t k = b; k < e; ++k) taken[k] = true;
    out.push_back({kind, items[b].begin, items[e - 1].end, std::move(value), fen, pk});
  }
  bool Free(size_t b, size_t e) const {
    return std::none_of(taken.begin() + b, taken.begin() + e, [](bool t) { return t; });
  }
  bool MatchLower(size_t at, std::u32string_view word) const {
    if (at + word.size() > items.size()) return false;
    for (size_t k = 0; k < word.size(); ++k) {
      if (Lower(items[at + k].c) != word[k]) return false;
    }
    return true;
  }

  void Urls();
  void Contacts();
  void Amounts();
  void Numbers();
};

void Extractor::Urls() {
  for (size_t i = 0; i < items.size();) {
    if (!IsUrlChar(items[i].c) || items[i].c >= 0x80) {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < items.size() && IsUrlChar(items[e].c)) ++e;
    size_t b = i;
    i = e;
    while (b < e && !IsAsciiAlnum(items[b].c)) ++b;
    while (e > b && std::string_view(".,:;?!-_~#&=+").find(static_cast<char>(items[e - 1].c)) !=
                        std::string_view::npos) {
      --e;
    }
    std::string s = Ascii(b, e);
    std::string lower = s;
    for (char& ch : lower) ch = static_cast<char>(Lower(static_cast<unsigned char>(ch)));
    size_t host_begin = 0;
    if (lower.starts_with("http://")) host_begin = 7;
    if (lower.starts_with("https://")) host_begin = 8;
    const size_t host_end = std::min(lower.find_first_of("/?#", host_begin), lower.size());
    const std::string host = lower.substr(host_begin, host_end - host_begin);
    const size_t dot = host.rfind('.');
    if (dot == std::string::npos || dot == 0) continue;
    std::string tld = host.substr(dot + 1);
    if (const size_t colon = tld.find(':'); colon != std::string::npos) tld.resize(colon);
    const bool known = std::find(std::begin(kTlds), std::end(kTlds), tld) != std::end(kTlds);
    if (host_begin == 0 && !known && !lower.starts_with("www.")) continue;
    if (host.find("..") != std::string::npos || !IsAsciiAlnum(static_cast<unsigned char>(host[0]))) {
      continue;
    }
    Add(EntityKind::kUrl, b, e, lower.substr(0, host_end) + s.substr(host_end));
  }
}

// QQ and WeChat ids after their cue words.
void Extractor::Contacts() {
  static constexpr std::u32string_view kQq[] = {U"qq", U"扣扣", U"企鹅"};
  static constexpr std::u32string_view kWechat[] = {U"微信", U"v信", U"威信", U"薇信", U"vx",
                                                    U"wx",   U"weixin", U"加v", U"微xin"};
  for (size_t i = 0; i < items.size(); ++i) {
    for (int kind = 0; kind < 2; ++kind) {
      const auto cues = kind == 0 ? std::span<const std::u32string_view>(kQq)
                                  : std::span<const std::u32string_view>(kWechat);
      for (std::u32string_view cue : cues) {
        if (!MatchLower(i, cue)) continue;
        size_t k = i + cue.size();
        while (k < items.size() && k - i - cue.size() < 3 &&
               (items[k].c == ':' || items[k].c == ' ' || items[k].c == U'号' ||
                items[k].c == U'：')) {
          ++k;
        }
        size_t e = k;
        if (kind == 0) {
          while (e < items.size() && IsAsciiDigit(items[e].c)) ++e;
          if (e - k >= 5 && e - k <= 11 && items[k].c != '0' &&
              (e == items.size() || !IsAsciiAlnum(items[e].c)) && Free(k, e)) {
            Add(EntityKind::kQq, k, e, Ascii(k, e));
          }
        } else {
          while (e < items.size() && (IsAsciiAlnum(items[e].c) || items[e].c == '_' ||
                                      items[e].c == '-')) {
            ++e;
          }
          const bool letter = k < e && Lower(items[k].c) >= 'a' && Lower(items[k].c) <= 'z';
          if (letter && e - k >= 6 && e - k <= 20 && Free(k, e)) {
            Add(EntityKind::kWechat, k, e, Ascii(k, e));
          }
        }
        break;
      }
    }
  }
}

// ¥1,234.50, 3000元, 5万元, 5.5万元, RMB 200.
void Extractor::Amounts() {
  for (size_t i = 0; i < items.size(); ++i) {
    size_t b = i;
    bool sign = items[i].c == U'¥' || items[i].c == U'￥';
    if (MatchLower(i, U"rmb")) {
      sign = true;
      i += 2;
    }
    size_t k = sign ? i + 1 : i;
    while (sign && k < items.size() && items[k].c == ' ') ++k;
    if (k >= items.size() || !IsAsciiDigit(items[k].c)) continue;
    if (!sign && b > 0 && (IsAsciiAlnum(items[b - 1].c) || items[b - 1].c == '.')) continue;
    int64_t whole = 0;
    size_t e = k;
    bool overflow = false;
    for (; e < items.size() && (IsAsciiDigit(items[e].c) ||
                                (items[e].c == ',' && e + 3 < items.size() &&
                                 IsAsciiDigit(items[e + 1].c) && IsAsciiDigit(items[e + 3].c)));
         ++e) {
      if (items[e].c == ',') continue;
      // Past a billion yuan it is not an amount an SMS baits with; also keeps the fen
      // arithmetic below far from int64 overflow.
      if (whole >= 1000000000LL) {
        overflow = true;
      } else {
        whole = whole * 10 + (items[e].c - '0');
      }
    }
    int64_t frac = 0;  // in 1/10000
    int frac_digits = 0;
    if (e + 1 < items.size() && items[e].c == '.' && IsAsciiDigit(items[e + 1].c)) {
      for (++e; e < items.size() && IsAsciiDigit(items[e].c); ++e) {
        if (++frac_digits <= 4) frac = frac * 10 + (items[e].c - '0');
      }
      for (int d = frac_digits; d < 4; ++d) frac *= 10;
    }
    int64_t mult = 1;
    if (e < items.size() && (items[e].c == U'万' || items[e].c == U'千')) {
      mult = items[e].c == U'万' ? 10000 : 1000;
      ++e;
    }
    const bool unit = e < items.size() && (items[e].c == U'元' || items[e].c == U'块');
    if ((!sign && !unit) || overflow || (mult == 1 && frac_digits > 2) || frac_digits > 4) {
      i = std::max(i, e - 1);
      continue;
    }
    if (unit) ++e;
    if (!Free(b, e)) continue;
    const int64_t fen = (whole * 10000 + frac) * mult / 100;
    Add(EntityKind::kAmount, b, e, std::string(text.substr(items[b].begin,
                                                           items[e - 1].end - items[b].begin)),
        fen);
    i = e - 1;
  }
}

bool Luhn(std::string_view digits) {
  int sum = 0;
  for (size_t k = 0; k < digits.size(); ++k) {
    int d = digits[digits.size() - 1 - k] - '0';
    if (k % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 == 0;
}

// Digit groups ("138 0013 8000", "400-820-8820", "+86 138..."): bank cards, then phones.
void Extractor::Numbers() {
  for (size_t i = 0; i < items.size(); ++i) {
    const bool plus = items[i].c == '+';
    if (!IsAsciiDigit(items[i].c) && !plus) continue;
    if (i > 0 && (IsAsciiAlnum(items[i - 1].c) || items[i - 1].c == '.')) continue;
    std::string digits = plus ? "+" : "";
    size_t e = plus ? i + 1 : i;
    size_t last = i;
    while (e < items.size()) {
      if (IsAsciiDigit(items[e].c)) {
        digits += static_cast<char>(items[e].c);
        last = e++;
      } else if ((items[e].c == '-' || items[e].c == ' ') && e + 1 < items.size() &&
                 IsAsciiDigit(items[e + 1].c) && digits.size() < 20) {
        ++e;
      } else {
        break;
      }
    }
    e = last + 1;
    const size_t next = i;
    i = last;
    if (e < items.size() && IsAsciiAlnum(items[e].c)) continue;
    if (!Free(next, e)) continue;
    const std::string_view bare = std::string_view(digits).substr(plus ? 1 : 0);
    if (!plus && bare.size() >= 16 && bare.size() <= 19 && Luhn(bare)) {
      Add(EntityKind::kBankCard, next, e, std::string(bare));
      continue;
    }
    if (bare.size() < 5 || bare.size() > 15) continue;
    Result<PhoneNumber> phone = NormalizePhone(digits);
    if (!phone.ok() || phone->kind == PhoneKind::kEmergency ||
        (phone->kind == PhoneKind::kInternational && !plus)) {
      continue;
    }
    Add(EntityKind::kPhone, next, e, phone->e164, 0, phone->kind);
  }
}

}  // namespace

std::string_view EntityKindName(EntityKind kind) {
  switch (kind) {
    case EntityKind::kUrl: return "url";
    case EntityKind::kPhone: return "phone";
    case EntityKind::kBankCard: return "bank_card";
    case EntityKind::kQq: return "qq";
    case EntityKind::kWechat: return "wechat";
    case EntityKind::kAmount: return "amount";
  }
  return "";
}

void ExtractInto(std::string_view text, std::vector<Entity>& out) {
  out.clear();
  Extractor x{text, View(text), {}, out};
  x.taken.assign(x.items.size(), false);
  x.Urls();
  x.Contacts();
  x.Amounts();
  x.Numbers();
  std::sort(out.begin(), out.end(),
            [](const Entity& a, const Entity& b) { return a.begin < b.begin; });
}

std::vector<Entity> Extract(std::string_view text) {
  std::vector<Entity> out;
  ExtractInto(text, out);
  return out;
}

}  // namespace wuzha::text
