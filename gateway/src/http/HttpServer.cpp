#include "http/HttpServer.hpp"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Stopwatch.h>
#include <Poco/Thread.h>

#include "http/HttpError.hpp"

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
      } catch (const std::exception& e) {
        Poco::Logger::get("gateway.http").error("%s %s failed: %s", request.method(), route, std::string(e.what()));
        if (!request.sent()) request.sendError(500, "internal_error", "the request failed inside the gateway");
      }
      status = request.status();
    } catch (const HttpError& e) {
      response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(e.status()));
      response.setContentType("application/json");
      response.send() << R"({"error":{"code":")" << e.code() << R"(","message":")" << e.what() << R"("}})";
      status = e.status();
    } catch (const std::exception& e) {
      status = 500;
    }
    metrics_.observeRequest(route, httpRequest.getMethod(), status, clock.elapsed() / 1e6);
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

 private:
  const Router& router_;
  Metrics& metrics_;
  std::size_t maxBodyBytes_;
  std::shared_ptr<std::atomic<int>> inFlight_;
};

Poco::Net::ServerSocket makeSocket(const ServerConfig& config) {
  Poco::Net::SocketAddress address(config.host, config.port);
  if (!config.tls.enabled) return Poco::Net::ServerSocket(address, 256);
  Poco::Net::Context::Params params;
  params.certificateFile = config.tls.certificateFile;
  params.privateKeyFile = config.tls.privateKeyFile;
  params.caLocation = config.tls.caFile;
  params.verificationMode = config.tls.requireClientCertificate ? Poco::Net::Context::VERIFY_STRICT
                            : config.tls.caFile.empty()          ? Poco::Net::Context::VERIFY_NONE
                                                                 : Poco::Net::Context::VERIFY_RELAXED;
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
  context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                            Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
  return Poco::Net::SecureServerSocket(address, 256, context);
}

}  // namespace

HttpServer::HttpServer(const ServerConfig& config, const Router& router, Metrics& metrics)
    : threads_("http", 2, config.threads + 2) {
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
  server_ = std::make_unique<Poco::Net::HTTPServer>(
      new DispatchingFactory(router, metrics, config.maxBodyBytes, inFlight_), threads_, makeSocket(config), params);
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
  server_->stopAll(true);
  threads_.joinAll();
}

}  // namespace gw
