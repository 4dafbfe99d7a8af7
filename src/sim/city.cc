#include "sim/city.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include "core/event_schema.h"
#include "sim/internal/city_builder.h"
#include "sim/internal/derive.h"
#include "sim/internal/names.h"
#include "sim/internal/tables.h"

namespace wuzha::sim {
namespace {

// Salts of the derived-string streams, so that a name never shares draws with an ID.
constexpr uint64_t kResidentNameSalt = 0x6e616d65;  // "name"
constexpr uint64_t kStaffNameSalt = 0x73746166;     // "staf"
constexpr uint64_t kAccountSalt = 0x61636374;       // "acct"

void AppendPadded(std::string& out, uint64_t value, int width) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%0*llu", width, static_cast<unsigned long long>(value));
  out.append(buf);
}

char LuhnCheckDigit(std::string_view digits) {
  int sum = 0;
  bool twice = true;  // the digit left of the check digit is doubled
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// A buffered CSV file: rows are appended to a string and flushed every megabyte, so a
// Wuhan-scale residents.csv never lives in memory.
class CsvFile {
 public:
  explicit CsvFile(std::string path)
      : path_(std::move(path)), file_(std::fopen(path_.c_str(), "wb")) {}
  ~CsvFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;

  bool ok() const { return file_ != nullptr && !failed_; }
  std::string& row() { return buffer_; }
  void Field(std::string_view value) {
    if (!at_row_start_) buffer_.push_back(',');
    at_row_start_ = false;
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
      buffer_.append(value);
      return;
    }
    buffer_.push_back('"');
    for (char c : value) {
      if (c == '"') buffer_.push_back('"');
      buffer_.push_back(c);
    }
    buffer_.push_back('"');
  }
  void Field(uint64_t value) { Field(std::string_view(std::to_string(value))); }
  void Field(int64_t value) { Field(std::string_view(std::to_string(value))); }
  void EndRow() {
    buffer_.push_back('\n');
    at_row_start_ = true;
    if (buffer_.size() >= (1u << 20)) Flush();
  }
  Status Close() {
    Flush();
    if (file_ == nullptr) return IoError(path_ + ": cannot open for writing");
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (failed_ || !closed) return IoError(path_ + ": write failed");
    return Status::Ok();
  }

 private:
  void Flush() {
    if (file_ != nullptr && !buffer_.empty() &&
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      failed_ = true;
    }
    buffer_.clear();
  }
  std::string path_;
  std::FILE* file_;
  std::string buffer_;
  bool at_row_start_ = true;
  bool failed_ = false;
};

void Header(CsvFile& f, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) f.Field(n);
  f.EndRow();
}

}  // namespace

std::string_view OrgLevelName(OrgLevel level) {
  switch (level) {
    case OrgLevel::kCity: return "city";
    case OrgLevel::kBranch: return "branch";
    case OrgLevel::kStation: return "station";
    case OrgLevel::kCommunity: return "community";
  }
  return "unknown";
}

std::string_view StaffRoleName(StaffRole role) {
  return role == StaffRole::kOfficer ? "officer" : "grid_worker";
}

std::string_view SexName(Sex sex) { return sex == Sex::kMale ? "male" : "female"; }

std::string_view OccupationName(Occupation occupation) {
  switch (occupation) {
    case Occupation::kStudent: return "student";
    case Occupation::kEmployee: return "employee";
    case Occupation::kSelfEmployed: return "self_employed";
    case Occupation::kJobSeeker: return "job_seeker";
    case Occupation::kRetired: return "retired";
    case Occupation::kFarmer: return "farmer";
    case Occupation::kChild: return "child";
  }
  return "unknown";
}

std::string_view RiskProfileName(RiskProfile risk) {
  switch (risk) {
    case RiskProfile::kGeneral: return "general";
    case RiskProfile::kElderly: return "elderly";
    case RiskProfile::kStudent: return "student";
    case RiskProfile::kJobSeeker: return "job_seeker";
    case RiskProfile::kInvestor: return "investor";
  }
  return "unknown";
}

std::string_view CarrierName(Carrier carrier) {
  switch (carrier) {
    case Carrier::kChinaMobile: return "china_mobile";
    case Carrier::kChinaUnicom: return "china_unicom";
    case Carrier::kChinaTelecom: return "china_telecom";
    case Carrier::kVirtual: return "virtual";
  }
  return "unknown";
}

std::string_view CarrierCode(Carrier carrier) {
  switch (carrier) {
    case Carrier::kChinaMobile: return "CMCC";
    case Carrier::kChinaUnicom: return "CUCC";
    case Carrier::kChinaTelecom: return "CTCC";
    case Carrier::kVirtual: return "MVNO";
  }
  return "UNKNOWN";
}

