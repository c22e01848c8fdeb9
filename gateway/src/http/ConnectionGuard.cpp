#include "http/ConnectionGuard.hpp"

#include <Poco/Logger.h>

#include <sys/socket.h>

namespace gw {

namespace {

// A connection runs on one thread from its first request to its end.
thread_local ConnectionGuard* currentGuard = nullptr;
thread_local int currentFd = -1;

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

ConnectionGuard::ConnectionGuard(ConnectionLimits limits) : limits_(limits), watchdog_([this] { watch(); }) {}

ConnectionGuard::~ConnectionGuard() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  watchdog_.join();
}

bool ConnectionGuard::admit(const Poco::Net::StreamSocket& socket) {
  std::string address;
  try {
    address = socket.peerAddress().host().toString();
  } catch (const Poco::Exception&) {
    return false;  // already gone
  }
  const int fd = socket.impl()->sockfd();
  std::lock_guard<std::mutex> lock(mutex_);
  auto stale = connections_.find(fd);
  if (stale != connections_.end()) {  // a descriptor whose connection never started (cannot happen; be safe)
    if (--perAddress_[stale->second.address] <= 0) perAddress_.erase(stale->second.address);
    connections_.erase(stale);
  }
  if (static_cast<int>(connections_.size()) >= limits_.total) {
    ++refusedForTotal_;
    return false;
  }
  int& count = perAddress_[address];
  if (count >= limits_.perAddress) {
    // The address is the peer's, not patient data. A flood logs its 1st, 101st, ... refusal, not every one.
    if (refusedForAddress_++ % 100 == 0)
      Poco::Logger::get("gateway.http")
          .warning("connection from %s refused: it already has %d (server.max_connections_per_address)", address,
                   count);
    return false;
  }
  ++count;
  connections_[fd].address = address;
  return true;
}

void ConnectionGuard::release(int fd) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = connections_.find(fd);
  if (it == connections_.end()) return;
  if (--perAddress_[it->second.address] <= 0) perAddress_.erase(it->second.address);
  connections_.erase(it);
}

ConnectionGuard::Serving::Serving(ConnectionGuard& guard, int fd) {
  currentGuard = &guard;
  currentFd = fd;
  guard.arm(fd, guard.limits_.requestDeadline);
}

ConnectionGuard::Serving::~Serving() {
  if (currentGuard) currentGuard->disarm(currentFd);
  currentGuard = nullptr;
  currentFd = -1;
}

void ConnectionGuard::awaitNextRequest() {
  if (currentGuard)
    currentGuard->arm(currentFd, currentGuard->limits_.keepAliveIdle + currentGuard->limits_.requestDeadline);
}

void ConnectionGuard::requestArrived() {
  if (currentGuard) currentGuard->disarm(currentFd);
}

bool ConnectionGuard::deadlinePassed() { return currentGuard && currentGuard->passed(currentFd); }

void ConnectionGuard::arm(int fd, std::chrono::milliseconds budget) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = connections_.find(fd);
  if (it != connections_.end() && !it->second.passed) it->second.deadlineMs = nowMs() + budget.count();
}

void ConnectionGuard::disarm(int fd) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = connections_.find(fd);
  if (it != connections_.end()) it->second.deadlineMs = 0;
}

bool ConnectionGuard::passed(int fd) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = connections_.find(fd);
  return it != connections_.end() && it->second.passed;
}

void ConnectionGuard::watch() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(100));
    const std::int64_t now = nowMs();
    for (auto& [fd, connection] : connections_) {
      if (connection.deadlineMs == 0 || connection.passed || now < connection.deadlineMs) continue;
      connection.passed = true;
      connection.deadlineMs = 0;
      ++deadlinesPassed_;
      // Shutting the read side wakes the thread blocked in recv (it reads end of stream) and still
      // lets it answer 408. The descriptor stays valid: release() erases it before the socket closes.
      ::shutdown(fd, SHUT_RD);
    }
  }
}

}  // namespace gw
