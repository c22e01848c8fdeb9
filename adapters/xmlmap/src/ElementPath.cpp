// ElementPath.cpp: see ElementPath.hpp.
#include "ElementPath.hpp"

#include "FhirElements.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <stdexcept>

namespace gw::xmlmap {

namespace {

bool isElementName(const std::string& s) {
  if (s.empty() || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

}  // namespace

bool isKnownResourceType(const std::string& name) {
  const char* const* end = fhir::kResourceTypes + fhir::kResourceTypeCount;
  return std::binary_search(fhir::kResourceTypes, end, name.c_str(),
                            [](const char* a, const char* b) { return std::strcmp(a, b) < 0; });
}

ElementPath ElementPath::parse(const std::string& text) {
  ElementPath path;
  path.text = text;
  std::size_t start = 0;
  bool first = true;
  while (start <= text.size()) {
    std::size_t dot = text.find('.', start);
    std::string part = text.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (first) {
      if (!isKnownResourceType(part))
        throw std::invalid_argument("unknown FHIR path root '" + part +
                                    "' (expected a resource type such as Patient, Encounter, ChargeItem)");
      path.resourceType = part;
      first = false;
    } else {
      ElementStep step;
      std::size_t bracket = part.find('[');
      step.name = part.substr(0, bracket);
      if (!isElementName(step.name))
        throw std::invalid_argument("'" + part + "' in '" + text + "' is not an element name");
      if (bracket != std::string::npos) {
        std::string digits = part.substr(bracket + 1, part.size() - bracket - 2);
        if (part.back() != ']' || digits.empty() || digits.size() > 3 ||
            !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
          throw std::invalid_argument("'" + part + "' in '" + text + "' needs an index like [0]");
        step.index = std::stoul(digits);
      }
      path.steps.push_back(step);
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (path.steps.empty())
    throw std::invalid_argument("'" + text + "' names no element (write e.g. " + path.resourceType + ".identifier[0].value)");
  if (path.steps.front().name == "resourceType")
    throw std::invalid_argument("resourceType is written by the adapter");
  return path;
}

Json& ElementPath::locate(Json& resource) const {
  Json* node = &resource;
  for (const auto& step : steps) {
    node = &node->member(step.name);
    if (step.index) node = &node->item(*step.index);
  }
  return *node;
}

}  // namespace gw::xmlmap
