#include "formats/event_builder.h"

#include "core/status.h"

namespace wuzha::formats {
namespace {

// Field names are short: comparing them in line beats a call to memcmp.
inline bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

std::string_view ReasonName(Reason reason) {
  switch (reason) {
    case Reason::kMalformed: return "malformed";
    case Reason::kBadEncoding: return "bad_encoding";
    case Reason::kMissingType: return "missing_type";
    case Reason::kUnknownType: return "unknown_type";
    case Reason::kMissingField: return "missing_field";
    case Reason::kInvalidValue: return "invalid_value";
    case Reason::kWrongType: return "wrong_type";
    case Reason::kLineTooLong: return "line_too_long";
    case Reason::kLateEvent: return "late_event";
  }
  return "unknown";
}

EventBuilder::EventBuilder() {
  for (int t = 0; t < kEventTypeCount; ++t) {
    auto& specs = specs_[t];
    auto own = EventFields(static_cast<EventType>(t));
    specs.assign(own.begin(), own.end());
    auto label = LabelFields();
    specs.insert(specs.end(), label.begin(), label.end());
    WUZHA_CHECK(specs.size() <= 64);  // seen_ is a 64-bit mask
    alternative_[t].assign(specs.size(), -1);
    for (size_t i = 0; i < specs.size(); ++i) {
      if (!specs[i].alternative.empty()) {
        alternative_[t][i] = FieldIndex(static_cast<EventType>(t), specs[i].alternative);
      }
      // "type" is required but applied by Begin, not set as a field.
      if (specs[i].required && specs[i].ref != nullptr) required_[t].push_back(static_cast<int>(i));
    }
  }
}

int EventBuilder::FieldIndex(EventType type, std::string_view name) const {
  const auto& specs = specs_[static_cast<size_t>(type)];
  for (size_t i = 0; i < specs.size(); ++i) {
    if (SameName(specs[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

void EventBuilder::Begin(EventType type, Event& event) {
  event.Reset(type);
  event_ = &event;
  type_ = type;
  seen_ = 0;
  next_guess_ = 0;
}

bool EventBuilder::Set(int index, std::string_view value, RecordError& error) {
  const FieldSpec& spec = specs_[static_cast<size_t>(type_)][index];
  if (spec.ref == nullptr) return true;  // "type": already applied by Begin.
  if (value.empty()) return true;        // empty CSV cell or "" = absent
  Status s = SetField(spec, *event_, value);
  if (!s.ok()) {
    error.Set(Reason::kInvalidValue, spec.name, std::string(s.message()));
    return false;
  }
  seen_ |= uint64_t{1} << index;
  if (spec.name.starts_with("label.")) event_->has_label = true;
  return true;
}

bool EventBuilder::SetByName(std::string_view name, std::string_view value, RecordError& error) {
  // Fields usually come in schema order, some left out: scan on from the last match and
  // wrap around, which finds the common case in a compare or two.
  const auto& specs = specs_[static_cast<size_t>(type_)];
  int index = -1;
  const size_t n = specs.size();
  for (size_t k = 0, i = next_guess_ < n ? next_guess_ : 0; k < n; ++k, i = i + 1 == n ? 0 : i + 1) {
    if (SameName(specs[i].name, name)) {
      index = static_cast<int>(i);
      break;
    }
  }
  if (index >= 0) next_guess_ = static_cast<size_t>(index) + 1;
  if (index < 0) {
    auto it = unknown_.find(name);
    if (it == unknown_.end()) unknown_.emplace(std::string(name), 1);
    else ++it->second;
    return true;
  }
  return Set(index, value, error);
}

bool EventBuilder::Finish(RecordError& error) {
  const auto& specs = specs_[static_cast<size_t>(type_)];
  const auto& alt = alternative_[static_cast<size_t>(type_)];
  for (int i : required_[static_cast<size_t>(type_)]) {
    bool present = (seen_ >> i) & 1;
    if (!present && alt[i] >= 0) present = (seen_ >> alt[i]) & 1;
    if (!present) {
      std::string msg = "required field is missing";
      if (alt[i] >= 0) msg += " (or give " + std::string(specs[alt[i]].name) + ")";
      error.Set(Reason::kMissingField, specs[i].name, std::move(msg));
      return false;
    }
  }
  // Rules that cross fields or that a field kind alone cannot say.
  Event& e = *event_;
  switch (type_) {
    case EventType::kTransfer: {
      auto& t = e.as<TransferEvent>();
      if (t.amount.fen() <= 0) {
        error.Set(Reason::kInvalidValue, "amount_fen", "a transfer amount must be positive");
        return false;
      }
      if (t.to_account.empty() && t.channel != Channel::kAtm && t.channel != Channel::kCounter) {
        error.Set(Reason::kMissingField, "to_account",
                  "required unless the channel is atm or counter (a cash withdrawal)");
        return false;
      }
      break;
    }
    case EventType::kCall: {
      auto& c = e.as<CallEvent>();
      if (c.duration_s > 0) c.answered = true;  // talk time means it was answered
      if (c.duration_s > 7 * 86400) {
        error.Set(Reason::kInvalidValue, "duration_s", "longer than a week");
        return false;
      }
      break;
    }
    case EventType::kReport: {
      auto& r = e.as<ReportEvent>();
      if (r.person_id.empty() && r.phone.empty() && r.account.empty()) {
        error.Set(Reason::kMissingField, "person_id",
                  "a report needs the victim's person_id, phone or account");
        return false;
      }
      break;
    }
    default:
      break;
  }
  return true;
}

}  // namespace wuzha::formats
