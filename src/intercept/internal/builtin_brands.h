// The built-in protected Chinese brands (BrandTable): who fraud impersonates in China,
// with their official domains and the names a lookalike spells. Static data.
#pragma once

#include <span>

#include "intercept/brand_table.h"

namespace wuzha::intercept::internal {

struct BuiltinBrand {
  BrandClass brand_class;
  // Official registrable domains, space-separated; the first is named in reasons.
  const char* domains;
  // Names, space-separated: ASCII labels (brand, pinyin, hotline number) and Chinese
  // names. A trailing '!' marks a name too short or common to stand alone ("110",
  // "mps"): it counts only together with words (110-jubao.com) or spelled out in a
  // subdomain as the official domain.
  const char* names;
};

std::span<const BuiltinBrand> BuiltinBrands();

// Words that fraud domains add to a brand (refund, kefu, login, verify ...), ASCII and
// pinyin. Sorted, for binary search.
std::span<const std::string_view> LureWords();

}  // namespace wuzha::intercept::internal
