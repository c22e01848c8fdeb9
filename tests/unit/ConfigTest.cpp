// Configuration loading: good files load; each kind of error names file:line:column and the key.
#include <gtest/gtest.h>

#include <cstdlib>

#include "TestSupport.hpp"
#include "config/ConfigError.hpp"
#include "config/GatewayConfig.hpp"

namespace {

const std::string kHash(64, 'a');
const std::string kHash2(64, 'b');

std::string goodConfig() {
  return "server:\n"
         "  listen: 127.0.0.1:9090\n"
         "  threads: 4\n"
         "  admin_key_sha256: " + kHash + "\n"
         "store:\n"
         "  backend: sqlite\n"
         "  sqlite:\n"
         "    path: ../var/test.db\n"
         "    synchronous: normal\n"
         "plugins:\n"
         "  folder: plugins\n"
         "hospitals:\n"
         "  - id: sh-intl\n"
         "    name: Shanghai International\n"
         "    key_sha256: " + kHash + "\n"
         "    adapter: hl7v2\n"
         "    options:\n"
         "      encoding: xml\n"
         "insurers:\n"
         "  - id: acme-health\n"
         "    key_sha256: " + kHash2 + "\n"
         "    adapter: x12\n"
         "practitioners:\n"
         "  - id: P001\n"
         "    name: Dr Li\n"
         "    sites:\n"
         "      - {hospital: sh-intl, local_id: \"1234\"}\n";
}

// The single issue raised by `text`, which must fail.
gw::ConfigIssue onlyIssue(const std::string& text) {
  try {
    gw::parseConfig(text, "/etc/gw/test.yaml");
  } catch (const gw::ConfigError& e) {
    EXPECT_EQ(e.issues().size(), 1u) << e.what();
    if (!e.issues().empty()) return e.issues().front();
  }
  ADD_FAILURE() << "the configuration was accepted";
  return {};
}

}  // namespace

TEST(Config, GoodFileLoadsEverySection) {
  gw::GatewayConfig c = gw::parseConfig(goodConfig(), "/etc/gw/gateway.yaml");
  EXPECT_EQ(c.server.host, "127.0.0.1");
  EXPECT_EQ(c.server.port, 9090);
  EXPECT_EQ(c.server.threads, 4);
  EXPECT_EQ(c.store.sqlitePath, "/etc/var/test.db");  // relative to the file's folder
  EXPECT_EQ(c.store.sqliteSynchronous, "normal");
  EXPECT_EQ(c.plugins.folder, "/etc/gw/plugins");
  ASSERT_EQ(c.hospitals.size(), 1u);
  EXPECT_EQ(c.hospitals[0].id, "sh-intl");
  EXPECT_EQ(c.hospitals[0].adapter, "hl7v2");
  EXPECT_EQ(c.hospitals[0].options["encoding"].as<std::string>(), "xml");
  EXPECT_EQ(c.hospitals[0].line, 13);
  ASSERT_EQ(c.insurers.size(), 1u);
  EXPECT_EQ(c.insurers[0].id, "acme-health");
  ASSERT_EQ(c.practitioners.size(), 1u);
  EXPECT_EQ(c.practitioners[0].sites[0].localId, "1234");
  EXPECT_NE(c.hospital("sh-intl"), nullptr);
  EXPECT_EQ(c.hospital("acme-health"), nullptr);
}

TEST(Config, DefaultsApplyWhenSectionsAreAbsent) {
  gw::GatewayConfig c = gw::parseConfig("audit:\n  enabled: true\n", "/srv/gw/conf/gateway.yaml");
  EXPECT_EQ(c.server.port, 8080);
  EXPECT_EQ(c.store.backend, gw::StoreBackend::sqlite);
  EXPECT_EQ(c.store.sqliteSynchronous, "full");
  EXPECT_EQ(c.store.sqlitePath, "/srv/gw/conf/var/gateway.db");
  EXPECT_TRUE(c.hospitals.empty());
}

