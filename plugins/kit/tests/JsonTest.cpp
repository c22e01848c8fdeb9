// The kit's FHIR JSON writer: order kept, decimals as sent, nothing empty written, paths built on demand.
#include <gw/kit/Json.hpp>

#include <gtest/gtest.h>

using gw::kit::Json;

TEST(KitJson, KeepsOrderAndDecimalTextAndEscapes) {
  Json money = Json::object();
  money.set("value", Json::number("12.50"));
  money.set("currency", "CNY");
  Json resource = Json::object();
  resource.set("resourceType", "Invoice");
  resource.set("note", "say \"hi\"\n");
  resource.set("totalNet", std::move(money));
  resource.set("active", Json::boolean(false));
  EXPECT_EQ(resource.dump(),
            R"({"resourceType":"Invoice","note":"say \"hi\"\n","totalNet":{"value":12.50,"currency":"CNY"},"active":false})");
}

TEST(KitJson, NeverWritesEmptyValues) {
  Json patient = Json::object();
  patient.set("resourceType", "Patient");
  patient.set("gender", "");                 // an empty HL7 field
  patient.set("name", Json::array());        // no names
  patient.append("identifier", Json::object());
  EXPECT_EQ(patient.dump(), R"({"resourceType":"Patient"})");
}

TEST(KitJson, BuildsByPathWithHolesLeftOut) {
  Json resource = Json::object();
  resource.set("resourceType", "Patient");
  resource.member("identifier").item(1).member("value") = Json::string("MRN-1");
  resource.member("name").item(0).member("family");  // created, never set: an empty name
  resource.member("telecom").item(2).member("value") = Json::string("555");
  EXPECT_EQ(resource.dump(), R"({"resourceType":"Patient","identifier":[{"value":"MRN-1"}],"telecom":[{"value":"555"}]})");
  EXPECT_TRUE(resource.get("name")->isEmpty());
  ASSERT_NE(resource.get("identifier"), nullptr);
  EXPECT_EQ(resource.get("identifier")->items().size(), 2u);  // the hole is kept in the tree, not written
}

TEST(KitJson, MemberTurnsAScalarIntoAnObject) {
  Json value = Json::string("x");
  value.member("k") = Json::string("v");
  EXPECT_EQ(value.dump(), R"({"k":"v"})");
  Json list = Json::string("x");
  list.item(0) = Json::number("1");
  EXPECT_EQ(list.dump(), "[1]");
}

TEST(KitJson, SetOnACreatedMemberMakesItAnObject) {
  Json bundle = Json::object();
  Json& identifier = bundle.member("identifier");
  identifier.set("system", "urn:gw:h1:message");
  identifier.set("value", "M-1");
  EXPECT_EQ(bundle.dump(), R"({"identifier":{"system":"urn:gw:h1:message","value":"M-1"}})");
}
