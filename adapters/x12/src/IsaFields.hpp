// The ISA's own fields, checked as the TA1 note codes (TA105) name their faults: a control number that is
// not 9 digits, an impossible date or time, an unknown version, acknowledgement or usage indicator. The
// partner's ids and qualifiers are not judged here: the host routes by its own credentials.
#pragma once

#include "X12Interchange.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace gw::x12 {

struct IsaFieldFault {
  std::size_t element = 0;  // 13 for ISA13
  std::string noteCode;     // TA105: "018" invalid control number, "014" invalid date, ...
  std::string text;         // "ISA13 12345 is not 9 digits"
};

std::vector<IsaFieldFault> isaFieldFaults(const Segment& isa);

}  // namespace gw::x12
