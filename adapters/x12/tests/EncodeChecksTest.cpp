// What encode refuses: pages it cannot number, and Claims missing data an 837 requires; each error
// names the Claim and the element.
#include "X12TestSupport.hpp"

#include <gmock/gmock.h>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::HasSubstr;

namespace {

const std::string kFirst = "Claim/0b7d3c2e-9a51-4f7e-8c1d-2f4a6b8c0d11";

// The fixture page with `edit` applied to the resource `label` ("Type/id").
std::string pageWith(const std::string& label, const std::function<void(JsonObject&)>& edit) {
  JsonObject page = fixtureObject("claim-page.json");
  JsonArray entries = arrayAt(page, "entry");
  for (std::size_t i = 0; i < entries->size(); ++i) {
    JsonObject resource = objectAt(objectIn(entries, i), "resource");
    if (stringAt(resource, "resourceType") + "/" + stringAt(resource, "id") == label) edit(resource);
  }
  return render(page);
}

std::string pageWithout(const std::string& label) {
  JsonObject page = fixtureObject("claim-page.json");
  JsonArray entries = arrayAt(page, "entry");
  for (std::size_t i = 0; i < entries->size(); ++i)
    if (stringAt(objectIn(entries, i), "fullUrl") == label) {
      entries->remove(static_cast<unsigned>(i));
      break;
    }
  return render(page);
}

gw::sdk::Error encodeError(const std::string& page) {
  return errorOf([&] { adapterWith().encode(page); });
}

}  // namespace

TEST(X12EncodeChecks, PageWithoutItsOutboxNumberIsRefused) {
  JsonObject page = fixtureObject("claim-page.json");
  page->remove("identifier");
  auto error = encodeError(render(page));
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_THAT(error.what(), HasSubstr("urn:gw:group:outbox-page"));
  page = fixtureObject("claim-page.json");
  objectAt(page, "identifier")->set("value", "page-7");
  EXPECT_THAT(encodeError(render(page)).what(), HasSubstr("is not a decimal page number"));
  EXPECT_THAT(encodeError(R"({"resourceType":"Bundle","type":"collection","identifier":{"system":"urn:gw:group:outbox-page","value":"1"},"entry":[]})")
                  .what(),
              HasSubstr("no Claim"));
  EXPECT_EQ(encodeError("not json").status(), GW_ERR_INVALID);
}

TEST(X12EncodeChecks, MissingReferencedResourceNamesTheReference) {
  auto error = encodeError(pageWithout("Coverage/family-plan"));
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_EQ(std::string(error.what()), kFirst + ": Claim.insurance[0].coverage refers to Coverage/family-plan, "
                                                "which is not in the page");
  EXPECT_EQ(error.location(), kFirst);
  EXPECT_THAT(encodeError(pageWithout("Condition/fever")).what(),
              HasSubstr("Claim.diagnosis[1].diagnosisReference refers to Condition/fever"));
}

