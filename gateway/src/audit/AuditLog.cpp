#include "audit/AuditLog.hpp"

#include <Poco/Data/RecordSet.h>

#include <algorithm>

#include "common/PrintableText.hpp"
#include "common/StoreValues.hpp"
#include "http/ApiKey.hpp"
#include "store/Sql.hpp"

namespace gw {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

namespace {

const std::string kGenesis(64, '0');

// Length-prefixed fields, so that no two different rows can hash the same text.
void field(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ';';
}

}  // namespace

std::string AuditLog::chainHash(const std::string& previousHash, const std::string& at, const AuditEvent& event) {
  std::string text;
  for (const std::string* value : {&previousHash, &at, &event.actor, &event.action, &event.resource, &event.outcome,
                                   &event.detail})
    field(text, *value);
  // Rows written before the source was recorded hash as they did then.
  if (!event.source.empty()) field(text, event.source);
  return sha256Hex(text);
}

void AuditLog::append(Poco::Data::Session& s, const AuditEvent& given) { appendAll(s, {given}); }

void AuditLog::appendAll(Poco::Data::Session& s, const std::vector<AuditEvent>& given) {
  if (!enabled_ || given.empty()) return;
  if (db_.backend() == StoreBackend::postgresql) {
    // One appender at a time across every gateway sharing the database: the chain must not fork.
    runSql(db_, s, "SELECT pg_advisory_xact_lock(7240502)");
  }
  auto last = runSql(db_, s, "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  std::string previous = last.empty() ? kGenesis : text(last.front(), 0);
  const std::string at = utcTimestamp();
  // Rows in multi-row inserts of at most 100 (9 parameters each), chained in order: a multi-row VALUES
  // list numbers its rows in the order written, on both backends.
  constexpr std::size_t kRows = 100;
  for (std::size_t from = 0; from < given.size(); from += kRows) {
    const std::size_t to = std::min(given.size(), from + kRows);
    std::string sql = "INSERT INTO audit_log (at, actor, action, resource, outcome, detail, source, prev_hash, hash) "
                      "VALUES ";
    std::vector<SqlParameter> parameters;
    parameters.reserve((to - from) * 9);
    for (std::size_t i = from; i < to; ++i) {
      // The chain hashes exactly what the store keeps: a NUL or a byte that is not UTF-8 would be
      // changed or dropped by the database and break the chain for good.
      const AuditEvent event{printableText(given[i].actor),   printableText(given[i].action),
                             printableText(given[i].resource), printableText(given[i].outcome),
                             printableText(given[i].detail),   printableText(given[i].source)};
      std::string hash = chainHash(previous, at, event);
      sql += i == from ? "(?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?)";
      parameters.insert(parameters.end(), {at, event.actor, event.action, event.resource, event.outcome,
                                           event.detail, event.source, previous, hash});
      previous = std::move(hash);
    }
    runSql(db_, s, sql, parameters);
  }
}

void AuditLog::append(const AuditEvent& event) {
  if (!enabled_) return;
  Transaction tx(db_);
  append(tx.session(), event);
  tx.commit();
}

AuditVerification AuditLog::verify() {
  AuditVerification result;
  Poco::Data::Session s = db_.session();
  Poco::Data::Statement statement(s);
  statement << "SELECT seq, at, actor, action, resource, outcome, detail, prev_hash, hash, source FROM audit_log "
               "ORDER BY seq";
  statement.execute();
  Poco::Data::RecordSet rows(statement);
  std::string previous = kGenesis;
  for (bool more = rows.moveFirst(); more; more = rows.moveNext()) {
    ++result.rows;
    const std::int64_t seq = rows.value(0).convert<Poco::Int64>();
    AuditEvent e{rows.value(2).convert<std::string>(), rows.value(3).convert<std::string>(),
                 rows.value(4).convert<std::string>(), rows.value(5).convert<std::string>(),
                 rows.value(6).convert<std::string>(), rows.value(9).convert<std::string>()};
    const std::string at = rows.value(1).convert<std::string>();
    const std::string storedPrevious = rows.value(7).convert<std::string>();
    const std::string storedHash = rows.value(8).convert<std::string>();
    std::string problem;
    if (storedPrevious != previous)
      problem = "row " + std::to_string(seq) + " does not follow the row before it (a row was removed or reordered)";
    else if (chainHash(previous, at, e) != storedHash)
      problem = "row " + std::to_string(seq) + " was changed after it was written";
    if (!problem.empty()) {
      result.intact = false;
      result.firstBrokenSeq = seq;
      result.problem = problem;
      return result;
    }
    previous = storedHash;
  }
  return result;
}

}  // namespace gw
