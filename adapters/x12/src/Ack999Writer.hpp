// The 999 implementation acknowledgement (005010X231A1) the gateway sends back for an insurer's
// interchange whose envelope is sound: one ST per received functional group, AK2 + IK5 per received
// transaction set, and, when the interchange is refused at a segment or an element inside a set, IK3 at
// that segment and IK4 at that element.
#pragma once

#include "X12Interchange.hpp"
#include "X12Options.hpp"

#include <gw/plugin.hpp>

#include <string>
#include <string_view>

namespace gw::x12 {

// `errorLocation` is what decode named ("segment 13 (CLP) element 4", see ErrorLocation); `now` is
// "CCYYMMDDHHMM" (UTC). The reply is in `received`'s delimiters.
std::string ack999Of(const Interchange& received, gw_ack_outcome outcome, std::string_view errorLocation,
                     const X12Options& options, const std::string& now);

}  // namespace gw::x12
