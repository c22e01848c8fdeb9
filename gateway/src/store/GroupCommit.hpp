// Group commit: concurrent units of work share one transaction and one fsync. Each unit runs in its own
// savepoint, so a failing unit rolls back alone; each caller returns only after the shared commit.
#pragma once

#include <Poco/Data/Session.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "store/Database.hpp"

namespace gw {

class GroupCommit {
 public:
  using Work = std::function<void(Poco::Data::Session&)>;

  explicit GroupCommit(Database& db, std::size_t maxBatch = 64);
  ~GroupCommit();
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Runs `work` in the next shared transaction and returns once that transaction is committed.
  // Rethrows what `work` threw (only its own savepoint was rolled back), or the commit's error.
  void run(const Work& work);

  std::uint64_t batches() const { return batches_; }

 private:
  struct Pending {
    const Work* work;
    std::exception_ptr error;
    bool done = false;
  };
  void writer();
  // `held`: the writer's own session (SQLite), else one is taken from the pool.
  void commitBatch(std::deque<Pending*>& batch, const std::optional<Poco::Data::Session>& held);

  Database& db_;
  const std::size_t maxBatch_;
  std::mutex mutex_;
  std::condition_variable queued_;
  std::condition_variable finished_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::atomic<std::uint64_t> batches_{0};
  std::thread thread_;
};

}  // namespace gw
