// app.package_shape: package names no store app has. Scam APKs are built by the dozen
// from web-page wrappers and generators: DCloud's HBuilder / uni-app keep their default
// package ("plus.H5631BFFD", "uni.UNI3A4F2B1"), generators pick random letters
// ("kgjaexqis.jbzblzazyg.agmohigtwd", "zpt1n.t8wf9.za5g8"). Honest apps are built the
// same way too, and Chinese companies abbreviate pinyin ("com.zxdkkj"), so the score is
// low: it only adds to another finding — except outside an app store (a sideloaded APK or
// one from a link), where such a package warns: stores vet the uploader, a link does not,
// and an honest company that ships outside the stores names its package after itself.
//
// A segment looks random when it has at least 5 characters and fewer than a quarter of
// its letters are vowels, or a run of 5 consonants, or letters and digits alternating
// three times ("t8wf9"), or case changing inside it twice ("CHwEaIFCx"). The name is random
// when two segments look random.
#include <algorithm>
#include <string>

#include "intercept/rules/factories.h"

namespace wuzha::intercept {
namespace {

constexpr double kWrapperScore = 0.3;
constexpr double kRandomScore = 0.25;
constexpr double kOutsideStoreBonus = 0.3;  // 0.55 / 0.6: warn

bool IsVowel(char c) {
  switch (c | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u': return true;
    default: return false;
  }
}
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

bool LooksRandom(std::string_view segment) {
  if (segment.size() < 5) return false;
  int letters = 0, vowels = 0, run = 0, longest_run = 0, digit_switches = 0, case_switches = 0;
  for (size_t i = 0; i < segment.size(); ++i) {
    const char c = segment[i];
    if (IsLetter(c)) {
      ++letters;
      if (IsVowel(c)) {
        ++vowels;
        run = 0;
      } else {
        longest_run = std::max(longest_run, ++run);
      }
    } else {
      run = 0;
    }
    if (i == 0) continue;
    const char prev = segment[i - 1];
    if ((IsDigit(prev) && IsLetter(c)) || (IsLetter(prev) && IsDigit(c))) ++digit_switches;
    if (IsLetter(prev) && IsLetter(c) && !IsUpper(prev) && IsUpper(c)) ++case_switches;
  }
  if (letters >= 5 && vowels * 4 < letters) return true;
  return longest_run >= 5 || digit_switches >= 3 || case_switches >= 2;
}

// "plus.H" + 7 or 8 upper-case hex digits: HBuilder's default package.
bool IsDcloudDefault(std::string_view package) {
  constexpr std::string_view kPrefix = "plus.H";
  if (package.substr(0, kPrefix.size()) != kPrefix) return false;
  const std::string_view id = package.substr(kPrefix.size());
  if (id.size() < 7 || id.size() > 8) return false;
  for (char c : id) {
    if (!IsDigit(c) && !(c >= 'A' && c <= 'F')) return false;
  }
  return true;
}

// "uni.<one segment>": uni-app's default package.
bool IsUniAppDefault(std::string_view package) {
  constexpr std::string_view kPrefix = "uni.";
  return package.substr(0, kPrefix.size()) == kPrefix && package.size() > kPrefix.size() &&
         package.find('.', kPrefix.size()) == std::string_view::npos;
}

// Two random-looking segments: one alone is often an abbreviation ("cgbchina", "ctrip").
bool IsRandomName(std::string_view package) {
  int random_segments = 0;
  while (!package.empty()) {
    const size_t dot = package.find('.');
    if (LooksRandom(package.substr(0, dot))) ++random_segments;
    if (dot == std::string_view::npos) break;
    package.remove_prefix(dot + 1);
  }
  return random_segments >= 2;
}

class AppPackageShapeRule final : public AppRule {
 public:
  std::string_view name() const override { return "app.package_shape"; }
  std::string_view description() const override {
    return "package name of a web-page wrapper's default (plus.H..., uni....) or random letters";
  }
  void Evaluate(const AppInput& in, const CheckContext&, Findings& out) const override {
    if (in.package.empty()) return;
    Finding f;
    f.rule = name();
    if (IsDcloudDefault(in.package) || IsUniAppDefault(in.package)) {
      f.score = kWrapperScore;
      f.detail = "package " + std::string(in.package) +
                 " is a DCloud HBuilder/uni-app default: a web page wrapped as an APK";
    } else if (IsRandomName(in.package)) {
      f.score = kRandomScore;
      f.detail = "package " + std::string(in.package) + " looks randomly generated";
    } else {
      return;
    }
    if (in.query.source == AppSource::kSideload || in.query.source == AppSource::kLink) {
      f.score += kOutsideStoreBonus;
      f.detail += in.query.source == AppSource::kLink ? ", installed from a link" : ", sideloaded";
    }
    out.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<AppRule> NewAppPackageShapeRule(const Resources&) {
  return std::make_unique<AppPackageShapeRule>();
}

}  // namespace wuzha::intercept
