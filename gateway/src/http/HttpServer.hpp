// The Poco HTTPServer with the gateway's limits, routing, metrics, error bodies and a drain on stop.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <memory>

#include "config/GatewayConfig.hpp"
#include "http/ConnectionGuard.hpp"
#include "http/Metrics.hpp"
#include "http/Router.hpp"

namespace gw {

class HttpServer {
 public:
  HttpServer(const ServerConfig& config, const Router& router, Metrics& metrics);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  void start();
  // Stops accepting, lets requests in flight finish (up to `drainSeconds`), then closes connections.
  void stop(int drainSeconds);
  std::uint16_t port() const;
  int inFlight() const { return inFlight_->load(); }
  const ConnectionGuard& guard() const { return guard_; }

 private:
  std::shared_ptr<std::atomic<int>> inFlight_ = std::make_shared<std::atomic<int>>(0);
  Poco::ThreadPool threads_;
  ConnectionGuard guard_;  // outlives the server and its connections
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  std::unique_ptr<Poco::Net::TCPServer> server_;
  bool running_ = false;
};

}  // namespace gw
