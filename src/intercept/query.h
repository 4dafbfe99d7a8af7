// Queries: what a carrier, a DNS resolver, a phone's call screen or an app store asks
// interception about. Each carries the indicator and the context a rule may use; only
// the indicator itself is required. Plain values: built from events (FromEvent) or by
// the `wuzha check` command.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/event.h"

namespace wuzha::intercept {

// A call about to be connected (or just connected): is the caller a fraud number?
struct CallQuery {
  std::string caller;       // as presented (CLI); any form NormalizePhone accepts
  std::string callee;       // E.164, optional
  std::string caller_cell;  // optional
  std::string caller_imei;  // optional
  // True when the call entered the network from an international gateway although
  // the presented number is domestic: the signature of a spoofed caller id.
  bool international_gateway = false;
  int64_t time_ms = 0;      // epoch ms; expiry of list entries is judged at this time
};

struct SmsQuery {
  std::string sender;
  std::string receiver;
  std::string text;  // UTF-8 as received
  int64_t time_ms = 0;
};

// A URL or a bare host (DNS query).
struct UrlQuery {
  std::string url;
  int64_t time_ms = 0;
};

struct AppQuery {
  std::string package;      // "com.example.app"
  std::string label;        // the name shown under the icon
  std::string cert_sha256;  // signing certificate, hex (optional)
  std::string file_sha256;  // APK, hex (optional)
  std::vector<std::string> permissions;  // "android.permission.READ_SMS", ...
  AppSource source = AppSource::kUnknown;
  int64_t time_ms = 0;
};

CallQuery CallQueryFromEvent(const Event& event);  // REQUIRES: event.type == kCall
SmsQuery SmsQueryFromEvent(const Event& event);    // REQUIRES: kSms
UrlQuery UrlQueryFromEvent(const Event& event);    // REQUIRES: kWeb
AppQuery AppQueryFromEvent(const Event& event);    // REQUIRES: kApp

}  // namespace wuzha::intercept
