// The ClaimResponse Bundles decode writes (835, 278 and 999, with their placeholders for what X12 does not
// say) checked by the project's independent FHIR R4 validator (tools/fhir-validator): zero errors.
#include "X12TestSupport.hpp"

#include <gw/testing/FhirValidator.hpp>

using namespace gw::x12;
using namespace gw::x12::test;

TEST(X12FhirValidator, DecodedRemittancesAndAcknowledgementsAreValidR4) {
  TempFolder folder;
  auto adapter = adapterWith();
  std::string ack999 =
      "ISA*00*          *00*          *ZZ*KEYINS         *ZZ*GROUP01        *260306*0900*^*00501*000000501*0*T*:~"
      "GS*FA*KEYINS*GROUP01*20260306*0900*501*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HC*42*005010X222A1~"
      "AK2*837*0001*005010X222A1~IK5*A~AK2*837*0002*005010X222A1~IK3*NM1*14*2010BA*8~IK4*9*67*7*XYZ~IK5*R*5~"
      "AK9*P*2*2*1~SE*10*0001~GE*1*501~IEA*1*000000501~";
  std::vector<std::string> files = {
      folder.write("managed-care.json", adapter.decode(sample("lfh_835_5010_managed_care.835"), "application/edi-x12").bytes),
      folder.write("mult-loops.json", adapter.decode(sample("pyx12_835_5010_mult_loops.txt"), "application/edi-x12").bytes),
      folder.write("ack.json", adapter.decode(ack999, "application/edi-x12").bytes)};
  GW_EXPECT_VALID_FHIR(files);
}

TEST(X12FhirValidator, DecodedPreauthorizationResponsesAreValidR4) {
  TempFolder folder;
  auto adapter = adapterWith();
  std::vector<std::string> files;
  for (const char* name : {"278-response-approved.x12", "278-response-denied.x12", "278-response-pended.x12"})
    files.push_back(folder.write(std::string(name) + ".json", adapter.decode(fixture(name), "application/edi-x12").bytes));
  GW_EXPECT_VALID_FHIR(files);
}
