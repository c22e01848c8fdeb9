// The claim page reads references from stored JSON text without parsing it: it must find exactly the links
// ResourceRepository::linksOf finds in the parsed resource (in document order; linksOf walks Poco's key order).
#include <gtest/gtest.h>

#include <algorithm>

#include "claims/ClaimPage.hpp"
#include "common/Json.hpp"
#include "store/ResourceRepository.hpp"

namespace {

std::vector<std::string> parsedLinks(const std::string& json) {
  std::vector<std::string> out;
  for (const auto& link : gw::ResourceRepository::linksOf(gw::parseJsonObject(json, "test")))
    out.push_back(link.target);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

TEST(ClaimPageReferences, TextScanFindsWhatTheParsedResourceLinks) {
  const std::vector<std::string> resources = {
      // A claim as the builder writes it (Poco escapes '/' as "\/").
      R"({"resourceType":"Claim","id":"c1","patient":{"reference":"Patient\/p1"},"insurance":[{"sequence":1,)"
      R"("focal":true,"coverage":{"reference":"Coverage\/v1"}}],"provider":{"reference":"Organization/o1",)"
      R"("display":"a \"reference\": \"Patient/x\" in text"},"item":[{"encounter":[{"reference":"Encounter/e1"}]}]})",
      // Not links: a top-level "reference", a urn:, no slash, a non-string reference, an escaped key.
      R"({"resourceType":"Basic","reference":"Patient/top","a":{"reference":"urn:uuid:1"},"b":{"reference":"x"},)"
      R"("c":{"reference":{"reference":"Patient/deep"}},"d":{"refer\u0065nce":"Patient/esc"},)"
      R"("e":[[{"reference":"Practitioner/\u00e9t\u00e9"}]],"f":{"reference":12},"g":{"x":"}","reference":"Group/g"}})",
      R"({"resourceType":"Patient","id":"p"})",
  };
  for (const auto& json : resources) EXPECT_EQ(sorted(gw::referencesInJson(json)), parsedLinks(json)) << json;
  EXPECT_EQ(gw::referencesInJson(resources[0]),
            (std::vector<std::string>{"Patient/p1", "Coverage/v1", "Organization/o1", "Encounter/e1"}));
}

}  // namespace
