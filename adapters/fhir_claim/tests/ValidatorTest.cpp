// The pages and Bundles this adapter writes, checked by an independent FHIR R4 validator
// (tools/fhir-validator, Medplum), which must report zero errors.
#include "FhirClaimAdapter.hpp"
#include "FhirClaimTestSupport.hpp"

#include <gw/testing/FhirValidator.hpp>

using namespace gw::fhirclaim;
using namespace gw::fhirclaim::test;

namespace {

FhirClaimAdapter adapterWith(const std::string& options) {
  return FhirClaimAdapter(gw::sdk::Partner{"benefits-inc", GW_KIND_INSURER, options});
}

}  // namespace

TEST(FhirClaimValidator, RenderedPagesAreValidR4) {
  TempFolder folder;
  JsonObject input = sampleClaimBundle();
  auto full = adapterWith(R"({"profile":"http://example.org/fhir/StructureDefinition/gw-claim"})");
  auto claimsOnly = adapterWith(R"({"include_resources":false})");
  std::vector<std::string> files = {folder.write("page.json", full.encode(render(input)).bytes),
                                    folder.write("page-claims-only.json", claimsOnly.encode(render(input)).bytes),
                                    folder.write("page-contained.json",
                                                 full.encode(render(bundleOf({sample("Claim-MED-00050.json"),
                                                                              fixture("Organization-1.json"),
                                                                              fixture("Practitioner-example.json")})))
                                                     .bytes)};
  GW_EXPECT_VALID_FHIR(files);
}

TEST(FhirClaimValidator, DecodedBundlesAndAcknowledgementsAreValidR4) {
  TempFolder folder;
  auto adapter = adapterWith("{}");
  JsonObject second = sample("ClaimResponse-R3500.json");
  second->set("id", "R3501");
  JsonObject remittance = bundleOf({sample("ClaimResponse-R3500.json"), second});
  std::vector<std::string> files = {
      folder.write("decoded-single.json",
                   adapter.decode(readFile(std::string(GW_TEST_DATA_DIR) + "/fhir-r4/ClaimResponse-R3500.json"),
                                  "application/fhir+json")
                       .bytes),
      folder.write("decoded-two.json", adapter.decode(render(remittance), "application/fhir+json").bytes),
      folder.write("decoded-ack.json",
                   adapter.decode(render(fixture("ClaimResponse-ack-bundle.json")), "application/fhir+json").bytes),
      folder.write("ack-accept.json", adapter.acknowledge("", "", GW_ACK_ACCEPT, "", "stored").bytes),
      folder.write("ack-error.json", adapter
                                         .acknowledge("", "", GW_ACK_ERROR, "Bundle.entry[0].resource.outcome",
                                                      "missing outcome")
                                         .bytes),
      folder.write("ack-reject.json", adapter.acknowledge("", "", GW_ACK_REJECT, "", "").bytes)};
  GW_EXPECT_VALID_FHIR(files);
}

TEST(FhirClaimValidator, ValidatorCatchesAnInvalidClaim) {
  // Guards the two tests above: a validator that passes everything would make them worthless.
  TempFolder folder;
  JsonObject claim = sample("Claim-860150.json");
  claim->remove("patient");
  std::vector<std::string> files = {folder.write("bad-claim.json", render(claim))};
  NodeToolRun run = runFhirValidator(files);
  GW_NODE_TOOL_RAN_OR_SKIP(run);
  EXPECT_NE(run.exitCode, 0) << run.output;
}