TEST(Config, MisspeltKeyNamesLineColumnAndKey) {
  auto issue = onlyIssue("server:\n  listen: 127.0.0.1:8080\n  thraeds: 4\n");
  EXPECT_EQ(issue.line, 3);
  EXPECT_EQ(issue.column, 3);
  EXPECT_EQ(issue.key, "server.thraeds");
  EXPECT_NE(issue.message.find("unknown key"), std::string::npos);
  EXPECT_EQ(issue.toString().rfind("/etc/gw/test.yaml:3:3: 'server.thraeds': unknown key", 0), 0u)
      << issue.toString();
}

TEST(Config, WrongTypeNamesTheValue) {
  auto issue = onlyIssue("server:\n  threads: many\n");
  EXPECT_EQ(issue.line, 2);
  EXPECT_EQ(issue.column, 12);
  EXPECT_EQ(issue.key, "server.threads");
  EXPECT_NE(issue.message.find("whole number"), std::string::npos);
}

TEST(Config, OutOfRangeNumberIsAnError) {
  auto issue = onlyIssue("server:\n  threads: 0\n");
  EXPECT_EQ(issue.key, "server.threads");
  EXPECT_NE(issue.message.find("between 1 and"), std::string::npos);
}

TEST(Config, ValidationIsLenientByDefaultAndNamesAWrongValue) {
  const std::string partner = "hospitals:\n  - id: h1\n    key_sha256: " + std::string(64, 'a') + "\n    adapter: hl7v2\n";
  EXPECT_TRUE(gw::parseConfig(partner, "gw.yaml").hospitals.at(0).lenient);
  EXPECT_FALSE(gw::parseConfig(partner + "    validation: strict\n", "gw.yaml").hospitals.at(0).lenient);
  auto issue = onlyIssue(partner + "    validation: sloppy\n");
  EXPECT_EQ(issue.line, 5);
  EXPECT_EQ(issue.key, "hospitals[0].validation");
  EXPECT_NE(issue.message.find("must be one of: lenient, strict; got 'sloppy'"), std::string::npos) << issue.message;
}

TEST(Config, XmlLimitsAreConfigurable) {
  auto config = gw::parseConfig("server:\n  xml:\n    max_attributes_per_element: 64\n    max_name_bytes: 200\n", "gw.yaml");
  EXPECT_EQ(config.server.xmlLimits.maxAttributesPerElement, 64u);
  EXPECT_EQ(config.server.xmlLimits.maxNameBytes, 200u);
  EXPECT_EQ(config.server.xmlLimits.maxElements, 250000u);
  EXPECT_EQ(onlyIssue("server:\n  xml:\n    max_atributes: 1\n").key, "server.xml.max_atributes");
}

TEST(Config, MissingRequiredKeyPointsAtItsMapping) {
  auto issue = onlyIssue("hospitals:\n  - id: a\n    key_sha256: " + kHash + "\n");
  EXPECT_EQ(issue.key, "hospitals[0].adapter");
  EXPECT_EQ(issue.line, 2);
  EXPECT_EQ(issue.column, 5);
  EXPECT_NE(issue.message.find("required"), std::string::npos);
}

TEST(Config, DuplicatePartnerIdsAcrossSectionsAreErrors) {
  std::string text = "hospitals:\n  - {id: same, key_sha256: " + kHash + ", adapter: hl7v2}\n" +
                     "insurers:\n  - {id: same, key_sha256: " + kHash2 + ", adapter: x12}\n";
  auto issue = onlyIssue(text);
  EXPECT_EQ(issue.key, "insurers[0].id");
  EXPECT_EQ(issue.line, 4);
  EXPECT_NE(issue.message.find("used twice"), std::string::npos);
}

TEST(Config, DuplicateKeyInOneMappingIsAnError) {
  auto issue = onlyIssue("server:\n  threads: 2\n  threads: 3\n");
  EXPECT_EQ(issue.key, "server.threads");
  EXPECT_EQ(issue.line, 3);
  EXPECT_NE(issue.message.find("twice"), std::string::npos);
}

