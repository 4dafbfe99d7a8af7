#include "core/phone.h"

#include <array>

namespace wuzha {
namespace {

// The longest number: "0086" and a 20-digit 106 SMS gateway port, which must also read
// back from its E.164 form "86" + 20 digits.
constexpr size_t kMaxDigits = 24;

// Strips separators and maps full-width digits; keeps a leading '+' as a flag.
// Returns false on any other character.
bool CollectDigits(std::string_view text, std::array<char, kMaxDigits>& digits, size_t& n,
                   bool& plus) {
  n = 0;
  plus = false;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    char digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<char>(c);
      ++i;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\t') {
      ++i;
      continue;
    } else if (c == '+') {
      if (n != 0 || plus) return false;
      plus = true;
      ++i;
      continue;
    } else if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC &&
               static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
               static_cast<unsigned char>(text[i + 2]) <= 0x99) {
      // U+FF10..U+FF19 full-width digits: EF BC 90..99.
      digit = static_cast<char>('0' + (static_cast<unsigned char>(text[i + 2]) - 0x90));
      i += 3;
    } else if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC &&
               static_cast<unsigned char>(text[i + 2]) == 0x8B) {
      if (n != 0 || plus) return false;  // U+FF0B full-width plus.
      plus = true;
      i += 3;
      continue;
    } else {
      return false;
    }
    if (n == kMaxDigits) return false;
    digits[n++] = digit;
  }
  return true;
}

bool IsVirtualPrefix(std::string_view m) {
  return m.starts_with("170") || m.starts_with("171") || m.starts_with("162") ||
         m.starts_with("165") || m.starts_with("167");
}

// Length of the area code at the start of a national number without its trunk '0':
// 2 digits for 10 and 20-29 (Beijing, Guangzhou, Shanghai, Wuhan ...), else 3 digits
// for codes starting 3-9. Returns 0 when it cannot be an area code.
size_t AreaCodeLength(std::string_view national) {
  if (national.size() < 2) return 0;
  char a = national[0], b = national[1];
  if (a == '1') return b == '0' ? 2 : 0;
  if (a == '2') return 2;
  // 400 and 800 are national service prefixes, no area codes: "0800 965 1194" would
  // otherwise be a landline that reads back as the 800 number.
  if (national.starts_with("400") || national.starts_with("800")) return 0;
  if (a >= '3' && a <= '9') return 3;
  return 0;
}

bool IsServiceNumber(std::string_view n) {
  // 95xxx / 96xxx (5 or 6 digits), 100xx / 101xx, 12xxx (5 digits), 400 / 800 (10 digits).
  if ((n.starts_with("95") || n.starts_with("96")) && (n.size() == 5 || n.size() == 6)) return true;
  if ((n.starts_with("100") || n.starts_with("101")) && n.size() == 5) return true;
  if (n.starts_with("12") && n.size() == 5) return true;
  // 106xx SMS gateway ports: 8 to 20 digits.
  if (n.starts_with("106") && n.size() >= 8 && n.size() <= 20) return true;
  if ((n.starts_with("400") || n.starts_with("800")) && n.size() == 10) return true;
  return false;
}

// After the country code, "10" and an 8-digit subscriber number is a Beijing landline,
// although "106..." also reads as an SMS gateway port: "+86 10 6512 2255" is how Beijing
// numbers are written for foreigners. The E.164 digits are the same either way.
bool IsBeijingLandline(std::string_view n) {
  return n.size() == 10 && n[0] == '1' && n[1] == '0' && n[2] >= '2' && n[2] <= '9';
}

bool IsEmergency(std::string_view n) {
  return n == "110" || n == "119" || n == "120" || n == "122";
}

// Three-digit service numbers that are not emergencies (114 directory enquiries).
bool IsShortService(std::string_view n) { return n == "114" || n == "117" || n == "121"; }

