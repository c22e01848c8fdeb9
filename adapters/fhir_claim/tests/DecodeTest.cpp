// decode and identify: insurer answers (a ClaimResponse, or a Bundle of them) → a collection Bundle of
// checked ClaimResponses, amounts and adjudications untouched.
#include "FhirClaimAdapter.hpp"
#include "FhirClaimTestSupport.hpp"

#include <gmock/gmock.h>

using namespace gw::fhirclaim;
using namespace gw::fhirclaim::test;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

FhirClaimAdapter adapter() { return FhirClaimAdapter(gw::sdk::Partner{"benefits-inc", GW_KIND_INSURER, "{}"}); }

// R3500 and a second remittance for another claim, with an OperationOutcome and a Patient the decoder
// must skip, in a searchset as an insurer's FHIR server would return them.
JsonObject twoResponses() {
  JsonObject second = sample("ClaimResponse-R3500.json");
  second->set("id", "R3501");
  second->set("outcome", "partial");
  objectAt(objectAt(second, "payment"), "amount")->set("value", 12.5);
  JsonObject notice = parseObject(
      R"({"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational"}]})");
  JsonObject bundle = bundleOf({sample("ClaimResponse-R3500.json"), notice, fixture("Patient-1.json"), second});
  bundle->set("id", "remit-2026-11-24");
  bundle->set("type", "searchset");
  return bundle;
}

gw::sdk::Error decodeError(const std::string& input) {
  auto decoder = adapter();
  gw::sdk::Error error = errorOf([&] { decoder.decode(input, "application/fhir+json"); });
  EXPECT_EQ(error.status(), GW_ERR_INVALID) << error.what();
  return error;
}

}  // namespace

TEST(FhirClaimDecode, ReadsTheSampleClaimResponseWithItsAmounts) {
  auto decoder = adapter();
  gw::sdk::Output out = decoder.decode(readFile(std::string(GW_TEST_DATA_DIR) + "/fhir-r4/ClaimResponse-R3500.json"),
                                       "application/fhir+json");
  EXPECT_EQ(out.contentType, "application/fhir+json");
  EXPECT_EQ(out.messageId, "R3500");
  EXPECT_EQ(out.event, "ClaimResponse");

  JsonObject bundle = parseObject(out.bytes);
  EXPECT_EQ(stringAt(bundle, "resourceType"), "Bundle");
  EXPECT_EQ(stringAt(bundle, "type"), "collection");
  EXPECT_THAT(entryLabels(bundle), ElementsAre("ClaimResponse/R3500"));
  EXPECT_EQ(stringAt(arrayAt(bundle, "entry")->getObject(0), "fullUrl"), "ClaimResponse/R3500");

  JsonObject response = resourceIn(bundle, "ClaimResponse", "R3500");
  EXPECT_EQ(stringAt(response, "outcome"), "complete");
  JsonObject payment = objectAt(response, "payment");
  EXPECT_DOUBLE_EQ(objectAt(payment, "amount")->getValue<double>("value"), 100.47);
  EXPECT_EQ(stringAt(objectAt(payment, "amount"), "currency"), "USD");

  JsonArray adjudication = arrayAt(arrayAt(response, "item")->getObject(0), "adjudication");
  ASSERT_EQ(adjudication->size(), 4u);
  EXPECT_DOUBLE_EQ(objectAt(adjudication->getObject(0), "amount")->getValue<double>("value"), 135.57);  // eligible
  EXPECT_DOUBLE_EQ(objectAt(adjudication->getObject(1), "amount")->getValue<double>("value"), 10.00);   // copay
  EXPECT_DOUBLE_EQ(adjudication->getObject(2)->getValue<double>("value"), 80.00);                     // eligpercent
  EXPECT_DOUBLE_EQ(objectAt(adjudication->getObject(3), "amount")->getValue<double>("value"), 90.47);   // benefit
  EXPECT_EQ(arrayAt(response, "total")->size(), 2u);

  // Nothing of the insurer's resource is dropped or rewritten.
  EXPECT_EQ(render(response), render(sample("ClaimResponse-R3500.json")));
}

TEST(FhirClaimDecode, CollectsTheClaimResponsesOfABundleAndSkipsOtherResources) {
  auto decoder = adapter();
  gw::sdk::Output out = decoder.decode(render(twoResponses()), "application/fhir+json");
  EXPECT_EQ(out.messageId, "remit-2026-11-24");
  EXPECT_EQ(out.event, "Bundle/ClaimResponse");
  JsonObject bundle = parseObject(out.bytes);
  EXPECT_EQ(stringAt(bundle, "type"), "collection");
  EXPECT_NE(stringAt(bundle, "id"), "remit-2026-11-24") << "a fresh id; the insurer's is the message id";
  EXPECT_THAT(entryLabels(bundle), ElementsAre("ClaimResponse/R3500", "ClaimResponse/R3501"));
  JsonObject second = resourceIn(bundle, "ClaimResponse", "R3501");
  EXPECT_EQ(stringAt(second, "outcome"), "partial");
  EXPECT_DOUBLE_EQ(objectAt(objectAt(second, "payment"), "amount")->getValue<double>("value"), 12.5);
}

