// Plugin trust (issue 13, item 9): what runs is what was hashed, and only files and folders that no one but the
// gateway's user (or root) can change are loaded. Real .so files from disk, as an operator's folder holds them.
#include <gtest/gtest.h>

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "PluginFixtures.hpp"
#include "app/Gateway.hpp"
#include "plugin/PluginHost.hpp"

namespace {

using namespace gwtest;

const std::string kEchoPartner = hospital("sh-echo", "echo", "      tag: t\n");

class PluginTrust : public ::testing::Test {
 protected:
  PluginTrust() { Poco::File(dir_.file("plugins")).createDirectories(); }

  void start() {
    config_ = std::make_shared<const gw::GatewayConfig>(pluginConfig(dir_, kEchoPartner));
    host_ = std::make_unique<gw::PluginHost>(config_->plugins);
    host_->configure(config_);
  }

  const gw::PluginRefusal* refusal(const std::string& file) {
    for (const auto& r : host_->snapshot()->refusals())
      if (r.file == dir_.file("plugins/" + file)) return &r;
    return nullptr;
  }

  void expectRefused(const std::string& code, const std::vector<std::string>& reasonParts) {
    const gw::PluginRefusal* refused = refusal("echo.so");
    ASSERT_NE(refused, nullptr) << "echo.so was loaded";
    EXPECT_EQ(refused->code, code) << refused->reason;
    for (const auto& part : reasonParts) EXPECT_NE(refused->reason.find(part), std::string::npos) << refused->reason;
    EXPECT_TRUE(host_->snapshot()->plugins().empty());
    EXPECT_EQ(host_->snapshot()->partner("sh-echo"), nullptr);
  }

  void expectLoaded() {
    EXPECT_EQ(refusal("echo.so"), nullptr) << refusal("echo.so")->reason;
    EXPECT_NE(host_->snapshot()->partner("sh-echo"), nullptr) << host_->snapshot()->unroutedReason("sh-echo");
  }

