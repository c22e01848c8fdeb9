// encode: the page an insurer pulls — Claims first, referenced resources once each, options applied.
#include "FhirClaimAdapter.hpp"
#include "FhirClaimTestSupport.hpp"

#include <gmock/gmock.h>

#include <thread>

using namespace gw::fhirclaim;
using namespace gw::fhirclaim::test;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

FhirClaimAdapter adapterWith(const std::string& options) {
  return FhirClaimAdapter(gw::sdk::Partner{"benefits-inc", GW_KIND_INSURER, options});
}

JsonObject encodeToJson(FhirClaimAdapter& adapter, const JsonObject& bundle) {
  gw::sdk::Output out = adapter.encode(render(bundle));
  EXPECT_EQ(out.contentType, "application/fhir+json");
  return parseObject(out.bytes);
}

}  // namespace

TEST(FhirClaimEncode, PutsClaimsFirstInInputOrderThenEachReferencedResourceOnce) {
  auto adapter = adapterWith("{}");
  JsonObject page = encodeToJson(adapter, sampleClaimBundle());
  // Breadth first from the Claims: their own references in document order, then the Coverage's
  // subscriber (Patient/4); the verbatim duplicate of Patient/1 folds into one entry.
  EXPECT_THAT(entryLabels(page),
              ElementsAre("Claim/860150", "Claim/100156", "Claim/100154", "Patient/1", "Organization/2",
                          "Organization/1", "Practitioner/example", "Coverage/9876B1", "RelatedPerson/peter",
                          "Patient/4"));
}

TEST(FhirClaimEncode, LeavesOutResourcesNoClaimReaches) {
  // Minimum necessary: an insurer gets what its Claims point to, not another patient's record.
  auto adapter = adapterWith("{}");
  JsonObject page = encodeToJson(adapter, sampleClaimBundle());
  EXPECT_FALSE(resourceIn(page, "Patient", "99"));
  EXPECT_FALSE(resourceIn(page, "ChargeItem", "example"));
}

TEST(FhirClaimEncode, ResolvesEveryClaimReferenceWithinThePage) {
  auto adapter = adapterWith("{}");
  JsonObject page = encodeToJson(adapter, sampleClaimBundle());
  std::set<std::string> fullUrls;
  JsonArray entries = arrayAt(page, "entry");
  for (std::size_t i = 0; i < entries->size(); ++i) fullUrls.insert(stringAt(entries->getObject(i), "fullUrl"));
  for (const char* id : {"860150", "100156"}) {
    JsonObject claim = resourceIn(page, "Claim", id);
    ASSERT_TRUE(claim);
    for (const char* element : {"patient", "insurer", "provider"}) {
      EXPECT_TRUE(fullUrls.count(stringAt(objectAt(claim, element), "reference"))) << id << " " << element;
    }
    JsonObject coverage = objectAt(arrayAt(claim, "insurance")->getObject(0), "coverage");
    EXPECT_TRUE(fullUrls.count(stringAt(coverage, "reference")));
    JsonObject provider = objectAt(arrayAt(claim, "careTeam")->getObject(0), "provider");
    EXPECT_TRUE(fullUrls.count(stringAt(provider, "reference")));
  }
  EXPECT_TRUE(fullUrls.count("RelatedPerson/peter"));
}

TEST(FhirClaimEncode, ResolvesHashReferencesToTheClaimsContainedResources) {
  // Claim-MED-00050 carries its Patient and Coverage as contained resources ("#patient-1"); only its
  // Organization and Practitioner come from the bundle.
  auto adapter = adapterWith("{}");
  JsonObject input = bundleOf({sample("Claim-MED-00050.json"), fixture("Organization-1.json"),
                               fixture("Practitioner-example.json"), fixture("Patient-1.json")});
  JsonObject page = encodeToJson(adapter, input);
  EXPECT_THAT(entryLabels(page), ElementsAre("Claim/MED-00050", "Organization/1", "Practitioner/example"));
  EXPECT_EQ(arrayAt(resourceIn(page, "Claim", "MED-00050"), "contained")->size(), 2u);
}

TEST(FhirClaimEncode, CallsFromManyThreadsOnOneInstanceGiveTheSamePage) {
  // The host calls encode concurrently on one instance; the adapter keeps no state between calls.
  auto adapter = adapterWith(R"({"profile":"http://example.org/fhir/StructureDefinition/gw-claim"})");
  const std::string input = render(sampleClaimBundle());
  std::vector<std::vector<std::string>> labels(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < labels.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) labels[t] = entryLabels(parseObject(adapter.encode(input).bytes));
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& each : labels) EXPECT_EQ(each, labels.front());
  EXPECT_EQ(labels.front().size(), 10u);
}

