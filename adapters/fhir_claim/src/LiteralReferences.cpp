// A recursive walk over a resource's JSON collecting Reference.reference strings.
#include "LiteralReferences.hpp"

namespace gw::fhirclaim {

namespace {

// `path` is one buffer, extended for each step down and cut back after it: no string is built per node.
void walk(const Poco::Dynamic::Var& value, std::string& path, std::vector<LiteralReference>& found);

void walkObject(const JsonObject& object, std::string& path, std::vector<LiteralReference>& found) {
  // A Reference is any object whose "reference" is a string; Claim.related.reference is an Identifier
  // (an object), so it is not mistaken for one.
  std::string reference = stringAt(object, "reference");
  if (!reference.empty()) found.push_back({path, reference});
  const std::size_t length = path.size();
  for (const auto& key : object->getNames()) {
    if (length > 0) path += '.';
    path += key;
    walk(object->get(key), path, found);
    path.resize(length);
  }
}

void walk(const Poco::Dynamic::Var& value, std::string& path, std::vector<LiteralReference>& found) {
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
    walkObject(value.extract<Poco::JSON::Object::Ptr>(), path, found);
  } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    const auto& array = value.extract<Poco::JSON::Array::Ptr>();
    const std::size_t length = path.size();
    for (std::size_t i = 0; i < array->size(); ++i) {
      path += '[';
      path += std::to_string(i);
      path += ']';
      walk(array->get(i), path, found);
      path.resize(length);
    }
  }
}

}  // namespace

std::vector<LiteralReference> literalReferences(const JsonObject& resource) {
  std::vector<LiteralReference> found;
  std::string path;
  if (resource) walkObject(resource, path, found);
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
