// encode refuses what an insurer could not process, each with GW_ERR_INVALID and a message naming the
// problem (and a location pointing at it).
#include "FhirClaimAdapter.hpp"
#include "FhirClaimTestSupport.hpp"

#include <gmock/gmock.h>

using namespace gw::fhirclaim;
using namespace gw::fhirclaim::test;
using ::testing::HasSubstr;

namespace {

gw::sdk::Error encodeError(const std::string& input) {
  FhirClaimAdapter adapter(gw::sdk::Partner{"benefits-inc", GW_KIND_INSURER, "{}"});
  gw::sdk::Error error = errorOf([&] { adapter.encode(input); });
  EXPECT_EQ(error.status(), GW_ERR_INVALID) << error.what();
  return error;
}

gw::sdk::Error encodeError(const JsonObject& bundle) { return encodeError(render(bundle)); }

// Claim/860150 sits at Bundle.entry[1] of sampleClaimBundle().
JsonObject claim860150(const JsonObject& bundle) { return resourceIn(bundle, "Claim", "860150"); }

Poco::JSON::Array::Ptr arrayOf(const JsonObject& object) {
  Poco::JSON::Array::Ptr array = new Poco::JSON::Array();
  array->add(object);
  return array;
}

JsonObject referenceTo(const std::string& reference) {
  JsonObject object = newObject();
  object->set("reference", reference);
  return object;
}

}  // namespace

TEST(FhirClaimEncodeChecks, RefusesTextThatIsNotJson) {
  EXPECT_THAT(encodeError("<Bundle xmlns=\"http://hl7.org/fhir\"/>").what(), HasSubstr("not JSON"));
}

TEST(FhirClaimEncodeChecks, RefusesAResourceThatIsNotABundle) {
  gw::sdk::Error error = encodeError(render(sample("Claim-860150.json")));
  EXPECT_STREQ(error.what(), "input is not a FHIR Bundle (resourceType 'Claim')");
}

TEST(FhirClaimEncodeChecks, RefusesAnEntryWithoutResource) {
  JsonObject bundle = sampleClaimBundle();
  arrayAt(bundle, "entry")->getObject(2)->remove("resource");
  gw::sdk::Error error = encodeError(bundle);
  EXPECT_THAT(error.what(), HasSubstr("Bundle.entry[2] has no resource"));
  EXPECT_EQ(error.location(), "Bundle.entry[2]");
}

TEST(FhirClaimEncodeChecks, RefusesABundleWithoutClaims) {
  EXPECT_THAT(encodeError(bundleOf({fixture("Patient-1.json")})).what(), HasSubstr("the bundle has no Claim"));
}

TEST(FhirClaimEncodeChecks, RefusesTheSameResourceTwiceWithDifferentContent) {
  JsonObject other = fixture("Patient-1.json");
  other->set("gender", "female");
  JsonObject bundle = sampleClaimBundle();
  JsonObject entry = newObject();
  entry->set("fullUrl", "Patient/1");
  entry->set("resource", other);
  arrayAt(bundle, "entry")->add(entry);
  EXPECT_THAT(encodeError(bundle).what(),
              HasSubstr("Bundle.entry[13]: Patient/1 appears twice in the bundle with different content"));
}

class FhirClaimRequiredElement : public ::testing::TestWithParam<const char*> {};

TEST_P(FhirClaimRequiredElement, IsNamedWhenMissing) {
  JsonObject bundle = sampleClaimBundle();
  claim860150(bundle)->remove(GetParam());
  gw::sdk::Error error = encodeError(bundle);
  EXPECT_THAT(error.what(), HasSubstr(std::string("Claim/860150: missing required element ") + GetParam()));
  EXPECT_EQ(error.location(), std::string("Bundle.entry[1].resource.") + GetParam());
}

INSTANTIATE_TEST_SUITE_P(R4Claim, FhirClaimRequiredElement,
                         ::testing::Values("status", "type", "use", "patient", "created", "provider", "priority",
                                           "insurance"));

TEST(FhirClaimEncodeChecks, RefusesAnEmptyInsuranceList) {
  JsonObject bundle = sampleClaimBundle();
  claim860150(bundle)->set("insurance", Poco::JSON::Array::Ptr(new Poco::JSON::Array()));
  EXPECT_THAT(encodeError(bundle).what(),
              HasSubstr("Claim/860150: missing required element insurance (at least one entry)"));
}

class FhirClaimInsuranceElement : public ::testing::TestWithParam<const char*> {};

TEST_P(FhirClaimInsuranceElement, IsNamedWhenMissing) {
  JsonObject bundle = sampleClaimBundle();
  arrayAt(claim860150(bundle), "insurance")->getObject(0)->remove(GetParam());
  gw::sdk::Error error = encodeError(bundle);
  EXPECT_THAT(error.what(),
              HasSubstr(std::string("Claim/860150: missing required element insurance[0].") + GetParam()));
  EXPECT_EQ(error.location(), std::string("Bundle.entry[1].resource.insurance[0].") + GetParam());
}

