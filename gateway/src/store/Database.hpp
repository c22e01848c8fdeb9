// The store's connection pool and SQL dialect: SQLite (embedded default) or PostgreSQL behind one interface.
#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>

#include "config/GatewayConfig.hpp"

namespace gw {

// Every session of the pool stayed in use for the whole wait: the store is overloaded, not broken
// (HTTP answers 503 with Retry-After).
class StoreBusy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Database {
 public:
  explicit Database(const StoreConfig& config);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  StoreBackend backend() const { return config_.backend; }
  const char* backendName() const { return config_.backend == StoreBackend::sqlite ? "sqlite" : "postgresql"; }

  // A pooled session; returned to the pool when the last copy goes away. Waits for one when all are
  // in use; throws StoreBusy when none came back in time.
  Poco::Data::Session session();

  // Portable SQL (`?` placeholders, {{ID}} / {{BLOB}} type tokens) in this backend's dialect.
  std::string sql(const std::string& portable) const;

  // True when a trivial query succeeds.
  bool ping();

  // Counts store operations that failed, for /metrics.
  void countError() { errors_.fetch_add(1, std::memory_order_relaxed); }
  std::uint64_t errorCount() const { return errors_.load(std::memory_order_relaxed); }

  void close();

 private:
  StoreConfig config_;
  std::unique_ptr<Poco::Data::SessionPool> pool_;
  std::atomic<std::uint64_t> errors_{0};
};

// A transaction on one session; rolled back unless committed. SQLite transactions start
// IMMEDIATE so that two writers never deadlock on a lock upgrade.
class Transaction {
 public:
  explicit Transaction(Database& db);
  // A transaction on a session the caller holds.
  Transaction(Database& db, Poco::Data::Session session);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Poco::Data::Session& session() { return session_; }
  void commit();

 private:
  Poco::Data::Session session_;
  bool open_ = false;
};

}  // namespace gw
