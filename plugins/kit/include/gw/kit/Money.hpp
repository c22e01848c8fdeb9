// Money in the currency's minor unit (分, cents; whole yen): exact from decimal text and back, never through
// binary floating point. The rounding rules are in docs/fhir-profile.md ("Money").
#pragma once

#include <Poco/Dynamic/Var.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::kit {

// Amounts past this many minor units (10^15: ten trillion yuan) are refused rather than risk overflow.
constexpr std::int64_t kMaxMinorUnits = 1'000'000'000'000'000;

// ISO 4217 minor-unit digits: 0 for JPY, KRW, VND…; 3 for BHD, KWD, OMR…; 2 for the rest (CNY, USD, EUR, HKD…).
int minorDigits(std::string_view currency);

// "12.3" → 1230 at 2 digits; "1.5e2" → 15000; "12.500" → 1250. Nothing (never a rounded value) when the text
// is not a decimal number, is finer than the minor unit ("12.345" at 2 digits) or is past kMaxMinorUnits.
std::optional<std::int64_t> minorUnits(std::string_view decimal, int digits);
// The same for a JSON value as the kit's reader gives it: a decimal (JsonDecimal), a whole number, or a
// string holding a decimal. A binary double is refused: its decimal text is already lost.
std::optional<std::int64_t> minorUnitsOfJson(const Poco::Dynamic::Var& value, int digits);

// 1230 → "12.30" at 2 digits; 5 → "5" at 0 digits; -7 → "-0.07".
std::string decimalText(std::int64_t minor, int digits);
// The same as a JSON number that Poco::JSON writes exactly as that text (Money.value).
Poco::Dynamic::Var jsonAmount(std::int64_t minor, int digits);

}  // namespace gw::kit
