// The envelope of what encode sends for an outbox page (837 or 278): control numbers made from the page
// number, so they never repeat for an insurer, and the ISA addressed from our options.
#pragma once

#include "ClaimPage.hpp"
#include "X12Options.hpp"
#include "X12Writer.hpp"

#include <string>

namespace gw::x12 {

// What encode returns for a page: the interchange, its ISA13 (the host's message id) and its event.
struct RenderedPage {
  std::string text;
  std::string interchangeControl;  // ISA13
  std::string event;               // "837P", "837I", "837P+837I", "278"
};

struct PageControl {
  std::string isa13;  // the page number modulo 10^9, 9 digits zero-padded
  std::string gs06;   // the same number without padding (GE02 repeats it)
};

PageControl pageControlOf(const ClaimPage& page);

// ST02 of the set for the Claim at `position` (1-based) in the page, 4 digits zero-padded: a 999's AK2
// then names the claim by page and position.
std::string setControlOf(std::size_t position);

// Writes the ISA: our sender/receiver ids and qualifiers, `now` ("CCYYMMDDHHMM") as ISA09/ISA10, 00501.
void writePageIsa(X12Writer& out, const X12Options& options, const std::string& isa13, const std::string& now);

}  // namespace gw::x12
