// FhirPathCheckTest.cpp: a field's `path` is checked against the FHIR R4 definitions when the mapping
// loads: misspelt elements (with the closest name as a hint), a repeating element without an index, an
// index on a single element and a step below a primitive fail create with file:line:column and the
// path; paths through datatypes, nested groups and choice elements load.
#include "XmlMapTestSupport.hpp"

#include "FhirPathCheck.hpp"

#include <gtest/gtest.h>

using namespace gw::xmlmap::test;

namespace {

// A mapping whose one resource of `type` writes `path`; the path is on line 9, its value at column 15.
std::string mappingWithPath(const std::string& type, const std::string& path) {
  return "match:\n  root: Visit\nmessage:\n  id: /Visit/@id\nresources:\n  - id: r\n    type: " + type +
         "\n    fields:\n      - path: \"" + path + "\"\n        xpath: /Visit/X\nack:\n  content_type: text/plain\n"
         "  template: \"${outcome}\"\n";
}

std::string pathError(const std::string& type, const std::string& path, std::string* file = nullptr) {
  return createError(mappingWithPath(type, path), file);
}

void expectPathError(const std::string& type, const std::string& path, const std::string& part) {
  std::string error = pathError(type, path);
  EXPECT_NE(error.find(part), std::string::npos) << error;
}

}  // namespace

TEST(FhirPathCheck, AMisspeltElementNamesFileLineColumnPathAndTheClosestElement) {
  std::string file;
  std::string error = pathError("Patient", "Patient.gendre", &file);
  EXPECT_EQ(error,
            file + ":9:15: 'resources[0].fields[0].path': 'Patient.gendre': Patient has no element 'gendre' in "
                   "FHIR R4 (did you mean 'gender'?)");
}

TEST(FhirPathCheck, AMisspeltElementOfADatatypeNamesTheDatatype) {
  expectPathError("Patient", "Patient.name[0].gven[0]",
                  "'Patient.name[0].gven[0]': Patient.name[0] (HumanName) has no element 'gven' in FHIR R4 "
                  "(did you mean 'given'?)");
  expectPathError("Encounter", "Encounter.period.begin", "Encounter.period (Period) has no element 'begin'");
}

TEST(FhirPathCheck, ANameFarFromEveryElementHasNoHint) {
  std::string error = pathError("Patient", "Patient.favouriteColour");
  EXPECT_NE(error.find("Patient has no element 'favouriteColour' in FHIR R4"), std::string::npos) << error;
  EXPECT_EQ(error.find("did you mean"), std::string::npos) << error;
}

TEST(FhirPathCheck, ARepeatingElementWithoutAnIndex) {
  expectPathError("Encounter", "Encounter.diagnosis.condition",
                  "'Encounter.diagnosis' repeats in FHIR R4: give an index, e.g. Encounter.diagnosis[0]");
  expectPathError("Patient", "Patient.name[0].given", "'Patient.name[0].given' repeats");
}

TEST(FhirPathCheck, AnIndexOnASingleElement) {
  expectPathError("Patient", "Patient.gender[0]",
                  "'Patient.gender' is a single element in FHIR R4: write it without [0]");
}

TEST(FhirPathCheck, AStepBelowAPrimitive) {
  expectPathError("Patient", "Patient.birthDate.year",
                  "'Patient.birthDate' is a FHIR date, a primitive: it has no element 'year'");
}

TEST(FhirPathCheck, PathsThroughDatatypesNestedGroupsAndChoiceElementsLoad) {
  for (const auto& [type, path] : std::vector<std::pair<std::string, std::string>>{
           {"Patient", "Patient.name[0].given[1]"},
           {"Patient", "Patient.identifier[0].type.coding[0].system"},
           {"Patient", "Patient.deceasedDateTime"},
           {"Patient", "Patient.contact[0].name.family"},
           {"Patient", "Patient.extension[0].valueString"},
           {"Encounter", "Encounter.period.start"},
           {"Encounter", "Encounter.diagnosis[0].condition"},
           {"Encounter", "Encounter.hospitalization.dischargeDisposition.text"},
           {"Observation", "Observation.valueQuantity.value"},
           {"ChargeItem", "ChargeItem.priceOverride"}})
    EXPECT_EQ(pathError(type, path), "") << path;
}

TEST(FhirPathCheck, AChoiceElementIsWrittenWithItsType) {
  expectPathError("Observation", "Observation.value",
                  "'Observation.value' is a choice of types in FHIR R4: write one of valueQuantity, "
                  "valueCodeableConcept, valueString");
  expectPathError("Observation", "Observation.valueQuantiy", "(did you mean 'valueQuantity'?)");
}

TEST(FhirPathCheck, KnowsWhichElementsFhirRequires) {
  using gw::xmlmap::ElementPath;
  using gw::xmlmap::isRequiredInFhirR4;
  EXPECT_TRUE(isRequiredInFhirR4(ElementPath::parse("Encounter.class")));
  EXPECT_TRUE(isRequiredInFhirR4(ElementPath::parse("Encounter.diagnosis[0].condition")));
  EXPECT_FALSE(isRequiredInFhirR4(ElementPath::parse("Patient.birthDate")));
  EXPECT_FALSE(isRequiredInFhirR4(ElementPath::parse("Patient.identifier[0].value")));
}
