// V3Time.cpp: TS conversion (see V3Time.hpp).
#include "V3Time.hpp"

#include <gw/plugin.hpp>

#include <regex>

namespace gw::cda {

namespace {

struct Parts {
  std::string date, time, zone;  // "2013-02-16" (or shorter), "13:14:00" (or ""), "+08:00" (or "")
};

Parts split(const std::string& ts, const std::string& field) {
  static const std::regex pattern(
      "([0-9]{4})(?:(0[1-9]|1[0-2])(?:(0[1-9]|[12][0-9]|3[01])(?:([01][0-9]|2[0-3])([0-5][0-9])?([0-5][0-9])?(\\.[0-9]+)?)?)?)?"
      "(?:([+-])([01][0-9])([0-5][0-9]))?");
  std::smatch m;
  if (!std::regex_match(ts, m, pattern))
    throw gw::sdk::Error(GW_ERR_INVALID, field + ": '" + ts + "' is not an HL7 v3 time (YYYYMMDDHHMMSS[+ZZZZ])");
  Parts p;
  p.date = m[1].str();
  if (m[2].matched) p.date += "-" + m[2].str();
  if (m[3].matched) p.date += "-" + m[3].str();
  if (m[4].matched) {
    p.time = m[4].str() + ":" + (m[5].matched ? m[5].str() : "00") + ":" + (m[6].matched ? m[6].str() : "00");
    if (m[7].matched) p.time += m[7].str();
  }
  if (m[8].matched) p.zone = m[8].str() + m[9].str() + ":" + m[10].str();
  return p;
}

}  // namespace

std::string V3Time::date(const std::string& ts, const std::string& field) { return split(ts, field).date; }

std::string V3Time::dateTime(const std::string& ts, const std::string& zone, const std::string& field) {
  Parts p = split(ts, field);
  if (p.time.empty()) return p.date;
  return p.date + "T" + p.time + (p.zone.empty() ? zone : p.zone);
}

std::string V3Time::instant(const std::string& ts, const std::string& zone, const std::string& field) {
  Parts p = split(ts, field);
  if (p.date.size() < 10) return "";  // a month or a year is no instant: the element is left out
  return p.date + "T" + (p.time.empty() ? "00:00:00" : p.time) + (p.zone.empty() ? zone : p.zone);
}

}  // namespace gw::cda
