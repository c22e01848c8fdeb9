// TestSupport.hpp: what the hl7v2 adapter tests share beyond the adapter test kit (gw/testing: files, parsed
// Bundles and lookups in them): sample files by their path under tests/data, their content type, an adapter instance.
#pragma once

#include "Hl7v2Adapter.hpp"

#include <gw/kit/Issues.hpp>

#include <gw/testing/BundleReading.hpp>
#include <gw/testing/TestFiles.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// The Bundle an ER7 message decodes to (lenient unless `options` say otherwise).
inline Poco::JSON::Object::Ptr bundleOf(const std::string& message, const std::string& options = "{}") {
  return parseJson(makeAdapter(options).decode(message, "application/hl7-v2").bytes);
}

// The error an ER7 message is refused with; a failure (and GW_OK) when it decodes.
inline gw::sdk::Error decodeError(const std::string& message, const std::string& options = "{}") {
  try {
    makeAdapter(options).decode(message, "application/hl7-v2");
  } catch (const gw::sdk::Error& e) {
    return e;
  }
  ADD_FAILURE() << "decoded without error";
  return gw::sdk::Error(GW_OK, "");
}

// What a lenient decode of a message gave: the Bundle, the warnings and the OperationOutcome as returned.
struct Lenient {
  Poco::JSON::Object::Ptr bundle;
  std::vector<gw::kit::Issue> issues;
  std::string outcome;
};

inline Lenient lenient(const std::string& message, const std::string& contentType = "application/hl7-v2") {
  auto out = makeAdapter().decode(message, contentType);
  return {parseJson(out.bytes), gw::kit::readIssues(out.issues), out.issues};
}

// The field a strict decode refuses the message at (GW_ERR_INVALID).
inline std::string strictRefusal(const std::string& message) {
  auto e = decodeError(message, R"({"validation":"strict"})");
  EXPECT_EQ(e.status(), GW_ERR_INVALID);
  return e.location();
}

// Decodes every message and writes its Bundle into `folder`: the files to hand to GW_EXPECT_VALID_FHIR.
inline std::vector<std::string> bundleFiles(const TempFolder& folder, const std::vector<std::string>& messages) {
  std::vector<std::string> files;
  for (const std::string& message : messages)
    files.push_back(folder.write("bundle-" + std::to_string(files.size()) + ".json",
                                 makeAdapter().decode(message, "application/hl7-v2").bytes));
  return files;
}

}  // namespace gw::hl7v2::test
