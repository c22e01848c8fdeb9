// What request handlers share: the current configuration snapshot, the store, metrics, readiness checks.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "audit/AuditLog.hpp"
#include "config/GatewayConfig.hpp"
#include "http/Metrics.hpp"
#include "store/Database.hpp"

namespace gw {

// Readers take a snapshot and keep it for the whole request; a reload publishes a new one.
class ConfigSnapshot {
 public:
  explicit ConfigSnapshot(GatewayConfig config) : current_(std::make_shared<const GatewayConfig>(std::move(config))) {}
  std::shared_ptr<const GatewayConfig> get() const { return std::atomic_load(&current_); }
  void publish(GatewayConfig config) {
    std::atomic_store(&current_, std::make_shared<const GatewayConfig>(std::move(config)));
  }

 private:
  std::shared_ptr<const GatewayConfig> current_;
};

struct ReadinessCheck {
  std::string name;
  std::function<bool(std::string& why)> ready;
};

// A listener besides the HTTP server (an MLLP port), for /readyz: where it listens, or why it does not.
struct ListenerStatus {
  std::string name;
  std::string address;
  bool listening = false;
  std::string why;
};

struct GatewayContext {
  ConfigSnapshot& config;
  Database& db;
  Metrics& metrics;
  AuditLog& audit;
  std::vector<ReadinessCheck> readiness;
  std::function<std::vector<ListenerStatus>()> listeners;
};

}  // namespace gw
