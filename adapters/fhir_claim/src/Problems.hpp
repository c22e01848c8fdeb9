// Problems found while checking an input: collected so the partner hears every fault at once,
// then thrown as one GW_ERR_INVALID whose location is the first fault's.
#pragma once

#include <gw/plugin.hpp>

#include <string>
#include <vector>

namespace gw::fhirclaim {

struct Problem {
  std::string location;  // a FHIRPath-like path into the input, e.g. "Bundle.entry[0].resource.status"
  std::string message;   // what is wrong, naming the resource, e.g. "Claim/1: missing required element status"
};

using Problems = std::vector<Problem>;

// Throws gw::sdk::Error(GW_ERR_INVALID) listing the problems (at most a handful, then a count),
// or returns when there are none.
void throwIfAny(const Problems& problems);

}  // namespace gw::fhirclaim
