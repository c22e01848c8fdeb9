// gatewayd and gatewayctl as real processes: start-up, config errors, SIGTERM drain, SIGHUP reload.
#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/Thread.h>

#include <chrono>
#include <fstream>
#include <csignal>
#include <sys/wait.h>

#include "DaemonProcess.hpp"
#include "TestSupport.hpp"
#include <Poco/File.h>

#include "app/Gateway.hpp"
#include "audit/AuditLog.hpp"
#include "store/Migrations.hpp"

namespace {

using gwtest::CommandResult;
using gwtest::Daemon;
using gwtest::freePort;
using gwtest::runCommand;

std::string config(const gwtest::TempDir& dir, std::uint16_t port, const std::string& hospitals) {
  return "server:\n  listen: 127.0.0.1:" + std::to_string(port) + "\n  admin_key_sha256: " +
         gwtest::sha256(gwtest::kAdminKey) + "\nstore:\n  sqlite:\n    path: " + dir.file("gw.db") +
         "\nplugins:\n  folder: " + dir.path() + "\nhospitals:\n" + hospitals;
}

std::string hospital(const std::string& id) {
  return "  - {id: " + id + ", key_sha256: " + gwtest::sha256("k-" + id) + ", adapter: hl7v2}\n";
}

TEST(Daemon, ServesHealthAndExitsZeroOnSigtermWithinFiveSeconds) {
  gwtest::TempDir dir;
  std::uint16_t port = freePort();
  gwtest::writeFile(dir.file("gateway.yaml"), config(dir, port, hospital("sh-intl")));
  Daemon daemon(dir.file("gateway.yaml"), dir.file("stderr.log"));
  ASSERT_TRUE(daemon.waitHealthy(port)) << gwtest::readFile(dir.file("stderr.log"));
  EXPECT_EQ(gwtest::httpCall(port, "GET", "/metrics").status, 200);
  auto started = std::chrono::steady_clock::now();
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.waitExit(5.0), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  // The store was closed cleanly: SQLite checkpoints and removes the WAL when the last connection closes.
  EXPECT_FALSE(std::ifstream(dir.file("gw.db-wal")).good());
  std::string log = gwtest::readFile(dir.file("stderr.log"));
  EXPECT_NE(log.find("stopped"), std::string::npos) << log;
}

TEST(Daemon, SigintAlsoStopsCleanly) {
  gwtest::TempDir dir;
  std::uint16_t port = freePort();
  gwtest::writeFile(dir.file("gateway.yaml"), config(dir, port, "  []\n"));
  Daemon daemon(dir.file("gateway.yaml"), dir.file("stderr.log"));
  ASSERT_TRUE(daemon.waitHealthy(port));
  daemon.signal(SIGINT);
  EXPECT_EQ(daemon.waitExit(5.0), 0);
}

TEST(Daemon, MisspeltKeyStopsStartUpWithFileLineColumnAndKey) {
  gwtest::TempDir dir;
  std::string text = "server:\n  listen: 127.0.0.1:0\n  thraeds: 4\n";
  gwtest::writeFile(dir.file("gateway.yaml"), text);
  auto result = runCommand(GW_GATEWAYD, {"--config", dir.file("gateway.yaml")});
  EXPECT_EQ(result.exitCode, 78);  // EX_CONFIG
  EXPECT_NE(result.err.find(dir.file("gateway.yaml") + ":3:3: 'server.thraeds': unknown key"), std::string::npos)
      << result.err;
}

TEST(Daemon, SighupReloadsPartnersAndKeepsThemWhenTheNewFileIsBad) {
  gwtest::TempDir dir;
  std::uint16_t port = freePort();
  const std::string path = dir.file("gateway.yaml");
  gwtest::writeFile(path, config(dir, port, hospital("sh-intl")));
  Daemon daemon(path, dir.file("stderr.log"));
  ASSERT_TRUE(daemon.waitHealthy(port));
  auto partners = [&] {
    return gwtest::httpCall(port, "GET", "/v1/admin/partners", "", {{"X-API-Key", gwtest::kAdminKey}}).body;
  };
  EXPECT_NE(partners().find("sh-intl"), std::string::npos);

  gwtest::writeFile(path, config(dir, port, hospital("sh-intl") + hospital("bj-union")));
  daemon.signal(SIGHUP);
  bool reloaded = false;
  for (int i = 0; i < 200 && !reloaded; ++i, Poco::Thread::sleep(10)) reloaded = partners().find("bj-union") != std::string::npos;
  EXPECT_TRUE(reloaded);

  gwtest::writeFile(path, config(dir, port, hospital("sh-intl")) + "  - {id: broken, adaptr: x}\n");
  daemon.signal(SIGHUP);
  std::string log;
  for (int i = 0; i < 200; ++i, Poco::Thread::sleep(10)) {
    log = gwtest::readFile(dir.file("stderr.log"));
    if (log.find("reload refused") != std::string::npos) break;
  }
  EXPECT_NE(log.find("reload refused"), std::string::npos) << log;
  EXPECT_NE(log.find("'hospitals[1].adaptr': unknown key"), std::string::npos) << log;
  EXPECT_NE(partners().find("bj-union"), std::string::npos);  // the running configuration is kept
  EXPECT_EQ(gwtest::httpCall(port, "GET", "/healthz").status, 200);
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.waitExit(5.0), 0);
}

