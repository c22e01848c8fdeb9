// AdtEventsTest.cpp: the ADT family in every version from 2.3 to 2.8: admissions, transfers, discharges,
// registrations, person updates, merges and links, each to Patient/Encounter with the status its event means.
#include "TestSupport.hpp"

#include <gw/kit/Issues.hpp>
#include <gw/testing/FhirValidator.hpp>

#include <gtest/gtest.h>

using namespace gw::hl7v2;
using namespace gw::hl7v2::test;

namespace {

const char* const kVersions[] = {"2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.8"};

const std::string kVisit = "EVN|X|20240301083000\rPID|1||P1^^^^MR||WANG^FANG||19800101|F\r"
                           "PV1|1|I|W1^101^1|||||||||||||||||V1";

std::string encounterStatus(const std::string& event) {
  auto encounters = resources(bundleOf(er7(event, kVisit)), "Encounter");
  return encounters.size() == 1 ? str(encounters[0], "status") : "(" + std::to_string(encounters.size()) + ")";
}

std::vector<std::string> linkTypes(const Poco::JSON::Object::Ptr& patient) {
  std::vector<std::string> out;
  if (auto links = patient->getArray("link"))
    for (std::size_t i = 0; i < links->size(); ++i) out.push_back(str(links->getObject(i), "type"));
  return out;
}

}  // namespace

TEST(AdtEvents, EveryVisitEventIsTranslatedInEveryVersionWithoutWarnings) {
  for (const char* version : kVersions)
    for (const char* trigger : {"A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A09", "A10", "A11", "A12",
                                "A13", "A14", "A15", "A16", "A21", "A22", "A23", "A25", "A26", "A27", "A28", "A31",
                                "A32", "A33", "A38", "A54", "A55", "A61", "A62"}) {
      SCOPED_TRACE(std::string(trigger) + " v" + version);
      auto out = makeAdapter().decode(er7(std::string("ADT^") + trigger, kVisit, version), "application/hl7-v2");
      auto b = parseJson(out.bytes);
      EXPECT_EQ(resources(b, "Patient").size(), 1u);
      EXPECT_EQ(resources(b, "Encounter").size(), 1u);
      EXPECT_EQ(out.issues, "");
    }
}

TEST(AdtEvents, TheEncounterStatusFollowsTheEvent) {
  EXPECT_EQ(encounterStatus("ADT^A01"), "in-progress");
  EXPECT_EQ(encounterStatus("ADT^A03"), "finished");
  EXPECT_EQ(encounterStatus("ADT^A05"), "planned");
  EXPECT_EQ(encounterStatus("ADT^A14"), "planned");      // pending admit
  EXPECT_EQ(encounterStatus("ADT^A11"), "cancelled");    // cancel admit
  EXPECT_EQ(encounterStatus("ADT^A27"), "cancelled");    // cancel pending admit
  EXPECT_EQ(encounterStatus("ADT^A38"), "cancelled");    // cancel pre-admit
  EXPECT_EQ(encounterStatus("ADT^A21"), "onleave");      // leave of absence
  EXPECT_EQ(encounterStatus("ADT^A22"), "in-progress");  // back from leave
  EXPECT_EQ(encounterStatus("ADT^A23"), "entered-in-error");  // delete a visit
  EXPECT_EQ(encounterStatus("ADT^A13"), "in-progress");  // cancel discharge
}

TEST(AdtEvents, PersonEventsWithAVisitThatDoesNotApplyHaveNoEncounter) {
  for (const char* event : {"ADT^A28", "ADT^A31"}) {
    auto b = bundleOf(er7(event, "EVN|X\rPID|1||P1^^^^MR||WANG^FANG||19800101|F\rPV1|1|N"));
    EXPECT_EQ(resources(b, "Patient").size(), 1u) << event;
    EXPECT_EQ(resources(b, "Encounter").size(), 0u) << event;
  }
}

TEST(AdtEvents, DeletingPersonInformationMarksThePatientInactive) {
  auto patient = resources(bundleOf(er7("ADT^A29", kVisit)), "Patient").at(0);
  EXPECT_FALSE(patient->getValue<bool>("active"));
}

TEST(AdtEvents, EveryMergeLinksTheSurvivorAndTheMergedRecord) {
  for (const char* event : {"ADT^A34", "ADT^A35", "ADT^A36", "ADT^A39", "ADT^A40", "ADT^A41", "ADT^A42", "ADT^A47"}) {
    SCOPED_TRACE(event);
    auto b = bundleOf(er7(event, "EVN|X\rPID|1||NEW1^^^^MR||WANG\rMRG|OLD1^^^^MR"));
    auto patients = resources(b, "Patient");
    ASSERT_EQ(patients.size(), 2u);
    EXPECT_EQ(linkTypes(patients[0]), std::vector<std::string>{"replaces"});
    EXPECT_EQ(linkTypes(patients[1]), std::vector<std::string>{"replaced-by"});
    EXPECT_EQ(identifiers(patients[1])[0], "urn:gw:sh-intl:mr|OLD1");
  }
}

