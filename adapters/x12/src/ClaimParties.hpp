// Who a Claim involves, as the 837 and 278 name them: the patient, and per insurance entry the coverage,
// its subscriber, the patient's relationship to that subscriber and the payer. Resolved from the
// page's Patient, RelatedPerson, Coverage and Organization resources.
#pragma once

#include "ClaimPage.hpp"

#include <string>
#include <vector>

namespace gw::x12 {

struct Person {
  std::string reference;  // "Patient/p1", for error messages
  std::string last, first, middle;
  std::string birthDate;  // CCYYMMDD, or ""
  std::string gender;     // M, F, U, or ""
  std::string street1, street2, city, state, postalCode, country;
  bool organization = false;  // a non-person subscriber (NM102 = 2)
};

struct Payer {
  std::string reference;
  std::string name;
  std::string id;  // NM109 payer id (PI): the Organization's first identifier
};

struct InsuranceParty {
  int sequence = 0;
  bool focal = false;
  std::string coverageReference;
  std::string memberId;       // Coverage.subscriberId, else its first identifier
  std::string groupNumber;    // Coverage.class of type "group", else ""
  std::string relationship;   // FHIR subscriber-relationship code; "self" when absent
  bool patientIsSubscriber = true;
  Person subscriber;
  Payer payer;
};

struct ClaimParties {
  Person patient;
  std::vector<InsuranceParty> insurance;  // by sequence
  std::size_t focal = 0;                  // index of the focal entry in insurance
};

// Resolves the parties of `claim`; a missing reference, a missing focal insurance or a dependant's
// coverage without a resolvable subscriber is GW_ERR_INVALID naming the Claim.
ClaimParties partiesOf(const ClaimPage& page, const JsonObject& claim);

}  // namespace gw::x12
