// E.164 normalization of Chinese (and foreign) phone numbers.
//
// Every number is stored as E.164 digits without '+': "8613800138000" for a mobile,
// "862788886666" for a Wuhan landline, "8695588" for a bank's 95 service number. The
// input may carry +86 / 0086 / 86 prefixes, spaces, dashes, dots and parentheses, a
// trunk '0' before the area code, or full-width digits. A pure function: thread safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace wuzha {

enum class PhoneKind : uint8_t {
  kMobile,         // 1[3-9]x xxxx xxxx, 11 digits
  kVirtualMobile,  // virtual operators (虚拟运营商): 170, 171, 162, 165, 167
  kLandline,       // area code + 7/8-digit subscriber number
  kService,        // 95xxx / 96xxx, 100xx / 101xx carriers, 12xxx government, 400 / 800,
                   // 106xx SMS gateway ports
  kEmergency,      // 110, 119, 120, 122
  kInternational,  // a country code other than 86
};

std::string_view PhoneKindName(PhoneKind kind);

struct PhoneNumber {
  std::string e164;  // digits only, starting with the country code
  PhoneKind kind = PhoneKind::kMobile;
};

// Normalizes `text`. kInvalidArgument names what is wrong ("too few digits for a
// mobile number", "unknown area code 0001").
Result<PhoneNumber> NormalizePhone(std::string_view text);

// The text form wuzha writes a normalized number in: the E.164 digits, with a '+' in
// front of a foreign number ("+442079460958"), so that reading it back keeps its country.
// Chinese numbers always start with "86", foreign ones never do. Normalizing the text
// form gives the same digits and kind back.
std::string PhoneToText(std::string_view e164);

// Same as NormalizePhone but writes the digits into `out` (reusing its capacity) and
// returns the kind: the allocation-free form for the ingest hot path.
Result<PhoneKind> NormalizePhoneInto(std::string_view text, std::string& out);

}  // namespace wuzha
