// Shared by the fhir_claim tests: the public samples and small fixtures as JSON trees, the sample claim
// Bundle, error capture, temp folders and the independent FHIR validator.
#pragma once

#include "FhirValidator.hpp"

#include "FhirJson.hpp"

#include <gw/plugin.hpp>
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace gw::fhirclaim::test {

std::string readText(const std::string& path);

// A public sample from tests/data/fhir-r4 (copied unmodified), parsed afresh on each call.
JsonObject sample(const std::string& name);
// A fixture written for these tests, from adapters/fhir_claim/tests/fixtures.
JsonObject fixture(const std::string& name);

// A collection Bundle with one entry per resource, fullUrl "Type/id".
JsonObject bundleOf(const std::vector<JsonObject>& resources);

// Claims 860150, 100156, 100154 (public samples) mixed with what they reference (Coverage 9876B1 and
// stubs for Patient/1, Patient/4, Organization/1, Organization/2, Practitioner/example,
// RelatedPerson/peter), a verbatim duplicate of Patient/1, and two resources no Claim reaches
// (ChargeItem/example, Patient/99).
JsonObject sampleClaimBundle();

// The resource in `bundle` with type and id, or null.
JsonObject resourceIn(const JsonObject& bundle, const std::string& type, const std::string& id);

// "Type/id" of each entry of a Bundle, in order.
std::vector<std::string> entryLabels(const JsonObject& bundle);

// The gw::sdk::Error `body` throws; fails the test when it throws none.
gw::sdk::Error errorOf(const std::function<void()>& body);

// A folder under the temp dir, removed with the object.
class TempFolder {
 public:
  TempFolder();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

// The independent validator: GW_EXPECT_VALID_FHIR from tests/support/FhirValidator.hpp.
#define FHIR_CLAIM_VALIDATE(files) GW_EXPECT_VALID_FHIR(files)

}  // namespace gw::fhirclaim::test
