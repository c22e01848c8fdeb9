#include "claims/ClaimOutbox.hpp"

#include <Poco/DateTime.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <set>

#include "common/StoreValues.hpp"
#include "store/Sql.hpp"

namespace gw {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

namespace {


}  // namespace

void recordClaimState(Database& db, Poco::Data::Session& s, const std::string& claimId, const std::string& state,
                      const std::string& detail) {
  std::string id = claimId, st = state, d = detail, at = utcTimestamp(Poco::DateTime());
  s << db.sql("UPDATE claim SET status = ?, updated_at = ? WHERE id = ?"), use(st), use(at), use(id), now;
  s << db.sql("INSERT INTO claim_event (claim_id, state, at, detail) VALUES (?, ?, ?, ?)"), use(id), use(st), use(at),
      use(d), now;
}

OutboxPage ClaimOutbox::lease(const std::string& insurer, std::int64_t after, int limit, int leaseSeconds) {
  OutboxPage page;
  page.nextCursor = after;
  Transaction tx(db_);
  Poco::Data::Session& s = tx.session();
  Poco::DateTime current;
  const std::string nowText = utcTimestamp(current);
  const std::string until = utcTimestamp(current + Poco::Timespan(leaseSeconds, 0));
  // Two index ranges, merged here: ready claims after the cursor, and leases that expired. (One query
  // with "… OR …" made SQLite scan and sort the insurer's whole outbox for every page.)
  const std::string lock = db_.backend() == StoreBackend::postgresql ? " FOR UPDATE SKIP LOCKED" : "";  // several gateways
  const auto ready = runSql(db_, s,
                            "SELECT seq, claim_id FROM claim_outbox WHERE insurer = ? AND status = 'ready' AND seq > ? "
                            "ORDER BY seq LIMIT ?" + lock,
                            {insurer, std::int64_t{after}, std::int64_t{limit}});
  const auto expired = runSql(db_, s,
                              "SELECT seq, claim_id FROM claim_outbox WHERE insurer = ? AND status = 'leased' AND "
                              "lease_until < ? ORDER BY seq LIMIT ?" + lock,
                              {insurer, nowText, std::int64_t{limit}});
  struct Offer {
    OutboxEntry entry;
    bool again;
  };
  std::vector<Offer> offers;
  for (const auto& row : ready) offers.push_back({{integer(row, 0), text(row, 1)}, false});
  for (const auto& row : expired) offers.push_back({{integer(row, 0), text(row, 1)}, true});
  std::sort(offers.begin(), offers.end(), [](const Offer& a, const Offer& b) { return a.entry.seq < b.entry.seq; });
  if (offers.size() > static_cast<std::size_t>(std::max(limit, 0))) offers.resize(static_cast<std::size_t>(limit));
  for (const auto& offer : offers) {
    runSql(db_, s, "UPDATE claim_outbox SET status = 'leased', lease_until = ?, updated_at = ? WHERE seq = ?",
           {until, nowText, offer.entry.seq});
    recordClaimState(db_, s, offer.entry.claimId, "offered",
                     offer.again ? "offered again: the previous lease expired" : "offered to " + insurer);
    page.entries.push_back(offer.entry);
    if (offer.entry.seq > page.nextCursor) page.nextCursor = offer.entry.seq;
  }
  tx.commit();
  return page;
}

OutboxAck ClaimOutbox::acknowledge(Poco::Data::Session& s, const std::string& insurer,
                                   const std::vector<std::string>& claimIds, bool accepted,
                                   const std::string& detail) {
  OutboxAck result;
  std::string who = insurer, at = utcTimestamp(Poco::DateTime()), status = accepted ? "acknowledged" : "rejected";
  for (const auto& claimId : claimIds) {
    std::string id = claimId;
    int updated = 0;
    s << db_.sql("SELECT COUNT(*) FROM claim_outbox WHERE insurer = ? AND claim_id = ? AND status = 'leased'"),
        use(who), use(id), into(updated), now;
    if (!updated) {
      result.unknown.push_back(claimId);
      continue;
    }
    s << db_.sql("UPDATE claim_outbox SET status = ?, lease_until = NULL, updated_at = ? WHERE insurer = ? AND "
                 "claim_id = ?"),
        use(status), use(at), use(who), use(id), now;
    // A remittance can arrive before the acknowledgement of the page: the claim's state never goes
    // back from what the insurer decided to "acknowledged".
    std::vector<std::string> current;
    s << db_.sql("SELECT status FROM claim WHERE id = ?"), use(id), into(current), now;
    static const std::set<std::string> decided{"accepted", "adjudicated", "paid", "partially_paid", "denied", "reversed"};
    if (current.empty() || !decided.count(current.front())) recordClaimState(db_, s, claimId, status, detail);
    result.settled.push_back(claimId);
  }
  return result;
}

}  // namespace gw
