// TestSupport.hpp: what the cda adapter tests share beyond the adapter test kit (gw/testing: files, parsed
// Bundles and lookups in them): where samples are (the Chinese national-standard examples only in the shared
// sample set beside the checkout, the CC0 C-CDA samples in tests/data/cda), an adapter instance, and codings.
#pragma once

#include "CdaAdapter.hpp"

#include <gw/testing/BundleReading.hpp>
#include <gw/testing/TestFiles.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <sys/stat.h>
#include <vector>

namespace gw::cda::test {

using namespace gw::testkit;

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

inline CdaAdapter makeAdapter(const std::string& options = "{}", const std::string& partner = "bj-union") {
  return CdaAdapter(gw::sdk::Partner{partner, GW_KIND_HOSPITAL, options});
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
