// PluginAbiTest.cpp: the built xmlmap.so through the C ABI only, as the host drives it: the adapter ABI suite
// of the test kit (plugins/testing) with the shipped visit-record mapping and its inpatient sample.
#include <gw/testing/AdapterAbiSuite.hpp>

namespace {

gw::testkit::AdapterAbiCase xmlmapCase() {
  const std::string mappings = XMLMAP_MAPPINGS_DIR;
  auto c = gw::testkit::AdapterAbiCase::hospital(XMLMAP_PLUGIN_PATH, "xmlmap");
  c.contentTypes = {"application/xml", "text/xml"};
  c.options = {{"mapping", GW_FIELD_STRING, true, {}}, {"base_dir", GW_FIELD_STRING, false, {}}};
  c.partner = {"sh-intl", R"({"mapping":"visitrecord.yaml","base_dir":")" + mappings + "\"}",
               R"({"mapping":"no-such-mapping.yaml","base_dir":")" + mappings + "\"}", "no-such-mapping.yaml"};
  c.sample = {mappings + "/samples/visitrecord-inpatient-family-plan.xml", "application/xml", "VR-20240305-000123",
              "DISCHARGE"};
  return c;
}

}  // namespace

GW_ADAPTER_ABI_SUITE(Xmlmap, xmlmapCase());
