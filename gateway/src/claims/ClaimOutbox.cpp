#include "claims/ClaimOutbox.hpp"

#include <Poco/Data/RecordSet.h>
#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timespan.h>

#include <algorithm>

namespace gw {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

namespace {

std::string utcAt(const Poco::DateTime& time) { return Poco::DateTimeFormatter::format(time, "%Y-%m-%dT%H:%M:%S.%FZ"); }

}  // namespace

void recordClaimState(Database& db, Poco::Data::Session& s, const std::string& claimId, const std::string& state,
                      const std::string& detail) {
  std::string id = claimId, st = state, d = detail, at = utcAt(Poco::DateTime());
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
  std::string nowText = utcAt(current);
  std::string until = utcAt(current + Poco::Timespan(leaseSeconds, 0));
  std::string who = insurer;
  Poco::Int64 cursor = after;
  int n = limit;
  std::string sql =
      "SELECT seq, claim_id, status FROM claim_outbox WHERE insurer = ? AND "
      "((status = 'ready' AND seq > ?) OR (status = 'leased' AND lease_until < ?)) ORDER BY seq LIMIT ?";
  if (db_.backend() == StoreBackend::postgresql) sql += " FOR UPDATE SKIP LOCKED";  // several gateways, one outbox
  Poco::Data::Statement select(s);
  select << db_.sql(sql), use(who), use(cursor), use(nowText), use(n);
  select.execute();
  Poco::Data::RecordSet rows(select);
  std::vector<std::string> reoffered;
  for (bool more = rows.moveFirst(); more; more = rows.moveNext()) {
    OutboxEntry entry{rows.value(0).convert<Poco::Int64>(), rows.value(1).convert<std::string>()};
    if (rows.value(2).convert<std::string>() == "leased") reoffered.push_back(entry.claimId);
    page.entries.push_back(entry);
    if (entry.seq > page.nextCursor) page.nextCursor = entry.seq;
  }
  for (const auto& entry : page.entries) {
    Poco::Int64 seq = entry.seq;
    s << db_.sql("UPDATE claim_outbox SET status = 'leased', lease_until = ?, updated_at = ? WHERE seq = ?"),
        use(until), use(nowText), use(seq), now;
    bool again = std::find(reoffered.begin(), reoffered.end(), entry.claimId) != reoffered.end();
    recordClaimState(db_, s, entry.claimId, "offered",
                     again ? "offered again: the previous lease expired" : "offered to " + insurer);
  }
  tx.commit();
  return page;
}

OutboxAck ClaimOutbox::acknowledge(Poco::Data::Session& s, const std::string& insurer,
                                   const std::vector<std::string>& claimIds, bool accepted,
                                   const std::string& detail) {
  OutboxAck result;
  std::string who = insurer, at = utcAt(Poco::DateTime()), status = accepted ? "acknowledged" : "rejected";
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
    recordClaimState(db_, s, claimId, status, detail);
    result.settled.push_back(claimId);
  }
  return result;
}

}  // namespace gw
