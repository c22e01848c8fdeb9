// A recursive walk over a resource's JSON collecting Reference.reference strings.
#include "LiteralReferences.hpp"

namespace gw::fhirclaim {

namespace {

void walk(const Poco::Dynamic::Var& value, const std::string& path, std::vector<LiteralReference>& found);

void walkObject(const JsonObject& object, const std::string& path, std::vector<LiteralReference>& found) {
  // A Reference is any object whose "reference" is a string; Claim.related.reference is an Identifier
  // (an object), so it is not mistaken for one.
  std::string reference = stringAt(object, "reference");
  if (!reference.empty()) found.push_back({path, reference});
  for (const auto& key : object->getNames()) {
    walk(object->get(key), path.empty() ? key : path + "." + key, found);
  }
}

void walk(const Poco::Dynamic::Var& value, const std::string& path, std::vector<LiteralReference>& found) {
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
    walkObject(value.extract<Poco::JSON::Object::Ptr>(), path, found);
  } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    const auto& array = value.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) walk(array->get(i), path + "[" + std::to_string(i) + "]", found);
  }
}

}  // namespace

std::vector<LiteralReference> literalReferences(const JsonObject& resource) {
  std::vector<LiteralReference> found;
  if (resource) walkObject(resource, "", found);
  return found;
}

std::string elementOf(const std::string& path) {
  std::string element;
  bool inIndex = false;
  for (char c : path) {
    if (c == '[') inIndex = true;
    else if (c == ']') inIndex = false;
    else if (!inIndex) element += c;
  }
  return element;
}

}  // namespace gw::fhirclaim
