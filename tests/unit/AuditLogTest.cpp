// The audit log's hash chain on both backends: intact when appended, broken by any edit or removal.
#include <gtest/gtest.h>

#include <thread>

#include "TestSupport.hpp"
#include "audit/AuditLog.hpp"
#include "store/Migrations.hpp"

namespace {

using Poco::Data::Keywords::now;

class AuditLogTest : public gwtest::MigratedStoreTest {
 protected:
  void SetUp() override {
    MigratedStoreTest::SetUp();
    if (IsSkipped()) return;
    log_ = std::make_unique<gw::AuditLog>(*db_, true);
  }
  void TearDown() override {
    log_.reset();
    MigratedStoreTest::TearDown();
  }
  void appendMany(int n) {
    for (int i = 0; i < n; ++i)
      log_->append({"hospital:sh-intl", "message.accept", "inbound_message/" + std::to_string(i), "ok", ""});
  }
  void execute(const std::string& sql) {
    Poco::Data::Session s = db_->session();
    s << sql, now;
  }

  std::unique_ptr<gw::AuditLog> log_;
};

TEST_P(AuditLogTest, AppendedRowsFormAnIntactChain) {
  appendMany(5);
  gw::AuditVerification result = log_->verify();
  EXPECT_TRUE(result.intact) << result.problem;
  EXPECT_EQ(result.rows, 5);
}

TEST_P(AuditLogTest, RowsAppendedTogetherChainInOrderAfterSingleOnes) {
  appendMany(2);
  std::vector<gw::AuditEvent> page;
  for (int i = 0; i < 150; ++i)  // more than one multi-row insert
    page.push_back({"insurer:acme", "claims.pull", "Claim/C" + std::to_string(i), "ok", "", "127.0.0.1"});
  {
    gw::Transaction tx(*db_);
    log_->appendAll(tx.session(), page);
    tx.commit();
  }
  appendMany(1);
  gw::AuditVerification result = log_->verify();
  EXPECT_TRUE(result.intact) << result.problem;
  EXPECT_EQ(result.rows, 153);
  Poco::Data::Session s = db_->session();
  std::string resource;
  s << "SELECT resource FROM audit_log WHERE seq = 3", Poco::Data::Keywords::into(resource), now;
  EXPECT_EQ(resource, "Claim/C0");
  s << "SELECT resource FROM audit_log WHERE seq = 152", Poco::Data::Keywords::into(resource), now;
  EXPECT_EQ(resource, "Claim/C149");
}

TEST_P(AuditLogTest, AnEditedRowBreaksTheChainThere) {
  appendMany(5);
  execute("UPDATE audit_log SET outcome = 'denied' WHERE seq = 3");
  gw::AuditVerification result = log_->verify();
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.firstBrokenSeq, 3);
  EXPECT_NE(result.problem.find("changed"), std::string::npos);
}

TEST_P(AuditLogTest, ARemovedRowBreaksTheChainAfterIt) {
  appendMany(5);
  execute("DELETE FROM audit_log WHERE seq = 2");
  gw::AuditVerification result = log_->verify();
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.firstBrokenSeq, 3);
  EXPECT_NE(result.problem.find("removed"), std::string::npos);
}

TEST_P(AuditLogTest, RowsAppendedInsideARolledBackTransactionVanishWithIt) {
  appendMany(2);
  {
    gw::Transaction tx(*db_);
    log_->append(tx.session(), {"admin", "message.replay", "inbound_message/9", "ok", ""});
  }
  appendMany(1);
  gw::AuditVerification result = log_->verify();
  EXPECT_TRUE(result.intact) << result.problem;
  EXPECT_EQ(result.rows, 3);
}

TEST_P(AuditLogTest, ConcurrentAppendersNeverForkTheChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([this, t] {
      for (int i = 0; i < 25; ++i)
        log_->append({"hospital:h" + std::to_string(t), "message.accept", "m/" + std::to_string(i), "ok", ""});
    });
  for (auto& thread : threads) thread.join();
  gw::AuditVerification result = log_->verify();
  EXPECT_TRUE(result.intact) << result.problem;
  EXPECT_EQ(result.rows, 100);
}

// Issue 13, item 4: a NUL was dropped when the row was read back, and the chain stayed broken for good.
TEST_P(AuditLogTest, BytesAnAttackerChoseCannotBreakTheChain) {
  log_->append({"unknown", "auth.fail", std::string("hospitals/x\0y", 13), "denied", "bad \xFF\xFE utf-8 \x01", "127.0.0.1"});
  log_->append({"unknown", "auth.fail", "hospitals/\xC0\xAF overlong", "denied", "back\\slash"});
  appendMany(2);
  gw::AuditVerification result = log_->verify();
  EXPECT_TRUE(result.intact) << result.problem;
  EXPECT_EQ(result.rows, 4);
  Poco::Data::Session s = db_->session();
  std::vector<std::string> resources;
  s << "SELECT resource FROM audit_log ORDER BY seq", Poco::Data::Keywords::into(resources), now;
  ASSERT_EQ(resources.size(), 4u);
  EXPECT_EQ(resources[0], "hospitals/x\\x00y");
  EXPECT_EQ(resources[1], "hospitals/\\xC0\\xAF overlong");
}

TEST(AuditChainHash, DependsOnEveryFieldAndThePreviousHash) {
  gw::AuditEvent e{"a", "b", "c", "d", "e"};
  const std::string base = gw::AuditLog::chainHash(std::string(64, '0'), "t", e);
  EXPECT_NE(base, gw::AuditLog::chainHash(std::string(64, '1'), "t", e));
  EXPECT_NE(base, gw::AuditLog::chainHash(std::string(64, '0'), "u", e));
  gw::AuditEvent shifted{"ab", "", "c", "d", "e"};  // same concatenation, different fields
  EXPECT_NE(base, gw::AuditLog::chainHash(std::string(64, '0'), "t", shifted));
  gw::AuditEvent withSource{"a", "b", "c", "d", "e", "10.0.0.1"};
  EXPECT_NE(base, gw::AuditLog::chainHash(std::string(64, '0'), "t", withSource));
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditLogTest, ::testing::ValuesIn(gwtest::storeBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
