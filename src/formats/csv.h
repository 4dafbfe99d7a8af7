// CSV (RFC 4180) record splitting and writing, shared by the event reader and writers.
//
// SplitCsvRecord splits one record (which may span lines inside quotes) into fields,
// unescaping "" inside quoted fields. CsvRecordComplete says whether a text has an
// unclosed quote, so the reader knows to join the next line. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/status.h"

namespace wuzha::formats {

// True when `text` does not end inside a quoted field.
bool CsvRecordComplete(std::string_view text);

// Splits `record` into `fields`. Views point into `record` or into `scratch`, which is
// cleared and must outlive `fields`. kInvalidArgument for a character after a closing
// quote or an unclosed quote; the message names the column (1-based).
Status SplitCsvRecord(std::string_view record, std::vector<std::string_view>& fields,
                      std::string& scratch);

// Appends `s` as a CSV field, quoted when it holds a comma, quote, CR or LF.
void AppendCsvField(std::string_view s, std::string& out);

// The header line for `type`: every schema field, then the label fields.
std::string CsvHeader(EventType type);
// One CSV row for `event` in the order of CsvHeader(event.type) (no newline).
void AppendEventCsv(const Event& event, std::string& out);

}  // namespace wuzha::formats
