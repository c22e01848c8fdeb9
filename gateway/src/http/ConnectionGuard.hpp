// Who may hold the server's threads, and for how long: connections per source address, and a
// deadline for each request to arrive whole.
//
// Poco's socket timeout bounds the wait between two reads, not the whole request: a client that
// sends a header line every few seconds keeps its thread for ever, and a few such clients hold
// every thread. The guard counts connections per address when they are accepted (refusing past the
// limit), and a watchdog thread shuts the read side of a connection whose client has not delivered
// its request (headers and body) by the deadline; the blocked read then ends and the thread is free.
#pragma once

#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServer.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace gw {

struct ConnectionLimits {
  int perAddress = 8;         // connections at once from one source address
  int total = 80;             // accepted and not yet ended: the server's threads plus its queue
  std::chrono::milliseconds requestDeadline{30000};  // from the wait for a request to its last body byte
  std::chrono::milliseconds keepAliveIdle{5000};     // how long a kept-alive connection may idle first
};

class ConnectionGuard {
 public:
  explicit ConnectionGuard(ConnectionLimits limits);
  ~ConnectionGuard();
  ConnectionGuard(const ConnectionGuard&) = delete;
  ConnectionGuard& operator=(const ConnectionGuard&) = delete;

  // On the acceptor thread: is there room for this connection? Counts it when there is.
  bool admit(const Poco::Net::StreamSocket& socket);
  // When the connection has ended (before its socket is closed).
  void release(int fd);

  // The connection served on the calling thread, for the deadline calls below.
  class Serving {
   public:
    Serving(ConnectionGuard& guard, int fd);
    ~Serving();
    Serving(const Serving&) = delete;
    Serving& operator=(const Serving&) = delete;
  };

  // The server waits for the current connection's client: the next request, headers and body,
  // must arrive within the deadline (plus the keep-alive idle time after the first request).
  static void awaitNextRequest();
  // The current request has arrived whole; the server is working and the deadline is off.
  static void requestArrived();
  // Did the current connection's deadline pass (and its read side get shut)?
  static bool deadlinePassed();

  std::uint64_t refusedForAddress() const { return refusedForAddress_.load(); }
  std::uint64_t refusedForTotal() const { return refusedForTotal_.load(); }
  std::uint64_t deadlinesPassed() const { return deadlinesPassed_.load(); }
  const ConnectionLimits& limits() const { return limits_; }

 private:
  struct Connection {
    std::string address;
    std::int64_t deadlineMs = 0;  // 0: not waiting for the client
    bool passed = false;
  };

  void arm(int fd, std::chrono::milliseconds budget);
  void disarm(int fd);
  bool passed(int fd);
  void watch();

  ConnectionLimits limits_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::map<int, Connection> connections_;  // by socket descriptor
  std::map<std::string, int> perAddress_;
  std::atomic<std::uint64_t> refusedForAddress_{0};
  std::atomic<std::uint64_t> refusedForTotal_{0};
  std::atomic<std::uint64_t> deadlinesPassed_{0};
  std::thread watchdog_;
};

// Poco's hook on the acceptor thread, asking the guard.
class GuardedAdmission : public Poco::Net::TCPServerConnectionFilter {
 public:
  explicit GuardedAdmission(ConnectionGuard& guard) : guard_(guard) {}
  bool accept(const Poco::Net::StreamSocket& socket) override { return guard_.admit(socket); }

 private:
  ConnectionGuard& guard_;
};

}  // namespace gw
