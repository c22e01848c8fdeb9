// The TA1 interchange acknowledgement the gateway sends back when an insurer's interchange envelope itself
// is wrong (ISA fields, IEA not matching the ISA, the interchange cut short): the interchange is rejected
// as a whole, so no 999 can speak for the groups inside it.
#pragma once

#include "X12Interchange.hpp"
#include "X12Options.hpp"

#include <string>

namespace gw::x12 {

// ISA, TA1, IEA in `delimiters` (the sender's; ours from `options` for any it lacks), addressed back to the
// sender of `receivedIsa`. TA101-TA103 echo its ISA13, ISA09 and ISA10 as sent, even when they are what is
// wrong, so the sender can match the answer; TA104 is R; TA105 is `noteCode`.
std::string ta1Of(const Segment& receivedIsa, const Delimiters& delimiters, const std::string& noteCode,
                  const X12Options& options, const std::string& now);

}  // namespace gw::x12