INSTANTIATE_TEST_SUITE_P(R4Claim, FhirClaimInsuranceElement, ::testing::Values("sequence", "focal", "coverage"));

class FhirClaimItemElement : public ::testing::TestWithParam<const char*> {};

TEST_P(FhirClaimItemElement, IsNamedWhenMissing) {
  JsonObject bundle = sampleClaimBundle();
  arrayAt(resourceIn(bundle, "Claim", "100156"), "item")->getObject(1)->remove(GetParam());
  EXPECT_THAT(encodeError(bundle).what(),
              HasSubstr(std::string("Claim/100156: missing required element item[1].") + GetParam()));
}

INSTANTIATE_TEST_SUITE_P(R4Claim, FhirClaimItemElement, ::testing::Values("sequence", "productOrService"));

TEST(FhirClaimEncodeChecks, RefusesItemsThatAreNotObjects) {
  JsonObject bundle = sampleClaimBundle();
  arrayAt(resourceIn(bundle, "Claim", "100156"), "item")->set(2, std::string("27211"));
  EXPECT_THAT(encodeError(bundle).what(), HasSubstr("Claim/100156: element item[2] is not a JSON object"));
}

TEST(FhirClaimEncodeChecks, RefusesAStatusThatIsNotAnR4Code) {
  JsonObject bundle = sampleClaimBundle();
  claim860150(bundle)->set("status", "submitted");
  EXPECT_THAT(encodeError(bundle).what(),
              HasSubstr("Claim/860150: element status is 'submitted', "
                        "not one of active|cancelled|draft|entered-in-error"));
}

TEST(FhirClaimEncodeChecks, RefusesAFocalThatIsNotABoolean) {
  JsonObject bundle = sampleClaimBundle();
  arrayAt(claim860150(bundle), "insurance")->getObject(0)->set("focal", "yes");
  EXPECT_THAT(encodeError(bundle).what(), HasSubstr("Claim/860150: element insurance[0].focal is not a boolean"));
}

TEST(FhirClaimEncodeChecks, NamesTheMissingPatientReference) {
  JsonObject bundle = sampleClaimBundle();
  objectAt(claim860150(bundle), "patient")->set("reference", "Patient/123");
  gw::sdk::Error error = encodeError(bundle);
  EXPECT_STREQ(error.what(), "Claim/860150: reference Patient/123 (patient) is not in the bundle");
  EXPECT_EQ(error.location(), "Bundle.entry[1].resource.patient");
}

struct MissingReference {
  const char* element;     // where the test puts the reference on Claim/860150
  const char* reference;   // a resource the bundle does not hold
  const char* path;        // the path the message must name
};

class FhirClaimMissingReference : public ::testing::TestWithParam<MissingReference> {};

TEST_P(FhirClaimMissingReference, IsNamedWithItsElement) {
  const MissingReference& param = GetParam();
  JsonObject bundle = sampleClaimBundle();
  JsonObject claim = claim860150(bundle);
  std::string element = param.element;
  if (element == "provider" || element == "insurer") {
    objectAt(claim, element)->set("reference", param.reference);
  } else if (element == "insurance.coverage") {
    objectAt(arrayAt(claim, "insurance")->getObject(0), "coverage")->set("reference", param.reference);
  } else if (element == "careTeam.provider") {
    objectAt(arrayAt(claim, "careTeam")->getObject(0), "provider")->set("reference", param.reference);
  } else if (element == "diagnosis.diagnosisReference") {
    JsonObject diagnosis = arrayAt(claim, "diagnosis")->getObject(0);
    diagnosis->remove("diagnosisCodeableConcept");
    diagnosis->set("diagnosisReference", referenceTo(param.reference));
  } else if (element == "item.encounter") {
    arrayAt(claim, "item")->getObject(0)->set("encounter", Poco::JSON::Array::Ptr(new Poco::JSON::Array()));
    arrayAt(arrayAt(claim, "item")->getObject(0), "encounter")->add(referenceTo(param.reference));
  } else if (element == "payee.party") {
    objectAt(claim, "payee")->set("party", referenceTo(param.reference));
  } else if (element == "supportingInfo.valueReference") {
    JsonObject info = newObject();
    info->set("sequence", 1);
    info->set("category", parseObject(R"({"coding":[{"code":"info"}]})"));
    info->set("valueReference", referenceTo(param.reference));
    claim->set("supportingInfo", arrayOf(info));
  } else {
    claim->set(element, referenceTo(param.reference));
  }
  gw::sdk::Error error = encodeError(bundle);
  EXPECT_THAT(error.what(), HasSubstr(std::string("Claim/860150: reference ") + param.reference + " (" + param.path +
                                      ") is not in the bundle"));
  EXPECT_EQ(error.location(), std::string("Bundle.entry[1].resource.") + param.path);
}

