// PluginAbiTest.cpp: the built cda.so through the C ABI only, as the host drives it: the adapter ABI suite of
// the test kit (plugins/testing) with a C-CDA discharge summary (CC0, copied in tests/data/cda, so this runs
// without the shared sample set).
#include <gw/testing/AdapterAbiSuite.hpp>

namespace {

gw::testkit::AdapterAbiCase cdaCase() {
  auto c = gw::testkit::AdapterAbiCase::hospital(CDA_PLUGIN_PATH, "cda");
  c.contentTypes = {"application/xml", "text/xml", "application/hl7-v3+xml", "application/cda+xml"};
  c.options = {{"currency", GW_FIELD_STRING, false, "CNY"},
               {"timezone", GW_FIELD_STRING, false, "+08:00"},
               {"oid_systems", GW_FIELD_MAP, false, {}}};
  c.partner = {"bj-union", R"({"currency":"CNY"})", R"({"oid_systems":{"x":"urn:a:b"}})", "oid_systems"};
  c.sample = {std::string(CDA_TEST_DATA_DIR) + "/hl7_ccda_discharge_summary.xml", "application/cda+xml", "TT988",
              "18842-5"};
  return c;
}

}  // namespace

GW_ADAPTER_ABI_SUITE(Cda, cdaCase());
