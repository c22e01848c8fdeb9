#include "store/SqliteStatementCache.hpp"

#include <Poco/Data/SQLite/Utility.h>

namespace gw {

namespace {
thread_local SqliteStatementCache* installed = nullptr;
}

SqliteStatementCache::~SqliteStatementCache() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
}

sqlite3_stmt* SqliteStatementCache::statement(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  sqlite3_stmt* prepared = nullptr;
  const int rc = sqlite3_prepare_v3(connection_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &prepared, nullptr);
  if (rc != SQLITE_OK) Poco::Data::SQLite::Utility::throwException(connection_, rc, sql);
  statements_.emplace(sql, prepared);
  return prepared;
}

SqliteStatementCache* SqliteStatementCache::onThisThread() { return installed; }

SqliteStatementCache::InstalledOnThisThread::InstalledOnThisThread(SqliteStatementCache& cache)
    : previous_(installed) {
  installed = &cache;
}

SqliteStatementCache::InstalledOnThisThread::~InstalledOnThisThread() { installed = previous_; }

}  // namespace gw
