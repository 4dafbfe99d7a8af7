// Renders the key table as a commented TOML file and as a Markdown reference.
#include <string>

#include "config/internal/schema.h"

namespace wuzha::config::internal {
namespace {

constexpr size_t kCommentWidth = 88;

// Appends `text` as "# " comment lines, wrapped at spaces outside `code` spans so that a
// command stays on one line.
void AppendComment(std::string& out, std::string_view text) {
  std::string line = "#";
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = pos;
    bool in_code = false;
    while (end < text.size() && (in_code || text[end] != ' ')) {
      if (text[end] == '`') in_code = !in_code;
      ++end;
    }
    const std::string_view word = text.substr(pos, end - pos);
    if (line.size() > 1 && line.size() + 1 + word.size() > kCommentWidth) {
      out += line + "\n";
      line = "#";
    }
    if (!word.empty()) line += " " + std::string(word);
    pos = end + 1;
  }
  out += line + "\n";
}

std::string ValueText(const KeySpec& key, const Config& config) {
  switch (key.type) {
    case KeyType::kInt: return std::to_string(key.int_field.get(config));
    case KeyType::kString: return TomlString(key.string_field.get(config));
    case KeyType::kBool: return key.bool_field.get(config) ? "true" : "false";
    case KeyType::kSection: break;
  }
  return "";
}

std::string_view TypeWord(KeyType type) {
  switch (type) {
    case KeyType::kInt: return "integer";
    case KeyType::kString: return "string";
    case KeyType::kBool: return "boolean";
    case KeyType::kSection: break;
  }
  return "section";
}

// "Allowed: 1 to 4096. Default: 64." for the comment above a key.
std::string ConstraintComment(const KeySpec& key, const Config& defaults) {
  std::string allowed = DescribeAllowed(key);
  if (key.type == KeyType::kString && !allowed.empty()) allowed = "one of " + allowed;
  if (allowed.empty())
    allowed =
        key.type == KeyType::kBool ? "true or false" : "any " + std::string(TypeWord(key.type));
  return "Allowed: " + allowed + ". Default: " + ValueText(key, defaults) + ".";
}

std::string MarkdownCell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string MarkdownAllowed(const KeySpec& key) {
  if (key.type == KeyType::kString && !key.one_of.empty()) {
    std::string out;
    for (std::string_view v : key.one_of) {
      if (!out.empty()) out += ", ";
      out += "`" + std::string(v) + "`";
    }
    return out;
  }
  if (key.type == KeyType::kBool) return "`true`, `false`";
  const std::string allowed = DescribeAllowed(key);
  return allowed.empty() ? "any" : allowed;
}

}  // namespace

std::string TomlString(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 0xf];
        } else {
          out += c;
        }
      }
    }
  }
  return out + "\"";
}

std::string RenderToml(std::span<const KeySpec> keys, const Config& config,
                       std::string_view heading) {
  const Config defaults;
  std::string out;
  AppendComment(out, heading);
  for (const KeySpec& row : keys) {
    out += "\n";
    AppendComment(out, row.doc);
    if (row.type == KeyType::kSection) {
      out += "[" + std::string(row.name) + "]\n";
      continue;
    }
    AppendComment(out, ConstraintComment(row, defaults));
    out += std::string(row.name.substr(row.section().size() + 1)) + " = " + ValueText(row, config) +
           "\n";
  }
  return out;
}

std::string RenderMarkdownReference(std::span<const KeySpec> keys) {
  const Config defaults;
  std::string out;
  for (const KeySpec& row : keys) {
    if (row.type == KeyType::kSection) {
      out += "\n### `[" + std::string(row.name) + "]`\n\n" + std::string(row.doc) + "\n\n";
      out += "| Key | Type | Default | Allowed | Description |\n";
      out += "| --- | --- | --- | --- | --- |\n";
      continue;
    }
    out += "| `" + std::string(row.name) + "` | " + std::string(TypeWord(row.type)) + " | `" +
           ValueText(row, defaults) + "` | " + MarkdownCell(MarkdownAllowed(row)) + " | " +
           MarkdownCell(row.doc) + " |\n";
  }
  return out;
}

}  // namespace wuzha::config::internal
