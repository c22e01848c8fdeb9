// Store file permissions (issue 13, item 10): the SQLite store holds patient data, so it and its WAL and shared
// memory files are created 0600, and a store that group or others can read is refused at start.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <Poco/Data/Session.h>
#include <Poco/File.h>

#include "TestSupport.hpp"
#include "config/ConfigError.hpp"
#include "store/Database.hpp"

namespace {

using Poco::Data::Keywords::now;

// The process umask is what made the store 0644; the tests pin the usual 022 instead of inheriting it.
class StoreFilePermissions : public ::testing::Test {
 protected:
  void SetUp() override { previousUmask_ = ::umask(022); }
  void TearDown() override { ::umask(previousUmask_); }

  gw::StoreConfig store(const std::string& sqliteExtra = "") {
    const std::string text = "store:\n  sqlite:\n    path: gw.db\n" + sqliteExtra;
    gwtest::writeFile(dir_.file("gateway.yaml"), text);
    return gw::parseConfig(text, dir_.file("gateway.yaml")).store;
  }

  // Creates the store (with a WAL) and closes it again.
  void createStore() {
    gw::Database db(store());
    Poco::Data::Session s = db.session();
    s << "CREATE TABLE t (x INTEGER)", now;
  }

  unsigned mode(const std::string& file) {
    struct stat status {};
    if (::stat(file.c_str(), &status) != 0) return 0;
    return status.st_mode & 07777;
  }

  std::string refusal(const gw::StoreConfig& config) {
    try {
      gw::Database db(config);
    } catch (const std::exception& e) {
      return e.what();
    }
    return "";
  }

  gwtest::TempDir dir_;
  mode_t previousUmask_ = 0;
};

TEST_F(StoreFilePermissions, ANewStoreAndItsWalAndSharedMemoryAreReadableByTheOwnerOnly) {
  gw::Database db(store());
  Poco::Data::Session s = db.session();
  s << "CREATE TABLE t (x INTEGER)", now;
  s << "INSERT INTO t VALUES (1)", now;
  for (const std::string& file : {dir_.file("gw.db"), dir_.file("gw.db-wal"), dir_.file("gw.db-shm")}) {
    ASSERT_TRUE(Poco::File(file).exists()) << file;
    EXPECT_EQ(mode(file), 0600u) << file;
  }
}

TEST_F(StoreFilePermissions, AnExistingStoreOthersCanReadIsRefusedNamingTheFileAndMode) {
  createStore();
  ASSERT_EQ(::chmod(dir_.file("gw.db").c_str(), 0644), 0);
  const std::string why = refusal(store());
  EXPECT_NE(why.find(dir_.file("gw.db")), std::string::npos) << why;
  EXPECT_NE(why.find("mode 0644"), std::string::npos) << why;
  EXPECT_NE(why.find("store.sqlite.allow_group_read"), std::string::npos) << why;
  EXPECT_EQ(mode(dir_.file("gw.db")), 0644u);  // refused, not silently changed
}

TEST_F(StoreFilePermissions, AGroupReadableStoreIsRefusedUnlessTheConfigurationAllowsIt) {
  createStore();
  ASSERT_EQ(::chmod(dir_.file("gw.db").c_str(), 0640), 0);
  EXPECT_NE(refusal(store()).find("mode 0640"), std::string::npos);
  EXPECT_EQ(refusal(store("    allow_group_read: true\n")), "");
  // The option allows the group to read, never others and never the group to write.
  ASSERT_EQ(::chmod(dir_.file("gw.db").c_str(), 0644), 0);
  EXPECT_NE(refusal(store("    allow_group_read: true\n")).find("mode 0644"), std::string::npos);
  ASSERT_EQ(::chmod(dir_.file("gw.db").c_str(), 0660), 0);
  EXPECT_NE(refusal(store("    allow_group_read: true\n")).find("mode 0660"), std::string::npos);
}

TEST_F(StoreFilePermissions, AReadableWalLeftByACrashIsRefusedNamingIt) {
  createStore();
  gwtest::writeFile(dir_.file("gw.db-wal"), "");  // an empty WAL is valid: what an older version left behind
  ASSERT_EQ(::chmod(dir_.file("gw.db-wal").c_str(), 0644), 0);
  const std::string why = refusal(store());
  EXPECT_NE(why.find(dir_.file("gw.db-wal") + " "), std::string::npos) << why;
  EXPECT_NE(why.find("mode 0644"), std::string::npos) << why;
}

TEST_F(StoreFilePermissions, TheOptionIsCheckedWithItsPosition) {
  const std::string text = "store:\n  sqlite:\n    path: gw.db\n    allow_group_read: sometimes\n";
  try {
    gw::parseConfig(text, dir_.file("gateway.yaml"));
    FAIL() << "accepted";
  } catch (const gw::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("gateway.yaml:4:23: 'store.sqlite.allow_group_read': must be true or false"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
