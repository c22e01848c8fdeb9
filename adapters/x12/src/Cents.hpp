// Money as whole cents: X12 amounts are decimal text ("800.00", "-50", "12.5") and totals must add up
// exactly (CLM02 = the sum of the service lines), which binary doubles cannot promise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gw::x12 {

// "800.00" → 80000, "-12.5" → -1250; nullopt for anything else (more than 2 decimals, letters, "").
std::optional<std::int64_t> centsOf(const std::string& decimal);
// 80000 → "800", 1250 → "12.5", -5 → "-0.05": the X12 R form, no trailing zeros.
std::string x12Amount(std::int64_t cents);

}  // namespace gw::x12
