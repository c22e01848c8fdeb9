// A 999 (implementation acknowledgment) — or a 4010 997 — as FHIR ClaimResponses, one per AK2: the
// insurer accepted ("queued") or rejected ("error", with the IK3/IK4 errors) one transaction set of an
// 837 this adapter sent. The host maps request.identifier "<AK1 group control>/<AK2 ST02>" back to
// the outbox page and the claim's position in it.
#pragma once

#include "X12Interchange.hpp"
#include "X12Json.hpp"

#include <vector>

namespace gw::x12 {

std::vector<JsonObject> acknowledgementResponses(const Interchange& interchange);

}  // namespace gw::x12
