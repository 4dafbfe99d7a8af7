// Reading an APK's manifest as `aapt dump badging` prints it (`aapt` or `aapt2 dump
// badging app.apk`), into the AppQuery the app rules check: the package name, the label
// shown under the icon and the permissions the app asks for. The hashes (file and
// signing certificate) are not in that output: the caller adds them. Used by
// `wuzha check app --manifest FILE` and by the tests on real scam APKs.
//
// Lines read (any others are ignored, as are blank lines and a trailing '\r'):
//   package: name='com.example' versionCode='1' ...        (required)
//   uses-permission: name='android.permission.READ_SMS' [maxSdkVersion='..']
//   uses-permission-sdk-23: name='...'
//   application-label:'支付宝'          the default label
//   application-label-zh-CN:'支付宝'    a localized label (zh-CN, zh, zh-* used in order)
//   application: label='支付宝' icon='...'
//   launchable-activity: name='...'  label='...' icon=''
// The label is the default application-label, else the zh-CN, zh, or another zh-*
// one, else the application: line's, else the launchable activity's. Values are
// single-quoted; "\'" and "\\" inside them are unescaped. Permissions are kept in
// order, each once. Pure functions: thread safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "intercept/query.h"

namespace wuzha::intercept {

// The AppQuery (package, label, permissions; source kUnknown, no hashes, time 0) of
// `text`, the output of `aapt dump badging`. Never fails on unknown or malformed lines
// other than the package line. kInvalidArgument when there is no "package:" line
// ("no \"package: name='...'\" line (12 lines read); line 1 is ..."), or when it has no
// name='...' ("line N: package line without name='...': ...").
Result<AppQuery> ParseAaptBadging(std::string_view text);

// ParseAaptBadging of the file at `path`; errors are prefixed with the path.
// kNotFound when it cannot be opened, kIoError when reading fails.
Result<AppQuery> ReadAaptBadgingFile(const std::string& path);

}  // namespace wuzha::intercept
