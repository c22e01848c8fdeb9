// V3Time.cpp: TS conversion (see V3Time.hpp) through the kit's HL7 time parser, the one hl7v2 uses.
#include "V3Time.hpp"

#include <gw/kit/Hl7Time.hpp>

namespace gw::cda {

std::string V3Time::date(const std::string& ts, const std::string& field) {
  return kit::toFhirDate(kit::parseHl7Time(ts, field));
}

std::string V3Time::dateTime(const std::string& ts, const std::string& zone, const std::string& field) {
  return kit::toFhirDateTime(kit::parseHl7Time(ts, field), zone);
}

std::string V3Time::instant(const std::string& ts, const std::string& zone, const std::string& field) {
  const kit::Hl7Time time = kit::parseHl7Time(ts, field);
  if (time.day.empty()) return "";  // a month or a year is no instant: the element is left out
  return kit::toFhirInstant(time, zone);
}

}  // namespace gw::cda
