// FhirElements.hpp: the FHIR R4 element table a mapping's paths are checked against (FhirPathCheck).
// FhirElements.cpp is generated from the official R4 StructureDefinitions by
// adapters/xmlmap/tools/gen_fhir_elements.py and committed, so the build needs no FHIR package.
#pragma once

#include <cstddef>

namespace gw::xmlmap::fhir {

struct Element {
  const char* owner;  // a type (Patient, HumanName) or a nested group's path (Encounter.diagnosis)
  const char* name;   // as FHIR writes it: a choice element ends in [x] (value[x])
  bool repeats;       // max cardinality above 1
  bool required;      // min cardinality 1 or more
  const char* types;  // type codes, '|'-separated (several only for a choice element)
};

extern const char* const kVersion;  // of the definitions, e.g. 4.0.1
extern const char* const kResourceTypes[];  // the resources xmlmap produces, sorted
extern const std::size_t kResourceTypeCount;
extern const char* const kPrimitiveTypes[];  // string, code, date, …: no elements below them
extern const std::size_t kPrimitiveTypeCount;
extern const Element kElements[];  // sorted by owner, then name (byte order)
extern const std::size_t kElementCount;

}  // namespace gw::xmlmap::fhir
