// FhirPathCheck.hpp: a mapping's element path checked against the FHIR R4 definitions at load, so that
// `Patient.gendre` or an unindexed repeating element fails there, with a hint, and not at the validator.
#pragma once

#include "ElementPath.hpp"

#include <optional>
#include <string>

namespace gw::xmlmap {

// Empty when every step of `path` is an element of the type before it (walking datatypes and nested
// groups: Patient.name[0].given[1] is HumanName.given), repeating elements carry an index, single ones
// none, and no step goes below a primitive; else what is wrong, with the closest element name when
// one is near.
std::optional<std::string> checkAgainstFhirR4(const ElementPath& path);

// True when the element `path` writes must be present in its parent (min cardinality 1 in FHIR R4), as
// Encounter.class: a value there cannot simply be left out.
bool isRequiredInFhirR4(const ElementPath& path);

}  // namespace gw::xmlmap
