// Prepared SQLite statements kept for one connection. The group-commit writer runs the same few small
// statements thousands of times a second, and preparing one costs more than running it (profile in
// BENCHMARKS.md); Poco Data prepares anew on every execution.
#pragma once

#include <sqlite3.h>

#include <string>
#include <unordered_map>

namespace gw {

class SqliteStatementCache {
 public:
  explicit SqliteStatementCache(sqlite3* connection) : connection_(connection) {}
  ~SqliteStatementCache();  // finalizes every statement: call before the connection closes
  SqliteStatementCache(const SqliteStatementCache&) = delete;
  SqliteStatementCache& operator=(const SqliteStatementCache&) = delete;

  sqlite3* connection() const { return connection_; }

  // The statement for `sql`, prepared on first use, reset and with no bindings.
  sqlite3_stmt* statement(const std::string& sql);

  // The cache installed on the calling thread (by InstalledOnThisThread), or none.
  static SqliteStatementCache* onThisThread();

  // Makes `cache` the calling thread's cache for its lifetime.
  class InstalledOnThisThread {
   public:
    explicit InstalledOnThisThread(SqliteStatementCache& cache);
    ~InstalledOnThisThread();
    InstalledOnThisThread(const InstalledOnThisThread&) = delete;
    InstalledOnThisThread& operator=(const InstalledOnThisThread&) = delete;

   private:
    SqliteStatementCache* previous_;
  };

 private:
  sqlite3* connection_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace gw
