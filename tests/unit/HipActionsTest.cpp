// The HIPMessageServer action table: defaults, a hospital's own names over them (hospitals[].hip.actions,
// checked with file:line:column), and the refusal of an unknown action or a message of another interaction.
#include <gtest/gtest.h>

#include "TestSupport.hpp"
#include "config/ConfigError.hpp"
#include "config/GatewayConfig.hpp"
#include "intake/HipActions.hpp"

namespace {

std::string hospitalWith(const std::string& hip) {
  return "hospitals:\n  - id: bj-union\n    key_sha256: " + std::string(64, 'a') + "\n    adapter: cda\n" + hip;
}

TEST(HipActions, DefaultsNameTheCommonInteractions) {
  gw::HipActions actions{gw::HipConfig{}};
  EXPECT_EQ(actions.interactionOf("PatientRegister").value_or(""), "PRPA_IN201311UV02");
  EXPECT_EQ(actions.interactionOf("PatientUpdate").value_or(""), "PRPA_IN201314UV02");
  EXPECT_EQ(actions.interactionOf("PatientMerge").value_or(""), "PRPA_IN201304UV02");
  EXPECT_EQ(actions.interactionOf("EncounterRegister").value_or(""), "PRPA_IN400001UV");
  EXPECT_EQ(actions.interactionOf("OrderNew").value_or(""), "POOR_IN200901UV");
  EXPECT_EQ(actions.interactionOf("DocumentRegister").value_or(""), "RCMR_IN000002UV02");
  // The interaction id itself is an action too.
  EXPECT_EQ(actions.interactionOf("PRPA_IN201311UV02").value_or(""), "PRPA_IN201311UV02");
  EXPECT_FALSE(actions.interactionOf("patientregister"));
}

TEST(HipActions, HospitalActionsFromTheConfigurationAreMergedOverTheDefaults) {
  gw::GatewayConfig config = gw::parseConfig(
      hospitalWith("    hip:\n      actions:\n        S0001: PRPA_IN201311UV02\n        PatientRegister: PRPA_IN201314UV02\n"),
      "gw.yaml");
  gw::HipActions actions(config.hospitals.at(0).hip);
  EXPECT_EQ(actions.interactionOf("S0001").value_or(""), "PRPA_IN201311UV02");
  EXPECT_EQ(actions.interactionOf("PatientRegister").value_or(""), "PRPA_IN201314UV02");
  EXPECT_EQ(actions.interactionOf("PatientMerge").value_or(""), "PRPA_IN201304UV02");
}

TEST(HipActions, BadActionTablesAreConfigErrorsWithTheirPosition) {
  try {
    gw::parseConfig(hospitalWith("    hip:\n      actions:\n        S0001: patient-register\n"), "/etc/gw/gw.yaml");
    FAIL() << "accepted";
  } catch (const gw::ConfigError& e) {
    ASSERT_EQ(e.issues().size(), 1u) << e.what();
    EXPECT_EQ(e.issues()[0].toString(),
              "/etc/gw/gw.yaml:7:16: 'hospitals[0].hip.actions.S0001': must be an HL7 v3 interaction id such as "
              "PRPA_IN201311UV02");
  }
  try {
    gw::parseConfig(hospitalWith("    hip:\n      action: {}\n"), "/etc/gw/gw.yaml");
    FAIL() << "accepted";
  } catch (const gw::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("'hospitals[0].hip.action': unknown key"), std::string::npos) << e.what();
  }
}

TEST(HipActions, UnknownActionOrAnotherInteractionIsRefusedWithTheReason) {
  gw::HipActions actions{gw::HipConfig{}};
  const std::string patient = "<?xml version=\"1.0\"?>\n<!-- 个人信息注册 -->\n<PRPA_IN201311UV02 xmlns=\"urn:hl7-org:v3\"/>";
  EXPECT_FALSE(actions.refusal("PatientRegister", patient));
  auto unknown = actions.refusal("Nope", patient);
  ASSERT_TRUE(unknown);
  EXPECT_NE(unknown->find("unknown action 'Nope'"), std::string::npos) << *unknown;
  EXPECT_NE(unknown->find("PatientRegister"), std::string::npos) << *unknown;
  auto other = actions.refusal("PatientMerge", patient);
  ASSERT_TRUE(other);
  EXPECT_EQ(*other, "action 'PatientMerge' announces PRPA_IN201304UV02 but the message's root element is PRPA_IN201311UV02");
  EXPECT_TRUE(actions.refusal("PatientRegister", "just text"));
}

TEST(HipActions, DocumentElementNameSkipsProlog) {
  EXPECT_EQ(gw::documentElementName("\xEF\xBB\xBF<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"x.dtd\"><!-- <Fake/> -->"
                                    "<?pi x?>\n<v3:POOR_IN200901UV xmlns:v3=\"urn:hl7-org:v3\">"),
            "POOR_IN200901UV");
  EXPECT_EQ(gw::documentElementName("<A/>"), "A");
  EXPECT_EQ(gw::documentElementName("<!-- never closed"), "");
  EXPECT_EQ(gw::documentElementName(""), "");
}

}  // namespace
