// Runs the independent FHIR R4 validator (tools/fhir-validator, node + @medplum/core) from tests.
// A small library of its own so adapter tests can use it without linking the gateway core.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace gwtest {

// Runs tools/fhir-validator on `files`; returns its exit code and fills `output`. Returns -1 (with the
// reason in `output`) when node or the validator's node_modules is missing.
int runFhirValidator(const std::vector<std::string>& files, std::string& output);

}  // namespace gwtest

// Expects zero validation errors. Skips the test when the validator cannot run, or fails it when
// GW_REQUIRE_NODE=1 (as scripts/test.sh sets).
#define GW_EXPECT_VALID_FHIR(files)                                                                  \
  do {                                                                                               \
    std::string validatorOutput;                                                                     \
    int validatorCode = ::gwtest::runFhirValidator((files), validatorOutput);                        \
    if (validatorCode == -1) {                                                                       \
      const char* require = std::getenv("GW_REQUIRE_NODE");                                          \
      if (require && std::string(require) == "1") FAIL() << validatorOutput << " (GW_REQUIRE_NODE=1)"; \
      GTEST_SKIP() << validatorOutput;                                                               \
    }                                                                                                \
    EXPECT_EQ(validatorCode, 0) << validatorOutput;                                                  \
  } while (0)
