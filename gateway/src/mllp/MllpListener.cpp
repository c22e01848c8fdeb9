#include "mllp/MllpListener.hpp"

#include <Poco/Logger.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Net/TCPServerParams.h>
#include <sys/socket.h>

#include "common/ServerTls.hpp"
#include "mllp/MllpConnection.hpp"

namespace gw::mllp {

namespace {

class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  ConnectionFactory(std::string hospital, IntakeServices services, MllpStats& stats, MllpListener& listener)
      : hospital_(std::move(hospital)), services_(services), stats_(stats), listener_(listener) {}

  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new MllpConnection(socket, hospital_, services_, stats_, listener_);
  }

 private:
  std::string hospital_;
  IntakeServices services_;
  MllpStats& stats_;
  MllpListener& listener_;
};

Poco::Net::ServerSocket bind(const MllpConfig& config) {
  const Poco::Net::SocketAddress address(config.host, config.port);
  if (!config.tls.enabled) return Poco::Net::ServerSocket(address, 64);
  TlsConfig tls;
  tls.enabled = true;
  tls.certificateFile = config.tls.certificateFile;
  tls.privateKeyFile = config.tls.privateKeyFile;
  tls.caFile = config.tls.caFile;
  tls.requireClientCertificate = true;
  return Poco::Net::SecureServerSocket(address, 64, serverTlsContext(tls));
}

// Ends a read that waits for the next message. At the descriptor: Poco's TLS socket ignores half shutdowns.
void wake(const Poco::Net::StreamSocket& socket) { ::shutdown(socket.impl()->sockfd(), SHUT_RD); }

}  // namespace

MllpListener::MllpListener(std::string hospital, const MllpConfig& config, IntakeServices services)
    : hospital_(std::move(hospital)), bindingKey_(config.bindingKey()), threads_(1, config.maxConnections) {
  Poco::Net::ServerSocket socket = bind(config);
  port_ = socket.address().port();
  address_ = socket.address().toString();
  Poco::Net::TCPServerParams::Ptr params = new Poco::Net::TCPServerParams;
  params->setMaxThreads(config.maxConnections);
  params->setMaxQueued(config.maxConnections);
  params->setThreadIdleTime(Poco::Timespan(1, 0));
  server_ = std::make_unique<Poco::Net::TCPServer>(new ConnectionFactory(hospital_, services, stats_, *this), threads_,
                                                   socket, params);
  server_->start();
  Poco::Logger::get("gateway.mllp")
      .information("%s: MLLP%s listening on %s:%hu", hospital_, std::string(config.tls.enabled ? " over TLS" : ""),
                   config.host, port_);
}

MllpListener::~MllpListener() { stop(); }

void MllpListener::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
  }
  server_->stop();
  {
    // A connection waiting for its next message wakes up and ends; one processing a message ends after its ACK.
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& socket : open_) wake(socket);
  }
  threads_.joinAll();
}

void MllpListener::track(const Poco::Net::StreamSocket& socket) {
  std::lock_guard<std::mutex> lock(mutex_);
  open_.insert(socket);
  if (stopped_) wake(socket);
}

void MllpListener::untrack(const Poco::Net::StreamSocket& socket) {
  std::lock_guard<std::mutex> lock(mutex_);
  open_.erase(socket);
}

void MllpListener::renderMetrics(std::map<std::string, std::string>& families) const {
  stats_.render(Metrics::escapeLabel(hospital_), static_cast<std::uint64_t>(server_->refusedConnections()), families);
}

}  // namespace gw::mllp
