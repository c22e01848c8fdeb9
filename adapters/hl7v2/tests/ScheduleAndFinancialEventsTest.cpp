// ScheduleAndFinancialEventsTest.cpp: SIU^S12-S22 and S26 to an Appointment whose status follows the event;
// DFT^P03/P11 charges; BAR^P01/P02/P05/P06/P10/P12 accounts, with one Encounter per visit.
#include "TestSupport.hpp"

#include <gw/testing/FhirValidator.hpp>

#include <gtest/gtest.h>

using namespace gw::hl7v2;
using namespace gw::hl7v2::test;

namespace {

const std::string kSchedule = "SCH|A1|F1|||||||||^^^20240301090000^20240301093000||||||||||||||Booked\r"
                              "PID|1||P1^^^^MR||WANG\rRGS|1\rAIP|1||D7^ZHAO^LIU|^Doctor";
const std::string kPatient = "EVN|P01\rPID|1||P1^^^^MR||WANG^FANG||19800101|F\r";

std::string appointmentStatus(const std::string& event) {
  return str(resources(bundleOf(er7(event, kSchedule)), "Appointment").at(0), "status");
}

}  // namespace

TEST(ScheduleAndFinancialEvents, TheAppointmentStatusFollowsTheEvent) {
  for (const char* event : {"SIU^S12", "SIU^S13", "SIU^S14", "SIU^S18", "SIU^S19", "SIU^S20", "SIU^S21", "SIU^S22"})
    EXPECT_EQ(appointmentStatus(event), "booked") << event;  // SCH-25 filler status
  EXPECT_EQ(appointmentStatus("SIU^S15"), "cancelled");
  EXPECT_EQ(appointmentStatus("SIU^S16"), "cancelled");          // discontinued
  EXPECT_EQ(appointmentStatus("SIU^S17"), "entered-in-error");   // deleted
  EXPECT_EQ(appointmentStatus("SIU^S26"), "noshow");
}

TEST(ScheduleAndFinancialEvents, BlockedAndOpenedSlotsAreRefusedNamingTheEvent) {
  for (const char* event : {"SIU^S23", "SIU^S24"}) {
    auto e = decodeError(er7(event, kSchedule));
    EXPECT_EQ(e.status(), GW_ERR_UNSUPPORTED) << event;
    EXPECT_NE(std::string(e.what()).find(event), std::string::npos);
  }
}

TEST(ScheduleAndFinancialEvents, ExpandedFinancialTransactionsBecomeCharges) {
  auto b = bundleOf(er7("DFT^P11", kPatient + "PV1|1|O\rFT1|1|T1||20240301||CG|F001^Fee^L|||1|12.50"));
  EXPECT_EQ(resources(b, "ChargeItem").size(), 1u);
}

TEST(ScheduleAndFinancialEvents, EachVisitOfAnAccountMessageIsItsOwnEncounter) {
  auto b = bundleOf(er7("BAR^P01", kPatient + "PV1|1|I|||||||||||||||||V1\rDG1|1||A01^Cholera^I10\r"
                                              "PV1|2|O|||||||||||||||||V2\rDG1|1||B02^Zoster^I10"));
  auto encounters = resources(b, "Encounter");
  ASSERT_EQ(encounters.size(), 2u);
  EXPECT_EQ(identifiers(encounters[0])[0], "urn:gw:sh-intl:vn|V1");
  EXPECT_EQ(identifiers(encounters[1])[0], "urn:gw:sh-intl:vn|V2");
  auto conditions = resources(b, "Condition");
  ASSERT_EQ(conditions.size(), 2u);
  EXPECT_EQ(str(conditions[1]->getObject("encounter"), "reference"), fullUrlOf(b, encounters[1]));
}

TEST(ScheduleAndFinancialEvents, EveryAccountEventIsTranslated) {
  for (const char* event : {"BAR^P01", "BAR^P02", "BAR^P05", "BAR^P06", "BAR^P10", "BAR^P12"}) {
    auto out = makeAdapter().decode(er7(event, kPatient + "PV1|1|I|||||||||||||||||V1"), "application/hl7-v2");
    EXPECT_EQ(resources(parseJson(out.bytes), "Encounter").size(), 1u) << event;
    EXPECT_EQ(out.issues, "") << event;
  }
}

TEST(ScheduleAndFinancialEvents, TheirBundlesAreValidFhir) {
  TempFolder folder("gw-hl7v2-schedule");
  GW_EXPECT_VALID_FHIR(bundleFiles(
      folder, {er7("SIU^S17", kSchedule), er7("SIU^S26", kSchedule),
               er7("DFT^P11", kPatient + "PV1|1|O\rFT1|1|T1||20240301||CG|F001^Fee^L|||1|12.50"),
               er7("BAR^P01", kPatient + "PV1|1|I|||||||||||||||||V1\rPV1|2|O|||||||||||||||||V2")}));
}
