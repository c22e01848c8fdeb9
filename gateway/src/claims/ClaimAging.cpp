#include "claims/ClaimAging.hpp"

#include <Poco/DateTimeParser.h>
#include <Poco/Timespan.h>

#include <map>
#include <tuple>

#include "common/StoreValues.hpp"
#include "store/Sql.hpp"

namespace gw {

namespace {

const char* bandOf(int days) {
  if (days <= 7) return "0-7";
  if (days <= 30) return "8-30";
  if (days <= 60) return "31-60";
  if (days <= 90) return "61-90";
  return "90+";
}

int bandOrder(const std::string& band) {
  static const std::map<std::string, int> kOrder = {{"0-7", 0}, {"8-30", 1}, {"31-60", 2}, {"61-90", 3}, {"90+", 4}};
  return kOrder.at(band);
}

}  // namespace

void recordPull(Database& db, Poco::Data::Session& s, const std::string& insurer, const std::string& kind) {
  runSql(db, s,
         "INSERT INTO insurer_pull (insurer, kind, last_pull_at) VALUES (?, ?, ?) "
         "ON CONFLICT (insurer, kind) DO UPDATE SET last_pull_at = excluded.last_pull_at",
         {insurer, kind, utcTimestamp()});
}

InsurerAging agingOf(Database& db, Poco::Data::Session& s, const std::string& insurer, int ackDays,
                     const Poco::DateTime& now) {
  InsurerAging aging;
  static_cast<InsurerFollowUp&>(aging) = followUpOf(db, s, insurer, ackDays, now);
  std::map<std::tuple<int, std::string, std::string>, AgingCell> cells;
  for (const auto& row : runSql(db, s,
                                "SELECT status, currency, total_minor, created_at FROM claim WHERE insurer = ? AND "
                                "claim_use = 'claim'",
                                {insurer})) {
    int zone = 0;
    Poco::DateTime built;
    if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text(row, 3), built, zone)) continue;
    const int days = (now - built).days();
    const std::string band = bandOf(days);
    AgingCell& cell = cells[{bandOrder(band), text(row, 0), text(row, 1)}];
    cell.band = band;
    cell.state = text(row, 0);
    cell.currency = text(row, 1);
    ++cell.claims;
    cell.amountMinor += integer(row, 2);
  }
  for (auto& [key, cell] : cells) aging.cells.push_back(cell);
  return aging;
}

InsurerFollowUp followUpOf(Database& db, Poco::Data::Session& s, const std::string& insurer, int ackDays,
                           const Poco::DateTime& now) {
  InsurerFollowUp aging;
  const std::string cutoff = utcTimestamp(now - Poco::Timespan(ackDays, 0, 0, 0, 0));
  for (const auto& row : runSql(db, s,
                                "SELECT c.id FROM claim c WHERE c.insurer = ? AND c.status = 'offered' AND "
                                "(SELECT MIN(e.at) FROM claim_event e WHERE e.claim_id = c.id AND e.state = 'offered') < ? "
                                "ORDER BY c.created_at",
                                {insurer, cutoff}))
    aging.overdue.push_back(text(row, 0));
  for (const auto& row : runSql(db, s,
                                "SELECT status, COUNT(*) FROM claim_outbox WHERE insurer = ? AND status IN ('ready', 'leased') "
                                "GROUP BY status",
                                {insurer}))
    (text(row, 0) == "ready" ? aging.ready : aging.onLease) = integer(row, 1);
  auto pulled = runSql(db, s, "SELECT MAX(last_pull_at) FROM insurer_pull WHERE insurer = ?", {insurer});
  if (!pulled.empty()) aging.lastPull = text(pulled.front(), 0);
  return aging;
}

}  // namespace gw
