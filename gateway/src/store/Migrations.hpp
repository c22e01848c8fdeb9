// Numbered schema migrations (migrations/NNN_name.sql), applied in order in one transaction.
#pragma once

#include <string>
#include <vector>

#include "store/Database.hpp"

namespace gw {

struct MigrationSource {
  int version;
  const char* name;
  const char* sql;  // portable SQL; statements end with ';' at the end of a line
};

// The migrations compiled into this binary, in order (generated from migrations/*.sql).
const std::vector<MigrationSource>& embeddedMigrations();

struct MigrationReport {
  int fromVersion = 0;
  int toVersion = 0;
  std::vector<std::string> applied;  // names
};

// Brings the schema up to the newest embedded migration. Safe to run from several
// gateways at once (PostgreSQL: an advisory lock; SQLite: the write lock).
MigrationReport migrate(Database& db);

// The version the store is at (0 for an empty store).
int schemaVersion(Database& db);

}  // namespace gw
