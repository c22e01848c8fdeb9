// FhirPathCheck.cpp: see FhirPathCheck.hpp.
#include "FhirPathCheck.hpp"

#include "FhirElements.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

namespace gw::xmlmap {

namespace {

// One element name a path may write: a choice element (value[x]) is written once per type
// (valueString, valueQuantity), each a single element of that type.
struct Candidate {
  std::string name;
  bool repeats;
  bool required;
  std::string type;
  std::string choice;  // for valueString: "value"
};

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find(separator, start)) != std::string::npos; start = end + 1)
    parts.push_back(text.substr(start, end - start));
  parts.push_back(text.substr(start));
  return parts;
}

std::vector<Candidate> elementsOf(const std::string& owner) {
  auto byOwner = [](const fhir::Element& e, const char* o) { return std::strcmp(e.owner, o) < 0; };
  const fhir::Element* end = fhir::kElements + fhir::kElementCount;
  std::vector<Candidate> out;
  for (const fhir::Element* e = std::lower_bound(fhir::kElements, end, owner.c_str(), byOwner);
       e != end && owner == e->owner; ++e) {
    std::string name = e->name;
    std::vector<std::string> types = split(e->types, '|');
    if (name.size() > 3 && name.compare(name.size() - 3, 3, "[x]") == 0) {
      for (const std::string& type : types) {
        std::string written = name.substr(0, name.size() - 3) + type;
        written[name.size() - 3] = static_cast<char>(std::toupper(static_cast<unsigned char>(type[0])));
        out.push_back({written, false, e->required, type, name.substr(0, name.size() - 3)});
      }
    } else {
      out.push_back({name, e->repeats, e->required, types.front(), ""});
    }
  }
  return out;
}

bool isPrimitive(const std::string& type) {
  return std::find(fhir::kPrimitiveTypes, fhir::kPrimitiveTypes + fhir::kPrimitiveTypeCount, type) !=
         fhir::kPrimitiveTypes + fhir::kPrimitiveTypeCount;
}

std::size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// " (did you mean 'gender'?)" when an element of the type is a few edits away from `name`.
std::string closest(const std::vector<Candidate>& elements, const std::string& name) {
  const Candidate* best = nullptr;
  std::size_t bestDistance = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (const auto& e : elements) {
    std::size_t d = editDistance(name, e.name);
    if (d < bestDistance) best = &e, bestDistance = d;
  }
  return best ? " (did you mean '" + best->name + "'?)" : "";
}

bool isChoice(const std::vector<Candidate>& elements, const std::string& name) {
  return std::any_of(elements.begin(), elements.end(), [&](const Candidate& c) { return c.choice == name; });
}

// "valueQuantity, valueCodeableConcept, …" for "value".
std::string choicesOf(const std::vector<Candidate>& elements, const std::string& name) {
  std::string out;
  for (const auto& c : elements)
    if (c.choice == name) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

}  // namespace

bool isRequiredInFhirR4(const ElementPath& path) {
  std::string type = path.resourceType;
  bool required = false;
  for (const auto& step : path.steps) {
    std::vector<Candidate> elements = elementsOf(type);
    auto element =
        std::find_if(elements.begin(), elements.end(), [&](const Candidate& c) { return c.name == step.name; });
    if (element == elements.end()) return false;
    required = element->required;
    type = element->type;
  }
  return required;
}

std::optional<std::string> checkAgainstFhirR4(const ElementPath& path) {
  std::string type = path.resourceType;
  std::string walked = path.resourceType;  // the path so far, as written
  for (const auto& step : path.steps) {
    if (isPrimitive(type))
      return "'" + walked + "' is a FHIR " + type + ", a primitive: it has no element '" + step.name + "'";
    std::vector<Candidate> elements = elementsOf(type);
    auto element =
        std::find_if(elements.begin(), elements.end(), [&](const Candidate& c) { return c.name == step.name; });
    // A datatype is named after the path that reached it; a nested group's path names it already.
    std::string of = walked == type || type.find('.') != std::string::npos ? walked : walked + " (" + type + ")";
    if (element == elements.end() && isChoice(elements, step.name))
      return "'" + walked + "." + step.name + "' is a choice of types in FHIR R4: write one of " +
             choicesOf(elements, step.name);
    if (element == elements.end())
      return of + " has no element '" + step.name + "' in FHIR R4" + closest(elements, step.name);
    std::string here = walked + "." + step.name;
    if (element->repeats && !step.index)
      return "'" + here + "' repeats in FHIR R4: give an index, e.g. " + here + "[0]";
    if (!element->repeats && step.index)
      return "'" + here + "' is a single element in FHIR R4: write it without [" + std::to_string(*step.index) + "]";
    walked = here + (step.index ? "[" + std::to_string(*step.index) + "]" : "");
    type = element->type;
  }
  return std::nullopt;
}

}  // namespace gw::xmlmap