// Classifies a Chinese national number (no country code, no trunk 0 for landlines
// unless `had_trunk`) and writes "86..." into out.
Result<PhoneKind> ClassifyNational(std::string_view n, bool had_trunk, std::string& out) {
  out.assign("86");
  if (!had_trunk) {
    if (IsEmergency(n)) {
      out.append(n);
      return PhoneKind::kEmergency;
    }
    if (IsServiceNumber(n) || IsShortService(n)) {
      out.append(n);
      return PhoneKind::kService;
    }
    if (n.size() >= 1 && n[0] == '1' && !(n.size() >= 2 && n[1] == '0')) {
      if (n.size() != 11) {
        return InvalidArgumentError("a mobile number has 11 digits, got " +
                                    std::to_string(n.size()));
      }
      if (n[1] < '3') return InvalidArgumentError("no mobile range starts with 1" + std::string(1, n[1]));
      out.append(n);
      return IsVirtualPrefix(n) ? PhoneKind::kVirtualMobile : PhoneKind::kMobile;
    }
  }
  size_t area = AreaCodeLength(n);
  if (area == 0) {
    return InvalidArgumentError("not a Chinese mobile, landline or service number: " +
                                std::string(n));
  }
  size_t subscriber = n.size() - area;
  // Cities with a two-digit area code (Beijing 010, Shanghai 021, Wuhan 027 ...) have
  // 8-digit numbers only; a 7-digit one after 10 would read back as a 106 SMS port.
  const size_t min_subscriber = area == 2 ? 8 : 7;
  if (subscriber < min_subscriber || subscriber > 8) {
    return InvalidArgumentError(std::string("a landline has ") + (area == 2 ? "8" : "7 or 8") +
                                " digits after area code 0" + std::string(n.substr(0, area)) +
                                ", got " + std::to_string(subscriber));
  }
  char first = n[area];
  if (first == '0' || first == '1') {
    return InvalidArgumentError("a landline subscriber number cannot start with " +
                                std::string(1, first));
  }
  out.append(n);
  return PhoneKind::kLandline;
}

}  // namespace

std::string_view PhoneKindName(PhoneKind kind) {
  switch (kind) {
    case PhoneKind::kMobile: return "mobile";
    case PhoneKind::kVirtualMobile: return "virtual_mobile";
    case PhoneKind::kLandline: return "landline";
    case PhoneKind::kService: return "service";
    case PhoneKind::kEmergency: return "emergency";
    case PhoneKind::kInternational: return "international";
  }
  return "unknown";
}

Result<PhoneKind> NormalizePhoneInto(std::string_view text, std::string& out) {
  std::array<char, kMaxDigits> buf;
  size_t n;
  bool plus;
  if (!CollectDigits(text, buf, n, plus)) {
    return InvalidArgumentError("phone number has characters other than digits and separators");
  }
  if (n < 3) return InvalidArgumentError("phone number has too few digits");
  std::string_view d(buf.data(), n);

  // International form: +CC..., 00CC...
  bool international = plus;
  if (!plus && d.starts_with("00")) {
    international = true;
    d.remove_prefix(2);
  }
  if (international) {
    if (d.starts_with("86")) {
      d.remove_prefix(2);
      bool trunk = d.starts_with("0");  // "+86 027 ..." is wrong but common: tolerate it.
      if (trunk) d.remove_prefix(1);
      return ClassifyNational(d, trunk || IsBeijingLandline(d), out);
    }
    if (d.size() < 7 || d.size() > 15 || d[0] == '0') {
      return InvalidArgumentError("not a valid international number");
    }
    out.assign(d);
    return PhoneKind::kInternational;
  }
  // "86" + national number written without '+': a mobile (13 digits), a landline with or
  // without its trunk 0, or a service number. This is also the canonical form we write,
  // so normalization is idempotent. No Chinese area code starts with 86: unambiguous.
  if (d.starts_with("86") && d.size() >= 5) {
    std::string_view national = d.substr(2);
    if (IsBeijingLandline(national)) return ClassifyNational(national, true, out);
    if (national.starts_with("0")) return ClassifyNational(national.substr(1), true, out);
    bool landline = national.size() >= 9 && national.size() <= 10 &&
                    AreaCodeLength(national) != 0 && national[0] != '1';
    if (d.size() == 13 || landline || IsServiceNumber(national) || IsEmergency(national) ||
        IsShortService(national)) {
      return ClassifyNational(national, false, out);
    }
  }
  if (d.starts_with("0")) return ClassifyNational(d.substr(1), true, out);
  return ClassifyNational(d, false, out);
}

std::string PhoneToText(std::string_view e164) {
  std::string out;
  if (!e164.starts_with("86")) out.push_back('+');
  out.append(e164);
  return out;
}

Result<PhoneNumber> NormalizePhone(std::string_view text) {
  PhoneNumber p;
  WUZHA_ASSIGN_OR_RETURN(p.kind, NormalizePhoneInto(text, p.e164));
  return p;
}

}  // namespace wuzha
