// TestSupport.hpp: helpers shared by the cda adapter tests: where samples are (the Chinese
// national-standard examples only in the shared sample set beside the checkout, the CC0 C-CDA
// samples in tests/data/cda), an adapter instance, and lookups in a decoded Bundle.
#pragma once

#include "CdaAdapter.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace gw::cda::test {

inline bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// The copy in tests/data when there is one; else the shared sample (cn_* samples have no declared
// licence and are never copied, and samples added to the shared set later are read from there too).
inline std::string samplePath(const std::string& name) {
  const std::string copy = std::string(CDA_TEST_DATA_DIR) + "/" + name;
  if (name.rfind("cn_", 0) != 0 && exists(copy)) return copy;
  return std::string(CDA_SHARED_SAMPLES_DIR) + "/" + name;
}

inline std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline CdaAdapter makeAdapter(const std::string& options = "{}", const std::string& partner = "bj-union") {
  return CdaAdapter(gw::sdk::Partner{partner, GW_KIND_HOSPITAL, options});
}

inline Poco::JSON::Object::Ptr parseJson(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

inline std::vector<Poco::JSON::Object::Ptr> resources(const Poco::JSON::Object::Ptr& bundle, const std::string& type) {
  std::vector<Poco::JSON::Object::Ptr> out;
  auto entries = bundle->getArray("entry");
  for (std::size_t i = 0; entries && i < entries->size(); ++i) {
    auto resource = entries->getObject(i)->getObject("resource");
    if (resource->getValue<std::string>("resourceType") == type) out.push_back(resource);
  }
  return out;
}

inline std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  return o && o->has(key) ? o->getValue<std::string>(key) : "";
}

// "system|value" of every identifier of a resource.
inline std::vector<std::string> identifiers(const Poco::JSON::Object::Ptr& resource) {
  std::vector<std::string> out;
  auto ids = resource->getArray("identifier");
  for (std::size_t i = 0; ids && i < ids->size(); ++i)
    out.push_back(str(ids->getObject(i), "system") + "|" + str(ids->getObject(i), "value"));
  return out;
}

// "system|code" of every coding of a CodeableConcept member.
inline std::vector<std::string> codings(const Poco::JSON::Object::Ptr& resource, const std::string& key) {
  std::vector<std::string> out;
  auto concept = resource->getObject(key);
  auto list = concept ? concept->getArray("coding") : nullptr;
  for (std::size_t i = 0; list && i < list->size(); ++i)
    out.push_back(str(list->getObject(i), "system") + "|" + str(list->getObject(i), "code"));
  return out;
}

}  // namespace gw::cda::test
