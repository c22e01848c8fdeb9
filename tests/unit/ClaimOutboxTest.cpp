// The insurer pull outbox on both backends: paging with a cursor, leases that expire and re-offer,
// acknowledgements that settle, and no insurer ever seeing another's claims.
#include <gtest/gtest.h>

#include <Poco/Thread.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "TestSupport.hpp"
#include "claims/ClaimOutbox.hpp"
#include "store/Migrations.hpp"

namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

class ClaimOutboxTest : public gwtest::MigratedStoreTest {
 protected:
  void SetUp() override {
    MigratedStoreTest::SetUp();
    if (IsSkipped()) return;
    for (int i = 1; i <= 5; ++i) queue("acme", "A" + std::to_string(i));
    for (int i = 1; i <= 2; ++i) queue("beta", "B" + std::to_string(i));
  }
  void queue(std::string insurer, std::string claim) {
    Poco::Data::Session s = db_->session();
    std::string at = "2026-03-01T00:00:00.000000Z", status = "built", ready = "ready", empty = "x";
    Poco::Int64 total = 100;
    int sequence = 1;
    s << db_->sql("INSERT INTO claim (id, insurer, hospital, encounter_id, patient_id, coverage_id, sequence, status, "
                  "total_minor, currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'CNY', ?, ?)"),
        use(claim), use(insurer), use(empty), use(empty), use(empty), use(empty), use(sequence), use(status),
        use(total), use(at), use(at), now;
    s << db_->sql("INSERT INTO claim_outbox (insurer, claim_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"),
        use(insurer), use(claim), use(ready), use(at), use(at), now;
  }
  static std::vector<std::string> ids(const gw::OutboxPage& page) {
    std::vector<std::string> out;
    for (const auto& e : page.entries) out.push_back(e.claimId);
    return out;
  }
  std::string status(const std::string& claim) {
    Poco::Data::Session s = db_->session();
    std::string id = claim, out;
    s << db_->sql("SELECT status FROM claim WHERE id = ?"), use(id), into(out), now;
    return out;
  }
  gw::OutboxAck ack(const std::string& insurer, const std::vector<std::string>& claims, bool accepted = true) {
    gw::Transaction tx(*db_);
    auto result = gw::ClaimOutbox(*db_).acknowledge(tx.session(), insurer, claims, accepted, "test");
    tx.commit();
    return result;
  }

};

TEST_P(ClaimOutboxTest, PagesFollowTheCursorAndStayWithinOneInsurer) {
  gw::ClaimOutbox outbox(*db_);
  auto first = outbox.lease("acme", 0, 2, 300);
  EXPECT_EQ(ids(first), (std::vector<std::string>{"A1", "A2"}));
  auto second = outbox.lease("acme", first.nextCursor, 10, 300);
  EXPECT_EQ(ids(second), (std::vector<std::string>{"A3", "A4", "A5"}));
  EXPECT_TRUE(outbox.lease("acme", second.nextCursor, 10, 300).entries.empty());
  EXPECT_EQ(ids(outbox.lease("beta", 0, 10, 300)), (std::vector<std::string>{"B1", "B2"}));
  EXPECT_EQ(status("A1"), "offered");
}

TEST_P(ClaimOutboxTest, LeasedClaimsAreNotOfferedTwiceUntilTheLeaseExpires) {
  gw::ClaimOutbox outbox(*db_);
  EXPECT_EQ(ids(outbox.lease("acme", 0, 2, 1)), (std::vector<std::string>{"A1", "A2"}));
  EXPECT_EQ(ids(outbox.lease("acme", 0, 2, 1)), (std::vector<std::string>{"A3", "A4"}));  // A1, A2 are on lease
  ack("acme", {"A2"});
  Poco::Thread::sleep(1200);
  auto again = outbox.lease("acme", 100, 10, 300);  // past every cursor: only expired leases come back
  EXPECT_EQ(ids(again), (std::vector<std::string>{"A1", "A3", "A4"}));
  Poco::Data::Session s = db_->session();
  int reoffers = 0;
  s << "SELECT COUNT(*) FROM claim_event WHERE claim_id = 'A1' AND detail LIKE 'offered again%'", into(reoffers), now;
  EXPECT_EQ(reoffers, 1);
}

