// TestSupport.hpp: helpers shared by the hl7v2 adapter tests: sample files, an adapter instance,
// decoding to a parsed Poco JSON Bundle, and lookups of entries by resource type.
#pragma once

#include "Hl7v2Adapter.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gw::hl7v2::test {

inline std::string dataPath(const std::string& relative) { return std::string(HL7V2_TEST_DATA_DIR) + "/" + relative; }

inline std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string sample(const std::string& relative) { return readFile(dataPath(relative)); }

inline std::string contentTypeFor(const std::string& name) {
  return name.size() > 4 && name.substr(name.size() - 4) == ".xml" ? "application/hl7-v2+xml" : "application/hl7-v2";
}

inline Hl7v2Adapter makeAdapter(const std::string& options = "{}", const std::string& partner = "sh-intl") {
  return Hl7v2Adapter(gw::sdk::Partner{partner, GW_KIND_HOSPITAL, options});
}

inline Poco::JSON::Object::Ptr parseJson(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

// The resources of a Bundle of the given type, in entry order.
inline std::vector<Poco::JSON::Object::Ptr> resources(const Poco::JSON::Object::Ptr& bundle, const std::string& type) {
  std::vector<Poco::JSON::Object::Ptr> out;
  auto entries = bundle->getArray("entry");
  for (std::size_t i = 0; entries && i < entries->size(); ++i) {
    auto resource = entries->getObject(i)->getObject("resource");
    if (resource->getValue<std::string>("resourceType") == type) out.push_back(resource);
  }
  return out;
}

// The fullUrl of the entry holding `resource`.
inline std::string fullUrlOf(const Poco::JSON::Object::Ptr& bundle, const Poco::JSON::Object::Ptr& resource) {
  auto entries = bundle->getArray("entry");
  for (std::size_t i = 0; i < entries->size(); ++i)
    if (entries->getObject(i)->getObject("resource").get() == resource.get())
      return entries->getObject(i)->getValue<std::string>("fullUrl");
  return "";
}

// "system|value" of every identifier of a resource.
inline std::vector<std::string> identifiers(const Poco::JSON::Object::Ptr& resource) {
  std::vector<std::string> out;
  auto ids = resource->getArray("identifier");
  for (std::size_t i = 0; ids && i < ids->size(); ++i)
    out.push_back(ids->getObject(i)->getValue<std::string>("system") + "|" + ids->getObject(i)->getValue<std::string>("value"));
  return out;
}

inline std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  return o && o->has(key) ? o->getValue<std::string>(key) : "";
}

}  // namespace gw::hl7v2::test
