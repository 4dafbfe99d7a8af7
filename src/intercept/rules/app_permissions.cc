// app.permissions: combinations of Android permissions that fraud apps need and ordinary
// apps rarely ask for together — seeing or covering the screen while reading SMS (the
// verification codes of a remote-controlled account), harvesting contacts, SMS and call
// log (spy loans), installing more APKs with an overlay (droppers), intercepting outgoing
// calls (a call to 110 or the bank rerouted to the gang), NFC on a sideloaded app
// (NGate-style card relay), and system-only permissions no store app can be granted
// (copied templates). Each combination is one finding; an APK from outside an app store
// (AppSource kSideload, kLink) raises each combination's score.
//
// A permission matches as "android.permission.X" or as the bare "X"; a vendor's
// "com.foo.permission.READ_SMS" does not.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/fraud_type.h"
#include "intercept/rules/factories.h"

namespace wuzha::intercept {
namespace {

enum Perm : uint32_t {
  kReadSms = 1u << 0,
  kReceiveSms = 1u << 1,
  kOverlay = 1u << 2,        // SYSTEM_ALERT_WINDOW
  kAccessibility = 1u << 3,  // BIND_ACCESSIBILITY_SERVICE
  kScreenCapture = 1u << 4,  // media projection, frame buffer, video capture
  kNotifications = 1u << 5,  // BIND_NOTIFICATION_LISTENER_SERVICE: reads SMS codes too
  kReadContacts = 1u << 6,
  kReadCallLog = 1u << 7,
  kWriteCallLog = 1u << 8,
  kOutgoingCalls = 1u << 9,  // PROCESS_OUTGOING_CALLS
  kAnswerCalls = 1u << 10,
  kRequestInstall = 1u << 11,
  kNfc = 1u << 12,
  kSystemOnly = 1u << 13,  // signature|privileged: never granted to a store app
};

struct PermName {
  std::string_view name;  // without "android.permission."
  uint32_t bits;
};

constexpr PermName kPerms[] = {
    {"READ_SMS", kReadSms},
    {"RECEIVE_SMS", kReceiveSms},
    {"SYSTEM_ALERT_WINDOW", kOverlay},
    {"BIND_ACCESSIBILITY_SERVICE", kAccessibility},
    {"FOREGROUND_SERVICE_MEDIA_PROJECTION", kScreenCapture},
    {"CAPTURE_VIDEO_OUTPUT", kScreenCapture | kSystemOnly},
    {"CAPTURE_SECURE_VIDEO_OUTPUT", kScreenCapture | kSystemOnly},
    {"READ_FRAME_BUFFER", kScreenCapture | kSystemOnly},
    {"ACCESS_SURFACE_FLINGER", kScreenCapture | kSystemOnly},
    {"BIND_NOTIFICATION_LISTENER_SERVICE", kNotifications},
    {"READ_CONTACTS", kReadContacts},
    {"READ_CALL_LOG", kReadCallLog},
    {"WRITE_CALL_LOG", kWriteCallLog},
    {"PROCESS_OUTGOING_CALLS", kOutgoingCalls},
    {"ANSWER_PHONE_CALLS", kAnswerCalls},
    {"REQUEST_INSTALL_PACKAGES", kRequestInstall},
    {"NFC", kNfc},
    {"WRITE_SECURE_SETTINGS", kSystemOnly},
    {"READ_PRIVILEGED_PHONE_STATE", kSystemOnly},
    {"CAPTURE_AUDIO_OUTPUT", kSystemOnly},
    {"CALL_PRIVILEGED", kSystemOnly},
    {"MODIFY_PHONE_STATE", kSystemOnly},
    {"DELETE_PACKAGES", kSystemOnly},
};

constexpr std::string_view kAndroidPrefix = "android.permission.";

constexpr uint32_t kSeesScreen = kOverlay | kAccessibility | kScreenCapture;
constexpr uint32_t kReadsCodes = kReadSms | kReceiveSms | kNotifications;

// How a combination's score reacts to an APK from outside an app store.
enum class Outside : uint8_t { kRaises, kRequired, kIgnored };

// One dangerous combination: at least one permission of every non-zero group.
struct Combination {
  uint32_t groups[3];
  Outside outside;
  double score;
  std::string_view what;
  std::optional<FraudType> fraud_type;
};

constexpr Combination kCombinations[] = {
    {{kSeesScreen, kReadsCodes, 0},
     Outside::kRaises,
     0.7,
     "sees or covers the screen and reads SMS codes",
     std::nullopt},
    {{kReadContacts, kReadSms, kReadCallLog},
     Outside::kRaises,
     0.6,
     "harvests contacts, SMS and call log",
     FraudType::kFakeLoan},
    {{kOutgoingCalls, kReadCallLog | kWriteCallLog | kAnswerCalls, 0},
     Outside::kRaises,
     0.6,
     "intercepts outgoing calls and touches the call log",
     FraudType::kFakePolice},
    {{kRequestInstall, kOverlay, 0},
     Outside::kRaises,
     0.45,
     "installs other APKs and draws overlays",
     std::nullopt},
    {{kNfc, 0, 0},
     Outside::kRequired,
     0.5,
     "NFC in an APK from outside an app store (card relay)",
     std::nullopt},
    // Not NFC with an overlay: WeChat and wallets hold both.
    {{kNfc, kReadsCodes, 0},
     Outside::kRaises,
     0.5,
     "NFC with SMS reading (card relay)",
     std::nullopt},
    // A copied template rather than a capability: where it came from changes nothing.
    {{kSystemOnly, 0, 0},
     Outside::kIgnored,
     0.25,
     "asks for system-only permissions a store app never gets",
     std::nullopt},
};

constexpr double kOutsideStoreBonus = 0.2;
constexpr double kMaxScore = 0.95;

uint32_t BitsOf(std::string_view permission) {
  if (permission.substr(0, kAndroidPrefix.size()) == kAndroidPrefix) {
    permission.remove_prefix(kAndroidPrefix.size());
  } else if (permission.find('.') != std::string_view::npos) {
    return 0;  // another namespace's permission
  }
  for (const PermName& p : kPerms) {
    if (p.name == permission) return p.bits;
  }
  return 0;
}

// The names (without the android prefix) of the given permissions that carry `bits`.
std::string NamesWith(const std::vector<std::string>& permissions, uint32_t bits) {
  std::string names;
  std::vector<std::string_view> seen;  // "READ_SMS" and "android.permission.READ_SMS" once
  for (const std::string& p : permissions) {
    if ((BitsOf(p) & bits) == 0) continue;
    std::string_view shown = p;
    if (shown.substr(0, kAndroidPrefix.size()) == kAndroidPrefix) {
      shown.remove_prefix(kAndroidPrefix.size());
    }
    if (std::find(seen.begin(), seen.end(), shown) != seen.end()) continue;
    seen.push_back(shown);
    if (!names.empty()) names += '+';
    names += shown;
  }
  return names;
}

class AppPermissionsRule final : public AppRule {
 public:
  std::string_view name() const override { return "app.permissions"; }
  std::string_view description() const override {
    return "dangerous permission combinations (screen + SMS, contacts + SMS + call log, call "
           "interception, dropper + overlay, NFC relay, system-only); sideloading raises them";
  }
  void Evaluate(const AppInput& in, const CheckContext&, Findings& out) const override {
    uint32_t held = 0;
    for (const std::string& p : in.query.permissions) held |= BitsOf(p);
    if (held == 0) return;
    const bool outside_store =
        in.query.source == AppSource::kSideload || in.query.source == AppSource::kLink;
    for (const Combination& c : kCombinations) {
      uint32_t shown = 0;
      bool all = true;
      for (uint32_t group : c.groups) {
        if (group == 0) continue;
        all = all && (held & group) != 0;
        shown |= group;
      }
      if (!all || (c.outside == Outside::kRequired && !outside_store)) continue;
      Finding f;
      f.rule = name();
      f.score = c.score;
      if (outside_store && c.outside == Outside::kRaises) {
        f.score = std::min(kMaxScore, c.score + kOutsideStoreBonus);
      }
      if (c.fraud_type) f.fraud_type = std::string(FraudTypeName(*c.fraud_type));
      f.detail = std::string(c.what) + ": " + NamesWith(in.query.permissions, shown);
      if (outside_store) f.detail += " (installed from outside an app store)";
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<AppRule> NewAppPermissionsRule(const Resources&) {
  return std::make_unique<AppPermissionsRule>();
}

}  // namespace wuzha::intercept
