// Hl7Time.cpp: HL7 v2 timestamps to FHIR (see Hl7Time.hpp).
#include "gw/kit/Hl7Time.hpp"

#include <gw/plugin.hpp>

#include <cctype>

namespace gw::kit {

namespace {

bool allDigits(std::string_view s) {
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int number(const std::string& s) { return s.empty() ? 0 : std::stoi(s); }

int daysIn(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

Hl7Time parseHl7Time(std::string_view text, const std::string& where) {
  auto invalid = [&] {
    return gw::sdk::Error(GW_ERR_INVALID, where + ": '" + std::string(text) + "' is not a valid date", where);
  };
  Hl7Time t;
  std::string_view body = text;
  std::size_t sign = body.find_first_of("+-");
  if (sign != std::string_view::npos) {
    std::string_view zone = body.substr(sign + 1);
    if (zone.size() != 4 || !allDigits(zone)) throw invalid();
    int zh = std::stoi(std::string(zone.substr(0, 2))), zm = std::stoi(std::string(zone.substr(2)));
    if (zh > 14 || zm > 59 || (zh == 14 && zm != 0)) throw invalid();
    t.zone = std::string(1, body[sign]) + std::string(zone.substr(0, 2)) + ":" + std::string(zone.substr(2));
    body = body.substr(0, sign);
  }
  std::size_t dot = body.find('.');
  if (dot != std::string_view::npos) {
    t.fraction = std::string(body.substr(dot + 1));
    body = body.substr(0, dot);
    if (t.fraction.empty() || t.fraction.size() > 4 || !allDigits(t.fraction) || body.size() != 14) throw invalid();
  }
  // Some senders append milliseconds without the dot (YYYYMMDDHHMMSSsss): read them as the fraction.
  if (dot == std::string_view::npos && body.size() > 14 && body.size() <= 18 && allDigits(body)) {
    t.fraction = std::string(body.substr(14));
    body = body.substr(0, 14);
  }
  if (!allDigits(body) || body.size() < 4 || body.size() > 14 || body.size() % 2 != 0) throw invalid();
  t.year = std::string(body.substr(0, 4));
  if (body.size() >= 6) t.month = std::string(body.substr(4, 2));
  if (body.size() >= 8) t.day = std::string(body.substr(6, 2));
  if (body.size() >= 10) t.hour = std::string(body.substr(8, 2));
  if (body.size() >= 12) t.minute = std::string(body.substr(10, 2));
  if (body.size() >= 14) t.second = std::string(body.substr(12, 2));
  int year = number(t.year);
  if (year < 1) throw invalid();
  if (!t.month.empty() && (number(t.month) < 1 || number(t.month) > 12)) throw invalid();
  if (!t.day.empty() && (number(t.day) < 1 || number(t.day) > daysIn(year, number(t.month)))) throw invalid();
  if (!t.hour.empty() && number(t.hour) > 23) throw invalid();
  if (!t.minute.empty() && number(t.minute) > 59) throw invalid();
  if (!t.second.empty() && number(t.second) > 59) throw invalid();
  return t;
}

std::string toFhirDate(const Hl7Time& t) {
  std::string out = t.year;
  if (!t.month.empty()) out += "-" + t.month;
  if (!t.day.empty()) out += "-" + t.day;
  return out;
}

std::string toFhirDateTime(const Hl7Time& t, const std::string& defaultZone) {
  if (t.hour.empty()) return toFhirDate(t);
  std::string out = toFhirDate(t) + "T" + t.hour + ":" + (t.minute.empty() ? "00" : t.minute) + ":" +
                    (t.second.empty() ? "00" : t.second);
  if (!t.fraction.empty()) out += "." + t.fraction;
  return out + (t.zone.empty() ? defaultZone : t.zone);
}

std::string toFhirInstant(const Hl7Time& t, const std::string& defaultZone) {
  Hl7Time full = t;
  if (full.month.empty()) full.month = "01";
  if (full.day.empty()) full.day = "01";
  if (full.hour.empty()) full.hour = "00";
  return toFhirDateTime(full, defaultZone);
}

}  // namespace gw::kit
