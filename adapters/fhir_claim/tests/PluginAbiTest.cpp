// The built fhir_claim.so through the C ABI only, as the host drives it: the adapter ABI suite of the test kit
// (plugins/testing) with a public ClaimResponse to decode and the sample claim Bundle to encode.
#include "FhirClaimTestSupport.hpp"

#include <gw/testing/AdapterAbiSuite.hpp>

namespace {

gw::testkit::AdapterAbiCase fhirClaimCase() {
  auto c = gw::testkit::AdapterAbiCase::insurer(GW_FHIR_CLAIM_PLUGIN, "fhir_claim");
  c.contentTypes = {"application/fhir+json", "application/json"};
  c.options = {{"include_resources", GW_FIELD_BOOL, false, "true"}, {"profile", GW_FIELD_STRING, false, {}}};
  c.partner = {"benefits-inc", R"({"include_resources":true})", R"({"profile":42})", "profile"};
  c.sample = {std::string(GW_TEST_DATA_DIR) + "/fhir-r4/ClaimResponse-R3500.json", "application/fhir+json", "R3500",
              "ClaimResponse"};
  c.encodeInput.content = gw::fhirclaim::render(gw::fhirclaim::test::sampleClaimBundle());
  return c;
}

}  // namespace

GW_ADAPTER_ABI_SUITE(FhirClaim, fhirClaimCase());
