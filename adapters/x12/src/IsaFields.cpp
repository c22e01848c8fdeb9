// ISA09/ISA10/ISA12/ISA13/ISA14/ISA15 against the forms the ISA fixes for them.
#include "IsaFields.hpp"

#include <cctype>

namespace gw::x12 {

namespace {

bool digits(const std::string& text, std::size_t count) {
  if (text.size() != count) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int number(const std::string& text, std::size_t at, std::size_t length) { return std::stoi(text.substr(at, length)); }

// YYMMDD: the ISA has no century; 20YY decides February 29th.
bool isaDate(const std::string& text) {
  if (!digits(text, 6)) return false;
  const int year = 2000 + number(text, 0, 2), month = number(text, 2, 2), day = number(text, 4, 2);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  return month != 2 || day < 29 || leap;
}

// HHMM, 24-hour clock.
bool isaTime(const std::string& text) {
  return digits(text, 4) && number(text, 0, 2) < 24 && number(text, 2, 2) < 60;
}

}  // namespace

std::vector<IsaFieldFault> isaFieldFaults(const Segment& isa) {
  std::vector<IsaFieldFault> faults;
  auto check = [&](std::size_t element, bool ok, const char* noteCode, const std::string& what) {
    if (!ok) faults.push_back({element, noteCode, "ISA" + std::to_string(element) + " " + isa.at(element) + " " + what});
  };
  check(9, isaDate(isa.at(9)), "014", "is not a date (YYMMDD)");
  check(10, isaTime(isa.at(10)), "015", "is not a time (HHMM)");
  check(12, digits(isa.at(12), 5), "017", "is not a version number (5 digits)");
  check(13, digits(isa.at(13), 9), "018", "is not 9 digits");
  check(14, isa.at(14) == "0" || isa.at(14) == "1", "019", "is not 0 or 1 (acknowledgment requested)");
  check(15, isa.at(15) == "P" || isa.at(15) == "T", "020", "is not P or T (usage)");
  return faults;
}

}  // namespace gw::x12
