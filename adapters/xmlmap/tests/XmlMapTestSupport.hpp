// XmlMapTestSupport.hpp: helpers shared by the xmlmap tests: files, adapters over the shipped
// mappings or over a mapping written in the test, parsed Bundles and lookups in them.
#pragma once

#include "XmlMapAdapter.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace gw::xmlmap::test {

inline std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string mappingPath(const std::string& name) { return std::string(XMLMAP_MAPPINGS_DIR) + "/" + name; }
inline std::string sampleMessage(const std::string& name) { return readFile(mappingPath("samples/" + name)); }
inline std::string testData(const std::string& relative) {
  return readFile(std::string(XMLMAP_TEST_DATA_DIR) + "/" + relative);
}

inline std::string optionsFor(const std::string& mappingFile) {
  return "{\"mapping\":\"" + mappingFile + "\"}";
}

inline XmlMapAdapter makeAdapter(const std::string& mappingFile, const std::string& partner = "sh-intl") {
  return XmlMapAdapter(gw::sdk::Partner{partner, GW_KIND_HOSPITAL, optionsFor(mappingFile)});
}

// A mapping file written for one test, removed when the test ends.
class TempMapping {
 public:
  explicit TempMapping(const std::string& yaml) {
    char name[] = "/tmp/xmlmap-test-XXXXXX.yaml";
    int fd = mkstemps(name, 5);
    if (fd >= 0) close(fd);
    path_ = name;
    std::ofstream(path_) << yaml;
  }
  ~TempMapping() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

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

inline std::string fullUrlOf(const Poco::JSON::Object::Ptr& bundle, const Poco::JSON::Object::Ptr& resource) {
  auto entries = bundle->getArray("entry");
  for (std::size_t i = 0; i < entries->size(); ++i)
    if (entries->getObject(i)->getObject("resource").get() == resource.get())
      return entries->getObject(i)->getValue<std::string>("fullUrl");
  return "";
}

inline Poco::JSON::Object::Ptr requestOf(const Poco::JSON::Object::Ptr& bundle, const Poco::JSON::Object::Ptr& resource) {
  auto entries = bundle->getArray("entry");
  for (std::size_t i = 0; i < entries->size(); ++i)
    if (entries->getObject(i)->getObject("resource").get() == resource.get())
      return entries->getObject(i)->getObject("request");
  return nullptr;
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
  return o && o->has(key) ? o->get(key).toString() : "";
}

inline std::string referenceOf(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  return o && o->getObject(key) ? str(o->getObject(key), "reference") : "";
}

}  // namespace gw::xmlmap::test
