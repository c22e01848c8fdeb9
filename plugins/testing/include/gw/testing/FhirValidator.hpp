// The independent FHIR R4 validator (tools/fhir-validator: node and Medplum's @medplum/core with the R4
// StructureDefinitions, offline) run on Bundles a test wrote, as docs/fhir-profile.md "Validation" asks.
#pragma once

#include "gw/testing/NodeTool.hpp"

#include <string>
#include <vector>

namespace gw::testkit {

// The validator script: $GW_FHIR_VALIDATOR when set, else tools/fhir-validator/validate.js of the source tree
// this library was built from.
std::string fhirValidatorScript();

NodeToolRun runFhirValidator(const std::vector<std::string>& files);

}  // namespace gw::testkit

// Expects every file to validate with zero errors; skips or fails as GW_NODE_TOOL_RAN_OR_SKIP says when
// node cannot run.
#define GW_EXPECT_VALID_FHIR(files)                                                                      \
  do {                                                                                                   \
    const std::vector<std::string>& validatedFiles = (files);                                            \
    ::gw::testkit::NodeToolRun validatorRun = ::gw::testkit::runFhirValidator(validatedFiles);           \
    GW_NODE_TOOL_RAN_OR_SKIP(validatorRun);                                                              \
    EXPECT_EQ(validatorRun.exitCode, 0) << validatorRun.output;                                          \
    const std::string validatedCount = std::to_string(validatedFiles.size());                            \
    EXPECT_NE(validatorRun.output.find(validatedCount + "/" + validatedCount + " valid"), std::string::npos) \
        << validatorRun.output;                                                                          \
  } while (0)
