#include "store/WalCheckpointer.hpp"

#include <Poco/Logger.h>

#include <chrono>

namespace gw {

WalCheckpointer::WalCheckpointer(std::function<Poco::Data::Session()> session, int intervalMs)
    : session_(std::move(session)), intervalMs_(intervalMs), thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void WalCheckpointer::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(intervalMs_), [this] { return stopping_; });
    lock.unlock();
    checkpoint();
    lock.lock();
  }
}

void WalCheckpointer::checkpoint() {
  try {
    Poco::Data::Session s = session_();
    // PASSIVE: copies what no reader still needs, never waits for the writer or blocks it.
    s << "PRAGMA wal_checkpoint(PASSIVE)", Poco::Data::Keywords::now;
  } catch (const std::exception& e) {
    Poco::Logger::get("gateway.store").warning("WAL checkpoint failed: %s", std::string(e.what()));
  }
}

}  // namespace gw
