// Money in minor units (分, cents): exact sums and splits; FHIR decimals in and out.
#pragma once

#include <Poco/Dynamic/Var.h>

#include <cstdint>
#include <optional>
#include <string>

namespace gw {

// "12.3" or 12.3 → 1230. Refuses more than two decimal places rather than round money silently.
std::optional<std::int64_t> toMinorUnits(const Poco::Dynamic::Var& value);
// 1230 → "12.30"
std::string fromMinorUnits(std::int64_t minor);
// The group's part of `amount` at `share` (0..1), rounded half away from zero to a minor unit;
// the hospital gets the rest, so the two always add up to the amount.
std::int64_t groupPart(std::int64_t amount, double share);

}  // namespace gw
