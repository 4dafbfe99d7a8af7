// EventBuilder: fills an Event field by field from text values and checks it, the part
// that JSONL and CSV parsing share. Field names resolve through core/event_schema.h, so
// both formats accept exactly the documented fields.
//
// One builder per parser (per thread): it keeps per-type lookup tables and counts the
// unknown field names it was given, which are ignored but reported.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/event_schema.h"
#include "formats/record_error.h"

namespace wuzha::formats {

class EventBuilder {
 public:
  EventBuilder();

  // Starts a record of `type` in `event` (reusing its storage).
  void Begin(EventType type, Event& event);
  // Index of field `name` for the current type (label fields included), -1 if unknown.
  int FieldIndex(EventType type, std::string_view name) const;
  // Sets field `index` from text. False with `error` filled when the value is invalid.
  bool Set(int index, std::string_view value, RecordError& error);
  // Sets a field by name; unknown names are counted and ignored (returns true).
  bool SetByName(std::string_view name, std::string_view value, RecordError& error);
  // Checks required fields and cross-field rules. False with `error` filled.
  bool Finish(RecordError& error);

  // Names of fields that were not in the schema, with how often they were seen.
  const std::map<std::string, uint64_t, std::less<>>& unknown_fields() const { return unknown_; }
  // The field specs of `type`: EventFields(type) followed by LabelFields().
  const std::vector<FieldSpec>& specs(EventType type) const {
    return specs_[static_cast<size_t>(type)];
  }

 private:
  std::array<std::vector<FieldSpec>, kEventTypeCount> specs_;
  std::array<std::vector<int>, kEventTypeCount> alternative_;  // index or -1
  std::array<std::vector<int>, kEventTypeCount> required_;     // indexes of required fields
  Event* event_ = nullptr;
  EventType type_ = EventType::kCall;
  uint64_t seen_ = 0;  // bit i: field i was set in this record
  size_t next_guess_ = 0;  // writers emit fields in schema order: try the next one first
  std::map<std::string, uint64_t, std::less<>> unknown_;
};

}  // namespace wuzha::formats
