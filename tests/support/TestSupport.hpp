// Shared test helpers: temporary folders, store backends under test, loopback HTTP calls.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gw/testing/TestFiles.hpp>

#include "config/GatewayConfig.hpp"
#include "store/Database.hpp"

namespace gwtest {

// Temporary folders and whole files: the adapter test kit's (a missing file fails the test, never reads empty).
using TempDir = gw::testkit::TempFolder;
using gw::testkit::readFile;
using gw::testkit::writeFile;

// The backends every store test runs on. PostgreSQL needs GW_TEST_PG (a libpq connection
// string to a server where databases may be created); scripts/test.sh starts one.
std::vector<std::string> storeBackends();

// A store on `backend` that nobody else uses: a SQLite file in `dir`, or a new PostgreSQL database
// (dropped by the returned guard). Skips the test when PostgreSQL is not available, and fails it
// instead when GW_REQUIRE_PG=1 (as scripts/test.sh sets).
class TestStore {
 public:
  TestStore(const std::string& backend, const TempDir& dir);
  ~TestStore();
  const gw::StoreConfig& config() const { return config_; }
  bool available() const { return available_; }
  // The `store:` block of a YAML configuration for this store.
  std::string yaml() const;

 private:
  gw::StoreConfig config_;
  std::string database_;
  bool available_ = true;
};

// A test run once per store backend on a migrated store of its own. A subclass with more set-up
// overrides SetUp, calls MigratedStoreTest::SetUp() first and returns when IsSkipped().
class MigratedStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  TempDir dir_;
  std::unique_ptr<TestStore> store_;
  std::unique_ptr<gw::Database> db_;
};

#define GW_REQUIRE_STORE(store)                                                      \
  do {                                                                               \
    if (!(store).available()) GTEST_SKIP() << "PostgreSQL not available (GW_TEST_PG unset)"; \
  } while (0)

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;
};

HttpResult httpCall(std::uint16_t port, const std::string& method, const std::string& path,
                    const std::string& body = "", const std::map<std::string, std::string>& headers = {},
                    const std::string& contentType = "application/xml");

// Inbound messages in the store with `status` (accepted, failed, rejected).
int storedMessages(gw::Database& db, const std::string& status = "accepted");

// What a shell command printed, stdout and stderr together (openssl, clients we did not write).
std::string commandOutput(const std::string& command);

// A test API key and its SHA-256, for configurations.
inline const char* kAdminKey = "admin-test-key";
std::string sha256(const std::string& text);

}  // namespace gwtest
