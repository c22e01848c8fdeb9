// A mapping file edited on disk is picked up by the partner's next routing (the watch thread, SIGHUP or the
// admin reload route): a good edit creates a new instance from it, a broken one is refused with the
// mapping's errors while the running instance keeps serving the partner.
#include <gtest/gtest.h>

#include <Poco/File.h>

#include <thread>

#include "PluginFixtures.hpp"
#include "plugin/PluginHost.hpp"

namespace {

using namespace gwtest;

const char* const kVisit = R"(<Visit id="V-1"><Patient mrn="M-1"/></Visit>)";

// A mapping whose patient identifier system carries `tag`; `brokenPath` puts a misspelt element on line 9.
std::string mapping(const std::string& tag, bool brokenPath = false) {
  return std::string("match:\n  root: Visit\nmessage:\n  id: /Visit/@id\nresources:\n  - id: patient\n"
                     "    type: Patient\n    fields:\n") +
         (brokenPath ? "      - { path: Patient.gendre, value: male }\n" : "") +
         "      - { path: \"Patient.identifier[0].system\", value: \"urn:gw:${partner}:" + tag + "\" }\n"
         "      - { path: \"Patient.identifier[0].value\", xpath: /Visit/Patient/@mrn }\n"
         "ack:\n  content_type: text/plain\n  template: \"${outcome}\"\n";
}

// Rewrites the file so that its modification time moves on even on a coarse clock.
void edit(const std::string& path, const std::string& text) {
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  writeFile(path + ".new", text);
  Poco::File(path + ".new").renameTo(path);
}

TEST(OptionFileReload, AnEditedMappingIsLoadedAndABrokenEditKeepsTheRunningOne) {
  TempDir dir;
  Poco::File(dir.file("plugins")).createDirectories();
  installPlugin(GW_XMLMAP, dir.file("plugins/xmlmap.so"));
  const std::string mappingFile = dir.file("visit.yaml");
  writeFile(mappingFile, mapping("mr"));
  auto config = std::make_shared<const gw::GatewayConfig>(
      pluginConfig(dir, hospital("sh-map", "xmlmap", "      mapping: " + mappingFile + "\n")));
  gw::PluginHost host(config->plugins);
  host.configure(config);
  auto first = host.snapshot()->partner("sh-map");
  ASSERT_TRUE(first) << host.snapshot()->unroutedReason("sh-map");
  EXPECT_NE(first->decode(kVisit, "application/xml").output.find("urn:gw:sh-map:mr"), std::string::npos);

  host.rescan();  // nothing changed: the same instance
  EXPECT_EQ(host.snapshot()->partner("sh-map"), first);

  edit(mappingFile, mapping("pi"));
  host.rescan();
  auto second = host.snapshot()->partner("sh-map");
  ASSERT_TRUE(second);
  EXPECT_NE(second, first);
  EXPECT_NE(second->decode(kVisit, "application/xml").output.find("urn:gw:sh-map:pi"), std::string::npos);

  edit(mappingFile, mapping("xx", /*brokenPath=*/true));
  host.rescan();
  EXPECT_EQ(host.snapshot()->partner("sh-map"), second);  // still routed, to the running mapping
  const auto refused = host.snapshot()->reloadsRefused();
  ASSERT_EQ(refused.count("sh-map"), 1u);
  EXPECT_NE(refused.at("sh-map").find(":9:"), std::string::npos) << refused.at("sh-map");
  EXPECT_NE(refused.at("sh-map").find("Patient.gendre"), std::string::npos) << refused.at("sh-map");
  host.rescan();  // not tried again while the file stays broken
  EXPECT_EQ(host.snapshot()->partner("sh-map"), second);

  edit(mappingFile, mapping("fixed"));
  host.rescan();
  auto third = host.snapshot()->partner("sh-map");
  ASSERT_TRUE(third);
  EXPECT_NE(third, second);
  EXPECT_TRUE(host.snapshot()->reloadsRefused().empty());
  EXPECT_NE(third->decode(kVisit, "application/xml").output.find("urn:gw:sh-map:fixed"), std::string::npos);
}

}  // namespace
