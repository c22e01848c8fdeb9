// XmlMapTestSupport.hpp: what the xmlmap tests share beyond the adapter test kit (gw/testing: files, temporary
// folders, parsed Bundles and lookups in them): the shipped mappings and their samples, adapters over a mapping,
// and references between resources.
#pragma once

#include "XmlMapAdapter.hpp"

#include <gw/testing/BundleReading.hpp>
#include <gw/testing/TestFiles.hpp>

#include <Poco/JSON/Object.h>

#include <string>

namespace gw::xmlmap::test {

using namespace gw::testkit;

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

// The create error for a mapping file with `yaml` (its GW_ERR_CONFIG message), or "" when create succeeds.
inline std::string createError(const std::string& yaml, std::string* path = nullptr) {
  TempFolder folder("xmlmap-test");
  const std::string file = folder.write("mapping.yaml", yaml);
  if (path) *path = file;
  try {
    makeAdapter(file);
    return "";
  } catch (const gw::sdk::Error& e) {
    return e.status() == GW_ERR_CONFIG ? e.what() : "not GW_ERR_CONFIG: " + std::string(e.what());
  }
}

inline std::string referenceOf(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  return o && o->getObject(key) ? str(o->getObject(key), "reference") : "";
}

}  // namespace gw::xmlmap::test