std::string_view OutletKindName(OutletKind kind) {
  return kind == OutletKind::kBank ? "bank" : "carrier";
}

Result<City> City::Build(const CityOptions& options) {
  return internal::CityBuilder(options).Build();
}

std::string City::ResidentName(uint32_t resident) const {
  const Resident& r = residents_[resident];
  Rng rng(internal::Mix64(options_.seed ^ kResidentNameSalt, resident));
  std::string name;
  internal::AppendChineseName(rng, r.sex, r.age, name);
  return name;
}

std::string City::PersonId(uint32_t resident) const {
  const Resident& r = residents_[resident];
  const int64_t local_days =
      (options_.start.millis() + Timestamp::kShanghaiOffsetMs) / (24LL * 3600 * 1000);
  const internal::CivilDate today = internal::CivilFromDays(local_days);
  const int today_doy = internal::DayOfYearNoLeap(today.month, today.day);
  // `age` full years today: born this many years ago, one more if the birthday is still
  // to come this year.
  const int year = today.year - r.age - (r.birth_day_of_year > today_doy ? 1 : 0);
  const internal::CivilDate birth = internal::MonthDayNoLeap(year, r.birth_day_of_year);
  std::string id = org_units_[r.community].code.substr(0, 6);
  AppendPadded(id, static_cast<uint64_t>(birth.year), 4);
  AppendPadded(id, static_cast<uint64_t>(birth.month), 2);
  AppendPadded(id, static_cast<uint64_t>(birth.day), 2);
  AppendPadded(id, r.id_sequence, 3);
  id.push_back(PersonIdCheckChar(id));
  return id;
}

std::string City::PhoneNumber(uint32_t phone) const {
  const Phone& p = phones_[phone];
  std::string number = "86" + number_ranges_[p.range].prefix;
  AppendPadded(number, p.serial, 4);
  return number;
}

uint32_t City::SparePhoneCount(uint32_t range) const {
  return internal::kNumbersPerRange - range_serials_[range].issued;
}

std::string City::SparePhoneNumber(uint32_t range, uint32_t k) const {
  const RangeSerials& r = range_serials_[range];
  const internal::DigitPermutation perm{internal::kNumbersPerRange, r.multiplier, r.offset};
  std::string number = "86" + number_ranges_[range].prefix;
  AppendPadded(number, perm(r.issued + k), 4);
  return number;
}

std::string City::SpareAccountNumber(uint8_t bank, uint32_t k) const {
  Account a{};
  a.bank = bank;
  a.serial = accounts_of_bank_[bank] + k;
  return AccountNumberOf(a);
}

std::string City::AccountNumber(uint32_t account) const {
  return AccountNumberOf(accounts_[account]);
}

std::string City::AccountNumberOf(const Account& a) const {
  const Bank& bank = banks_[a.bank];
  const int digits = bank.card_length - static_cast<int>(bank.bin.size()) - 1;
  uint64_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  // Serials are dense per bank; a per-bank bijection scatters them over the digit space.
  const auto perm = internal::DigitPermutation::ForPowerOfTen(
      modulus, internal::Mix64(options_.seed ^ kAccountSalt, a.bank));
  std::string number = bank.bin;
  AppendPadded(number, perm(a.serial), digits);
  number.push_back(LuhnCheckDigit(number));
  return number;
}

std::string City::CellId(uint32_t cell) const {
  std::string id = "WH-";
  AppendPadded(id, cell, 5);
  return id;
}

std::string City::OutletCode(uint32_t outlet) const {
  const Outlet& o = outlets_[outlet];
  std::string code(o.kind == OutletKind::kBank ? std::string_view(banks_[o.institution].code)
                                               : CarrierCode(static_cast<Carrier>(o.institution)));
  code += '-';
  code += org_units_[o.community].code.substr(0, 6);
  code += '-';
  AppendPadded(code, o.number, 2);
  return code;
}

std::string City::StaffCode(uint32_t staff) const {
  std::string code = staff_[staff].role == StaffRole::kOfficer ? "P-" : "G-";
  AppendPadded(code, staff, 5);
  return code;
}

std::string City::StaffName(uint32_t staff) const {
  Rng rng(internal::Mix64(options_.seed ^ kStaffNameSalt, staff));
  const Sex sex =
      rng.Chance(staff_[staff].role == StaffRole::kOfficer ? 0.8 : 0.4) ? Sex::kMale : Sex::kFemale;
  std::string name;
  internal::AppendChineseName(rng, sex, static_cast<int>(rng.Range(25, 55)), name);
  return name;
}

