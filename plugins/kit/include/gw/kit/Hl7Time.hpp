// HL7 times, v2 DTM/TS and v3 TS alike (YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]), to FHIR date, dateTime and
// instant. The precision sent is kept (a month stays a month); an impossible date (Feb 30) or offset (+1900) is
// refused. FHIR needs a time zone whenever a time is given: the partner's configured offset is used when the
// message has none.
#pragma once

#include <string>
#include <string_view>

namespace gw::kit {

struct Hl7Time {
  std::string year, month, day, hour, minute, second, fraction;  // digits; fraction without '.'
  std::string zone;                                              // "+08:00", or "" when not sent
};

// Parses `text`; throws gw::sdk::Error(GW_ERR_INVALID, "<where>: '<text>' is not a valid date")
// naming `where` (e.g. "PID-7") when it is not a valid HL7 timestamp.
Hl7Time parseHl7Time(std::string_view text, const std::string& where);

// FHIR `date`: YYYY, YYYY-MM or YYYY-MM-DD (a time part is dropped).
std::string toFhirDate(const Hl7Time& t);
// FHIR `dateTime`: the date forms, or a full time with seconds and zone (missing parts are 00).
std::string toFhirDateTime(const Hl7Time& t, const std::string& defaultZone);
// FHIR `instant`: always to the second with a zone.
std::string toFhirInstant(const Hl7Time& t, const std::string& defaultZone);

}  // namespace gw::kit