TEST(FhirClaimEncode, WritesAFreshCollectionBundle) {
  auto adapter = adapterWith("{}");
  JsonObject input = sampleClaimBundle();
  gw::sdk::Output first = adapter.encode(render(input));
  gw::sdk::Output second = adapter.encode(render(input));
  JsonObject page = parseObject(first.bytes);
  EXPECT_EQ(stringAt(page, "resourceType"), "Bundle");
  EXPECT_EQ(stringAt(page, "type"), "collection");
  EXPECT_NE(stringAt(page, "id"), "claims-page-input");
  EXPECT_EQ(stringAt(page, "id"), first.messageId);
  EXPECT_NE(first.messageId, second.messageId);
  EXPECT_THAT(stringAt(page, "timestamp"), ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"));
  EXPECT_EQ(first.bytes.rfind("{\"resourceType\":\"Bundle\"", 0), 0u) << "resourceType leads, as FHIR JSON reads best";
}

TEST(FhirClaimEncode, KeepsClaimContentAndAmountsAsSent) {
  auto adapter = adapterWith("{}");
  JsonObject page = encodeToJson(adapter, sampleClaimBundle());
  JsonObject claim = resourceIn(page, "Claim", "100156");
  ASSERT_TRUE(claim);
  EXPECT_EQ(render(claim), render(sample("Claim-100156.json")));
  EXPECT_DOUBLE_EQ(objectAt(claim, "total")->getValue<double>("value"), 2255.0);
}

TEST(FhirClaimEncode, IncludeResourcesFalseRendersTheClaimsOnly) {
  auto adapter = adapterWith(R"({"include_resources": false})");
  JsonObject page = encodeToJson(adapter, sampleClaimBundle());
  EXPECT_THAT(entryLabels(page), ElementsAre("Claim/860150", "Claim/100156", "Claim/100154"));
}

TEST(FhirClaimEncode, IncludeResourcesFalseStillChecksReferences) {
  auto adapter = adapterWith(R"({"include_resources": false})");
  JsonObject input = bundleOf({sample("Claim-860150.json")});
  gw::sdk::Error error = errorOf([&] { adapter.encode(render(input)); });
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  EXPECT_THAT(error.what(), HasSubstr("reference Patient/1 (patient) is not in the bundle"));
}

TEST(FhirClaimEncode, IncludeResourcesAcceptsItsTextForm) {
  EXPECT_FALSE(adapterWith(R"({"include_resources": "false"})").options().includeResources);
  EXPECT_TRUE(adapterWith(R"({"include_resources": "true"})").options().includeResources);
  EXPECT_TRUE(adapterWith("{}").options().includeResources);
}

TEST(FhirClaimEncode, ProfileOptionIsAddedToEachClaimOnce) {
  const std::string profile = "http://example.org/fhir/StructureDefinition/gw-claim";
  auto adapter = adapterWith(R"({"profile": ")" + profile + R"("})");
  JsonObject input = sampleClaimBundle();
  // One Claim already declares the profile: it must not be listed twice.
  JsonObject meta = newObject();
  Poco::JSON::Array::Ptr profiles = new Poco::JSON::Array();
  profiles->add(profile);
  meta->set("profile", profiles);
  resourceIn(input, "Claim", "100154")->set("meta", meta);

  JsonObject page = encodeToJson(adapter, input);
  for (const char* id : {"860150", "100156", "100154"}) {
    JsonArray listed = arrayAt(objectAt(resourceIn(page, "Claim", id), "meta"), "profile");
    ASSERT_TRUE(listed) << id;
    ASSERT_EQ(listed->size(), 1u) << id;
    EXPECT_EQ(listed->getElement<std::string>(0), profile);
  }
  EXPECT_FALSE(objectAt(resourceIn(page, "Patient", "1"), "meta")) << "only Claims carry the profile";
}

TEST(FhirClaimEncode, OptionsOfTheWrongTypeAreAConfigError) {
  gw::sdk::Error notBool = errorOf([] { adapterWith(R"({"include_resources": 1})"); });
  EXPECT_EQ(notBool.status(), GW_ERR_CONFIG);
  EXPECT_THAT(notBool.what(), HasSubstr("include_resources"));
  gw::sdk::Error notString = errorOf([] { adapterWith(R"({"profile": true})"); });
  EXPECT_EQ(notString.status(), GW_ERR_CONFIG);
  EXPECT_THAT(notString.what(), HasSubstr("profile"));
}

TEST(FhirClaimEncode, ResolvesVersionedAndAbsoluteReferencesByFullUrl) {
  auto adapter = adapterWith("{}");
  JsonObject input = sampleClaimBundle();
  JsonObject claim = resourceIn(input, "Claim", "860150");
  objectAt(claim, "patient")->set("reference", "Patient/1/_history/3");
  objectAt(claim, "provider")->set("reference", "urn:uuid:7f2c1d4e-0b1a-4c3d-9e8f-1a2b3c4d5e6f");
  JsonObject org = newObject();
  org->set("resourceType", "Organization");
  org->set("name", "Clinic known by UUID");
  JsonObject entry = newObject();
  entry->set("fullUrl", "urn:uuid:7f2c1d4e-0b1a-4c3d-9e8f-1a2b3c4d5e6f");
  entry->set("resource", org);
  arrayAt(input, "entry")->add(entry);

  JsonObject page = encodeToJson(adapter, input);
  bool found = false;
  JsonArray entries = arrayAt(page, "entry");
  for (std::size_t i = 0; i < entries->size(); ++i) {
    found |= stringAt(entries->getObject(i), "fullUrl") == "urn:uuid:7f2c1d4e-0b1a-4c3d-9e8f-1a2b3c4d5e6f";
  }
  EXPECT_TRUE(found);
}
