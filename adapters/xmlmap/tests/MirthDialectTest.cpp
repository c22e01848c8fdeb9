// MirthDialectTest.cpp: conf/mappings/mirth-hl7message.yaml on Mirth's <HL7Message> sample gives the
// same Patient, Encounter, hospital Organization and Practitioners as the hl7v2 adapter on the ER7
// twin. The hl7v2 adapter refuses the twin as published (PID-7 'Aug 15, 1942' and PV1-44
// 'Aug 14, 2004' are not HL7 dates), so it reads a copy with those two dates written as HL7 dates;
// the mapping reads Mirth's text dates with the format '%b %d, %Y'. Resources are compared whole,
// with keys sorted and each reference replaced by the type and first identifier of its target.
// The hl7v2 adapter is its built plugin, driven through the C ABI as the gateway does: this adapter's
// tests link no other adapter's code.
#include "XmlMapTestSupport.hpp"

#include <gw/testing/AdapterInstance.hpp>
#include <gw/testing/LoadedPlugin.hpp>

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <gtest/gtest.h>

#include <map>
#include <sstream>

using namespace gw::xmlmap::test;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

const char* const kPartner = "mirth-lab";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

Object::Ptr hl7v2Bundle() {
  std::string er7 = testData("hl7v2-er7/mirth_orm_o01.txt");
  er7 = replaced(replaced(er7, "Aug 15, 1942", "19420815"), "Aug 14, 2004", "20040814");
  LoadedPlugin plugin(HL7V2_PLUGIN_PATH);
  const gw_adapter* hl7v2 = plugin.adapter("hl7v2");
  if (!hl7v2) {
    ADD_FAILURE() << "no hl7v2 adapter in " << HL7V2_PLUGIN_PATH << ": " << plugin.error();
    return nullptr;
  }
  AdapterInstance instance(*hl7v2, kPartner, GW_KIND_HOSPITAL, "{}");
  if (!instance.ok()) {
    ADD_FAILURE() << "hl7v2 create: " << instance.created();
    return nullptr;
  }
  CallResult decoded = instance.decode(er7, "application/hl7-v2");
  if (decoded.status != GW_OK) {
    ADD_FAILURE() << "hl7v2 decode: " << decoded;
    return nullptr;
  }
  return parseJson(decoded.output);
}

Object::Ptr xmlmapBundle() {
  auto adapter = makeAdapter(mappingPath("mirth-hl7message.yaml"), kPartner);
  return parseJson(adapter.decode(testData("hl7v2-xml/mirth_orm_o01_hl7message.xml"), "application/xml").bytes);
}

// fullUrl → "Type|system|value" of the entry's first identifier: references that mean the same
// resource compare equal although the two adapters key their entries differently.
std::map<std::string, std::string> targetsOf(const Object::Ptr& bundle) {
  std::map<std::string, std::string> out;
  auto entries = bundle->getArray("entry");
  for (std::size_t i = 0; i < entries->size(); ++i) {
    auto resource = entries->getObject(i)->getObject("resource");
    auto ids = identifiers(resource);
    out[entries->getObject(i)->getValue<std::string>("fullUrl")] =
        resource->getValue<std::string>("resourceType") + "|" + (ids.empty() ? "" : ids[0]);
  }
  return out;
}

// Canonical text: parsing without key order sorts keys; references become their target's name.
std::string canonical(const Object::Ptr& resource, const std::map<std::string, std::string>& targets) {
  std::ostringstream raw;
  Poco::JSON::Stringifier::condense(resource, raw);
  std::string text = raw.str();
  for (const auto& [url, name] : targets)
    for (std::size_t pos; (pos = text.find(url)) != std::string::npos;) text.replace(pos, url.size(), name);
  std::ostringstream sorted;
  Poco::JSON::Stringifier::condense(Poco::JSON::Parser().parse(text), sorted);
  return sorted.str();
}

void expectSameResources(const std::string& type) {
  auto expected = hl7v2Bundle();
  ASSERT_TRUE(expected);
  auto actual = xmlmapBundle();
  auto want = resources(expected, type);
  auto got = resources(actual, type);
  ASSERT_EQ(got.size(), want.size()) << type;
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(canonical(got[i], targetsOf(actual)), canonical(want[i], targetsOf(expected))) << type << " " << i;
    EXPECT_EQ(str(requestOf(actual, got[i]), "url"), str(requestOf(expected, want[i]), "url")) << type << " " << i;
  }
}

}  // namespace

TEST(MirthDialect, PatientEqualsTheHl7v2AdaptersOnTheEr7Twin) { expectSameResources("Patient"); }
TEST(MirthDialect, EncounterEqualsTheHl7v2AdaptersOnTheEr7Twin) { expectSameResources("Encounter"); }
TEST(MirthDialect, PractitionersEqualTheHl7v2AdaptersOnTheEr7Twin) { expectSameResources("Practitioner"); }
TEST(MirthDialect, HospitalOrganizationEqualsTheHl7v2AdaptersOnTheEr7Twin) { expectSameResources("Organization"); }

TEST(MirthDialect, KeyFieldsSpelledOut) {
  auto bundle = xmlmapBundle();
  auto patient = resources(bundle, "Patient").at(0);
  EXPECT_EQ(identifiers(patient),
            (std::vector<std::string>{"urn:gw:mirth-lab:pi|4223161584", "urn:gw:mirth-lab:pn|4223161584",
                                      "urn:gw:mirth-lab:pi|4223161584", "urn:gw:mirth-lab:ss|815-16-2342"}));
  EXPECT_EQ(str(patient->getArray("name")->getObject(0), "family"), "Hanso");
  EXPECT_EQ(str(patient, "gender"), "male");
  EXPECT_EQ(str(patient, "birthDate"), "1942-08-15");
  auto encounter = resources(bundle, "Encounter").at(0);
  EXPECT_FALSE(encounter->has("identifier"));  // PV1-19 (visit number) is empty in the sample
  EXPECT_EQ(str(encounter->getObject("class"), "code"), "AMB");
  EXPECT_EQ(str(encounter, "status"), "unknown");  // ORM^O01 says nothing about the visit's state
  EXPECT_EQ(str(encounter->getObject("period"), "start"), "2004-08-14");
}

TEST(MirthDialect, EnvelopeFromMsh) {
  auto adapter = makeAdapter(mappingPath("mirth-hl7message.yaml"), kPartner);
  auto out = adapter.identify(testData("hl7v2-xml/mirth_orm_o01_hl7message.xml"), "application/xml");
  EXPECT_EQ(out.messageId, "12345678");
  EXPECT_EQ(out.event, "ORM^O01");
}