TEST(Config, KeyHashMustBeSha256Hex) {
  auto issue = onlyIssue("hospitals:\n  - {id: h, key_sha256: secret, adapter: hl7v2}\n");
  EXPECT_EQ(issue.key, "hospitals[0].key_sha256");
  EXPECT_NE(issue.message.find("64 hex digits"), std::string::npos);
}

TEST(Config, UnknownHospitalInPractitionerMapIsAnError) {
  auto issue = onlyIssue("practitioners:\n  - id: P1\n    sites:\n      - {hospital: nowhere, local_id: x}\n");
  EXPECT_EQ(issue.key, "practitioners[0].sites[0].hospital");
  EXPECT_EQ(issue.line, 4);
}

TEST(Config, YamlSyntaxErrorHasAPosition) {
  auto issue = onlyIssue("server:\n  listen: [127.0.0.1\n");
  EXPECT_GT(issue.line, 0);
  EXPECT_NE(issue.message.find("YAML syntax error"), std::string::npos);
}

TEST(Config, EnvironmentVariablesAreSubstituted) {
  ::setenv("GW_TEST_ADMIN_HASH", kHash.c_str(), 1);
  ::unsetenv("GW_TEST_UNSET_VAR");
  gw::GatewayConfig c = gw::parseConfig(
      "server:\n  admin_key_sha256: ${GW_TEST_ADMIN_HASH}\n  listen: ${GW_TEST_UNSET_VAR:-0.0.0.0:7000}\n", "x.yaml");
  EXPECT_EQ(c.server.adminKeySha256, kHash);
  EXPECT_EQ(c.server.host, "0.0.0.0");
  EXPECT_EQ(c.server.port, 7000);
}

TEST(Config, UnsetEnvironmentVariableIsNamed) {
  ::unsetenv("GW_TEST_UNSET_VAR");
  auto issue = onlyIssue("server:\n  admin_key_sha256: ${GW_TEST_UNSET_VAR}\n");
  EXPECT_EQ(issue.key, "server.admin_key_sha256");
  EXPECT_NE(issue.message.find("GW_TEST_UNSET_VAR"), std::string::npos);
}

TEST(Config, EveryProblemIsReportedNotJustTheFirst) {
  try {
    gw::parseConfig("server:\n  thraeds: 4\n  queue: -1\nstorage: {}\n", "x.yaml");
    FAIL() << "accepted";
  } catch (const gw::ConfigError& e) {
    EXPECT_EQ(e.issues().size(), 3u) << e.what();
  }
}

TEST(Config, MissingFileIsReported) {
  try {
    gw::loadConfig("/nonexistent/gateway.yaml");
    FAIL() << "accepted";
  } catch (const gw::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/gateway.yaml"), std::string::npos);
  }
}

TEST(Config, ShippedDefaultConfigurationIsValid) {
  EXPECT_NO_THROW(gw::loadConfig(std::string(GW_SOURCE_DIR) + "/conf/gateway.yaml"));
}

TEST(ClaimsConfig, ContractPayerAndMembershipsLoad) {
  std::string text = "hospitals:\n  - id: h\n    key_sha256: " + kHash + "\n    adapter: hl7v2\n"
                     "    contract:\n      billing: manual\n      shares:\n        - {from: 2026-01-01, to: 2026-06-30, group: 0.5}\n"
                     "        - from: 2026-07-01\n          group: 0.55\n          categories: [{name: lab, codes: [\"80*\"], group: 0.2}]\n"
                     "insurers:\n  - id: acme\n    key_sha256: " + kHash2 + "\n    adapter: x12\n"
                     "    payer: {identifiers: [\"urn:x|A1\"], lease_seconds: 60}\n"
                     "memberships:\n  - {plan: F1, insurer: acme, policy: P, subscriber: \"urn:id|1\", from: 2026-01-01,"
                     " members: [{identifier: \"urn:id|2\", relationship: spouse}]}\n";
  gw::GatewayConfig c = gw::parseConfig(text, "x.yaml");
  ASSERT_EQ(c.hospitals[0].contract.periods.size(), 2u);
  EXPECT_EQ(c.hospitals[0].contract.billing, "manual");
  EXPECT_EQ(c.hospitals[0].contract.periods[1].categories[0].codes[0], "80*");
  EXPECT_EQ(c.insurers[0].payer.identifiers[0].value, "A1");
  EXPECT_EQ(c.insurers[0].payer.leaseSeconds, 60);
  ASSERT_EQ(c.memberships.size(), 1u);
  EXPECT_EQ(c.memberships[0].members[0].relationship, "spouse");
}

