#include "claims/Settlement.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "store/Sql.hpp"

namespace gw {

namespace {

// amount × numerator ÷ denominator, rounded half away from zero (128-bit: amounts reach 10^15).
std::int64_t scaled(std::int64_t amount, std::int64_t numerator, std::int64_t denominator) {
  if (denominator == 0) return 0;
  __int128 product = static_cast<__int128>(amount) * numerator;
  const bool negative = (product < 0) != (denominator < 0);
  if (product < 0) product = -product;
  const __int128 magnitude = denominator < 0 ? -static_cast<__int128>(denominator) : denominator;
  const __int128 rounded = (2 * product + magnitude) / (2 * magnitude);
  return static_cast<std::int64_t>(negative ? -rounded : rounded);
}

// What the insurers said about one primary claim (with its secondary, if any).
struct ClaimFigures {
  std::optional<std::int64_t> paid;     // primary + secondary; none while no payment stands
  std::optional<std::int64_t> patient;  // after the secondary's payment
};

}  // namespace

std::vector<std::int64_t> apportion(std::int64_t amount, const std::vector<std::int64_t>& weights) {
  std::int64_t whole = 0;
  for (auto weight : weights) whole += weight;
  std::vector<std::int64_t> parts;
  std::int64_t running = 0, given = 0;
  for (auto weight : weights) {
    running += weight;
    const std::int64_t upTo = scaled(amount, running, whole);
    parts.push_back(upTo - given);
    given = upTo;
  }
  return parts;
}

std::vector<SettlementLine> settlement(Database& db, Poco::Data::Session& s, const std::string& hospital,
                                       const std::string& from, const std::string& to) {
  // The period's items, and every item of the claims they belong to (a claim's payment is spread over all
  // of its items, whichever period they fall in).
  auto items = runSql(db, s,
                      "SELECT id, payer_class, currency, COALESCE(claim_id, ''), amount_minor, group_minor FROM billed_item "
                      "WHERE hospital = ? AND service_date >= ? AND service_date <= ? ORDER BY id",
                      {hospital, from, to});
  std::map<std::string, ClaimFigures> figures;
  std::vector<std::string> claimIds;
  for (const auto& item : items)
    if (!text(item, 3).empty() && figures.emplace(text(item, 3), ClaimFigures{}).second) claimIds.push_back(text(item, 3));
  std::map<std::string, std::string> encounterOf;  // encounter → its primary claim, for the claims paid
  std::vector<std::string> encounters;
  std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>> claimItems;  // claim → (item id, amount)
  forEachInList(claimIds, [&](const std::vector<std::string>& chunk) {
    const std::string in = "(" + placeholders(chunk.size()) + ")";
    std::vector<SqlParameter> ids(chunk.begin(), chunk.end());
    for (const auto& row : runSql(db, s, "SELECT id, paid_minor, patient_minor, encounter_id FROM claim WHERE "
                                         "paid_minor IS NOT NULL AND id IN " + in, ids)) {
      figures[text(row, 0)] = {integer(row, 1), integer(row, 2)};
      if (encounterOf.emplace(text(row, 3), text(row, 0)).second) encounters.push_back(text(row, 3));
    }
    for (const auto& row : runSql(db, s, "SELECT id, claim_id, amount_minor FROM billed_item WHERE claim_id IN " + in, ids))
      claimItems[text(row, 1)].emplace_back(integer(row, 0), integer(row, 2));
  });
  // What a secondary insurer paid comes off the patient's part.
  forEachInList(encounters, [&](const std::vector<std::string>& chunk) {
    std::vector<SqlParameter> ids(chunk.begin(), chunk.end());
    for (const auto& row : runSql(db, s, "SELECT encounter_id, paid_minor FROM claim WHERE sequence = 2 AND paid_minor IS NOT "
                                         "NULL AND encounter_id IN (" + placeholders(chunk.size()) + ")", ids)) {
      ClaimFigures& f = figures[encounterOf[text(row, 0)]];
      const std::int64_t more = integer(row, 1);
      *f.paid += more;
      *f.patient = *f.patient > more ? *f.patient - more : 0;
    }
  });
  for (auto& [claim, list] : claimItems) std::sort(list.begin(), list.end());
  // Each claim's paid and patient amounts spread over its items.
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> perItem;  // item id → (paid, patient)
  for (const auto& [claim, list] : claimItems) {
    const ClaimFigures& f = figures[claim];
    if (!f.paid) continue;
    std::vector<std::int64_t> weights;
    for (const auto& entry : list) weights.push_back(entry.second);
    auto paid = apportion(*f.paid, weights), patient = apportion(*f.patient, weights);
    for (std::size_t i = 0; i < list.size(); ++i) perItem[list[i].first] = {paid[i], patient[i]};
  }

  std::map<std::tuple<std::string, std::string>, SettlementLine> lines;
  for (const auto& item : items) {
    SettlementLine& line = lines[{text(item, 1), text(item, 2)}];
    line.payerClass = text(item, 1);
    line.currency = text(item, 2);
    const std::int64_t amount = integer(item, 4), group = integer(item, 5);
    ++line.items;
    line.billed += amount;
    line.groupBilled += group;
    line.hospitalBilled += amount - group;
    std::int64_t paid = 0, patient = 0;
    if (text(item, 3).empty()) {
      patient = amount;  // self-pay: all of it is the patient's
    } else if (auto found = perItem.find(integer(item, 0)); found != perItem.end()) {
      std::tie(paid, patient) = found->second;
    } else {
      line.outstanding += amount;
      continue;
    }
    line.paid += paid;
    line.patient += patient;
    line.allowed += paid + patient;
    line.adjustments += amount - paid - patient;
    // What was paid splits as the item's billed amount did.
    const std::int64_t groupPaid = scaled(paid, group, amount);
    line.groupPaid += groupPaid;
    line.hospitalPaid += paid - groupPaid;
  }
  std::vector<SettlementLine> result;
  for (auto& [key, line] : lines) result.push_back(line);
  return result;
}

}  // namespace gw