TEST_P(ClaimOutboxTest, AcknowledgementSettlesOnlyTheInsurersOwnLeasedClaims) {
  gw::ClaimOutbox outbox(*db_);
  outbox.lease("acme", 0, 10, 300);
  outbox.lease("beta", 0, 10, 300);
  auto result = ack("acme", {"A1", "B1", "nope"});
  EXPECT_EQ(result.settled, std::vector<std::string>{"A1"});
  EXPECT_EQ(result.unknown, (std::vector<std::string>{"B1", "nope"}));
  EXPECT_EQ(status("A1"), "acknowledged");
  EXPECT_EQ(status("B1"), "offered");
  ack("acme", {"A2"}, false);
  EXPECT_EQ(status("A2"), "rejected");
}

TEST_P(ClaimOutboxTest, AcknowledgingAClaimTwiceInOneListSettlesItOnce) {
  gw::ClaimOutbox outbox(*db_);
  outbox.lease("acme", 0, 10, 300);
  auto result = ack("acme", {"A1", "A2", "A1"});
  using Repeated = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(result.settled, (std::vector<std::string>{"A1", "A2"}));
  EXPECT_EQ(result.repeated, (Repeated{{"A1", "acknowledged"}}));
  EXPECT_TRUE(result.unknown.empty());
  // The same acknowledgement again (issue 20): answered as the first time, never settled again; a later
  // refusal does not overturn it.
  auto again = ack("acme", {"A1", "A2"});
  EXPECT_TRUE(again.settled.empty());
  EXPECT_EQ(again.repeated, (Repeated{{"A1", "acknowledged"}, {"A2", "acknowledged"}}));
  EXPECT_EQ(ack("acme", {"A1"}, false).repeated, (Repeated{{"A1", "acknowledged"}}));
  EXPECT_EQ(status("A1"), "acknowledged");
  // Another insurer's claim is still unknown to this one, settled or not.
  EXPECT_EQ(ack("beta", {"A1"}).unknown, std::vector<std::string>{"A1"});
  Poco::Data::Session s = db_->session();
  int events = 0;
  s << "SELECT COUNT(*) FROM claim_event WHERE claim_id = 'A1' AND state = 'acknowledged'", into(events), now;
  EXPECT_EQ(events, 1);
  EXPECT_TRUE(outbox.lease("acme", 0, 10, 300).entries.empty());  // A3, A4, A5 are still on lease
}

TEST_P(ClaimOutboxTest, TwoPullersLeasingAtOnceNeverGetTheSameClaim) {
  for (int i = 1; i <= 300; ++i) queue("acme", "P" + std::to_string(i));
  std::vector<std::string> got[2];
  std::atomic<int> failures{0};
  auto puller = [&](int which) {
    try {
      gw::ClaimOutbox outbox(*db_);
      std::int64_t cursor = 0;
      for (;;) {
        auto page = outbox.lease("acme", cursor, 7, 300);
        if (page.entries.empty()) break;
        cursor = page.nextCursor;
        for (const auto& id : ids(page)) got[which].push_back(id);
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
      ++failures;
    }
  };
  std::thread first(puller, 0), second(puller, 1);
  first.join();
  second.join();
  ASSERT_EQ(failures, 0);
  std::multiset<std::string> all(got[0].begin(), got[0].end());
  all.insert(got[1].begin(), got[1].end());
  EXPECT_EQ(all.size(), 305u);  // A1-A5 and P1-P300, each once
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), all.size());
  Poco::Data::Session s = db_->session();
  int offers = 0;
  s << "SELECT COUNT(*) FROM claim_event WHERE state = 'offered'", into(offers), now;
  EXPECT_EQ(offers, 305);
}

INSTANTIATE_TEST_SUITE_P(Backends, ClaimOutboxTest, ::testing::ValuesIn(gwtest::storeBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
