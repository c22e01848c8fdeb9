// Group commit on both backends: concurrent units share transactions, a failing unit rolls back alone,
// and a caller returns only once its work is committed.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "TestSupport.hpp"
#include "store/GroupCommit.hpp"
#include "store/InboundMessageRepository.hpp"
#include "store/Migrations.hpp"

namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

class GroupCommitTest : public gwtest::MigratedStoreTest {
 protected:
  gw::InboundMessage message(const std::string& id) {
    gw::InboundMessage m;
    m.hospital = "h";
    m.messageId = id;
    m.receivedAt = "2026-01-01T00:00:00Z";
    m.contentType = "application/xml";
    m.body = "<x/>";
    m.bodySha256 = gwtest::sha256(m.body);
    m.status = "accepted";
    return m;
  }
  int rows() {
    Poco::Data::Session s = db_->session();  // another connection: sees only committed rows
    int n = 0;
    s << "SELECT COUNT(*) FROM inbound_message", into(n), now;
    return n;
  }

};

TEST_P(GroupCommitTest, ConcurrentUnitsAreCommittedInFewerTransactions) {
  gw::GroupCommit commit(*db_);
  gw::InboundMessageRepository repo(*db_);
  std::vector<std::thread> threads;
  std::atomic<int> visibleAfterReturn{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        const std::string id = std::to_string(t) + "-" + std::to_string(i);
        commit.run([&](Poco::Data::Session& s) { repo.insert(s, message(id)); });
        Poco::Data::Session s = db_->session();
        if (repo.find(s, "h", id)) ++visibleAfterReturn;
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(rows(), 160);
  EXPECT_EQ(visibleAfterReturn.load(), 160) << "run() returned before its work was committed";
  EXPECT_LT(commit.batches(), 160u);
}

TEST_P(GroupCommitTest, AFailingUnitRollsBackAloneAndItsErrorReachesItsCaller) {
  gw::GroupCommit commit(*db_);
  gw::InboundMessageRepository repo(*db_);
  commit.run([&](Poco::Data::Session& s) { repo.insert(s, message("dup")); });
  EXPECT_ANY_THROW(commit.run([&](Poco::Data::Session& s) {
    repo.insert(s, message("half"));
    repo.insert(s, message("dup"));  // violates the unique key: the whole unit goes
  }));
  commit.run([&](Poco::Data::Session& s) { repo.insert(s, message("after")); });
  Poco::Data::Session s = db_->session();
  EXPECT_FALSE(repo.find(s, "h", "half"));
  EXPECT_TRUE(repo.find(s, "h", "after"));
  EXPECT_EQ(rows(), 2);
}

TEST_P(GroupCommitTest, ExceptionsFromWorkArePassedThrough) {
  gw::GroupCommit commit(*db_);
  EXPECT_THROW(commit.run([](Poco::Data::Session&) { throw std::invalid_argument("bad bundle"); }),
               std::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupCommitTest, ::testing::ValuesIn(gwtest::storeBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
