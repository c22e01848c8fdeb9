// PluginAbiTest.cpp: the built hl7v2.so through the C ABI only, as the host drives it: the adapter ABI suite
// of the test kit (plugins/testing) with an ER7 charge message.
#include <gw/testing/AdapterAbiSuite.hpp>

namespace {

gw::testkit::AdapterAbiCase hl7v2Case() {
  auto c = gw::testkit::AdapterAbiCase::hospital(HL7V2_PLUGIN_PATH, "hl7v2");
  c.contentTypes = {"application/hl7-v2+xml", "application/xml", "text/xml", "application/hl7-v2",
                    "x-application/hl7-v2+er7", "text/plain"};
  c.options = {{"currency", GW_FIELD_STRING, false, "CNY"},
               {"timezone", GW_FIELD_STRING, false, "+08:00"},
               {"assigning_authority_oids", GW_FIELD_MAP, false, {}}};
  c.partner = {"sh-intl", R"({"currency":"CNY"})", R"({"currency":"RMB!"})", "currency"};
  c.sample = {std::string(HL7V2_TEST_DATA_DIR) + "/hl7v2-er7/msconv_dft_p03_01.hl7", "application/hl7-v2",
              "MSG00001", "DFT^P03"};
  return c;
}

}  // namespace

GW_ADAPTER_ABI_SUITE(Hl7v2, hl7v2Case());
