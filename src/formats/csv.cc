#include "formats/csv.h"

#include "core/event_schema.h"

namespace wuzha::formats {

bool CsvRecordComplete(std::string_view text) {
  // The same states as SplitCsvRecord: a quote opens a quoted field only at the start of
  // a field; inside one, "" is an escaped quote and a single quote closes it.
  bool quoted = false, field_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') ++i;
        else quoted = false;
      }
    } else if (c == ',') {
      field_start = true;
      continue;
    } else if (c == '"' && field_start) {
      quoted = true;
    }
    field_start = false;
  }
  return !quoted;
}

Status SplitCsvRecord(std::string_view record, std::vector<std::string_view>& fields,
                      std::string& scratch) {
  fields.clear();
  scratch.clear();
  scratch.reserve(record.size());  // views into scratch must not move
  size_t i = 0;
  const size_t n = record.size();
  for (;;) {
    if (i < n && record[i] == '"') {
      // Quoted field: copy into scratch only if it has an escaped quote.
      size_t start = ++i;
      size_t scratch_start = scratch.size();
      bool escaped = false;
      for (;;) {
        if (i >= n) {
          return InvalidArgumentError("unclosed quote in column " + std::to_string(fields.size() + 1));
        }
        if (record[i] == '"') {
          if (i + 1 < n && record[i + 1] == '"') {
            scratch.append(record.substr(start, i - start));
            scratch.push_back('"');
            escaped = true;
            i += 2;
            start = i;
            continue;
          }
          break;
        }
        ++i;
      }
      if (escaped) {
        scratch.append(record.substr(start, i - start));
        fields.emplace_back(scratch.data() + scratch_start, scratch.size() - scratch_start);
      } else {
        fields.push_back(record.substr(start, i - start));
      }
      ++i;  // closing quote
      if (i < n && record[i] != ',') {
        return InvalidArgumentError("text after a closing quote in column " +
                                    std::to_string(fields.size()));
      }
    } else {
      // Unquoted: up to the next comma. A stray quote inside is kept as text, as
      // spreadsheets write it.
      size_t comma = record.find(',', i);
      size_t end = comma == std::string_view::npos ? n : comma;
      fields.push_back(record.substr(i, end - i));
      i = end;
    }
    if (i >= n) return Status::Ok();
    ++i;  // the comma
    if (i == n) {
      fields.push_back(std::string_view());  // trailing comma: one more empty field
      return Status::Ok();
    }
  }
}

void AppendCsvField(std::string_view s, std::string& out) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string CsvHeader(EventType type) {
  std::string out;
  for (const FieldSpec& spec : EventFields(type)) {
    if (spec.kind == FieldKind::kMoney && !spec.alternative.empty()) continue;
    if (!out.empty()) out.push_back(',');
    out.append(spec.name);
  }
  for (const FieldSpec& spec : LabelFields()) {
    out.push_back(',');
    out.append(spec.name);
  }
  return out;
}

void AppendEventCsv(const Event& event, std::string& out) {
  std::string value;
  bool first = true;
  auto add = [&](const FieldSpec& spec) {
    if (!first) out.push_back(',');
    first = false;
    if (spec.ref == nullptr) {
      out.append(EventTypeName(event.type));
      return;
    }
    value.clear();
    bool empty;
    FieldToText(spec, event, value, empty);
    // As in JSON, a label always says whether the event is fraud, or it would read back
    // as no label at all.
    if (!empty || spec.name == "label.fraud") AppendCsvField(value, out);
  };
  for (const FieldSpec& spec : EventFields(event.type)) {
    if (spec.kind == FieldKind::kMoney && !spec.alternative.empty()) continue;
    add(spec);
  }
  for (const FieldSpec& spec : LabelFields()) {
    if (event.has_label) add(spec);
    else out.push_back(',');
  }
}

}  // namespace wuzha::formats
