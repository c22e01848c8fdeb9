#include "store/Database.hpp"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>

#include "store/StoreFilePermissions.hpp"

namespace gw {

using Poco::Data::Keywords::now;

namespace {

void registerConnectors() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
  });
}

// Applies per-connection settings to every new pooled session.
class ConfiguredSessionPool : public Poco::Data::SessionPool {
 public:
  ConfiguredSessionPool(const StoreConfig& config, const std::string& connector, const std::string& connection)
      : Poco::Data::SessionPool(connector, connection, config.poolMin, config.poolMax, 600), config_(config) {}

 protected:
  void customizeSession(Poco::Data::Session& session) override {
    if (config_.backend != StoreBackend::sqlite) return;
    session << "PRAGMA busy_timeout = " + std::to_string(config_.busyTimeoutMs), now;
    session << "PRAGMA journal_mode = WAL", now;
    session << "PRAGMA synchronous = " + std::string(config_.sqliteSynchronous == "full" ? "FULL" : "NORMAL"), now;
    session << "PRAGMA foreign_keys = ON", now;
  }

 private:
  StoreConfig config_;
};

}  // namespace

Database::Database(const StoreConfig& config) : config_(config) {
  registerConnectors();
  if (config_.backend == StoreBackend::sqlite) {
    Poco::Path file(config_.sqlitePath);
    Poco::File(file.parent()).createDirectories();
    secureSqliteFiles(config_.sqlitePath, config_.sqliteAllowGroupRead);
    pool_ = std::make_unique<ConfiguredSessionPool>(config_, "sqlite", config_.sqlitePath);
  } else {
    pool_ = std::make_unique<ConfiguredSessionPool>(config_, "postgresql", config_.postgresConnection);
  }
  // Open one session now so that a wrong path or connection string fails at start-up.
  session();
}

Database::~Database() { close(); }

void Database::close() {
  if (pool_) pool_->shutdown();
}

Poco::Data::Session Database::session() {
  // Poco's pool throws at once when every session is out; a burst of requests then waits its turn
  // (up to store.pool.wait_ms) instead of failing, and past that is told to come back (StoreBusy).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(config_.poolWaitMs);
  for (auto pause = std::chrono::milliseconds(1);; pause = std::min(pause * 2, std::chrono::milliseconds(20))) {
    try {
      return pool_->get();
    } catch (const Poco::Data::SessionPoolExhaustedException&) {
      if (std::chrono::steady_clock::now() + pause > deadline) {
        countError();
        throw StoreBusy("every store session is in use (store.pool.max " + std::to_string(config_.poolMax) + ")");
      }
      std::this_thread::sleep_for(pause);
    } catch (...) {
      countError();
      throw;
    }
  }
}

std::string Database::sql(const std::string& portable) const {
  const bool pg = config_.backend == StoreBackend::postgresql;
  std::string out;
  out.reserve(portable.size() + 16);
  int parameter = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < portable.size(); ++i) {
    char c = portable[i];
    if (c == '\'') quoted = !quoted;
    if (!quoted && c == '?' && pg) {
      out += "$" + std::to_string(++parameter);
    } else if (!quoted && c == '{' && portable.compare(i, 6, "{{ID}}") == 0) {
      out += pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
      i += 5;
    } else if (!quoted && c == '{' && portable.compare(i, 8, "{{BLOB}}") == 0) {
      out += pg ? "BYTEA" : "BLOB";
      i += 7;
    } else {
      out += c;
    }
  }
  return out;
}

bool Database::ping() {
  try {
    Poco::Data::Session s = session();
    int one = 0;
    s << "SELECT 1", Poco::Data::Keywords::into(one), now;
    return one == 1;
  } catch (const std::exception&) {
    countError();
    return false;
  }
}

Transaction::Transaction(Database& db) : Transaction(db, db.session()) {}

Transaction::Transaction(Database& db, Poco::Data::Session session) : session_(std::move(session)) {
  session_ << (db.backend() == StoreBackend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN"), now;
  open_ = true;
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    session_ << "ROLLBACK", now;
  } catch (...) {
    // The connection is broken; the server rolls back on its own.
  }
}

void Transaction::commit() {
  session_ << "COMMIT", now;
  open_ = false;
}

}  // namespace gw