TEST(ClaimsConfig, ShareOutsideZeroToOneIsAnError) {
  auto issue = onlyIssue("hospitals:\n  - id: h\n    key_sha256: " + kHash +
                         "\n    adapter: a\n    contract:\n      shares:\n        - {from: 2026-01-01, group: 60}\n");
  EXPECT_EQ(issue.key, "hospitals[0].contract.shares[0].group");
  EXPECT_EQ(issue.line, 7);
  EXPECT_NE(issue.message.find("fraction from 0 to 1"), std::string::npos);
}

TEST(ClaimsConfig, OverlappingSharePeriodsAreAnError) {
  auto issue = onlyIssue("hospitals:\n  - id: h\n    key_sha256: " + kHash +
                         "\n    adapter: a\n    contract:\n      shares:\n        - {from: 2026-01-01, group: 0.5}\n"
                         "        - {from: 2026-06-01, group: 0.6}\n");
  EXPECT_EQ(issue.key, "hospitals[0].contract.shares[1]");
  EXPECT_NE(issue.message.find("overlaps"), std::string::npos);
}

TEST(ClaimsConfig, MembershipOfAnUnknownInsurerIsAnError) {
  auto issue = onlyIssue("memberships:\n  - {plan: F1, insurer: nobody, policy: P, subscriber: \"urn:id|1\", "
                         "from: 2026-01-01, members: []}\n");
  EXPECT_EQ(issue.key, "memberships[0].insurer");
  EXPECT_NE(issue.message.find("no insurer has id 'nobody'"), std::string::npos);
}

TEST(ClaimsConfig, ContractIsOnlyForHospitalsAndPayerOnlyForInsurers) {
  auto issue = onlyIssue("insurers:\n  - id: i\n    key_sha256: " + kHash + "\n    adapter: a\n    contract: {}\n");
  EXPECT_EQ(issue.key, "insurers[0].contract");
  EXPECT_NE(issue.message.find("unknown key"), std::string::npos);
}

TEST(Config, TwoPartnersWithTheSameKeyAreAnError) {
  auto issue = onlyIssue("hospitals:\n  - {id: a, key_sha256: " + kHash + ", adapter: hl7v2}\n" +
                         "  - {id: b, key_sha256: " + kHash + ", adapter: hl7v2}\n");
  EXPECT_EQ(issue.key, "hospitals[1].key_sha256");
  EXPECT_NE(issue.message.find("another partner"), std::string::npos);
}

TEST(Config, IsolationDefaultsToWorkerProcessesAndIsSetPerPlugin) {
  auto defaults = gw::parseConfig("plugins:\n  folder: p\n", "/etc/gw/test.yaml");
  EXPECT_TRUE(defaults.plugins.isolationOf("hl7v2").process);
  EXPECT_EQ(defaults.plugins.isolationOf("hl7v2").workers, 2);

  auto config = gw::parseConfig("plugins:\n  folder: p\n  workers: 3\n  call_timeout_ms: 800\n"
                                "  quarantine: {crashes: 5, window_seconds: 60}\n"
                                "  overrides:\n    hl7v2: {isolation: none}\n    x12: {workers: 6}\n",
                                "/etc/gw/test.yaml");
  const auto& plugins = config.plugins;
  EXPECT_FALSE(plugins.isolationOf("hl7v2").process);
  EXPECT_EQ(plugins.isolationOf("hl7v2").callTimeoutMs, 800);  // what an override leaves out is the plugins-level one
  EXPECT_TRUE(plugins.isolationOf("x12").process);
  EXPECT_EQ(plugins.isolationOf("x12").workers, 6);
  EXPECT_EQ(plugins.isolationOf("cda").workers, 3);
  EXPECT_EQ(plugins.quarantineCrashes, 5);
  EXPECT_EQ(plugins.quarantineWindowSeconds, 60);
}

