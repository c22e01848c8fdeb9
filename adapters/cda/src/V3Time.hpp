// V3Time.hpp: HL7 v3 TS values (YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]) as FHIR date, dateTime
// and instant. A time without an offset gets the partner's (FHIR requires one once a time is given).
#pragma once

#include <string>

namespace gw::cda {

struct V3Time {
  // Throw gw::sdk::Error(GW_ERR_INVALID) naming `field` when the value is not a TS.
  static std::string date(const std::string& ts, const std::string& field);
  static std::string dateTime(const std::string& ts, const std::string& zone, const std::string& field);
  // "" when the TS has no day (an instant needs one; the caller leaves the element out).
  static std::string instant(const std::string& ts, const std::string& zone, const std::string& field);
};

}  // namespace gw::cda