Status City::WriteTo(const std::string& dir) const {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError(dir + ": cannot create directory: " + ec.message());
  const std::string base = dir + "/";
  {
    CsvFile f(base + "org_units.csv");
    Header(f, {"index", "parent", "level", "code", "name"});
    for (uint32_t i = 0; i < org_units_.size(); ++i) {
      const OrgUnit& u = org_units_[i];
      f.Field(uint64_t{i});
      f.Field(uint64_t{u.parent});
      f.Field(OrgLevelName(u.level));
      f.Field(u.code);
      f.Field(u.name);
      f.EndRow();
    }
    WUZHA_RETURN_IF_ERROR(f.Close());
  }
  {
    CsvFile f(base + "staff.csv");
    Header(f, {"index", "code", "name", "role", "unit"});
    for (uint32_t i = 0; i < staff_.size(); ++i) {
      f.Field(uint64_t{i});
      f.Field(StaffCode(i));
      f.Field(StaffName(i));
      f.Field(StaffRoleName(staff_[i].role));
      f.Field(org_units_[staff_[i].unit].code);
      f.EndRow();
    }
    WUZHA_RETURN_IF_ERROR(f.Close());
  }
  {
    CsvFile f(base + "residents.csv");
    Header(f, {"index", "person_id", "name", "sex", "age", "occupation", "risk", "community",
               "home_cell"});
    for (uint32_t i = 0; i < residents_.size(); ++i) {
      const Resident& r = residents_[i];
      f.Field(uint64_t{i});
      f.Field(PersonId(i));
      f.Field(ResidentName(i));
      f.Field(SexName(r.sex));
      f.Field(uint64_t{r.age});
      f.Field(OccupationName(r.occupation));
      f.Field(RiskProfileName(r.risk));
      f.Field(org_units_[r.community].code);
      f.Field(CellId(r.home_cell));
      f.EndRow();
    }
    WUZHA_RETURN_IF_ERROR(f.Close());
  }
  {
    CsvFile f(base + "phones.csv");
    Header(f, {"index", "phone", "owner", "carrier", "virtual", "outlet"});
    for (uint32_t i = 0; i < phones_.size(); ++i) {
      const Phone& p = phones_[i];
      const NumberRange& range = number_ranges_[p.range];
      f.Field(uint64_t{i});
      f.Field(PhoneNumber(i));
      f.Field(uint64_t{p.owner});
      f.Field(CarrierCode(range.carrier));
      f.Field(range.virtual_operator ? "1" : "0");
      f.Field(OutletCode(p.outlet));
      f.EndRow();
    }
    WUZHA_RETURN_IF_ERROR(f.Close());
  }
  {
    CsvFile f(base + "accounts.csv");
    Header(f, {"index", "account", "owner", "bank", "outlet", "opening_balance_fen"});
    for (uint32_t i = 0; i < accounts_.size(); ++i) {
      const Account& a = accounts_[i];
      f.Field(uint64_t{i});
      f.Field(AccountNumber(i));
      f.Field(uint64_t{a.owner});
      f.Field(banks_[a.bank].code);
      f.Field(OutletCode(a.outlet));
      f.Field(a.opening_balance_fen);
      f.EndRow();
    }
    WUZHA_RETURN_IF_ERROR(f.Close());
  }
  {
    CsvFile f(base + "outlets.csv");
    Header(f, {"index", "code", "kind", "institution", "community", "complicit"});
    for (uint32_t i = 0; i < outlets_.size(); ++i) {
      const Outlet& o = outlets_[i];
      f.Field(uint64_t{i});
      f.Field(OutletCode(i));
      f.Field(OutletKindName(o.kind));
      f.Field(o.kind == OutletKind::kBank ? std::string_view(banks_[o.institution].code)
                                          : CarrierCode(static_cast<Carrier>(o.institution)));
      f.Field(org_units_[o.community].code);
      f.Field(o.complicit ? "1" : "0");
      f.EndRow();
    }
    WUZHA_RETURN_IF_ERROR(f.Close());
  }
  {
    CsvFile f(base + "number_ranges.csv");
    Header(f, {"index", "prefix", "carrier", "virtual"});
    for (uint32_t i = 0; i < number_ranges_.size(); ++i) {
      const NumberRange& r = number_ranges_[i];
      f.Field(uint64_t{i});
      f.Field(r.prefix);
      f.Field(CarrierCode(r.carrier));
      f.Field(r.virtual_operator ? "1" : "0");
      f.EndRow();
    }
    WUZHA_RETURN_IF_ERROR(f.Close());
  }
  return Status::Ok();
}

}  // namespace wuzha::sim
