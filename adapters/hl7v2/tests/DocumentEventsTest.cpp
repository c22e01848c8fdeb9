// DocumentEventsTest.cpp: MDM^T01-T11 to a DocumentReference: TXA metadata, the OBX as its content.
#include "TestSupport.hpp"

#include <gw/kit/Text.hpp>
#include <gw/testing/FhirValidator.hpp>

#include <gtest/gtest.h>

using namespace gw::hl7v2;
using namespace gw::hl7v2::test;

namespace {

const std::string kPatient = "EVN|T02|20240301083000\rPID|1||P1^^^^MR||WANG^FANG||19800101|F\rPV1|1|O|||||||||||||||||V1\r";
const std::string kTxa =
    "TXA|1|DS^Discharge summary|TX|20240301090000|||||D1^LI^SI|||DOC-7^HIS|||||AU\r";

Poco::JSON::Object::Ptr documentOf(const std::string& event, const std::string& body) {
  auto documents = resources(bundleOf(er7(event, kPatient + body)), "DocumentReference");
  EXPECT_EQ(documents.size(), 1u);
  return documents.empty() ? Poco::JSON::Object::Ptr(new Poco::JSON::Object) : documents[0];
}

}  // namespace

TEST(DocumentEvents, ADocumentWithContentKeepsItsTextAndMetadata) {
  auto b = bundleOf(er7("MDM^T02", kPatient + kTxa + "OBX|1|TX|||Line one\rOBX|2|TX|||Line two"));
  auto document = resources(b, "DocumentReference").at(0);
  EXPECT_EQ(str(document->getObject("masterIdentifier"), "value"), "DOC-7");
  EXPECT_EQ(str(document, "status"), "current");
  EXPECT_EQ(str(document, "docStatus"), "final");  // TXA-17 AU: authenticated
  EXPECT_EQ(str(document->getObject("type")->getArray("coding")->getObject(0), "code"), "DS");
  EXPECT_EQ(str(document, "date"), "2024-03-01T09:00:00+08:00");
  auto attachment = document->getArray("content")->getObject(0)->getObject("attachment");
  std::string text;
  ASSERT_TRUE(gw::kit::base64Decode(str(attachment, "data"), text));
  EXPECT_EQ(text, "Line one\nLine two");
  EXPECT_TRUE(resources(b, "Observation").empty());  // the OBX are the document, not results
  EXPECT_EQ(resources(b, "Practitioner").size(), 1u);  // TXA-9 originator: the author
}

TEST(DocumentEvents, ANotificationWithoutContentStillNamesTheDocument) {
  for (const char* event : {"MDM^T01", "MDM^T03", "MDM^T05", "MDM^T07", "MDM^T09"}) {
    auto document = documentOf(event, kTxa);
    EXPECT_EQ(str(document->getArray("content")->getObject(0)->getObject("attachment"), "title"), "Discharge summary")
        << event;
  }
}

TEST(DocumentEvents, ACancelledDocumentIsEnteredInErrorAndAReplacementNamesWhatItReplaces) {
  EXPECT_EQ(str(documentOf("MDM^T11", kTxa), "status"), "entered-in-error");
  auto replacement = documentOf("MDM^T10", "TXA|1|DS|TX|20240301090000||||||||DOC-8^HIS|DOC-7^HIS||||AU\rOBX|1|TX|||v2");
  auto relates = replacement->getArray("relatesTo")->getObject(0);
  EXPECT_EQ(str(relates, "code"), "replaces");
  EXPECT_EQ(str(relates->getObject("target")->getObject("identifier"), "value"), "DOC-7");
}

TEST(DocumentEvents, ADocumentMessageWithoutTxaIsRefused) {
  auto e = decodeError(er7("MDM^T02", kPatient + "OBX|1|TX|||text"));
  EXPECT_EQ(e.status(), GW_ERR_INVALID);
  EXPECT_EQ(e.location(), "TXA");
}

TEST(DocumentEvents, TheirBundlesAreValidFhir) {
  TempFolder folder("gw-hl7v2-documents");
  GW_EXPECT_VALID_FHIR(bundleFiles(
      folder, {er7("MDM^T02", kPatient + kTxa + "OBX|1|TX|||Line one"), er7("MDM^T01", kPatient + kTxa),
               er7("MDM^T11", kPatient + kTxa),
               er7("MDM^T04", kPatient + kTxa + "OBX|1|ED|||^AP^PDF^Base64^JVBERi0xLjQ=")}));
}
