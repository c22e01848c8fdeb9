#include "store/GroupCommit.hpp"

#include <Poco/Logger.h>

namespace gw {

using Poco::Data::Keywords::now;

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
    commitBatch(batch);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (Pending* pending : batch) pending->done = true;
    }
    finished_.notify_all();
  }
}

void GroupCommit::commitBatch(std::deque<Pending*>& batch) {
  try {
    Transaction tx(db_);
    Poco::Data::Session& s = tx.session();
    for (Pending* pending : batch) {
      s << "SAVEPOINT unit", now;
      try {
        (*pending->work)(s);
        s << "RELEASE SAVEPOINT unit", now;
      } catch (...) {
        pending->error = std::current_exception();
        s << "ROLLBACK TO SAVEPOINT unit", now;
        s << "RELEASE SAVEPOINT unit", now;
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