TEST(Config, AnIsolationMistakeNamesItsPlace) {
  auto word = onlyIssue("plugins:\n  folder: p\n  overrides:\n    hl7v2:\n      isolation: sandbox\n");
  EXPECT_EQ(word.key, "plugins.overrides.hl7v2.isolation");
  EXPECT_EQ(word.line, 5);
  auto key = onlyIssue("plugins:\n  folder: p\n  overrides:\n    hl7v2: {folder: x}\n");
  EXPECT_EQ(key.key, "plugins.overrides.hl7v2.folder");
  auto workers = onlyIssue("plugins:\n  folder: p\n  workers: 0\n");
  EXPECT_EQ(workers.key, "plugins.workers");
}

namespace {

std::string mllpHospital(const std::string& mllp) {
  return "hospitals:\n  - id: sh-mllp\n    key_sha256: " + kHash + "\n    adapter: hl7v2\n    mllp:\n" + mllp;
}

}  // namespace

TEST(MllpConfig, AListenerLoadsWithItsLimitsSourcesAndPins) {
  gw::GatewayConfig c = gw::parseConfig(
      mllpHospital("      listen: 0.0.0.0:2575\n      allowed_sources: [10.20.0.0/16, \"fd00::/8\", 192.168.1.7]\n"
                   "      max_frame_bytes: 65536\n      idle_timeout_seconds: 120\n      frame_timeout_seconds: 10\n"
                   "      release: 2\n      content_type: application/hl7-v2+xml\n"
                   "      tls:\n        certificate: tls/server.pem\n        private_key: tls/server.key\n"
                   "        ca: tls/ca.pem\n        client_subject: \"subject=CN=his,O=Hospital\"\n"),
      "/etc/gw/gateway.yaml");
  const gw::MllpConfig& m = c.hospitals.at(0).mllp;
  EXPECT_TRUE(m.enabled);
  EXPECT_EQ(m.host, "0.0.0.0");
  EXPECT_EQ(m.port, 2575);
  ASSERT_EQ(m.allowedSources.size(), 3u);
  EXPECT_TRUE(m.allowedSources[0].contains(Poco::Net::IPAddress("10.20.3.4")));
  EXPECT_TRUE(m.allowedSources[0].contains(Poco::Net::IPAddress("::ffff:10.20.3.4")));  // dual-stack socket
  EXPECT_FALSE(m.allowedSources[0].contains(Poco::Net::IPAddress("10.21.0.1")));
  EXPECT_TRUE(m.allowedSources[1].contains(Poco::Net::IPAddress("fd12::1")));
  EXPECT_FALSE(m.allowedSources[1].contains(Poco::Net::IPAddress("10.20.3.4")));
  EXPECT_TRUE(m.allowedSources[2].contains(Poco::Net::IPAddress("192.168.1.7")));
  EXPECT_FALSE(m.allowedSources[2].contains(Poco::Net::IPAddress("192.168.1.8")));
  EXPECT_EQ(m.maxFrameBytes, 65536u);
  EXPECT_EQ(m.idleTimeoutSeconds, 120);
  EXPECT_EQ(m.frameTimeoutSeconds, 10);
  EXPECT_EQ(m.release, 2);
  EXPECT_EQ(m.contentType, "application/hl7-v2+xml");
  EXPECT_EQ(m.tls.certificateFile, "/etc/gw/tls/server.pem");  // beside the file
  EXPECT_EQ(m.tls.clientSubject, "CN=his,O=Hospital");           // as openssl prints it, "subject=" dropped
  EXPECT_FALSE(c.hospitals.at(0).mllp.bindingKey().empty());
}