TEST(X12EncodeChecks, MissingDataTheLoopsRequireNamesTheElement) {
  EXPECT_THAT(encodeError(pageWith("Patient/child", [](JsonObject& r) { r->remove("birthDate"); })).what(),
              HasSubstr(kFirst + ": missing Patient/child.birthDate (2010CA DMG02)"));
  EXPECT_THAT(encodeError(pageWith("Patient/child", [](JsonObject& r) { r->remove("address"); })).what(),
              HasSubstr("missing Patient/child.address line and city (2010CA N3/N4)"));
  EXPECT_THAT(encodeError(pageWith("Coverage/family-plan", [](JsonObject& r) { r->remove("subscriberId"); r->remove("identifier"); }))
                  .what(),
              HasSubstr("missing Coverage/family-plan.subscriberId (2010BA NM109 member id)"));
  EXPECT_THAT(encodeError(pageWith("Coverage/family-plan", [](JsonObject& r) { r->remove("subscriber"); })).what(),
              HasSubstr("covers the patient as child but names no Coverage.subscriber"));
  EXPECT_THAT(encodeError(pageWith(kFirst, [](JsonObject& r) { r->remove("diagnosis"); })).what(),
              HasSubstr("missing Claim.diagnosis (2300 HI needs the principal diagnosis)"));
  EXPECT_THAT(encodeError(pageWith("Condition/otitis", [](JsonObject& r) {
                r->set("code", concept("http://snomed.info/sct", "65363002"));
              })).what(),
              HasSubstr("Claim.diagnosis[0] has no ICD-10 or ICD-9-CM code"));
  EXPECT_THAT(encodeError(pageWith("Organization/insurer-aetna", [](JsonObject& r) { r->remove("identifier"); })).what(),
              HasSubstr("Organization/insurer-aetna has no identifier (2330B NM109 payer id)"));
  EXPECT_THAT(encodeError(pageWith(kFirst, [](JsonObject& r) { r->remove("item"); })).what(),
              HasSubstr("missing Claim.item"));
  EXPECT_THAT(encodeError(pageWith(kFirst, [](JsonObject& r) {
                objectIn(arrayAt(r, "item"), 0)->remove("servicedDate");
              })).what(),
              HasSubstr("(2400 DTP*472)"));
}

TEST(X12EncodeChecks, AmountsAndUnitsMustBeNumbers) {
  EXPECT_THAT(encodeError(pageWith(kFirst, [](JsonObject& r) {
                objectAt(objectIn(arrayAt(r, "item"), 0), "net")->set("value", 100.123);
              })).what(),
              HasSubstr("Claim.item[0].net.value 100.123 is not an amount in whole cents"));
  EXPECT_THAT(encodeError(pageWith(kFirst, [](JsonObject& r) {
                objectAt(objectIn(arrayAt(r, "item"), 0), "quantity")->set("value", "one");
              })).what(),
              HasSubstr("Claim.item[0].quantity.value one is not a number"));
}

TEST(X12EncodeChecks, ClaimInAnotherCurrencyIsRefused) {
  EXPECT_THAT(encodeError(pageWith(kFirst, [](JsonObject& r) { objectAt(r, "total")->set("currency", "CNY"); })).what(),
              HasSubstr("Claim.total is in CNY, but this insurer's X12 amounts are in USD (option currency)"));
  // A partner configured for the claims' currency gets them.
  JsonObject page = fixtureObject("claim-page.json");
  JsonArray entries = arrayAt(page, "entry");
  for (std::size_t i = 0; i < entries->size(); ++i)
    if (JsonObject total = objectAt(objectAt(objectIn(entries, i), "resource"), "total")) total->set("currency", "CNY");
  EXPECT_NO_THROW(adapterWith(R"("currency":"CNY")").encode(render(page)));
}

TEST(X12EncodeChecks, TotalMustBeTheSumOfTheLines) {
  auto error = encodeError(pageWith(kFirst, [](JsonObject& r) { objectAt(r, "total")->set("value", 221.0); }));
  EXPECT_EQ(std::string(error.what()),
            kFirst + ": Claim.total 221 is not the sum of the item nets 220.5 (CLM02 must equal the service lines)");
  EXPECT_THAT(encodeError(pageWith(kFirst, [](JsonObject& r) { r->remove("total"); })).what(),
              HasSubstr("missing Claim.total (CLM02)"));
}

TEST(X12EncodeChecks, ClaimWithoutFocalInsuranceOrWithAnUnknownPointerIsRefused) {
  EXPECT_THAT(encodeError(pageWith(kFirst, [](JsonObject& r) {
                objectIn(arrayAt(r, "insurance"), 0)->set("focal", false);
              })).what(),
              HasSubstr("no Claim.insurance entry is focal"));
  EXPECT_THAT(encodeError(pageWith(kFirst, [](JsonObject& r) {
                JsonArray pointers = new Poco::JSON::Array;
                pointers->add(9);
                objectIn(arrayAt(r, "item"), 0)->set("diagnosisSequence", pointers);
              })).what(),
              HasSubstr("Claim.item[0].diagnosisSequence names diagnosis 9, which the Claim does not list"));
}
