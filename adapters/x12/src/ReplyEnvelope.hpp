// The ISA of a reply (999 or TA1): addressed back the way the received interchange came (our sender is
// its receiver), in the writer's delimiters (the sender's), with a control number made from the clock.
#pragma once

#include "X12Interchange.hpp"
#include "X12Writer.hpp"

#include <string>

namespace gw::x12 {

// ISA13 of a reply from `now` ("CCYYMMDDHHMM"): MMDDHHMM + 0, distinct per minute (README: limits).
std::string replyControlNumber(const std::string& now);

// Writes the reply's ISA to `out`; `receivedIsa` is the ISA being answered, `usage` our ISA15.
void writeReplyIsa(X12Writer& out, const Segment& receivedIsa, const std::string& control, char usage,
                   const std::string& now);

}  // namespace gw::x12
