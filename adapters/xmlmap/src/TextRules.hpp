// TextRules.hpp: the small lexical checks the adapter needs (FHIR decimal and integer, ISO 4217
// code, UTC offset, partner id). Hand-written rather than std::regex: GCC 12 reports false
// "maybe-uninitialized" errors inside <regex> under the sanitizers with -Werror.
#pragma once

#include <string>

namespace gw::xmlmap {

bool isFhirDecimal(const std::string& text);  // -?(0|[1-9][0-9]*)(\.[0-9]+)?
bool isFhirInteger(const std::string& text);  // -?(0|[1-9][0-9]{0,8})
bool isCurrencyCode(const std::string& text);  // [A-Z]{3}
bool isUtcOffset(const std::string& text);    // Z, or ±hh:mm within ±14:00
bool isPartnerId(const std::string& text);    // [A-Za-z0-9][A-Za-z0-9._-]*

}  // namespace gw::xmlmap
