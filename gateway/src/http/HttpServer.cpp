#include "http/HttpServer.hpp"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Stopwatch.h>
#include <Poco/Thread.h>

#include "common/ServerTls.hpp"
#include "http/ConnectionGuard.hpp"
#include "http/HttpError.hpp"
#include "http/RequestBody.hpp"
#include "store/Database.hpp"

namespace gw {

namespace {

class DispatchingHandler : public Poco::Net::HTTPRequestHandler {
 public:
  DispatchingHandler(const Router& router, Metrics& metrics, std::size_t maxBodyBytes,
                     std::shared_ptr<std::atomic<int>> inFlight)
      : router_(router), metrics_(metrics), maxBodyBytes_(maxBodyBytes), inFlight_(std::move(inFlight)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& httpRequest, Poco::Net::HTTPServerResponse& response) override {
    struct InFlight {
      std::atomic<int>& count;
      explicit InFlight(std::atomic<int>& c) : count(c) { ++count; }
      ~InFlight() { --count; }
    } inFlight(*inFlight_);
    Poco::Stopwatch clock;
    clock.start();
    std::string route = "unmatched";
    int status = 500;
    try {
      checkRequestFraming(httpRequest);
      if (!requestCarriesBody(httpRequest)) ConnectionGuard::requestArrived();
      Request request(httpRequest, response, maxBodyBytes_);
      try {
        // A declared length over the limit is refused before routing, authentication or reading.
        if (httpRequest.hasContentLength() && httpRequest.getContentLength64() > static_cast<Poco::Int64>(maxBodyBytes_))
          throw HttpError(413, "body_too_large",
                          "the body is larger than the limit of " + std::to_string(maxBodyBytes_) + " bytes");
        Router::Match match = router_.match(request);
        route = match.route;
        if (match.handler) {
          (*match.handler)(request);
        } else if (!match.allowed.empty()) {
          response.set("Allow", match.allowed);
          request.sendError(405, "method_not_allowed",
                            "method " + request.method() + " is not allowed here; allowed: " + match.allowed);
        } else {
          request.sendError(404, "not_found", "no such route");
        }
      } catch (const HttpError& e) {
        if (!request.sent()) {
          if (e.status() == 413) response.setKeepAlive(false);  // the unread body must not be parsed as a request
          request.sendError(e.status(), e.code(), e.what());
        }
      } catch (const StoreBusy& e) {
        Poco::Logger::get("gateway.http").warning("%s %s refused: %s", request.method(), route, std::string(e.what()));
        if (!request.sent()) {
          response.set("Retry-After", "1");
          request.sendError(503, "store_busy", "the gateway is overloaded; retry in a second");
        }
      } catch (const std::exception& e) {
        Poco::Logger::get("gateway.http").error("%s %s failed: %s", request.method(), route, std::string(e.what()));
        if (!request.sent()) request.sendError(500, "internal_error", "the request failed inside the gateway");
      }
      status = request.status();
    } catch (const HttpError& e) {
      // Refused before routing (framing, URI): the connection's next bytes cannot be trusted.
      status = e.status();
      try {
        response.setKeepAlive(false);
        response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(e.status()));
        response.setContentType("application/json");
        response.send() << R"({"error":{"code":")" << e.code() << R"(","message":")" << e.what() << R"("}})";
      } catch (const std::exception&) {
      }
    } catch (const std::exception& e) {
      status = 500;
    }
    metrics_.observeRequest(route, httpRequest.getMethod(), status, clock.elapsed() / 1e6);
    ConnectionGuard::awaitNextRequest();
  }

