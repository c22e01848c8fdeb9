// Money as the claims code handles it: integers in the currency's minor unit (gw/kit/Money.hpp), FHIR Money
// in and out exactly, and the revenue split between the group and a hospital.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>

#include "config/ClaimsConfig.hpp"

namespace gw {

// A FHIR Money.value (12.30, "12.30", 12) in `currency`'s minor units; nothing when it is not an exact
// amount of that currency (finer than its minor unit, not a number).
std::optional<std::int64_t> toMinorUnits(const Poco::Dynamic::Var& value, const std::string& currency);
// 1230 in CNY → "12.30"; 1500 in JPY → "1500".
std::string fromMinorUnits(std::int64_t minor, const std::string& currency);
// {"value": 12.30, "currency": "CNY"}, the value written as that exact decimal.
Poco::JSON::Object::Ptr moneyJson(std::int64_t minor, const std::string& currency);

// The group's part of `amount` at `share`, rounded half away from zero to a minor unit (integer arithmetic);
// the hospital gets the rest, so the two always add up to the amount.
std::int64_t groupPart(std::int64_t amount, Share share);

}  // namespace gw