TEST(Daemon, DaemonModeWritesThePidFileWithRelativePaths) {
  gwtest::TempDir dir;
  std::uint16_t port = freePort();
  gwtest::writeFile(dir.file("gateway.yaml"), config(dir, port, "  []\n"));
  Poco::ProcessHandle launcher =
      Poco::Process::launch(GW_GATEWAYD, {"--config", "gateway.yaml", "--daemon", "--pidfile", "gw.pid"}, dir.path());
  launcher.wait();
  std::string pid;
  for (int i = 0; i < 300 && pid.empty(); ++i, Poco::Thread::sleep(10))
    if (Poco::File(dir.file("gw.pid")).exists()) pid = gwtest::readFile(dir.file("gw.pid"));
  ASSERT_FALSE(pid.empty()) << "no pid file";
  bool healthy = false;
  for (int i = 0; i < 300 && !healthy; ++i, Poco::Thread::sleep(10)) {
    try {
      healthy = gwtest::httpCall(port, "GET", "/healthz").status == 200;
    } catch (const std::exception&) {
    }
  }
  EXPECT_TRUE(healthy);
  ::kill(std::stoi(pid), SIGTERM);
  bool gone = false;
  for (int i = 0; i < 500 && !gone; ++i, Poco::Thread::sleep(10)) gone = ::kill(std::stoi(pid), 0) != 0;
  EXPECT_TRUE(gone);
  EXPECT_FALSE(std::ifstream(dir.file("gw.pid")).good()) << "the pid file is removed on exit";
}

// A configuration whose plugins are the built ones (check-config creates each partner's adapter instance).
std::string configWithBuiltPlugins(const gwtest::TempDir& dir, const std::string& hospitals) {
  std::string text = config(dir, 8080, hospitals);
  return text.replace(text.find("folder: " + dir.path()), 8 + dir.path().size(), std::string("folder: ") + GW_PLUGIN_DIR);
}

std::string xmlmapHospital(const std::string& id, const std::string& mapping) {
  return "  - {id: " + id + ", key_sha256: " + gwtest::sha256("k-" + id) + ", adapter: xmlmap, options: {mapping: " +
         mapping + "}}\n";
}