TEST(AdtEvents, AnAccountMergeThatNamesTheSamePatientMergesNobody) {
  auto b = bundleOf(er7("ADT^A41", "EVN|A41\rPID|1||P1^^^^MR||WANG\rMRG|P1^^^^MR||ACC-OLD"));
  auto patients = resources(b, "Patient");
  ASSERT_EQ(patients.size(), 1u);
  EXPECT_TRUE(linkTypes(patients[0]).empty());
}

TEST(AdtEvents, MovingAVisitIsNotAMerge) {
  auto b = bundleOf(er7("ADT^A45", "EVN|A45\rPID|1||P1^^^^MR||WANG\rMRG|P2^^^^MR\rPV1|1|I|||||||||||||||||V1"));
  EXPECT_EQ(resources(b, "Patient").size(), 1u);
  EXPECT_EQ(resources(b, "Encounter").size(), 1u);
}

TEST(AdtEvents, LinkingTwoRecordsLinksEachToTheOtherAndUnlinkingLeavesNoLink) {
  const std::string two = "EVN|X\rPID|1||P1^^^^MR||WANG\rPID|2||P2^^^^MR||WANG";
  auto linked = bundleOf(er7("ADT^A24", two));
  auto patients = resources(linked, "Patient");
  ASSERT_EQ(patients.size(), 2u);
  EXPECT_EQ(str(patients[0]->getArray("link")->getObject(0)->getObject("other"), "reference"), fullUrlOf(linked, patients[1]));
  EXPECT_EQ(str(patients[1]->getArray("link")->getObject(0)->getObject("other"), "reference"), fullUrlOf(linked, patients[0]));
  EXPECT_EQ(linkTypes(patients[0]), std::vector<std::string>{"seealso"});
  for (const auto& p : resources(bundleOf(er7("ADT^A37", two)), "Patient")) EXPECT_TRUE(linkTypes(p).empty());
}

TEST(AdtEvents, AnAdverseReactionUpdateBecomesAllergiesWithTheirIdentifiers) {
  auto b = bundleOf(er7("ADT^A60", "EVN|A60\rPID|1||P1^^^^MR||WANG\r"
                                   "IAM|1|DA|PCN^Penicillin^L|SV|Hives|A|ALG-1^HIS||||20200102\r"
                                   "IAM|2|FA|NUT^Peanut^L|MI|Rash|D|ALG-2^HIS"));
  auto allergies = resources(b, "AllergyIntolerance");
  ASSERT_EQ(allergies.size(), 2u);
  EXPECT_EQ(identifiers(allergies[0])[0], "urn:gw:sh-intl:allergy|ALG-1");
  EXPECT_EQ(str(allergies[0], "criticality"), "high");
  EXPECT_EQ(str(allergies[0], "onsetDateTime"), "2020-01-02");
  EXPECT_FALSE(allergies[1]->has("clinicalStatus"));  // IAM-6 D: deleted, recorded in error
  EXPECT_EQ(str(allergies[1]->getObject("verificationStatus")->getArray("coding")->getObject(0), "code"),
            "entered-in-error");
}

TEST(AdtEvents, UnsupportedAdtEventsAreRefusedNamingTheEvent) {
  for (const char* event : {"ADT^A20", "ADT^A43", "ADT^A52"}) {
    auto e = decodeError(er7(event, kVisit));
    EXPECT_EQ(e.status(), GW_ERR_UNSUPPORTED) << event;
    EXPECT_NE(std::string(e.what()).find(event), std::string::npos);
  }
}

TEST(AdtEvents, TheirBundlesAreValidFhir) {
  TempFolder folder("gw-hl7v2-adt");
  std::vector<std::string> messages;
  for (const char* event : {"ADT^A03", "ADT^A11", "ADT^A21", "ADT^A23", "ADT^A29", "ADT^A31"})
    messages.push_back(er7(event, kVisit));
  messages.push_back(er7("ADT^A24", "EVN|X\rPID|1||P1^^^^MR||WANG\rPID|2||P2^^^^MR||WANG"));
  messages.push_back(er7("ADT^A34", "EVN|X\rPID|1||NEW1^^^^MR||WANG\rMRG|OLD1^^^^MR"));
  messages.push_back(er7("ADT^A60", "EVN|A60\rPID|1||P1^^^^MR\rIAM|1|DA|PCN^Penicillin^L|SV|Hives|D|ALG-1^HIS"));
  GW_EXPECT_VALID_FHIR(bundleFiles(folder, messages));
}
