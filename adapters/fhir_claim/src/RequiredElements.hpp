// Presence and JSON-type checks of required FHIR elements, shared by the Claim and ClaimResponse rules so
// both phrase a fault the same way: "<label>: missing required element <path>".
#pragma once

#include "FhirJson.hpp"
#include "Problems.hpp"

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace gw::fhirclaim {

class RequiredElements {
 public:
  // `label` names the resource in messages ("Claim/100154", "Bundle.entry[1] (ClaimResponse/R3500)");
  // `location` is the resource's FHIRPath-like position in the input ("Bundle.entry[1].resource").
  RequiredElements(std::string label, std::string location, Problems& problems)
      : label_(std::move(label)), location_(std::move(location)), problems_(problems) {}

  // Each returns whether the element is present with the right JSON type, recording a problem otherwise.
  bool string(const JsonObject& parent, const std::string& path);
  bool object(const JsonObject& parent, const std::string& path);
  bool boolean(const JsonObject& parent, const std::string& path);
  bool positiveInteger(const JsonObject& parent, const std::string& path);
  // A non-empty array.
  bool array(const JsonObject& parent, const std::string& path);
  // A code that must be one of `allowed`.
  bool code(const JsonObject& parent, const std::string& path, std::initializer_list<const char*> allowed);

  // status, type, use, patient, created: what Claim and ClaimResponse share, with the same R4
  // cardinality (1..1) and the same required value sets for status and use.
  void claimCore(const JsonObject& resource);

  // The objects of the optional array `name` of `parent`, each with its path ("item[2]"); an array that
  // is not one, or an element that is not an object, is recorded as a problem and left out.
  std::vector<std::pair<std::string, JsonObject>> objects(const JsonObject& parent, const std::string& name);

  // Records a problem about this resource at `path`.
  void fault(const std::string& path, const std::string& what);

 private:
  bool present(const JsonObject& parent, const std::string& path);
  static std::string key(const std::string& path);

  std::string label_;
  std::string location_;
  Problems& problems_;
};

}  // namespace gw::fhirclaim
