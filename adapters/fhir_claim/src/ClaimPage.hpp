// encode: a canonical Bundle of Claims and what they reference → the page an insurer pulls, a FHIR R4
// collection Bundle with the Claims first and every resource they reach exactly once.
#pragma once

#include <string>
#include <string_view>

namespace gw::fhirclaim {

struct PageOptions {
  bool includeResources = true;  // false: the page carries the Claims only
  std::string profile;           // when set, added to each Claim.meta.profile
};

struct RenderedPage {
  std::string id;    // the page Bundle's fresh id
  std::string json;  // application/fhir+json
};

// Checks the input and renders the page. Throws gw::sdk::Error(GW_ERR_INVALID) naming every problem:
// not JSON, not a Bundle, an entry without resource, no Claim, a Claim missing a required element, a
// Claim reference not in the bundle, a total that is not the sum of the item nets.
RenderedPage renderClaimPage(std::string_view canonicalJson, const PageOptions& options);

}  // namespace gw::fhirclaim
