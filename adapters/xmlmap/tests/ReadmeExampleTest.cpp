// ReadmeExampleTest.cpp: the "complete small example" of adapters/xmlmap/README.md loads and maps a
// matching document, so the reference operators copy from stays true.
#include "XmlMapTestSupport.hpp"

#include <gtest/gtest.h>

using namespace gw::xmlmap::test;

namespace {

std::string readmeExample() {
  std::string readme = readFile(std::string(XMLMAP_MAPPINGS_DIR) + "/../../adapters/xmlmap/README.md");
  std::size_t section = readme.find("## A complete small example");
  std::size_t start = readme.find("```yaml\n", section);
  std::size_t end = readme.find("```\n", start + 8);
  if (section == std::string::npos || start == std::string::npos || end == std::string::npos) return "";
  return readme.substr(start + 8, end - start - 8);
}

}  // namespace

TEST(ReadmeExample, LoadsAndMapsAVisit) {
  std::string yaml = readmeExample();
  ASSERT_NE(yaml, "");
  TempFolder folder("xmlmap-readme");
  auto adapter = makeAdapter(folder.write("mapping.yaml", yaml), "demo");
  std::string visit = R"(<Visit id="V-1"><Patient><Mrn>42</Mrn><Name>张三</Name><Sex>F</Sex><Born>01/02/2003</Born>
    </Patient><Start>202401020304</Start><Charge><Code>X1</Code><Amount>10.5</Amount></Charge>
    <Charge><Code>X2</Code><Amount>3</Amount></Charge></Visit>)";
  auto out = adapter.decode(visit, "application/xml");
  EXPECT_EQ(out.messageId, "V-1");
  EXPECT_EQ(out.event, "VISIT");
  auto bundle = parseJson(out.bytes);
  auto patient = resources(bundle, "Patient").at(0);
  EXPECT_EQ(identifiers(patient), std::vector<std::string>{"urn:gw:demo:mr|42"});
  EXPECT_EQ(str(patient, "birthDate"), "2003-02-01");
  EXPECT_EQ(str(patient, "gender"), "female");
  EXPECT_EQ(str(resources(bundle, "Encounter").at(0)->getObject("period"), "start"), "2024-01-02T03:04:00+08:00");
  EXPECT_EQ(resources(bundle, "ChargeItem").size(), 2u);
  auto ack = adapter.acknowledge(visit, "application/xml", GW_ACK_ACCEPT, "", "");
  EXPECT_EQ(ack.bytes, "<Ack id=\"V-1\" status=\"AA\"></Ack>");
}
