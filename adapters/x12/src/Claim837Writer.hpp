// Renders a claim page as one X12 837 interchange: one transaction set (ST/SE) per Claim, so that a
// 999 can accept or reject claims one by one. 837P (005010X222A1) or 837I (005010X223A2) per partner
// option or per Claim.type; control numbers from the page number, so they never repeat for an insurer.
#pragma once

#include "ClaimPage.hpp"
#include "X12Options.hpp"

#include <string>

namespace gw::x12 {

constexpr const char* kProfessionalVersion = "005010X222A1";
constexpr const char* kInstitutionalVersion = "005010X223A2";

struct Rendered837 {
  std::string text;
  std::string interchangeControl;  // ISA13: the page number modulo 10^9, 9 digits
  std::string event;               // "837P", "837I", or "837P+837I" for a mixed page in auto mode
};

// `now` is the interchange time, "CCYYMMDDHHMM" (UTC). Missing data an 837 requires is
// GW_ERR_INVALID naming the Claim and the element.
Rendered837 render837(const ClaimPage& page, const X12Options& options, const std::string& now);

}  // namespace gw::x12
