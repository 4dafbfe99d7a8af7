#include "intercept/query.h"

namespace wuzha::intercept {

CallQuery CallQueryFromEvent(const Event& event) {
  const auto& call = event.as<CallEvent>();
  CallQuery q;
  q.caller = call.caller;
  q.callee = call.callee;
  q.caller_cell = call.caller_cell;
  q.caller_imei = call.caller_imei;
  q.time_ms = event.ts.millis();
  return q;
}

SmsQuery SmsQueryFromEvent(const Event& event) {
  const auto& sms = event.as<SmsEvent>();
  return SmsQuery{sms.sender, sms.receiver, sms.text, event.ts.millis()};
}

UrlQuery UrlQueryFromEvent(const Event& event) {
  const auto& web = event.as<WebEvent>();
  return UrlQuery{web.url.empty() ? web.domain : web.url, event.ts.millis()};
}

AppQuery AppQueryFromEvent(const Event& event) {
  const auto& app = event.as<AppEvent>();
  AppQuery q;
  q.package = app.package;
  q.label = app.app_name;
  q.cert_sha256 = app.cert_sha256;
  q.file_sha256 = app.file_sha256;
  q.source = app.source;
  q.time_ms = event.ts.millis();
  return q;
}

}  // namespace wuzha::intercept
