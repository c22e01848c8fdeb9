// The group's FHIR profile (docs/fhir-profile.md) as constants, so that every adapter and the gateway name
// identifier systems and extensions alike.
#pragma once

#include <string>

namespace gw::kit::profile {

// Identifier systems the group owns (the gateway sets them; a hospital may not).
inline const char* const kPartnerSystem = "urn:gw:group:partner";          // Organization of a partner, value = id
inline const char* const kGroupPatientSystem = "urn:gw:group:patient";     // one person across hospitals
inline const char* const kGroupPractitionerSystem = "urn:gw:group:practitioner";
inline const char* const kClaimSystem = "urn:gw:group:claim";              // Claim.identifier, value = Claim id
inline const char* const kInsurerSystem = "urn:gw:group:insurer";          // value = insurer id
inline const char* const kMembershipSystem = "urn:gw:group:membership";    // family-plan Coverage
inline const char* const kChargeSystem = "urn:gw:group:charge";            // a charge with no code of its own
inline const char* const kOutboxPageSystem = "urn:gw:group:outbox-page";   // Bundle.identifier of a claim page

// Tags the gateway puts on what it could not map (e.g. unmapped-practitioner).
inline const char* const kTagSystem = "urn:gw:tag";

// The base of the group's own extensions: kExtensionBase + "unit-price".
inline const char* const kExtensionBase = "https://gw.example.org/fhir/StructureDefinition/";

// A partner's own identifier system: urn:gw:<partner id>:<kind>, e.g. partnerSystem("sh-intl", "mr").
inline std::string partnerSystem(const std::string& partnerId, const std::string& kind) {
  return "urn:gw:" + partnerId + ":" + kind;
}

}  // namespace gw::kit::profile
