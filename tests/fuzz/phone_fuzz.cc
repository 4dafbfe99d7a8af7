// libFuzzer target for phone normalization: NormalizePhone must never crash, and its
// output is a fixed point: the text form it is written in (PhoneToText: the E.164
// digits, '+' in front of a foreign number) normalizes to the same digits and kind.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/phone.h"

namespace {

// The one overlap phone.cc documents: after the country code, "10" and an 8-digit
// subscriber number starting with 6 is a Beijing landline ("+86 10 6512 2255"), while the
// same 10 digits written domestically are a 106 SMS gateway port. The E.164 digits agree;
// the kind cannot be told from them.
bool BeijingLandlineOrGatewayPort(const wuzha::PhoneNumber& a, const wuzha::PhoneNumber& b) {
  using wuzha::PhoneKind;
  return a.e164.size() == 12 && a.e164.starts_with("86106") &&
         ((a.kind == PhoneKind::kService && b.kind == PhoneKind::kLandline) ||
          (a.kind == PhoneKind::kLandline && b.kind == PhoneKind::kService));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wuzha;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<PhoneNumber> phone = NormalizePhone(text);
  std::string into = "reused";
  Result<PhoneKind> kind = NormalizePhoneInto(text, into);
  if (phone.ok() != kind.ok()) std::abort();
  if (!phone.ok()) {
    if (phone.status().code() != StatusCode::kInvalidArgument) std::abort();
    return 0;
  }
  if (into != phone->e164 || *kind != phone->kind) std::abort();
  if (phone->e164.empty() || phone->e164.find_first_not_of("0123456789") != std::string::npos) {
    std::abort();
  }
  const std::string written = PhoneToText(phone->e164);
  Result<PhoneNumber> again = NormalizePhone(written);
  if (!again.ok() || again->e164 != phone->e164 ||
      (again->kind != phone->kind && !BeijingLandlineOrGatewayPort(*phone, *again))) {
    std::fprintf(stderr, "phone_fuzz: '%.*s' -> %s (%s) -> %s\n", static_cast<int>(size),
                 text.data(), phone->e164.c_str(), std::string(PhoneKindName(phone->kind)).c_str(),
                 again.ok()
                     ? (again->e164 + " (" + std::string(PhoneKindName(again->kind)) + ")").c_str()
                     : again.status().ToString().c_str());
    std::abort();
  }
  return 0;
}