TEST(FhirClaimDecode, ReadsTheQueuedAcknowledgementForm) {
  auto decoder = adapter();
  gw::sdk::Output out = decoder.decode(render(fixture("ClaimResponse-ack-bundle.json")), "application/fhir+json");
  EXPECT_EQ(out.messageId, "ack-20261124-0001");
  EXPECT_EQ(out.event, "Bundle/ClaimResponse");
  JsonObject bundle = parseObject(out.bytes);
  EXPECT_THAT(entryLabels(bundle), ElementsAre("ClaimResponse/ack-860150", "ClaimResponse/ack-100156"));
  EXPECT_EQ(stringAt(resourceIn(bundle, "ClaimResponse", "ack-860150"), "outcome"), "queued");
}

class FhirClaimResponseElement : public ::testing::TestWithParam<const char*> {};

TEST_P(FhirClaimResponseElement, IsNamedWithItsEntryIndexWhenMissing) {
  JsonObject bundle = twoResponses();
  resourceIn(bundle, "ClaimResponse", "R3501")->remove(GetParam());
  gw::sdk::Error error = decodeError(render(bundle));
  EXPECT_STREQ(error.what(),
               (std::string("Bundle.entry[3] (ClaimResponse/R3501): missing required element ") + GetParam()).c_str());
  EXPECT_EQ(error.location(), std::string("Bundle.entry[3].resource.") + GetParam());
}

INSTANTIATE_TEST_SUITE_P(R4ClaimResponse, FhirClaimResponseElement,
                         ::testing::Values("status", "type", "use", "patient", "created", "insurer", "outcome",
                                           "request"));

TEST(FhirClaimDecode, NamesAMissingElementOfABareClaimResponse) {
  JsonObject response = sample("ClaimResponse-R3500.json");
  response->remove("insurer");
  gw::sdk::Error error = decodeError(render(response));
  EXPECT_STREQ(error.what(), "ClaimResponse/R3500: missing required element insurer");
  EXPECT_EQ(error.location(), "ClaimResponse.insurer");
}

TEST(FhirClaimDecode, RefusesAnOutcomeThatIsNotAnR4Code) {
  JsonObject response = sample("ClaimResponse-R3500.json");
  response->set("outcome", "paid");
  EXPECT_THAT(decodeError(render(response)).what(),
              HasSubstr("element outcome is 'paid', not one of queued|complete|error|partial"));
}

TEST(FhirClaimDecode, RefusesARequestWithNeitherReferenceNorIdentifier) {
  JsonObject response = sample("ClaimResponse-R3500.json");
  response->set("request", parseObject(R"({"display":"the oral health claim"})"));
  EXPECT_THAT(decodeError(render(response)).what(), HasSubstr("element request has neither reference nor identifier"));
}

TEST(FhirClaimDecode, RefusesTextThatIsNotJson) {
  EXPECT_THAT(decodeError("ClaimResponse R3500 complete").what(), HasSubstr("not JSON"));
}

TEST(FhirClaimDecode, RefusesABundleWithoutClaimResponses) {
  EXPECT_THAT(decodeError(render(bundleOf({fixture("Patient-1.json")}))).what(),
              HasSubstr("the bundle has no ClaimResponse"));
}

TEST(FhirClaimDecode, AnswersUnsupportedForOtherResourcesAndFhirXml) {
  auto decoder = adapter();
  gw::sdk::Error other = errorOf([&] { decoder.decode(render(fixture("Patient-1.json")), "application/fhir+json"); });
  EXPECT_EQ(other.status(), GW_ERR_UNSUPPORTED);
  EXPECT_THAT(other.what(), HasSubstr("resourceType 'Patient' is not handled"));
  gw::sdk::Error xml = errorOf([&] { decoder.decode("<ClaimResponse/>", "application/fhir+xml"); });
  EXPECT_EQ(xml.status(), GW_ERR_UNSUPPORTED);
}

TEST(FhirClaimIdentify, NamesTheMessageByBundleOrClaimResponseId) {
  auto decoder = adapter();
  gw::sdk::Output single = decoder.identify(render(sample("ClaimResponse-R3500.json")), "application/fhir+json");
  EXPECT_EQ(single.messageId, "R3500");
  EXPECT_EQ(single.event, "ClaimResponse");
  EXPECT_TRUE(single.bytes.empty());
  gw::sdk::Output bundle = decoder.identify(render(twoResponses()), "application/fhir+json");
  EXPECT_EQ(bundle.messageId, "remit-2026-11-24");
  EXPECT_EQ(bundle.event, "Bundle/ClaimResponse");
}

TEST(FhirClaimIdentify, FallsBackToTheIdentifierValue) {
  auto decoder = adapter();
  JsonObject response = sample("ClaimResponse-R3500.json");
  response->remove("id");
  EXPECT_EQ(decoder.identify(render(response), "").messageId, "R3500") << "identifier[0].value";
  JsonObject bundle = twoResponses();
  bundle->remove("id");
  bundle->set("identifier", parseObject(R"({"system":"urn:ins:batch","value":"B-77"})"));
  EXPECT_EQ(decoder.identify(render(bundle), "").messageId, "B-77");
}
