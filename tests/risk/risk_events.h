// Hand-made events for the risk tests: transfers, calls, SMS, visits, installs,
// openings and reports at minutes from a fixed morning (2024-05-01 10:00 Shanghai).
#pragma once

#include <cstdint>
#include <string>

#include "core/event.h"

namespace wuzha::risk::testing {

// 2024-05-01 10:00 Asia/Shanghai.
inline const int64_t kT0 = Timestamp::FromCivilUtc(2024, 5, 1, 2).millis();
inline int64_t At(double minutes) { return kT0 + static_cast<int64_t>(minutes * 60000); }

inline Event Transfer(double minute, std::string from, std::string to, int64_t yuan,
                      std::string phone = "", std::string device = "",
                      TransferStatus status = TransferStatus::kCompleted,
                      Channel channel = Channel::kMobile) {
  Event e;
  e.Reset(EventType::kTransfer);
  e.ts = Timestamp::FromMillis(At(minute));
  auto& t = e.as<TransferEvent>();
  t.from_account = std::move(from);
  t.to_account = std::move(to);
  t.amount = Money::FromYuan(yuan);
  t.payer_phone = std::move(phone);
  t.device = std::move(device);
  t.status = status;
  t.channel = channel;
  return e;
}

inline Event Call(double minute, std::string caller, std::string callee, int64_t seconds,
                  bool answered = true) {
  Event e;
  e.Reset(EventType::kCall);
  e.ts = Timestamp::FromMillis(At(minute));
  auto& c = e.as<CallEvent>();
  c.caller = std::move(caller);
  c.callee = std::move(callee);
  c.duration_s = answered ? seconds : 0;
  c.answered = answered;
  return e;
}

inline Event Sms(double minute, std::string sender, std::string receiver, std::string text = "hi") {
  Event e;
  e.Reset(EventType::kSms);
  e.ts = Timestamp::FromMillis(At(minute));
  auto& s = e.as<SmsEvent>();
  s.sender = std::move(sender);
  s.receiver = std::move(receiver);
  s.text = std::move(text);
  return e;
}

inline Event Web(double minute, std::string phone, std::string domain) {
  Event e;
  e.Reset(EventType::kWeb);
  e.ts = Timestamp::FromMillis(At(minute));
  auto& w = e.as<WebEvent>();
  w.phone = std::move(phone);
  w.domain = domain;
  w.url = "https://" + domain + "/";
  return e;
}

inline Event App(double minute, std::string phone, std::string package, std::string name,
                 AppSource source = AppSource::kStore) {
  Event e;
  e.Reset(EventType::kApp);
  e.ts = Timestamp::FromMillis(At(minute));
  auto& a = e.as<AppEvent>();
  a.phone = std::move(phone);
  a.package = std::move(package);
  a.app_name = std::move(name);
  a.action = AppAction::kInstall;
  a.source = source;
  return e;
}

inline Event AccountOpen(double minute, std::string account) {
  Event e;
  e.Reset(EventType::kAccountOpen);
  e.ts = Timestamp::FromMillis(At(minute));
  e.as<AccountOpenEvent>().account = std::move(account);
  return e;
}

inline Event SimOpen(double minute, std::string phone) {
  Event e;
  e.Reset(EventType::kSimOpen);
  e.ts = Timestamp::FromMillis(At(minute));
  e.as<SimOpenEvent>().phone = std::move(phone);
  return e;
}

inline Event Report(double minute, std::string account, int64_t loss_yuan, double fraud_minute) {
  Event e;
  e.Reset(EventType::kReport);
  e.ts = Timestamp::FromMillis(At(minute));
  auto& r = e.as<ReportEvent>();
  r.account = std::move(account);
  r.loss = Money::FromYuan(loss_yuan);
  r.fraud_ts = Timestamp::FromMillis(At(fraud_minute));
  return e;
}

}  // namespace wuzha::risk::testing