TEST(MllpConfig, AListenerBeyondLoopbackWithNeitherSourcesNorAPinnedCertificateIsAnError) {
  auto issue = onlyIssue(mllpHospital("      listen: 0.0.0.0:2575\n"));
  EXPECT_EQ(issue.line, 6);
  EXPECT_EQ(issue.key, "hospitals[0].mllp");
  EXPECT_NE(issue.message.find("needs allowed_sources or tls"), std::string::npos) << issue.message;
  // On loopback (a local interface engine relaying) it is allowed.
  EXPECT_NO_THROW(gw::parseConfig(mllpHospital("      listen: 127.0.0.1:2575\n"), "x.yaml"));
}

TEST(MllpConfig, ABadSourceATlsWithoutPinAndAnUnknownKeyNameWhatIsWrong) {
  auto source = onlyIssue(mllpHospital("      listen: 127.0.0.1:2575\n      allowed_sources: [10.20.0.0/33]\n"));
  EXPECT_EQ(source.key, "hospitals[0].mllp.allowed_sources[0]");
  EXPECT_NE(source.message.find("10.20.0.0/33"), std::string::npos);
  auto pin = onlyIssue(mllpHospital("      listen: 0.0.0.0:2575\n      tls: {certificate: s.pem, private_key: s.key, "
                                    "ca: ca.pem}\n"));
  EXPECT_EQ(pin.key, "hospitals[0].mllp.tls");
  EXPECT_NE(pin.message.find("client_subject or client_certificate_sha256"), std::string::npos) << pin.message;
  auto unknown = onlyIssue(mllpHospital("      listen: 127.0.0.1:2575\n      max_frame: 10\n"));
  EXPECT_NE(unknown.message.find("max_frame"), std::string::npos) << unknown.message;
  auto release = onlyIssue(mllpHospital("      listen: 127.0.0.1:2575\n      release: 3\n"));
  EXPECT_EQ(release.key, "hospitals[0].mllp.release");
}

TEST(MllpConfig, InsurersHaveNoMllpListener) {
  auto issue = onlyIssue("insurers:\n  - id: acme\n    key_sha256: " + kHash2 +
                         "\n    adapter: x12\n    mllp: {listen: 127.0.0.1:2575}\n");
  EXPECT_EQ(issue.key, "insurers[0].mllp");
  EXPECT_NE(issue.message.find("unknown key"), std::string::npos) << issue.message;
}

TEST(PickupConfig, AFolderPickupLoadsBesideTheFileAndNamesAWrongKey) {
  gw::GatewayConfig c = gw::parseConfig(
      "hospitals:\n  - id: sh-files\n    key_sha256: " + kHash +
          "\n    adapter: hl7v2\n    pickup: {folder: ../spool/sh-files, pattern: \"*.hl7\", stable_seconds: 5}\n",
      "/etc/gw/gateway.yaml");
  const gw::PickupConfig& pickup = c.hospitals.at(0).pickup;
  EXPECT_TRUE(pickup.enabled);
  EXPECT_EQ(pickup.folder, "/etc/spool/sh-files");
  EXPECT_EQ(pickup.pattern, "*.hl7");
  EXPECT_EQ(pickup.stableSeconds, 5);
  auto issue = onlyIssue("hospitals:\n  - id: sh-files\n    key_sha256: " + kHash +
                         "\n    adapter: hl7v2\n    pickup: {folder: in, patern: \"*.hl7\"}\n");
  EXPECT_EQ(issue.key, "hospitals[0].pickup.patern");
  auto missing = onlyIssue("hospitals:\n  - id: sh-files\n    key_sha256: " + kHash +
                           "\n    adapter: hl7v2\n    pickup: {pattern: \"*.hl7\"}\n");
  EXPECT_EQ(missing.key, "hospitals[0].pickup.folder");
}
