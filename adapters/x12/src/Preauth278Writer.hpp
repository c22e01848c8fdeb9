// Renders a page of pre-authorisation requests (Claims with use "preauthorization") as one X12 278 Health
// Care Services Review request interchange (005010X217): one transaction set per Claim, the Claim id as the
// patient event trace number (TRN02) so that the insurer's 278 response names the Claim it answers.
#pragma once

#include "ClaimPage.hpp"
#include "PageEnvelope.hpp"
#include "X12Options.hpp"

#include <string>

namespace gw::x12 {

constexpr const char* kServiceReviewVersion = "005010X217";

// `now` is the interchange time, "CCYYMMDDHHMM" (UTC); the event is "278". Missing data the 278 requires is
// GW_ERR_INVALID naming the Claim and the element.
RenderedPage render278(const ClaimPage& page, const X12Options& options, const std::string& now);

}  // namespace gw::x12