  TempDir dir_;
  std::shared_ptr<const gw::GatewayConfig> config_;
  std::unique_ptr<gw::PluginHost> host_;
};

TEST_F(PluginTrust, AWorldWritablePluginFileIsRefusedNamingItsModeUntilFixed) {
  installPlugin(GW_ECHO_V1, dir_.file("plugins/echo.so"));
  ASSERT_EQ(::chmod(dir_.file("plugins/echo.so").c_str(), 0666), 0);
  start();
  expectRefused("untrusted_file", {"plugin file " + dir_.file("plugins/echo.so"), "writable by others (mode 0666)"});

  // Fixing the mode does not touch the file's content or mtime: the next scan must still see it.
  ASSERT_EQ(::chmod(dir_.file("plugins/echo.so").c_str(), 0644), 0);
  host_->rescan();
  expectLoaded();
}

TEST_F(PluginTrust, AGroupWritablePluginFileIsRefused) {
  installPlugin(GW_ECHO_V1, dir_.file("plugins/echo.so"));
  ASSERT_EQ(::chmod(dir_.file("plugins/echo.so").c_str(), 0664), 0);
  start();
  expectRefused("untrusted_file", {"writable by its group", "mode 0664"});
}

TEST_F(PluginTrust, AWorldWritablePluginFolderIsRefusedNamingItsMode) {
  installPlugin(GW_ECHO_V1, dir_.file("plugins/echo.so"));
  ASSERT_EQ(::chmod(dir_.file("plugins").c_str(), 0777), 0);
  start();
  expectRefused("untrusted_folder", {"plugin folder " + dir_.file("plugins"), "writable by others (mode 0777)"});

  ASSERT_EQ(::chmod(dir_.file("plugins").c_str(), 0755), 0);
  host_->rescan();
  expectLoaded();
}

TEST_F(PluginTrust, APluginFileOwnedByAnotherUserIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give the file to another user";
  installPlugin(GW_ECHO_V1, dir_.file("plugins/echo.so"));
  ASSERT_EQ(::chown(dir_.file("plugins/echo.so").c_str(), 65534, 65534), 0);
  start();
  expectRefused("untrusted_file", {"owned by uid 65534", "not by the gateway's user (uid 0) or root"});
}

TEST_F(PluginTrust, NewContentInAnUntrustedFileLeavesThePreviousVersionServing) {
  installPlugin(GW_ECHO_V1, dir_.file("plugins/echo.so"));
  start();
  expectLoaded();
  installPlugin(GW_ECHO_V2, dir_.file("plugins/echo.so"));
  ASSERT_EQ(::chmod(dir_.file("plugins/echo.so").c_str(), 0666), 0);
  host_->rescan();
  ASSERT_NE(refusal("echo.so"), nullptr);
  EXPECT_EQ(refusal("echo.so")->code, "untrusted_file");
  auto instance = host_->snapshot()->partner("sh-echo");
  ASSERT_NE(instance, nullptr);
  EXPECT_EQ(instance->adapterVersion(), "1.0.0");
}

TEST(PluginTrustAdmin, TheRefusalReasonIsInTheAdminListing) {
  TempDir dir;
  Poco::File(dir.file("plugins")).createDirectories();
  installPlugin(GW_ECHO_V1, dir.file("plugins/echo.so"));
  ASSERT_EQ(::chmod(dir.file("plugins/echo.so").c_str(), 0666), 0);
  gw::Gateway gateway(pluginConfig(dir, kEchoPartner));
  gateway.start();
  auto r = httpCall(gateway.port(), "GET", "/v1/admin/plugins", "", {{"X-API-Key", kAdminKey}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"("code":"untrusted_file")"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("writable by others (mode 0666)"), std::string::npos) << r.body;
}

// The file a loaded library is mapped from: the path and inode of the mapping that holds `address`.
struct MappedFile {
  std::string path;
  std::uint64_t inode = 0;
};

MappedFile mappedFileOf(const void* address) {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    std::istringstream fields(line);
    std::string range, permissions, offset, device;
    MappedFile file;
    fields >> range >> permissions >> offset >> device >> file.inode >> file.path;
    const auto dash = range.find('-');
    const auto start = std::stoull(range.substr(0, dash), nullptr, 16);
    const auto end = std::stoull(range.substr(dash + 1), nullptr, 16);
    if (at >= start && at < end) return file;
  }
  return {};
}

std::string padded(std::string bytes, std::size_t size) {
  bytes.resize(size, '\0');  // bytes past every segment: the loader never reads them
  return bytes;
}

TEST(PluginCacheTrust, ACopyPlantedUnderTheCachedNameWithTheSameSizeNeverRuns) {
  TempDir dir;
  const std::string v1 = readFile(GW_ECHO_V1), v2 = readFile(GW_ECHO_V2);
  const std::size_t size = std::max(v1.size(), v2.size());
  const std::string genuine = padded(v1, size), planted = padded(v2, size);
  ASSERT_NE(genuine, planted);
  const std::string genuineSha = sha256(genuine);

  auto config = std::make_shared<const gw::GatewayConfig>(pluginConfig(dir, kEchoPartner));
  installPluginBytes(genuine, dir.file("plugins/echo.so"));
  Poco::File(dir.file("cache")).createDirectories();
  writeFile(dir.file("cache/" + genuineSha + ".so"), planted);  // same name, same size, other code

  gw::PluginHost host(config->plugins);
  host.configure(config);
  auto instance = host.snapshot()->partner("sh-echo");
  ASSERT_NE(instance, nullptr) << host.snapshot()->unroutedReason("sh-echo");
  EXPECT_EQ(instance->adapterVersion(), "1.0.0");  // the genuine plugin's code, not the planted v2
  auto decoded = instance->decode(kEchoMessage, "application/xml");
  ASSERT_TRUE(decoded.ok()) << decoded.error;
  EXPECT_EQ(decoded.output.find(R"({"code":"v2"})"), std::string::npos) << decoded.output;

  // The hash the log and the admin API report is the hash of the file actually mapped.
  ASSERT_EQ(host.snapshot()->plugins().size(), 1u);
  const auto& library = *host.snapshot()->plugins()[0];
  EXPECT_EQ(library.sha256(), genuineSha);
  const MappedFile mapped = mappedFileOf(&library.descriptor());
  ASSERT_FALSE(mapped.path.empty());
  struct stat status {};
  ASSERT_EQ(::stat(mapped.path.c_str(), &status), 0) << mapped.path;
  EXPECT_EQ(static_cast<std::uint64_t>(status.st_ino), mapped.inode) << "the mapped copy was replaced";
  EXPECT_EQ(sha256(readFile(mapped.path)), library.sha256()) << mapped.path;
}

TEST(PluginCacheTrust, TheCacheFolderIsPrivateToTheGatewayUser) {
  TempDir dir;
  auto config = std::make_shared<const gw::GatewayConfig>(pluginConfig(dir, kEchoPartner));
  installPlugin(GW_ECHO_V1, dir.file("plugins/echo.so"));
  Poco::File(dir.file("cache")).createDirectories();
  ASSERT_EQ(::chmod(dir.file("cache").c_str(), 0777), 0);
  gw::PluginHost host(config->plugins);
  host.configure(config);
  ASSERT_NE(host.snapshot()->partner("sh-echo"), nullptr) << host.snapshot()->unroutedReason("sh-echo");
  struct stat status {};
  ASSERT_EQ(::stat(dir.file("cache").c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 07777, 0700u);
  EXPECT_EQ(status.st_uid, ::geteuid());
}

}  // namespace
