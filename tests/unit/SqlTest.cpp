// runSql on both backends: values round-trip exactly (NULL, integers, text, blobs with NUL bytes), and on
// SQLite a cached statement that failed is reset and serves the next call.
#include <gtest/gtest.h>

#include <Poco/Data/SQLite/Utility.h>

#include "TestSupport.hpp"
#include "store/Migrations.hpp"
#include "store/Sql.hpp"
#include "store/SqliteStatementCache.hpp"

namespace {

class SqlTest : public gwtest::MigratedStoreTest {
 protected:
  std::vector<gw::SqlParameter> message(const std::string& id, const std::string& body) {
    return {std::string("h"), id, std::string("2026-01-01T00:00:00Z"), std::string("application/xml"),
            gw::SqlBlob{body}, std::string("sha"), std::string("accepted")};
  }
  static constexpr const char* kInsert =
      "INSERT INTO inbound_message (hospital, message_id, received_at, content_type, body, body_sha256, status) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";

};

TEST_P(SqlTest, ValuesRoundTripExactly) {
  Poco::Data::Session s = db_->session();
  const std::string body("<a>\0\xff bytes</a>", 16);
  auto inserted = gw::runSql(*db_, s, kInsert, message("m1", body));
  ASSERT_EQ(inserted.size(), 1u);
  const std::int64_t id = gw::integer(inserted[0], 0);
  EXPECT_GT(id, 0);
  auto rows = gw::runSql(*db_, s, "SELECT id, body, reason, status FROM inbound_message WHERE id = ?", {id});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(gw::integer(rows[0], 0), id);
  EXPECT_EQ(rows[0][1].value_or("absent"), body) << "a blob keeps its NUL and high bytes";
  EXPECT_FALSE(rows[0][2].has_value()) << "NULL is not an empty string";
  EXPECT_EQ(gw::text(rows[0], 3), "accepted");
  EXPECT_TRUE(gw::runSql(*db_, s, "SELECT id FROM inbound_message WHERE message_id = ?", {std::string("none")}).empty());
  auto empty = gw::runSql(*db_, s, "SELECT ?", {std::string()});
  ASSERT_TRUE(empty.at(0).at(0).has_value()) << "an empty string is not NULL";
  EXPECT_EQ(*empty[0][0], "");
}

TEST_P(SqlTest, AFailedCachedStatementServesTheNextCall) {
  Poco::Data::Session s = db_->session();
  std::unique_ptr<gw::SqliteStatementCache> cache;
  std::optional<gw::SqliteStatementCache::InstalledOnThisThread> installed;
  if (GetParam() == "sqlite") {
    cache = std::make_unique<gw::SqliteStatementCache>(Poco::Data::SQLite::Utility::dbHandle(s));
    installed.emplace(*cache);
  }
  gw::runSql(*db_, s, kInsert, message("dup", "<x/>"));
  try {
    gw::runSql(*db_, s, kInsert, message("dup", "<x/>"));
    FAIL() << "a second row with the same hospital and message id was stored";
  } catch (const std::exception& e) {
    const std::string what = e.what();
    EXPECT_TRUE(what.find("UNIQUE") != std::string::npos || what.find("duplicate key") != std::string::npos) << what;
  }
  for (int i = 0; i < 50; ++i) gw::runSql(*db_, s, kInsert, message("m" + std::to_string(i), "<x/>"));
  auto count = gw::runSql(*db_, s, "SELECT COUNT(*) FROM inbound_message");
  EXPECT_EQ(gw::integer(count.at(0), 0), 51);
}

INSTANTIATE_TEST_SUITE_P(Backends, SqlTest, ::testing::ValuesIn(gwtest::storeBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
