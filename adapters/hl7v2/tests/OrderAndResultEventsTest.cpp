// OrderAndResultEventsTest.cpp: orders (ORM^O01, OML^O21/O33/O35) and the filler's answers (ORL^O22/O34/O36)
// to ServiceRequest; results (ORU^R01/R30/R31/R32, OUL^R21-R24) to DiagnosticReport and Observation.
#include "TestSupport.hpp"

#include <gw/testing/FhirValidator.hpp>

#include <gtest/gtest.h>

using namespace gw::hl7v2;
using namespace gw::hl7v2::test;

namespace {

const std::string kPatient = "PID|1||P1^^^^MR||WANG^FANG||19800101|F\rPV1|1|O|||||||||||||||||V1\r";
const std::string kOrder = "ORC|NW|PL-1^HIS|FL-1^LIS||SC||||20240301083000|||D1^LI^SI\rOBR|1|PL-1^HIS|FL-1^LIS|24317-0^CBC^LN\r";
const std::string kResult = "OBR|1|PL-1^HIS|FL-1^LIS|24317-0^CBC^LN|||20240301090000|||||||||||||||20240301100000|||F\r"
                            "OBX|1|NM|718-7^Hemoglobin^LN||13.5|g/dL^^UCUM|12-16||||F\r";

std::string requestStatus(const std::string& event, const std::string& orc) {
  auto requests = resources(bundleOf(er7(event, kPatient + orc + "\rOBR|1|PL-1^HIS|FL-1^LIS|24317-0^CBC^LN")),
                            "ServiceRequest");
  return requests.size() == 1 ? str(requests[0], "status") : "(" + std::to_string(requests.size()) + ")";
}

}  // namespace

TEST(OrderAndResultEvents, EveryOrderEventBecomesAServiceRequestInEveryVersion) {
  for (const char* version : {"2.3", "2.4", "2.5.1", "2.6", "2.7", "2.8"})
    for (const char* event : {"ORM^O01", "OML^O21", "OML^O33", "OML^O35"}) {
      SCOPED_TRACE(std::string(event) + " v" + version);
      auto requests = resources(bundleOf(er7(event, kPatient + kOrder, version)), "ServiceRequest");
      ASSERT_EQ(requests.size(), 1u);
      EXPECT_EQ(str(requests[0], "status"), "active");
      EXPECT_EQ(str(requests[0], "intent"), "order");
    }
}

TEST(OrderAndResultEvents, AnOrderMessageWithoutAnOrderIsRefusedNamingOrc) {
  for (const char* event : {"ORM^O01", "OML^O21", "ORL^O22"}) {
    auto e = decodeError(er7(event, kPatient));
    EXPECT_EQ(e.status(), GW_ERR_INVALID) << event;
    EXPECT_EQ(e.location(), "ORC") << event;
  }
}

TEST(OrderAndResultEvents, TheFillersAnswerSaysWhereTheOrderStands) {
  EXPECT_EQ(requestStatus("ORL^O22", "ORC|OK|PL-1^HIS|FL-1^LIS||IP"), "active");
  EXPECT_EQ(requestStatus("ORL^O34", "ORC|OK|PL-1^HIS|FL-1^LIS||CM"), "completed");
  EXPECT_EQ(requestStatus("ORL^O36", "ORC|UA|PL-1^HIS"), "revoked");  // unable to accept
  EXPECT_EQ(requestStatus("ORL^O22", "ORC|CR|PL-1^HIS"), "revoked");  // cancelled as requested
}

TEST(OrderAndResultEvents, EveryResultEventBecomesAReportWithItsObservations) {
  for (const char* event : {"ORU^R01", "ORU^R30", "ORU^R31", "ORU^R32", "OUL^R21", "OUL^R22", "OUL^R23", "OUL^R24"}) {
    SCOPED_TRACE(event);
    auto b = bundleOf(er7(event, kPatient + kResult));
    auto report = resources(b, "DiagnosticReport").at(0);
    auto observation = resources(b, "Observation").at(0);
    EXPECT_EQ(str(report, "status"), "final");
    EXPECT_EQ(str(report->getArray("result")->getObject(0), "reference"), fullUrlOf(b, observation));
    EXPECT_DOUBLE_EQ(observation->getObject("valueQuantity")->getValue<double>("value"), 13.5);
  }
}

TEST(OrderAndResultEvents, ASpecimenOrientedResultKeepsItsOrderAfterTheRequest) {
  auto b = bundleOf(er7("OUL^R22", kPatient + "SPM|1|SP-1||BLD^Blood^HL70487\r" + kResult +
                                       "ORC|SC|PL-1^HIS|FL-1^LIS||CM\r"));
  EXPECT_EQ(resources(b, "DiagnosticReport").size(), 1u);
  EXPECT_EQ(resources(b, "Observation").size(), 1u);
}

TEST(OrderAndResultEvents, TheirBundlesAreValidFhir) {
  TempFolder folder("gw-hl7v2-orders");
  GW_EXPECT_VALID_FHIR(bundleFiles(folder, {er7("OML^O21", kPatient + kOrder),
                                            er7("ORL^O22", kPatient + "ORC|OK|PL-1^HIS|FL-1^LIS||CM\r" +
                                                               "OBR|1|PL-1^HIS|FL-1^LIS|24317-0^CBC^LN"),
                                            er7("ORU^R30", kPatient + kResult), er7("OUL^R22", kPatient + kResult)}));
}
