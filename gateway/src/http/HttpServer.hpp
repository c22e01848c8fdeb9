// The Poco HTTPServer with the gateway's limits, routing, metrics, error bodies and a drain on stop.
#pragma once

#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <memory>

#include "config/GatewayConfig.hpp"
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

 private:
  std::shared_ptr<std::atomic<int>> inFlight_ = std::make_shared<std::atomic<int>>(0);
  Poco::ThreadPool threads_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  bool running_ = false;
};

}  // namespace gw
