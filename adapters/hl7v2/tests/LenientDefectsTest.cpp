// LenientDefectsTest.cpp: what a defect in a field that identifies nothing does (docs/fhir-profile.md, "Data
// quality"): lenient, the field is left out and a warning names it, with the value as sent kept beside it
// (never in the text); strict, the message is refused naming the field.
#include "TestSupport.hpp"

#include <gw/kit/Issues.hpp>

#include <gtest/gtest.h>

using namespace gw::hl7v2;
using namespace gw::hl7v2::test;

namespace {

const std::string kPid = "PID|1||P1^^^^MR||WANG^FANG||19800101|";
const std::string kPv1 = "PV1|1|I|||||||||||||||||V1";

std::vector<std::string> fields(const std::vector<gw::kit::Issue>& issues) {
  std::vector<std::string> out;
  for (const auto& issue : issues) out.push_back(issue.expression);
  return out;
}

}  // namespace

TEST(LenientDefects, AnUnknownSexCodeLeavesTheGenderOutAndIsReportedWithoutTheValueInTheText) {
  const std::string message = er7("ADT^A01", kPid + "MALE\r" + kPv1);
  auto result = lenient(message);
  EXPECT_FALSE(resources(result.bundle, "Patient").at(0)->has("gender"));
  // Two defects of PID-8: longer than the one character v2.5 allows, and not a code of table 0001.
  ASSERT_EQ(fields(result.issues), (std::vector<std::string>{"PID-8", "PID-8"}));
  EXPECT_EQ(result.issues[0].code, "too-long");
  EXPECT_EQ(result.issues[1].code, "code-invalid");
  for (const auto& issue : result.issues) EXPECT_EQ(issue.text.find("MALE"), std::string::npos);
  EXPECT_EQ(strictRefusal(message), "PID-8");
}

TEST(LenientDefects, UnknownMaritalStatusPatientClassAndRelationshipCodesAreLeftOut) {
  const std::string message =
      er7("ADT^A08", kPid + "M||||||||Married\rPV1|1|ff|||||||||||||||||V1\r"
                     "IN1|1|PLAN|PAY1^^^^NIIP|Payer||||||||||||WANG^FANG|SELF");
  auto result = lenient(message);
  // PV1-2 "ff" is also longer than the one character v2.5 allows.
  EXPECT_EQ(fields(result.issues), (std::vector<std::string>{"PID-16", "PV1-2", "PV1-2", "IN1-17"}));
  EXPECT_FALSE(resources(result.bundle, "Patient").at(0)->has("maritalStatus"));
  EXPECT_EQ(str(resources(result.bundle, "Encounter").at(0)->getObject("class"), "code"), "UNK");
  EXPECT_FALSE(resources(result.bundle, "Coverage").at(0)->has("relationship"));
  EXPECT_EQ(strictRefusal(message), "PID-16");
}

TEST(LenientDefects, AResultWithoutAnObservationIdentifierIsLeftOut) {
  const std::string message = er7("ORU^R01", kPid + "M\rOBR|1|PL1||CBC^CBC^L\rOBX|1|ST|||orphan text\r"
                                                    "OBX|2|NM|718-7^Hb^LN||13.5");
  auto result = lenient(message);
  EXPECT_EQ(resources(result.bundle, "Observation").size(), 1u);
  EXPECT_EQ(fields(result.issues), std::vector<std::string>{"OBX-3"});
  EXPECT_EQ(strictRefusal(message), "OBX-3");
}

TEST(LenientDefects, AValueOfAnUnknownTypeOrAnEdWithoutDataIsLeftOut) {
  auto result = lenient(er7("ORU^R01", kPid + "M\rOBR|1|PL1||CBC^CBC^L\rOBX|1|XX|1^A^L||abc\rOBX|2|ED|2^B^L||109"));
  auto observations = resources(result.bundle, "Observation");
  ASSERT_EQ(observations.size(), 2u);
  EXPECT_FALSE(observations[0]->has("valueString"));
  EXPECT_FALSE(observations[1]->has("derivedFrom"));
  EXPECT_EQ(fields(result.issues), (std::vector<std::string>{"OBX-2", "OBX-5"}));
}

TEST(LenientDefects, SegmentsTheStructureDoesNotHaveAreReportedOnceAndNotMapped) {
  const std::string message = er7("ADT^A01", kPid + "M\r" + kPv1 + "\rOBR|1|X||A^B^L\rTXA|1|DS\rOBR|2|Y||C^D^L\rZPI|1|local");
  auto result = lenient(message);
  EXPECT_EQ(fields(result.issues), (std::vector<std::string>{"OBR", "TXA"}));  // Z-segments may stand anywhere
  EXPECT_TRUE(resources(result.bundle, "DocumentReference").empty());
  EXPECT_EQ(strictRefusal(message), "OBR");
}

TEST(LenientDefects, AnAdmissionWithoutAVisitKeepsThePatientAndSaysSo) {
  const std::string message = er7("ADT^A01", kPid + "M");
  auto result = lenient(message);
  EXPECT_EQ(resources(result.bundle, "Patient").size(), 1u);
  EXPECT_TRUE(resources(result.bundle, "Encounter").empty());
  EXPECT_EQ(fields(result.issues), std::vector<std::string>{"PV1"});
  EXPECT_EQ(strictRefusal(message), "PV1");
}

TEST(LenientDefects, AmbiguousEncodingCharactersAreReported) {
  std::string message = er7("ADT^A01", kPid + "M\r" + kPv1);
  message.replace(message.find("^~\\&"), 4, "^~\\\\&");
  EXPECT_EQ(fields(lenient(message).issues), std::vector<std::string>{"MSH-2"});
}

TEST(LenientDefects, WhatIdentifiesThePatientStaysStrict) {
  EXPECT_EQ(decodeError(er7("ADT^A01", "PID|1||||WANG\r" + kPv1)).location(), "PID-3");
}
