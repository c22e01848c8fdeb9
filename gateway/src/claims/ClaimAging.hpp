// Claims aging and follow-up: per insurer, its claims (not its pre-authorisations) by age band and state with
// their amounts; the claims it was offered and has not acknowledged for longer than its `ack_days` (overdue:
// offered again each time their lease expires, and listed here); what waits in its outbox; its last pull.
#pragma once

#include <Poco/Data/Session.h>
#include <Poco/DateTime.h>

#include <cstdint>
#include <string>
#include <vector>

#include "store/Database.hpp"

namespace gw {

struct AgingCell {
  std::string band;  // "0-7", "8-30", "31-60", "61-90", "90+" days since the claim was built
  std::string state;
  std::string currency;
  std::int64_t claims = 0;
  std::int64_t amountMinor = 0;
};

// What needs following up with an insurer: cheap enough for every /metrics scrape (no claim is read whole).
struct InsurerFollowUp {
  std::vector<std::string> overdue;     // claim ids offered, not acknowledged, first offered over ack_days ago
  std::int64_t ready = 0, onLease = 0;  // outbox entries waiting to be pulled, and pulled but not acknowledged
  std::string lastPull;                 // the latest pull of any kind (ISO timestamp), "" when never
};

struct InsurerAging : InsurerFollowUp {
  std::vector<AgingCell> cells;  // by band, then state, then currency
};

// Notes that `insurer` pulled a page of `kind` now (in the caller's transaction).
void recordPull(Database& db, Poco::Data::Session& session, const std::string& insurer, const std::string& kind);

InsurerFollowUp followUpOf(Database& db, Poco::Data::Session& session, const std::string& insurer, int ackDays,
                           const Poco::DateTime& now);
// The follow-up and every claim of the insurer by age band and state (the report, not the scrape).
InsurerAging agingOf(Database& db, Poco::Data::Session& session, const std::string& insurer, int ackDays,
                     const Poco::DateTime& now);

}  // namespace gw
