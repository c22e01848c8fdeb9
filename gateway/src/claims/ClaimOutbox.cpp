#include "claims/ClaimOutbox.hpp"

#include <Poco/DateTime.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "common/StoreValues.hpp"
#include "store/Sql.hpp"

namespace gw {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

void recordClaimState(Database& db, Poco::Data::Session& s, const std::string& claimId, const std::string& state,
                      const std::string& detail) {
  std::string id = claimId, st = state, d = detail, at = utcTimestamp(Poco::DateTime());
  s << db.sql("UPDATE claim SET status = ?, updated_at = ? WHERE id = ?"), use(st), use(at), use(id), now;
  s << db.sql("INSERT INTO claim_event (claim_id, state, at, detail) VALUES (?, ?, ?, ?)"), use(id), use(st), use(at),
      use(d), now;
}

namespace {

// The claim states an insurer's answer (a remittance) sets: an acknowledgement never takes a claim back from them.
const char* const kDecided =
    "('accepted', 'adjudicated', 'paid', 'partially_paid', 'denied', 'reversed', 'approved', 'partially_approved', "
    "'pended', 'revoked')";

// Sets `state` on the claims in `ids` whose status is not one of kDecided (all of them when `keepDecided` is
// false) and writes an event row for each: two statements per 256 claims. `detail` is the event's detail;
// `againDetail`, when given, is the detail of a claim that is already "offered" (its lease expired).
void recordClaimStates(Database& db, Poco::Data::Session& s, const std::vector<std::string>& ids,
                       const std::string& state, const std::string& detail, const std::string& againDetail,
                       bool keepDecided) {
  if (ids.empty()) return;
  const std::string at = utcTimestamp(Poco::DateTime());
  const std::string undecided = keepDecided ? std::string(" AND status NOT IN ") + kDecided : "";
  forEachInList(ids, [&](const std::vector<std::string>& chunk) {
    const std::string in = "(" + placeholders(chunk.size()) + ")";
    // The event first: it reads the status before the update (an expired lease shows as "offered").
    std::vector<SqlParameter> event{state, at, againDetail.empty() ? detail : againDetail, detail};
    event.insert(event.end(), chunk.begin(), chunk.end());
    runSql(db, s,
           "INSERT INTO claim_event (claim_id, state, at, detail) SELECT id, CAST(? AS TEXT), CAST(? AS TEXT), "
           "CASE WHEN status = 'offered' THEN CAST(? AS TEXT) ELSE CAST(? AS TEXT) END FROM claim WHERE id IN " +
               in + undecided,
           event);
    std::vector<SqlParameter> update{state, at};
    update.insert(update.end(), chunk.begin(), chunk.end());
    runSql(db, s, "UPDATE claim SET status = ?, updated_at = ? WHERE id IN " + in + undecided, update);
  });
}

}  // namespace

OutboxPage ClaimOutbox::lease(const std::string& insurer, std::int64_t after, int limit, int leaseSeconds,
                              const std::string& kind) {
  Transaction tx(db_);
  OutboxPage page = lease(tx.session(), insurer, after, limit, leaseSeconds, kind);
  tx.commit();
  return page;
}

OutboxPage ClaimOutbox::lease(Poco::Data::Session& s, const std::string& insurer, std::int64_t after, int limit,
                              int leaseSeconds, const std::string& kind) {
  OutboxPage page;
  page.nextCursor = after;
  if (limit <= 0) return page;
  Poco::DateTime current;
  const std::string nowText = utcTimestamp(current);
  const std::string until = utcTimestamp(current + Poco::Timespan(leaseSeconds, 0));
  // One statement: the first `limit` of two index ranges (ready claims after the cursor, and leases that
  // expired, wherever they are) leased at once. (One range with "… OR …" made SQLite scan and sort the
  // insurer's whole outbox for every page.) On PostgreSQL, rows another gateway is leasing are skipped.
  const std::string lock = db_.backend() == StoreBackend::postgresql ? " FOR UPDATE SKIP LOCKED" : "";
  const auto leased = runSql(
      db_, s,
      "UPDATE claim_outbox SET status = 'leased', lease_until = ?, updated_at = ? WHERE seq IN ("
      "SELECT seq FROM ("
      "SELECT seq FROM (SELECT seq FROM claim_outbox WHERE insurer = ? AND status = 'ready' AND seq > ? AND kind = ? "
      "ORDER BY seq LIMIT ?" + lock + ") ready "
      "UNION ALL "
      "SELECT seq FROM (SELECT seq FROM claim_outbox WHERE insurer = ? AND status = 'leased' AND lease_until < ? "
      "AND kind = ? ORDER BY seq LIMIT ?" + lock + ") expired"
      ") offered ORDER BY seq LIMIT ?) RETURNING seq, claim_id",
      {until, nowText, insurer, after, kind, std::int64_t{limit}, insurer, nowText, kind, std::int64_t{limit},
       std::int64_t{limit}});
  for (const auto& row : leased) page.entries.push_back({integer(row, 0), text(row, 1)});
  std::sort(page.entries.begin(), page.entries.end(),
            [](const OutboxEntry& a, const OutboxEntry& b) { return a.seq < b.seq; });
  std::vector<std::string> ids;
  for (const auto& entry : page.entries) {
    ids.push_back(entry.claimId);
    if (entry.seq > page.nextCursor) page.nextCursor = entry.seq;
  }
  recordClaimStates(db_, s, ids, "offered", "offered to " + insurer, "offered again: the previous lease expired",
                    false);
  return page;
}

OutboxAck ClaimOutbox::acknowledge(Poco::Data::Session& s, const std::string& insurer,
                                   const std::vector<std::string>& claimIds, bool accepted,
                                   const std::string& detail) {
  OutboxAck result;
  if (claimIds.empty()) return result;
  const std::string at = utcTimestamp(Poco::DateTime()), status = accepted ? "acknowledged" : "rejected";
  // Each id once; the outbox rows of this insurer's claims on lease settle in one statement per 256.
  std::vector<std::string> unique;
  std::unordered_set<std::string> seen;
  for (const auto& id : claimIds)
    if (seen.insert(id).second) unique.push_back(id);
  std::unordered_set<std::string> settled;
  forEachInList(unique, [&](const std::vector<std::string>& chunk) {
    std::vector<SqlParameter> parameters{status, at, insurer};
    parameters.insert(parameters.end(), chunk.begin(), chunk.end());
    for (const auto& row : runSql(db_, s,
                                  "UPDATE claim_outbox SET status = ?, lease_until = NULL, updated_at = ? WHERE "
                                  "insurer = ? AND status = 'leased' AND claim_id IN (" +
                                      placeholders(chunk.size()) + ") RETURNING claim_id",
                                  parameters))
      settled.insert(text(row, 0));
  });
  // What this insurer settled before: the same acknowledgement again is answered as the first time.
  std::vector<std::string> others;
  for (const auto& id : unique)
    if (!settled.count(id)) others.push_back(id);
  std::unordered_map<std::string, std::string> earlier;
  if (!others.empty())
    forEachInList(others, [&](const std::vector<std::string>& chunk) {
      std::vector<SqlParameter> parameters{insurer};
      parameters.insert(parameters.end(), chunk.begin(), chunk.end());
      for (const auto& row : runSql(db_, s,
                                    "SELECT claim_id, status FROM claim_outbox WHERE insurer = ? AND status IN "
                                    "('acknowledged', 'rejected') AND claim_id IN (" + placeholders(chunk.size()) + ")",
                                    parameters))
        earlier[text(row, 0)] = text(row, 1);
    });
  // In the order given; an id named twice is settled by its first mention (the second is a repetition).
  std::unordered_set<std::string> reported;
  for (const auto& id : claimIds) {
    if (settled.count(id) && reported.insert(id).second)
      result.settled.push_back(id);
    else if (settled.count(id))
      result.repeated.emplace_back(id, status);
    else if (auto found = earlier.find(id); found != earlier.end())
      result.repeated.emplace_back(id, found->second);
    else
      result.unknown.push_back(id);
  }
  // A remittance can arrive before the acknowledgement of the page: the claim's state never goes
  // back from what the insurer decided to "acknowledged".
  recordClaimStates(db_, s, result.settled, status, detail, "", true);
  return result;
}

}  // namespace gw
