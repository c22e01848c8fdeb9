// TestSupport.hpp: what the hl7v2 adapter tests share beyond the adapter test kit (gw/testing: files, parsed
// Bundles and lookups in them): sample files by their path under tests/data, their content type, an adapter instance.
#pragma once

#include "Hl7v2Adapter.hpp"

#include <gw/testing/BundleReading.hpp>
#include <gw/testing/TestFiles.hpp>

#include <string>

namespace gw::hl7v2::test {

using namespace gw::testkit;

inline std::string dataPath(const std::string& relative) { return std::string(HL7V2_TEST_DATA_DIR) + "/" + relative; }

inline std::string sample(const std::string& relative) { return readFile(dataPath(relative)); }

inline std::string contentTypeFor(const std::string& name) {
  return name.size() > 4 && name.substr(name.size() - 4) == ".xml" ? "application/hl7-v2+xml" : "application/hl7-v2";
}

// A small ER7 message written in a test: an MSH for `event` in HL7 `version`, then `body` (segments ended by \r).
inline std::string er7(const std::string& event, const std::string& body, const std::string& version = "2.5") {
  return "MSH|^~\\&|HIS|SH-INTL|GW|GROUP|20240301083000+0800||" + event + "|MSG-1|P|" + version + "\r" + body;
}

inline Hl7v2Adapter makeAdapter(const std::string& options = "{}", const std::string& partner = "sh-intl") {
  return Hl7v2Adapter(gw::sdk::Partner{partner, GW_KIND_HOSPITAL, options});
}

}  // namespace gw::hl7v2::test
