// One hospital's MLLP listener (hospitals[].mllp): a TCP (or TLS) server whose connections feed the same intake
// as HTTP. The listener belongs to its hospital: who may connect is decided by address and certificate, not by
// an API key. Each connection is served on its own thread, its messages in order, each ACK written only
// after the message's transaction committed.
#pragma once

#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "config/MllpConfig.hpp"
#include "intake/IntakeServices.hpp"
#include "mllp/MllpStats.hpp"

namespace gw::mllp {

class MllpListener {
 public:
  // Binds at once; throws Poco::Exception (naming the address) when it cannot.
  MllpListener(std::string hospital, const MllpConfig& config, IntakeServices services);
  ~MllpListener();
  MllpListener(const MllpListener&) = delete;
  MllpListener& operator=(const MllpListener&) = delete;

  // Stops accepting, ends every open connection after the message it is processing, and waits for them.
  void stop();

  std::uint16_t port() const { return port_; }
  const std::string& bindingKey() const { return bindingKey_; }
  void renderMetrics(std::map<std::string, std::string>& families) const;
  std::string address() const { return address_; }

  // Open connections register here, so that stop() can end one that waits for its next message.
  void track(const Poco::Net::StreamSocket& socket);
  void untrack(const Poco::Net::StreamSocket& socket);

 private:
  std::string hospital_;
  std::string bindingKey_;
  MllpStats stats_;
  Poco::ThreadPool threads_;
  std::unique_ptr<Poco::Net::TCPServer> server_;
  std::uint16_t port_ = 0;
  std::string address_;  // HOST:PORT as bound
  std::mutex mutex_;
  std::set<Poco::Net::StreamSocket> open_;
  bool stopped_ = false;
};

}  // namespace gw::mllp
