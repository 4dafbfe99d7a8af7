// IDNA (UTS #46, ICU) for hosts: what a browser would resolve for a typed Unicode host,
// and the Unicode a punycode host shows to its victim. Thread safe.
#pragma once

#include <string>
#include <string_view>

namespace wuzha::intercept::internal {

// Lower-case ASCII (punycode) form of `host`; empty when it is not a valid name.
std::string HostToAscii(std::string_view host);
// `host` with its xn-- labels decoded to UTF-8; `host` itself when none or invalid.
std::string HostToUnicode(std::string_view host);

}  // namespace wuzha::intercept::internal
