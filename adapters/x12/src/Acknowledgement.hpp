// The acknowledgement the gateway sends back for an insurer's interchange (an 835 or a 999), in the
// insurer's own format: a TA1 when the interchange envelope itself is wrong, else an X12 999 that accepts
// or rejects each received transaction set. When the bytes are not an X12 interchange at all, nothing in
// X12 can point at them, and when they are acknowledgements (999, 997, TA1) X12 does not acknowledge
// them: then the answer is text/plain, the outcome and the text.
#pragma once

#include "X12Options.hpp"

#include <gw/plugin.hpp>

#include <string>
#include <string_view>

namespace gw::x12 {

struct Acknowledgement {
  std::string bytes;
  std::string contentType;  // application/edi-x12 or text/plain
  std::string event;        // "999", "TA1" or "text"
};

// `now` is "CCYYMMDDHHMM" (UTC); the reply's own ISA13/GS06 are made from it (see README: limits).
Acknowledgement acknowledgementOf(std::string_view request, gw_ack_outcome outcome, std::string_view errorLocation,
                                  std::string_view text, const X12Options& options, const std::string& now);

}  // namespace gw::x12