INSTANTIATE_TEST_SUITE_P(
    ClaimReferences, FhirClaimMissingReference,
    ::testing::Values(MissingReference{"provider", "Organization/404", "provider"},
                      MissingReference{"insurer", "Organization/405", "insurer"},
                      MissingReference{"facility", "Location/ward-7", "facility"},
                      MissingReference{"insurance.coverage", "Coverage/gone", "insurance[0].coverage"},
                      MissingReference{"careTeam.provider", "Practitioner/locum", "careTeam[0].provider"},
                      MissingReference{"diagnosis.diagnosisReference", "Condition/dx-1",
                                       "diagnosis[0].diagnosisReference"},
                      MissingReference{"item.encounter", "Encounter/visit-3", "item[0].encounter[0]"},
                      MissingReference{"enterer", "Practitioner/clerk", "enterer"},
                      MissingReference{"referral", "ServiceRequest/ref-1", "referral"},
                      MissingReference{"payee.party", "RelatedPerson/mary", "payee.party"},
                      MissingReference{"supportingInfo.valueReference", "ChargeItem/fee-9",
                                       "supportingInfo[0].valueReference"}));

TEST(FhirClaimEncodeChecks, NamesAMissingContainedResource) {
  JsonObject bundle = sampleClaimBundle();
  resourceIn(bundle, "Claim", "100156")->set("referral", referenceTo("#no-such-referral"));
  EXPECT_THAT(encodeError(bundle).what(),
              HasSubstr("Claim/100156: reference #no-such-referral (referral) "
                        "is not in the claim's contained resources"));
}

TEST(FhirClaimEncodeChecks, AllowsRelatedClaimsOutsideTheBundle) {
  // Claim/100156 relates to Claim/100151, which the sample bundle does not hold: the encode succeeds.
  FhirClaimAdapter adapter(gw::sdk::Partner{"benefits-inc", GW_KIND_INSURER, "{}"});
  JsonObject bundle = sampleClaimBundle();
  ASSERT_EQ(stringAt(objectAt(arrayAt(resourceIn(bundle, "Claim", "100156"), "related")->getObject(0), "claim"),
                     "reference"),
            "Claim/100151");
  EXPECT_NO_THROW(adapter.encode(render(bundle)));
}

TEST(FhirClaimEncodeChecks, RefusesATotalThatIsNotTheSumOfItemNets) {
  JsonObject bundle = sampleClaimBundle();
  objectAt(resourceIn(bundle, "Claim", "100156"), "total")->set("value", 2250.0);
  gw::sdk::Error error = encodeError(bundle);
  EXPECT_STREQ(error.what(), "Claim/100156: total 2250.00 USD does not equal the sum of item net 2255.00 USD");
  EXPECT_EQ(error.location(), "Bundle.entry[5].resource.total");
}

TEST(FhirClaimEncodeChecks, ComparesTotalsExactlyToTheCent) {
  // 0.1 + 0.2 is not 0.3 in binary floating point; money must still add up.
  JsonObject bundle = sampleClaimBundle();
  JsonObject claim = resourceIn(bundle, "Claim", "100156");
  JsonArray items = arrayAt(claim, "item");
  objectAt(items->getObject(0), "net")->set("value", 0.1);
  objectAt(items->getObject(1), "net")->set("value", 0.2);
  objectAt(items->getObject(2), "net")->set("value", 0.0);
  objectAt(claim, "total")->set("value", 0.3);
  FhirClaimAdapter adapter(gw::sdk::Partner{"benefits-inc", GW_KIND_INSURER, "{}"});
  EXPECT_NO_THROW(adapter.encode(render(bundle)));
}

TEST(FhirClaimEncodeChecks, RefusesAnItemNetInAnotherCurrencyThanTheTotal) {
  JsonObject bundle = sampleClaimBundle();
  objectAt(arrayAt(resourceIn(bundle, "Claim", "100156"), "item")->getObject(1), "net")->set("currency", "CNY");
  EXPECT_THAT(encodeError(bundle).what(), HasSubstr("Claim/100156: item[1].net is in CNY but total is in USD"));
}

TEST(FhirClaimEncodeChecks, ListsEveryProblemInOneMessage) {
  JsonObject bundle = sampleClaimBundle();
  claim860150(bundle)->remove("created");
  objectAt(resourceIn(bundle, "Claim", "100156"), "patient")->set("reference", "Patient/123");
  gw::sdk::Error error = encodeError(bundle);
  EXPECT_THAT(error.what(), HasSubstr("Claim/860150: missing required element created"));
  EXPECT_THAT(error.what(), HasSubstr("Claim/100156: reference Patient/123 (patient) is not in the bundle"));
  EXPECT_EQ(error.location(), "Bundle.entry[1].resource.created") << "the first problem's location";
}
