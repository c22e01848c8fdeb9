#include "gw/testing/FhirValidator.hpp"

#include <cstdlib>

namespace gw::testkit {

std::string fhirValidatorScript() {
  const char* configured = std::getenv("GW_FHIR_VALIDATOR");
  return configured && *configured ? configured : GW_TREE_FHIR_VALIDATOR;
}

NodeToolRun runFhirValidator(const std::vector<std::string>& files) {
  return runNodeTool(fhirValidatorScript(), "@medplum/core", files);
}

}  // namespace gw::testkit
