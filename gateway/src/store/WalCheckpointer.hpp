// Copies the SQLite write-ahead log into the database file on a thread of its own. SQLite's automatic
// checkpoint runs inside the committing transaction, so every ~1,000 pages one group commit of the
// intake waited for the copy and a second fsync; here the writer only appends to the log.
#pragma once

#include <Poco/Data/Session.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace gw {

class WalCheckpointer {
 public:
  // `session` gives the connection to checkpoint from; it runs every `intervalMs`.
  WalCheckpointer(std::function<Poco::Data::Session()> session, int intervalMs);
  ~WalCheckpointer();  // one last checkpoint, then the thread ends
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

 private:
  void run();
  void checkpoint();

  std::function<Poco::Data::Session()> session_;
  const int intervalMs_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gw
