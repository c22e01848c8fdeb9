// DateFormat.cpp: see DateFormat.hpp.
#include "DateFormat.hpp"

#include <cctype>
#include <stdexcept>

namespace gw::xmlmap {

namespace {

const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysIn(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeap(year) ? 29 : days[month - 1];
}

std::string two(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

}  // namespace

DateFormat::DateFormat(std::string format) : format_(std::move(format)) {
  bool year = false;
  for (std::size_t i = 0; i < format_.size(); ++i) {
    if (format_[i] != '%') continue;
    if (i + 1 >= format_.size()) throw std::invalid_argument("date format '" + format_ + "' ends with '%'");
    char d = format_[++i];
    if (d == 'Y') year = true;
    else if (d == 'H') hasTime_ = true;
    else if (std::string("mdMSbz%").find(d) == std::string::npos)
      throw std::invalid_argument(std::string("date format '") + format_ + "': unsupported directive %" + d +
                                  " (supported: %Y %m %d %H %M %S %b %z %%)");
  }
  if (!year) throw std::invalid_argument("date format '" + format_ + "' has no year (%Y)");
}

DateFormat::Parts DateFormat::read(const std::string& value) const {
  Parts p;
  std::size_t v = 0;
  auto fail = [&](const std::string& why) {
    return std::invalid_argument("'" + value + "' does not match the date format '" + format_ + "': " + why);
  };
  auto number = [&](std::size_t maxDigits) {
    std::size_t start = v;
    while (v < value.size() && v - start < maxDigits && std::isdigit(static_cast<unsigned char>(value[v]))) ++v;
    if (v == start) throw fail("expected a number at position " + std::to_string(start + 1));
    return std::stoi(value.substr(start, v - start));
  };
  for (std::size_t i = 0; i < format_.size(); ++i) {
    char f = format_[i];
    if (f == ' ') {  // one space in the format takes any run of spaces
      if (v >= value.size() || value[v] != ' ') throw fail("expected a space at position " + std::to_string(v + 1));
      while (v < value.size() && value[v] == ' ') ++v;
      continue;
    }
    if (f != '%' || format_[i + 1] == '%') {
      if (f == '%') ++i;
      if (v >= value.size() || value[v] != f)
        throw fail(std::string("expected '") + f + "' at position " + std::to_string(v + 1));
      ++v;
      continue;
    }
    switch (format_[++i]) {
      case 'Y': {
        std::size_t start = v;
        p.year = number(4);
        if (v - start != 4) throw fail("the year needs four digits");
        break;
      }
      case 'm': p.month = number(2); break;
      case 'd': p.day = number(2); break;
      case 'H': p.hour = number(2); break;
      case 'M': p.minute = number(2); break;
      case 'S': p.second = number(2); break;
      case 'b': {
        std::string word;
        while (v < value.size() && std::isalpha(static_cast<unsigned char>(value[v])) && word.size() < 3)
          word += static_cast<char>(std::tolower(static_cast<unsigned char>(value[v++])));
        for (int m = 0; m < 12; ++m)
          if (word == kMonths[m]) p.month = m + 1;
        if (p.month < 0) throw fail("expected an English month abbreviation (Jan..Dec)");
        while (v < value.size() && std::isalpha(static_cast<unsigned char>(value[v]))) ++v;  // "August"
        break;
      }
      case 'z': {
        if (v < value.size() && value[v] == 'Z') {
          p.zone = "Z";
          ++v;
          break;
        }
        std::string zone = value.substr(v, 6);
        if (zone.size() == 6 && zone[3] == ':') {
          v += 6;
        } else {
          zone = value.substr(v, 5);
          if (zone.size() == 5) zone.insert(3, ":");
          v += 5;
        }
        if (!isUtcOffset(zone)) throw fail("expected a UTC offset such as +0800");
        p.zone = zone;
        break;
      }
    }
  }
  if (v != value.size()) throw fail("unexpected text '" + value.substr(v) + "'");
  if (p.month != -1 && (p.month < 1 || p.month > 12)) throw fail("month " + std::to_string(p.month));
  if (p.day != -1 && (p.month == -1 || p.day < 1 || p.day > daysIn(p.year, p.month)))
    throw fail("day " + std::to_string(p.day));
  if (p.hour > 23 || p.minute > 59 || p.second > 59) throw fail("time out of range");
  return p;
}

std::string DateFormat::datePart(const Parts& p) {
  std::string out = std::to_string(p.year);
  if (p.month != -1) out += "-" + two(p.month);
  if (p.month != -1 && p.day != -1) out += "-" + two(p.day);
  return out;
}

std::string DateFormat::toDate(const std::string& value) const { return datePart(read(value)); }

std::string DateFormat::toDateTime(const std::string& value, const std::string& timezone) const {
  Parts p = read(value);
  if (p.hour == -1) return datePart(p);
  if (p.month == -1 || p.day == -1)
    throw std::invalid_argument("date format '" + format_ + "' gives a time without a full date");
  std::string zone = p.zone.empty() ? timezone : p.zone;
  return datePart(p) + "T" + two(p.hour) + ":" + two(p.minute < 0 ? 0 : p.minute) + ":" +
         two(p.second < 0 ? 0 : p.second) + (zone == "Z" ? "Z" : zone);
}

}  // namespace gw::xmlmap
