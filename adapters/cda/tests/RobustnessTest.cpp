// RobustnessTest.cpp: hostile and broken inputs (tests/data/malicious: XXE, entity bombs, external
// DTDs, deep nesting, huge attributes, fuzzed bytes, empty input) are refused with a status and a
// reason, never translated, never a crash: they all go through HardenedXml first.
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <dirent.h>

using namespace gw::cda;
using namespace gw::cda::test;

TEST(CdaRobustness, HostileInputsAreRefusedWithAReason) {
  const std::string dir = std::string(CDA_TEST_DATA_DIR) + "/../malicious";
  DIR* d = opendir(dir.c_str());
  ASSERT_NE(d, nullptr) << dir;
  int seen = 0;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name[0] == '.') continue;
    ++seen;
    std::string input = readFile(dir + "/" + name);
    try {
      makeAdapter().decode(input, "application/xml");
      ADD_FAILURE() << name << " was translated";
    } catch (const gw::sdk::Error& error) {
      EXPECT_TRUE(error.status() == GW_ERR_INVALID || error.status() == GW_ERR_UNSUPPORTED) << name << ": " << error.what();
      EXPECT_STRNE(error.what(), "") << name;
    }
  }
  closedir(d);
  EXPECT_GE(seen, 10);
}

TEST(CdaRobustness, TruncatedDocumentsAreRejectedWithAPosition) {
  std::string document = readFile(samplePath("hl7_ccda_discharge_summary.xml"));
  for (std::size_t cut : {std::size_t{100}, document.size() / 2, document.size() - 20}) {
    try {
      makeAdapter().decode(document.substr(0, cut), "application/xml");
      ADD_FAILURE() << "cut at " << cut << " was translated";
    } catch (const gw::sdk::Error& error) {
      EXPECT_EQ(error.status(), GW_ERR_INVALID) << cut;
      EXPECT_EQ(error.location().rfind("line ", 0), 0u) << cut << ": " << error.location();
    }
  }
}
