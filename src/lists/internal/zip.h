// The first member of a ZIP archive, stored or deflated, through zlib. Enough for the
// single-file archives data sets ship in; no ZIP64, encryption or multi-disk archives.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace wuzha::lists::internal {

// The uncompressed bytes of the archive's first member. kDataLoss for a malformed or
// truncated archive, a CRC mismatch, or a member larger than `max_bytes`;
// kUnimplemented for methods other than stored (0) and deflate (8).
Result<std::string> UnzipFirst(std::string_view zip, size_t max_bytes = 64u << 20);

}  // namespace wuzha::lists::internal
