// The insurer pull outbox: pages of claims handed out under a lease, offered again when the lease
// expires, settled by the insurer's acknowledgement. Ordered by a per-gateway increasing sequence.
#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/Database.hpp"

namespace gw {

struct OutboxEntry {
  std::int64_t seq = 0;
  std::string claimId;
};

struct OutboxPage {
  std::vector<OutboxEntry> entries;
  std::int64_t nextCursor = 0;  // pass as `after` for the next page
};

struct OutboxAck {
  std::vector<std::string> settled;  // claims of this insurer now acknowledged (or rejected)
  // Claims of this insurer it settled before (or earlier in the same list), with how: "acknowledged" or
  // "rejected". The first answer stands; nothing is written again.
  std::vector<std::pair<std::string, std::string>> repeated;
  std::vector<std::string> unknown;  // ids that are not this insurer's claims on lease
};

class ClaimOutbox {
 public:
  explicit ClaimOutbox(Database& db) : db_(db) {}

  // Claims after `after` not yet handed out, plus any whose lease has expired (whatever their
  // position), up to `limit`; each is leased for `leaseSeconds`. Runs in its own transaction.
  // One UPDATE … RETURNING leases the page (on PostgreSQL skipping rows another transaction holds), then
  // the page's claim states and events are written with a few statements.
  // A page holds one `kind` of entry: "claim" or "preauthorization".
  OutboxPage lease(const std::string& insurer, std::int64_t after, int limit, int leaseSeconds,
                   const std::string& kind = "claim");
  // The same in the caller's transaction.
  OutboxPage lease(Poco::Data::Session& session, const std::string& insurer, std::int64_t after, int limit,
                   int leaseSeconds, const std::string& kind = "claim");

  // The insurer received (accepted = true) or refused the claims. Only its own claims on lease are touched,
  // in one statement per 256 claims, and their states and events in two more.
  OutboxAck acknowledge(Poco::Data::Session& session, const std::string& insurer,
                        const std::vector<std::string>& claimIds, bool accepted, const std::string& detail);

 private:
  Database& db_;
};

// A lifecycle step of a claim: its status and an event row.
void recordClaimState(Database& db, Poco::Data::Session& session, const std::string& claimId, const std::string& state,
                      const std::string& detail);

}  // namespace gw
