// ErrorListTest.cpp: a mapping with many problems reports every one of them, each on its own line as
// FILE:LINE:COLUMN: 'key.path': message, through the loader and through the adapter's create (the
// list is longer than the 1 KiB error field of the C ABI; carrying it across is the SDK's business).
#include "XmlMapTestSupport.hpp"

#include "MappingLoader.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace gw::xmlmap::test;

namespace {

constexpr int kBadFields = 40;

// One Patient whose fields 0..39 each write a misspelt element; field k is on line 9 + k.
std::string mappingWithBadFields() {
  std::string yaml = "match:\n  root: Visit\nmessage:\n  id: /Visit/@id\nresources:\n  - id: patient\n"
                     "    type: Patient\n    fields:\n";
  for (int k = 0; k < kBadFields; ++k) yaml += "      - { path: Patient.gendre, xpath: /Visit/Sex }\n";
  return yaml + "ack:\n  content_type: text/plain\n  template: \"${outcome}\"\n";
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

void expectEveryBadField(const std::string& file, const std::string& report) {
  EXPECT_GT(report.size(), 1024u);
  std::vector<std::string> got = lines(report);
  ASSERT_EQ(got.size(), static_cast<std::size_t>(kBadFields)) << report;
  for (int k = 0; k < kBadFields; ++k)
    EXPECT_EQ(got[k], file + ":" + std::to_string(9 + k) + ":17: 'resources[0].fields[" + std::to_string(k) +
                          "].path': 'Patient.gendre': Patient has no element 'gendre' in FHIR R4 (did you mean 'gender'?)");
}

}  // namespace

TEST(ErrorList, TheLoaderReportsAllFortyProblems) {
  try {
    gw::xmlmap::loadMappingText(mappingWithBadFields(), "many.yaml", "sh-intl");
    FAIL() << "loaded";
  } catch (const gw::xmlmap::MappingError& e) {
    expectEveryBadField("many.yaml", e.what());
  }
}

TEST(ErrorList, TheAdaptersCreateErrorCarriesAllFortyProblems) {
  std::string file;
  std::string error = createError(mappingWithBadFields(), &file);
  expectEveryBadField(file, error);
}
