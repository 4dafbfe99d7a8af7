#include "ingest/quarantine.h"

#include <cerrno>
#include <cstring>

#include "formats/jsonl.h"

namespace wuzha::ingest {

std::string Base64Encode(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(in[k])); };
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 63]);
  }
  if (size_t rest = in.size() - i; rest > 0) {
    uint32_t v = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

Result<std::unique_ptr<QuarantineWriter>> QuarantineWriter::Open(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return IoError("cannot create quarantine file " + path + ": " + std::strerror(errno));
  }
  return std::unique_ptr<QuarantineWriter>(new QuarantineWriter(f, true, path));
}

std::unique_ptr<QuarantineWriter> QuarantineWriter::ToStream(std::FILE* stream) {
  return std::unique_ptr<QuarantineWriter>(new QuarantineWriter(stream, false, "-"));
}

QuarantineWriter::QuarantineWriter(std::FILE* f, bool owned, std::string path)
    : file_(f), owned_(owned), path_(std::move(path)) {}

QuarantineWriter::~QuarantineWriter() {
  if (owned_) std::fclose(file_);
  else std::fflush(file_);
}

Status QuarantineWriter::Write(const QuarantineRecord& r) {
  line_.assign("{\"file\":");
  formats::AppendJsonString(r.file, line_);
  line_ += ",\"line\":";
  line_ += std::to_string(r.line);
  line_ += ",\"field\":";
  formats::AppendJsonString(r.field, line_);
  line_ += ",\"reason\":\"";
  line_ += formats::ReasonName(r.reason);
  line_ += "\",\"message\":";
  formats::AppendJsonString(r.message, line_);
  line_ += ",\"raw\":";
  formats::AppendJsonString(r.raw, line_);
  // Keep the exact bytes whenever the JSON string could not hold them.
  std::string_view original = !r.raw_original.empty() ? r.raw_original : r.raw;
  if (!r.raw_original.empty() || !formats::IsValidUtf8(r.raw)) {
    line_ += ",\"raw_base64\":\"";
    line_ += Base64Encode(original);
    line_ += '"';
  }
  line_ += "}\n";
  if (std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size()) {
    return IoError("cannot write quarantine file " + path_ + ": " + std::strerror(errno));
  }
  ++written_;
  return Status::Ok();
}

Status QuarantineWriter::Flush() {
  if (std::fflush(file_) != 0) {
    return IoError("cannot write quarantine file " + path_ + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace wuzha::ingest
