// The canonical events that flow through wuzha: what a carrier CDR, an SMS gateway, a
// DNS/web log, an app store, a bank's transfer and account records, and the police's
// reports and feedback carry. Every source (files, HTTP, NATS, the simulator) produces
// these; every module consumes them. Formats are documented in docs/formats.md and
// described field by field by core/event_schema.h.
//
// Conventions: phone numbers are E.164 digits ("8613800138000"), money is fen, time is
// epoch milliseconds UTC. An Event is a plain value; parsers reuse one Event per thread
// so that steady-state parsing does not allocate.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/money.h"
#include "core/timestamp.h"

namespace wuzha {

enum class EventType : uint8_t {
  kCall,
  kSms,
  kWeb,
  kApp,
  kTransfer,
  kAccountOpen,
  kSimOpen,
  kReport,
  kFeedback,
};
inline constexpr int kEventTypeCount = 9;

// "call", "sms", "web", "app", "transfer", "account_open", "sim_open", "report", "feedback".
std::string_view EventTypeName(EventType type);
// Inverse of EventTypeName; false when `name` is not an event type.
bool ParseEventType(std::string_view name, EventType& out);

// Ground truth, present on simulator output and on labelled files a user brings.
// Detectors must never read it; evaluation does.
struct Label {
  bool fraud = false;
  std::string fraud_type;  // e.g. "刷单返利", "冒充客服" (docs/formats.md lists them)
  std::string gang;        // gang id
  std::string campaign;    // campaign id
  std::string role;        // caller, mule, financier, victim, ...
  std::string victim;      // person id of the victim this event is part of
};

// Voice call: a carrier CDR.
struct CallEvent {
  std::string caller;       // E.164
  std::string callee;       // E.164
  int64_t duration_s = 0;   // talk time; 0 when not answered
  bool answered = false;
  std::string caller_cell;  // cell id where the caller was
  std::string callee_cell;
  std::string caller_imei;  // device of the caller
};

struct SmsEvent {
  std::string sender;    // E.164, may be a 95xxx / 106xx service number
  std::string receiver;  // E.164
  std::string text;      // UTF-8 body as received, before normalization
  std::string sender_cell;
  std::string sender_imei;
};

// A web or DNS visit by a subscriber.
struct WebEvent {
  std::string phone;   // subscriber
  std::string url;     // as visited; may be a bare host for DNS logs
  std::string domain;  // host, lower case; derived from url when absent
  std::string ip;      // server address, if known
  std::string cell;
  std::string device;
};

enum class AppAction : uint8_t { kInstall, kOpen, kUninstall };
enum class AppSource : uint8_t { kUnknown, kStore, kSideload, kLink };

struct AppEvent {
  std::string phone;
  std::string package;  // e.g. com.example.app
  std::string app_name;
  std::string cert_sha256;  // signing certificate hash, hex
  std::string file_sha256;  // APK hash, hex
  AppAction action = AppAction::kInstall;
  AppSource source = AppSource::kUnknown;
  std::string device;
};

enum class Channel : uint8_t { kMobile, kOnline, kAtm, kCounter, kPos, kThirdParty };
// What the bank did with it: a held or blocked transfer moved no money.
enum class TransferStatus : uint8_t { kCompleted, kHeld, kBlocked };

// A bank transfer or withdrawal. A cash withdrawal has to_account empty and channel atm
// or counter.
struct TransferEvent {
  std::string from_account;
  std::string to_account;
  Money amount;
  Channel channel = Channel::kMobile;
  std::string from_bank;
  std::string to_bank;
  std::string from_name;  // personal data: masked on output unless allowed
  std::string to_name;
  std::string payer_phone;  // E.164 phone bound to the payer's account
  std::string device;
  std::string ip;
  std::string outlet;  // ATM or branch id for cash and counter transfers
  std::string memo;
  TransferStatus status = TransferStatus::kCompleted;
};

// A bank account opened at an outlet (网点).
struct AccountOpenEvent {
  std::string account;
  std::string person_id;  // 18-digit resident ID number
  std::string name;
  std::string phone;
  std::string bank;
  std::string outlet;
  std::string account_type;  // debit, credit, corporate ...
};

// A phone number (SIM) opened at a carrier outlet.
struct SimOpenEvent {
  std::string phone;
  std::string person_id;
  std::string name;
  std::string carrier;
  std::string outlet;
  std::string iccid;
};

// A victim's report to police (警情).
struct ReportEvent {
  std::string person_id;
  std::string phone;
  std::string account;  // the victim's account the money left from
  std::string fraud_type;
  Money loss;
  Timestamp fraud_ts;  // when the loss happened, if known (0 = unknown)
  std::string community;
  std::string station;  // receiving police station
};

enum class FeedbackOutcome : uint8_t {
  kDissuaded,
  kNotReached,
  kAlreadyLost,
  kFalseAlarm,
  kRefused,
  kInProgress,
};

// An officer's feedback on a warning (劝阻反馈).
struct FeedbackEvent {
  std::string warning_id;
  std::string officer_id;
  FeedbackOutcome outcome = FeedbackOutcome::kInProgress;
  std::string note;
};

using EventBody = std::variant<CallEvent, SmsEvent, WebEvent, AppEvent, TransferEvent,
                               AccountOpenEvent, SimOpenEvent, ReportEvent, FeedbackEvent>;

struct Event {
  EventType type = EventType::kCall;
  std::string id;  // the source's record id, if any
  Timestamp ts;
  bool has_label = false;
  Label label;
  EventBody body;
  // Set by ingest: position in the input order, used to break ties in event time so
  // that processing is deterministic.
  uint64_t seq = 0;

  // Resets to an empty event of `t`, keeping string capacity when the type is unchanged.
  void Reset(EventType t);

  template <typename T>
  T& as() { return std::get<T>(body); }
  template <typename T>
  const T& as() const { return std::get<T>(body); }
};

// The key an event is partitioned by: the entity whose behaviour it describes (the
// caller of a call, the sender of an SMS, the payer's account of a transfer ...).
std::string_view SubjectKey(const Event& e);

}  // namespace wuzha