 private:
  const Router& router_;
  Metrics& metrics_;
  std::size_t maxBodyBytes_;
  std::shared_ptr<std::atomic<int>> inFlight_;
};

class DispatchingFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  DispatchingFactory(const Router& router, Metrics& metrics, std::size_t maxBodyBytes,
                     std::shared_ptr<std::atomic<int>> inFlight)
      : router_(router), metrics_(metrics), maxBodyBytes_(maxBodyBytes), inFlight_(std::move(inFlight)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new DispatchingHandler(router_, metrics_, maxBodyBytes_, inFlight_);
  }
  // What HTTPServer::stopAll does: every open connection stops after (or, aborting, during) its request.
  void stopServer(bool abortCurrent) { serverStopped(this, abortCurrent); }

 private:
  const Router& router_;
  Metrics& metrics_;
  std::size_t maxBodyBytes_;
  std::shared_ptr<std::atomic<int>> inFlight_;
};

// Poco's HTTP connection, registered with the guard for its life: its peer's count and its deadline.
class GuardedConnection : public Poco::Net::HTTPServerConnection {
 public:
  GuardedConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr factory, ConnectionGuard& guard)
      : HTTPServerConnection(socket, params, factory), guard_(guard), fd_(socket.impl()->sockfd()) {}
  ~GuardedConnection() override { guard_.release(fd_); }

  void run() override {
    ConnectionGuard::Serving serving(guard_, fd_);
    HTTPServerConnection::run();
  }

 private:
  ConnectionGuard& guard_;
  int fd_;
};

class GuardedConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  GuardedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                           ConnectionGuard& guard)
      : params_(std::move(params)), factory_(std::move(factory)), guard_(guard) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new GuardedConnection(socket, params_, factory_, guard_);
  }

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  ConnectionGuard& guard_;
};

ConnectionLimits connectionLimits(const ServerConfig& config) {
  ConnectionLimits limits;
  limits.perAddress = config.maxConnectionsPerAddress;
  limits.total = config.threads + config.queue;
  limits.requestDeadline = std::chrono::seconds(config.requestTimeoutSeconds);
  limits.keepAliveIdle = std::chrono::seconds(config.keepAliveSeconds);
  return limits;
}

Poco::Net::ServerSocket makeSocket(const ServerConfig& config) {
  Poco::Net::SocketAddress address(config.host, config.port);
  if (!config.tls.enabled) return Poco::Net::ServerSocket(address, 256);
  return Poco::Net::SecureServerSocket(address, 256, serverTlsContext(config.tls));
}

}  // namespace

HttpServer::HttpServer(const ServerConfig& config, const Router& router, Metrics& metrics)
    : threads_("http", 2, config.threads + 2), guard_(connectionLimits(config)) {
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(config.threads);
  params->setMaxQueued(config.queue);
  params->setTimeout(Poco::Timespan(config.requestTimeoutSeconds, 0));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(config.keepAliveSeconds, 0));
  params->setMaxKeepAliveRequests(config.maxKeepAliveRequests);
  params->setServerName("gatewayd");
  // Poco 1.11 stops its dispatcher with a wake-up that a thread just leaving the pool can miss; that
  // thread then sleeps for the idle time before stop() can join it. One second keeps SIGTERM within 5 s.
  params->setThreadIdleTime(Poco::Timespan(1, 0));
  handlers_ = new DispatchingFactory(router, metrics, config.maxBodyBytes, inFlight_);
  server_ = std::make_unique<Poco::Net::TCPServer>(new GuardedConnectionFactory(params, handlers_, guard_), threads_,
                                                   makeSocket(config), params);
  server_->setConnectionFilter(new GuardedAdmission(guard_));
}

HttpServer::~HttpServer() { stop(0); }

void HttpServer::start() {
  server_->start();
  running_ = true;
}

std::uint16_t HttpServer::port() const { return server_->port(); }

void HttpServer::stop(int drainSeconds) {
  if (!running_) return;
  running_ = false;
  server_->stop();  // no new connections; keep-alive connections end after their current request
  for (int waited = 0; inFlight_->load() > 0 && waited < drainSeconds * 100; ++waited) Poco::Thread::sleep(10);
  static_cast<DispatchingFactory&>(*handlers_).stopServer(true);
  threads_.joinAll();
}

}  // namespace gw
