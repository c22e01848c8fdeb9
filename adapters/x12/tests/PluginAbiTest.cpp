// The built x12.so through the C ABI only, as the host drives it: the adapter ABI suite of the test kit
// (plugins/testing) with a public 835 remittance to decode and the claim page fixture to encode as an 837.
#include "X12TestSupport.hpp"

#include <gw/testing/AdapterAbiSuite.hpp>

namespace {

gw::testkit::AdapterAbiCase x12Case() {
  auto c = gw::testkit::AdapterAbiCase::insurer(GW_X12_PLUGIN, "x12");
  c.contentTypes = {"application/edi-x12", "text/plain"};
  c.options = {{"billing_provider_npi", GW_FIELD_STRING, true, {}}, {"currency", GW_FIELD_STRING, false, "USD"}};
  c.partner = {"keyins", gw::x12::test::optionsJson(), R"({"sender_id":"A","receiver_id":"B"})", "billing_provider_npi"};
  c.sample = {std::string(GW_TEST_DATA_DIR) + "/x12/lfh_835_5010_managed_care.835", "application/edi-x12", "000000907",
              "835"};
  c.encodeInput = {std::string(X12_FIXTURES) + "/claim-page.json", "", "000000042"};
  return c;
}

}  // namespace

GW_ADAPTER_ABI_SUITE(X12, x12Case());
