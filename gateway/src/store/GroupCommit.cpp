#include "store/GroupCommit.hpp"

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Logger.h>

#include <memory>
#include <optional>

#include "store/Sql.hpp"
#include "store/SqliteStatementCache.hpp"

namespace gw {

GroupCommit::GroupCommit(Database& db, std::size_t maxBatch)
    : db_(db), maxBatch_(maxBatch), thread_([this] { writer(); }) {}

GroupCommit::~GroupCommit() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  thread_.join();
}

void GroupCommit::run(const Work& work) {
  Pending pending{&work, nullptr, false};
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_) throw std::runtime_error("the store is shutting down");
    queue_.push_back(&pending);
    queued_.notify_one();
    finished_.wait(lock, [&pending] { return pending.done; });
  }
  if (pending.error) std::rethrow_exception(pending.error);
}

void GroupCommit::writer() {
  // On SQLite the writer keeps one connection with its prepared statements for its whole life (every
  // write goes through this thread, so nothing is gained by pooling). PostgreSQL sessions come from
  // the pool per batch, so that a broken connection is replaced.
  std::optional<Poco::Data::Session> sqlite;
  std::unique_ptr<SqliteStatementCache> statements;
  std::optional<SqliteStatementCache::InstalledOnThisThread> installed;
  if (db_.backend() == StoreBackend::sqlite) {
    try {
      sqlite = db_.session();
      statements = std::make_unique<SqliteStatementCache>(Poco::Data::SQLite::Utility::dbHandle(*sqlite));
      installed.emplace(*statements);
    } catch (const std::exception& e) {
      // No exception may leave the thread: without a held connection, each batch takes a pooled one.
      Poco::Logger::get("gateway.store").error("group commit: no connection of its own (%s)", std::string(e.what()));
      installed.reset();
      statements.reset();
      sqlite.reset();
    }
  }
  for (;;) {
    std::deque<Pending*> batch;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has been committed
      while (!queue_.empty() && batch.size() < maxBatch_) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    commitBatch(batch, sqlite);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (Pending* pending : batch) pending->done = true;
    }
    finished_.notify_all();
  }
}

void GroupCommit::commitBatch(std::deque<Pending*>& batch, const std::optional<Poco::Data::Session>& held) {
  try {
    Transaction tx(db_, held ? *held : db_.session());
    Poco::Data::Session& s = tx.session();
    for (Pending* pending : batch) {
      runSql(db_, s, "SAVEPOINT unit");
      try {
        (*pending->work)(s);
        runSql(db_, s, "RELEASE SAVEPOINT unit");
      } catch (...) {
        pending->error = std::current_exception();
        runSql(db_, s, "ROLLBACK TO SAVEPOINT unit");
        runSql(db_, s, "RELEASE SAVEPOINT unit");
      }
    }
    tx.commit();
    ++batches_;
  } catch (...) {
    // The shared transaction failed (or the store went away): nothing of this batch is durable.
    db_.countError();
    std::exception_ptr error = std::current_exception();
    for (Pending* pending : batch)
      if (!pending->error) pending->error = error;
  }
}

}  // namespace gw
