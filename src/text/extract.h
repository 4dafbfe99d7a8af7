// Extraction of the things interception acts on from SMS text: links, phone numbers,
// bank card numbers, QQ and WeChat ids and amounts of money, including their disguised
// forms (w w w . x x . c o m, xx点com, xx[.]cn, links without a scheme, "加微信 abc_123",
// "V信", "5万元", "¥1,234.50").
//
// Works on raw or normalized text (text/normalize.h); normalized text finds more, raw
// text keeps the case of URL paths. Spans are byte offsets into the text passed in. Pure
// functions: thread safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/phone.h"

namespace wuzha::text {

enum class EntityKind : uint8_t {
  kUrl,       // value: host[:port][/path...], lower-case host, scheme kept when written
  kPhone,     // value: E.164 digits (core/phone.h NormalizePhone); phone_kind set
  kBankCard,  // value: 16-19 digits passing the Luhn check
  kQq,        // value: the QQ number, 5-11 digits
  kWechat,    // value: the WeChat id as written after its cue (6-20 of [A-Za-z0-9_-])
  kAmount,    // value: the amount as written; fen set
};

// "url", "phone", "bank_card", "qq", "wechat", "amount".
std::string_view EntityKindName(EntityKind kind);

struct Entity {
  EntityKind kind = EntityKind::kUrl;
  size_t begin = 0;  // byte offsets of the text the entity was read from
  size_t end = 0;
  std::string value;
  int64_t fen = 0;                             // kAmount only
  PhoneKind phone_kind = PhoneKind::kMobile;   // kPhone only
};

// Every entity in `text`, sorted by begin; spans do not overlap. Never fails: what does
// not parse is simply not an entity.
std::vector<Entity> Extract(std::string_view text);

// Same as Extract, into `out` (cleared first).
void ExtractInto(std::string_view text, std::vector<Entity>& out);

}  // namespace wuzha::text
