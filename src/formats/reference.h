// The field-by-field reference of every event format, generated from the schema
// (core/event_schema.h) with an example line per type that is parsed back as it is
// generated, so docs/formats.md cannot drift from the code (a test compares them).
#pragma once

#include <string>

namespace wuzha::formats {

// Markdown: one section per event type with its fields, a JSON Lines example and the
// same event as CSV (header and row).
std::string FormatReferenceMarkdown();

}  // namespace wuzha::formats
