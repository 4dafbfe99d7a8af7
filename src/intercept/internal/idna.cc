#include "intercept/internal/idna.h"

#include <unicode/idna.h>
#include <unicode/bytestream.h>

#include <memory>

namespace wuzha::intercept::internal {
namespace {

// One UTS #46 instance for the process: ICU documents IDNA objects as thread safe.
const icu::IDNA& Idna() {
  static const icu::IDNA* idna = [] {
    UErrorCode status = U_ZERO_ERROR;
    // Nontransitional (as browsers now do) and the STD3 rules off: '_' appears in real
    // hostnames.
    icu::IDNA* made = icu::IDNA::createUTS46Instance(UIDNA_NONTRANSITIONAL_TO_ASCII |
                                                         UIDNA_NONTRANSITIONAL_TO_UNICODE,
                                                     status);
    return U_SUCCESS(status) ? made : nullptr;
  }();
  return *idna;
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string HostToAscii(std::string_view host) {
  std::string out;
  if (IsAscii(host)) {
    out.assign(host);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  } else {
    icu::StringByteSink<std::string> sink(&out);
    icu::IDNAInfo info;
    UErrorCode status = U_ZERO_ERROR;
    Idna().nameToASCII_UTF8(icu::StringPiece(host.data(), static_cast<int32_t>(host.size())), sink,
                            info, status);
    if (U_FAILURE(status) || info.hasErrors()) return {};
  }
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::string HostToUnicode(std::string_view host) {
  if (host.find("xn--") == std::string_view::npos) return std::string(host);
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  icu::IDNAInfo info;
  UErrorCode status = U_ZERO_ERROR;
  Idna().nameToUnicodeUTF8(icu::StringPiece(host.data(), static_cast<int32_t>(host.size())), sink,
                           info, status);
  if (U_FAILURE(status) || info.hasErrors()) return std::string(host);
  return out;
}

}  // namespace wuzha::intercept::internal
