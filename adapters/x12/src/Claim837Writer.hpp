// Renders a claim page as one X12 837 interchange: one transaction set (ST/SE) per Claim, so that a
// 999 can accept or reject claims one by one. 837P (005010X222A1) or 837I (005010X223A2) per partner
// option or per Claim.type; control numbers from the page number, so they never repeat for an insurer.
#pragma once

#include "ClaimPage.hpp"
#include "PageEnvelope.hpp"
#include "X12Options.hpp"

#include <string>

namespace gw::x12 {

constexpr const char* kProfessionalVersion = "005010X222A1";
constexpr const char* kInstitutionalVersion = "005010X223A2";

// `now` is the interchange time, "CCYYMMDDHHMM" (UTC); the event is "837P", "837I", or "837P+837I" (auto
// mode, a mixed page). Missing data an 837 requires is GW_ERR_INVALID naming the Claim and the element.
RenderedPage render837(const ClaimPage& page, const X12Options& options, const std::string& now);

}  // namespace gw::x12
