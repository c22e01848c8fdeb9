#include "store/Migrations.hpp"

#include <stdexcept>

#include "common/StoreValues.hpp"

namespace gw {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

namespace {

std::vector<std::string> splitStatements(const std::string& sql) {
  std::vector<std::string> out;
  std::string current;
  std::size_t start = 0;
  while (start < sql.size()) {
    std::size_t end = sql.find('\n', start);
    if (end == std::string::npos) end = sql.size();
    std::string line = sql.substr(start, end - start);
    start = end + 1;
    std::string trimmed = line;
    trimmed.erase(0, trimmed.find_first_not_of(" \t\r"));
    if (trimmed.rfind("--", 0) == 0 || trimmed.empty()) continue;
    current += line + "\n";
    auto last = trimmed.find_last_not_of(" \t\r");
    if (last != std::string::npos && trimmed[last] == ';') {
      out.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
  return out;
}

void createVersionTable(Poco::Data::Session& s) {
  s << "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
       "applied_at TEXT NOT NULL)",
      now;
}

int currentVersion(Poco::Data::Session& s) {
  int version = 0;
  s << "SELECT COALESCE(MAX(version), 0) FROM schema_migration", into(version), now;
  return version;
}

}  // namespace

int schemaVersion(Database& db) {
  Poco::Data::Session s = db.session();
  createVersionTable(s);
  return currentVersion(s);
}

MigrationReport migrate(Database& db) {
  MigrationReport report;
  Transaction tx(db);
  Poco::Data::Session& s = tx.session();
  if (db.backend() == StoreBackend::postgresql) {
    s << "SELECT pg_advisory_xact_lock(7240501)", now;  // serialises concurrent migrators
  }
  createVersionTable(s);
  report.fromVersion = currentVersion(s);
  report.toVersion = report.fromVersion;
  for (const auto& migration : embeddedMigrations()) {
    if (migration.version <= report.toVersion) continue;
    for (const auto& statement : splitStatements(migration.sql)) {
      try {
        s << db.sql(statement), now;
      } catch (const Poco::Exception& e) {
        throw std::runtime_error("migration " + std::string(migration.name) + " failed: " + e.displayText());
      }
    }
    std::string name = migration.name;
    int version = migration.version;
    std::string at = utcTimestamp();
    s << db.sql("INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)"), use(version), use(name),
        use(at), now;
    report.applied.push_back(name);
    report.toVersion = version;
  }
  tx.commit();
  return report;
}

}  // namespace gw
