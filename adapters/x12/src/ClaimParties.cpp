// Reads names, demographics, member ids and payers out of FHIR resources for the 837 and 278 loops.
#include "ClaimParties.hpp"

#include <algorithm>

namespace gw::x12 {

namespace {

std::string referenceAt(const JsonObject& object, const std::string& key) {
  return stringAt(objectAt(object, key), "reference");
}

Person personOf(const JsonObject& resource, const std::string& reference) {
  Person person;
  person.reference = reference;
  if (stringAt(resource, "resourceType") == "Organization") {
    person.organization = true;
    person.last = stringAt(resource, "name");
  } else if (JsonObject name = objectIn(arrayAt(resource, "name"), 0)) {
    person.last = stringAt(name, "family");
    JsonArray given = arrayAt(name, "given");
    if (given && given->size() > 0) person.first = given->getElement<std::string>(0);
    if (given && given->size() > 1) person.middle = given->getElement<std::string>(1);
    // A name written as one text (Chinese names often are) goes whole into the last name.
    if (person.last.empty() && person.first.empty()) person.last = stringAt(name, "text");
  }
  person.birthDate = x12Date(stringAt(resource, "birthDate"));
  std::string gender = stringAt(resource, "gender");
  person.gender = gender == "male" ? "M" : gender == "female" ? "F" : gender.empty() ? "" : "U";
  if (JsonObject address = objectIn(arrayAt(resource, "address"), 0)) {
    JsonArray lines = arrayAt(address, "line");
    if (lines && lines->size() > 0) person.street1 = lines->getElement<std::string>(0);
    if (lines && lines->size() > 1) person.street2 = lines->getElement<std::string>(1);
    person.city = stringAt(address, "city");
    person.state = stringAt(address, "state");
    person.postalCode = stringAt(address, "postalCode");
    person.country = stringAt(address, "country");
  }
  return person;
}

std::string groupNumberOf(const JsonObject& coverage) {
  JsonArray classes = arrayAt(coverage, "class");
  for (std::size_t i = 0; classes && i < classes->size(); ++i) {
    JsonObject entry = objectIn(classes, i);
    if (firstCode(objectAt(entry, "type")) == "group") return stringAt(entry, "value");
  }
  return {};
}

Payer payerOf(const JsonObject& organization, const std::string& reference) {
  Payer payer;
  payer.reference = reference;
  payer.name = stringAt(organization, "name");
  payer.id = stringAt(objectIn(arrayAt(organization, "identifier"), 0), "value");
  return payer;
}

}  // namespace

ClaimParties partiesOf(const ClaimPage& page, const JsonObject& claim) {
  ClaimParties parties;
  const std::string patientRef = referenceAt(claim, "patient");
  parties.patient = personOf(page.require(claim, "Claim.patient", patientRef), patientRef);

  JsonArray insurance = arrayAt(claim, "insurance");
  if (!insurance || insurance->size() == 0) claimError(claim, "missing Claim.insurance (the 837 or 278 needs the payer and member id)");
  bool focalSeen = false;
  for (std::size_t i = 0; i < insurance->size(); ++i) {
    JsonObject entry = objectIn(insurance, i);
    InsuranceParty party;
    party.sequence = entry->optValue<int>("sequence", static_cast<int>(i + 1));
    party.focal = entry->optValue<bool>("focal", false);
    party.coverageReference = referenceAt(entry, "coverage");
    std::string where = "Claim.insurance[" + std::to_string(i) + "].coverage";
    JsonObject coverage = page.require(claim, where, party.coverageReference);
    party.memberId = stringAt(coverage, "subscriberId");
    if (party.memberId.empty()) party.memberId = stringAt(objectIn(arrayAt(coverage, "identifier"), 0), "value");
    party.groupNumber = groupNumberOf(coverage);
    party.relationship = firstCode(objectAt(coverage, "relationship"));
    if (party.relationship.empty()) party.relationship = "self";
    const std::string subscriberRef = referenceAt(coverage, "subscriber");
    party.patientIsSubscriber = party.relationship == "self" && (subscriberRef.empty() || subscriberRef == patientRef);
    if (party.patientIsSubscriber) {
      party.subscriber = parties.patient;
    } else {
      if (subscriberRef.empty())
        claimError(claim, party.coverageReference + " covers the patient as " + party.relationship +
                              " but names no Coverage.subscriber (NM1*IL needs the subscriber)");
      party.subscriber = personOf(page.require(claim, party.coverageReference + ".subscriber", subscriberRef), subscriberRef);
    }
    // The focal payer is the Claim's insurer; another entry's payer is its Coverage.payor.
    std::string payerRef = party.focal ? referenceAt(claim, "insurer") : "";
    if (payerRef.empty()) payerRef = stringAt(objectIn(arrayAt(coverage, "payor"), 0), "reference");
    party.payer = payerOf(page.require(claim, party.coverageReference + ".payor", payerRef), payerRef);
    focalSeen = focalSeen || party.focal;
    parties.insurance.push_back(party);
  }
  if (!focalSeen) claimError(claim, "no Claim.insurance entry is focal (the 837 or 278 goes to the focal payer)");
  std::stable_sort(parties.insurance.begin(), parties.insurance.end(),
                   [](const InsuranceParty& a, const InsuranceParty& b) { return a.sequence < b.sequence; });
  for (std::size_t i = 0; i < parties.insurance.size(); ++i)
    if (parties.insurance[i].focal) parties.focal = i;
  return parties;
}

}  // namespace gw::x12
