#include "core/event.h"

#include <array>

namespace wuzha {
namespace {
constexpr std::array<std::string_view, kEventTypeCount> kTypeNames = {
    "call", "sms", "web", "app", "transfer", "account_open", "sim_open", "report", "feedback"};

template <size_t I = 0>
void EmplaceBody(EventBody& body, size_t index) {
  if constexpr (I < std::variant_size_v<EventBody>) {
    if (index == I) {
      body.emplace<I>();
      return;
    }
    EmplaceBody<I + 1>(body, index);
  }
}
}  // namespace

std::string_view EventTypeName(EventType type) {
  return kTypeNames[static_cast<size_t>(type)];
}

bool ParseEventType(std::string_view name, EventType& out) {
  for (size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == name) {
      out = static_cast<EventType>(i);
      return true;
    }
  }
  return false;
}

void Event::Reset(EventType t) {
  const size_t index = static_cast<size_t>(t);
  if (body.index() == index) {
    // Same type: clear in place so strings keep their capacity.
    std::visit([](auto& b) {
      using B = std::decay_t<decltype(b)>;
      B fresh;
      b = std::move(fresh);
    }, body);
  } else {
    EmplaceBody(body, index);
  }
  type = t;
  id.clear();
  ts = Timestamp();
  has_label = false;
  label = Label();
  seq = 0;
}

std::string_view SubjectKey(const Event& e) {
  switch (e.type) {
    case EventType::kCall: return e.as<CallEvent>().caller;
    case EventType::kSms: return e.as<SmsEvent>().sender;
    case EventType::kWeb: return e.as<WebEvent>().phone;
    case EventType::kApp: return e.as<AppEvent>().phone;
    case EventType::kTransfer: return e.as<TransferEvent>().from_account;
    case EventType::kAccountOpen: return e.as<AccountOpenEvent>().account;
    case EventType::kSimOpen: return e.as<SimOpenEvent>().phone;
    case EventType::kReport: {
      const auto& r = e.as<ReportEvent>();
      return !r.person_id.empty() ? std::string_view(r.person_id)
             : !r.phone.empty()   ? std::string_view(r.phone)
                                  : std::string_view(r.account);
    }
    case EventType::kFeedback: return e.as<FeedbackEvent>().warning_id;
  }
  return {};
}

}  // namespace wuzha