TEST(Gatewayctl, CheckConfigPrintsOkOrEveryErrorWithExitCodes) {
  gwtest::TempDir dir;
  const std::string shipped = std::string(GW_SOURCE_DIR) + "/conf/mappings/visitrecord.yaml";
  gwtest::writeFile(dir.file("good.yaml"),
                    configWithBuiltPlugins(dir, hospital("sh-intl") + xmlmapHospital("sh-vr", shipped)));
  auto good = runCommand(GW_GATEWAYCTL, {"check-config", dir.file("good.yaml")});
  EXPECT_EQ(good.exitCode, 0) << good.out << good.err;
  EXPECT_EQ(good.out, "OK\n");

  gwtest::writeFile(dir.file("bad.yaml"), "server:\n  thraeds: 4\nhospitals:\n  - {id: Bad Id}\n");
  auto bad = runCommand(GW_GATEWAYCTL, {"check-config", dir.file("bad.yaml")});
  EXPECT_EQ(bad.exitCode, 1);
  EXPECT_NE(bad.out.find("bad.yaml:2:3: 'server.thraeds'"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("'hospitals[0].id'"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("'hospitals[0].adapter': required"), std::string::npos) << bad.out;

  EXPECT_EQ(runCommand(GW_GATEWAYCTL, {"check-config"}).exitCode, 2);
  EXPECT_EQ(runCommand(GW_GATEWAYCTL, {"no-such-command"}).exitCode, 2);
  EXPECT_EQ(runCommand(GW_GATEWAYCTL, {"check-config", "--help"}).exitCode, 0);
}

TEST(Gatewayctl, CheckConfigCreatesEachPartnersAdapterAndNamesThePartnerItFailsFor) {
  gwtest::TempDir dir;
  const std::string missing = dir.file("mappings/nowhere.yaml");
  gwtest::writeFile(dir.file("missing.yaml"),
                    configWithBuiltPlugins(dir, hospital("sh-intl") + xmlmapHospital("sh-vr", missing)));
  auto run = runCommand(GW_GATEWAYCTL, {"check-config", dir.file("missing.yaml")});
  EXPECT_EQ(run.exitCode, 1);
  // The partner's block is on line 11 (after server, store, plugins and the first hospital).
  EXPECT_NE(run.out.find("missing.yaml:11:5: 'hospitals[1]': partner 'sh-vr' cannot be routed: adapter 'xmlmap' "
                         "refused partner 'sh-vr': " + missing + ": cannot read the mapping file"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(run.out.find("sh-intl"), std::string::npos) << run.out;  // the good partner is not reported

  // A mapping whose FHIR path is misspelt: the mapping file's own line and column.
  std::string mapping = gwtest::readFile(std::string(GW_SOURCE_DIR) + "/conf/mappings/visitrecord.yaml");
  const std::string gender = "path: \"Patient.gender\"";
  mapping.replace(mapping.find(gender), gender.size(), "path: \"Patient.gendre\"");
  gwtest::writeFile(dir.file("misspelt.yaml"), mapping);
  gwtest::writeFile(dir.file("gateway.yaml"),
                    configWithBuiltPlugins(dir, xmlmapHospital("sh-vr", dir.file("misspelt.yaml"))));
  auto misspelt = runCommand(GW_GATEWAYCTL, {"check-config", dir.file("gateway.yaml")});
  EXPECT_EQ(misspelt.exitCode, 1);
  EXPECT_NE(misspelt.out.find("'hospitals[0]': partner 'sh-vr' cannot be routed"), std::string::npos) << misspelt.out;
  EXPECT_NE(misspelt.out.find(dir.file("misspelt.yaml") + ":66:17: 'resources[1].fields[11].path': 'Patient.gendre': "
                              "Patient has no element 'gendre' in FHIR R4 (did you mean 'gender'?)"),
            std::string::npos)
      << misspelt.out;
}

TEST(Gatewayctl, MigrateBringsTheStoreUpToDateOnce) {
  gwtest::TempDir dir;
  gwtest::writeFile(dir.file("gateway.yaml"), config(dir, 8080, "  []\n"));
  auto first = runCommand(GW_GATEWAYCTL, {"migrate", "--config", dir.file("gateway.yaml")});
  EXPECT_EQ(first.exitCode, 0) << first.err;
  EXPECT_NE(first.out.find("applied 001_initial"), std::string::npos) << first.out;
  auto second = runCommand(GW_GATEWAYCTL, {"migrate", "--config", dir.file("gateway.yaml")});
  EXPECT_EQ(second.exitCode, 0);
  EXPECT_NE(second.out.find("up to date"), std::string::npos) << second.out;
  gwtest::writeFile(dir.file("bad.yaml"), "store:\n  backend: oracle\n");
  auto bad = runCommand(GW_GATEWAYCTL, {"migrate", "--config", dir.file("bad.yaml")});
  EXPECT_EQ(bad.exitCode, 1);
  EXPECT_NE(bad.out.find("bad.yaml:2:12: 'store.backend': must be one of: sqlite, postgresql"), std::string::npos)
      << bad.out;
  EXPECT_EQ(runCommand(GW_GATEWAYCTL, {"migrate", "--bogus"}).exitCode, 2);
}

TEST(Gatewayctl, TranslateRunsTheHardenedPathBeforeTheAdapter) {
  const std::string data = GW_TEST_DATA_DIR;
  auto good = runCommand(GW_GATEWAYCTL, {"translate", "--plugins", GW_PLUGIN_DIR, "--adapter", "hl7v2",
                                         data + "/hl7v2-xml/itb_adt_a08_escaped_pipe.xml"});
  EXPECT_EQ(good.exitCode, 0) << good.err;
  EXPECT_NE(good.out.find("\"resourceType\":\"Bundle\""), std::string::npos);
  auto hostile = runCommand(GW_GATEWAYCTL, {"translate", "--plugins", GW_PLUGIN_DIR, "--adapter", "hl7v2",
                                            data + "/malicious/hapi_adt_a01_xxe_etc_passwd.xml"});
  EXPECT_EQ(hostile.exitCode, 1);
  EXPECT_NE(hostile.err.find("external entity 'xxe'"), std::string::npos) << hostile.err;
  EXPECT_EQ(hostile.out.find("root:"), std::string::npos);
}

// A gateway with the echo plugin that has stored `n` messages for hospital "h1".
std::string storeEchoMessages(const gwtest::TempDir& dir, int n) {
  Poco::File(dir.file("plugins")).createDirectories();
  Poco::File(std::string(GW_PLUGIN_DIR) + "/echo.so").copyTo(dir.file("plugins/echo.so"));
  const std::string path = dir.file("gateway.yaml");
  gwtest::writeFile(path, "server:\n  listen: 127.0.0.1:0\nstore:\n  sqlite:\n    path: " + dir.file("gw.db") +
                              "\nplugins:\n  folder: " + dir.file("plugins") + "\n  cache_folder: " +
                              dir.file("cache") + "\nhospitals:\n  - {id: h1, key_sha256: " + gwtest::sha256("k1") +
                              ", adapter: echo, options: {tag: t}}\n  - {id: h2, key_sha256: " + gwtest::sha256("k2") +
                              ", adapter: missing}\n");
  gw::Gateway gateway(gw::loadConfig(path));
  gateway.start();
  for (int i = 0; i < n; ++i) {
    auto r = gwtest::httpCall(gateway.port(), "POST", "/v1/hospitals/h1/messages",
                              "<Echo id=\"M" + std::to_string(i) + "\"><patient mrn=\"" + std::to_string(i) +
                                  "\" family=\"Li\" given=\"Wei\"/></Echo>",
                              {{"X-API-Key", "k1"}});
    EXPECT_EQ(r.status, 200) << r.body;
  }
  return path;
}

TEST(Gatewayctl, PartnersListsRoutingAndFingerprintsNeverKeys) {
  gwtest::TempDir dir;
  const std::string path = storeEchoMessages(dir, 0);
  auto r = runCommand(GW_GATEWAYCTL, {"partners", "--config", path});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;  // h2's adapter is missing
  EXPECT_NE(r.out.find("h1"), std::string::npos);
  EXPECT_NE(r.out.find("routed (echo 1.0.0)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("UNROUTED: adapter 'missing'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sha256:" + gwtest::sha256("k1").substr(0, 12)), std::string::npos);
  EXPECT_EQ(r.out.find(gwtest::sha256("k1")), std::string::npos) << "only a fingerprint is shown";
}

TEST(Gatewayctl, ReplayFindsNoDifferenceForTheSameAdapterAndEachOneForAChangedOne) {
  gwtest::TempDir dir;
  const std::string path = storeEchoMessages(dir, 3);
  auto same = runCommand(GW_GATEWAYCTL, {"replay", "--config", path, "--hospital", "h1", "--adapter", "echo"});
  EXPECT_EQ(same.exitCode, 0) << same.out << same.err;
  EXPECT_NE(same.out.find("replayed 3 messages of h1 through echo 1.0.0: 3 same, 0 differ, 0 fail"),
            std::string::npos)
      << same.out;
  Poco::File(dir.file("v2")).createDirectories();
  Poco::File(GW_ECHO_V2).copyTo(dir.file("v2/echo.so"));
  auto changed = runCommand(GW_GATEWAYCTL, {"replay", "--config", path, "--hospital", "h1", "--adapter", "echo",
                                            "--plugins", dir.file("v2")});
  EXPECT_EQ(changed.exitCode, 1);
  for (const char* id : {"(M0)", "(M1)", "(M2)"})
    EXPECT_NE(changed.out.find(std::string(id) + ": DIFFERS"), std::string::npos) << changed.out;
  EXPECT_NE(changed.out.find("0 same, 3 differ"), std::string::npos) << changed.out;
  EXPECT_EQ(runCommand(GW_GATEWAYCTL, {"replay", "--config", path}).exitCode, 2);
}

TEST(Gatewayctl, AuditVerifyReportsAnIntactOrBrokenChain) {
  gwtest::TempDir dir;
  gwtest::writeFile(dir.file("gateway.yaml"), config(dir, 8080, "  []\n"));
  {
    gw::GatewayConfig c = gw::loadConfig(dir.file("gateway.yaml"));
    gw::Database db(c.store);
    gw::migrate(db);
    gw::AuditLog log(db, true);
    for (int i = 0; i < 3; ++i) log.append({"admin", "plugin.load", "echo.so", "ok", ""});
  }
  auto intact = runCommand(GW_GATEWAYCTL, {"audit", "verify", "--config", dir.file("gateway.yaml")});
  EXPECT_EQ(intact.exitCode, 0) << intact.err;
  EXPECT_EQ(intact.out, "OK: 3 rows, chain intact\n");
  {
    gw::Database db(gw::loadConfig(dir.file("gateway.yaml")).store);
    Poco::Data::Session s = db.session();
    s << "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2", Poco::Data::Keywords::now;
  }
  auto broken = runCommand(GW_GATEWAYCTL, {"audit", "verify", "--config", dir.file("gateway.yaml")});
  EXPECT_EQ(broken.exitCode, 1);
  EXPECT_NE(broken.out.find("row 2 was changed"), std::string::npos) << broken.out;
  EXPECT_EQ(runCommand(GW_GATEWAYCTL, {"audit"}).exitCode, 2);
}

}  // namespace
