// The acknowledgement the gateway sends back for an insurer's interchange (an 835 or a 999): an X12
// 999 that accepts or rejects each received transaction set, in the sender's delimiters. When the
// received bytes are not an X12 interchange at all, a 999 cannot point at anything, and when they are
// a 999 X12 does not acknowledge them: then the answer is text/plain, the outcome and the text.
#pragma once

#include "X12Options.hpp"

#include <gw/plugin.hpp>

#include <string>
#include <string_view>

namespace gw::x12 {

struct Acknowledgement {
  std::string bytes;
  std::string contentType;  // application/edi-x12 or text/plain
};

// `now` is "CCYYMMDDHHMM" (UTC); the 999's own ISA13/GS06 are made from it (see README: limits).
Acknowledgement acknowledgementOf(std::string_view request, gw_ack_outcome outcome, std::string_view errorLocation,
                                  std::string_view text, const X12Options& options, const std::string& now);

}  // namespace gw::x12
