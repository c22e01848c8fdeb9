// Every hospital's folder pickup: started with the gateway, restarted on a reload where the pickup block changed,
// stopped (after the file in hand) before the store closes.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "config/GatewayConfig.hpp"
#include "pickup/FolderPickup.hpp"

namespace gw::pickup {

class FolderPickups {
 public:
  explicit FolderPickups(IntakeServices services) : services_(services) {}
  ~FolderPickups() { stop(); }

  // A folder that cannot be used is an error at start (thrown, naming the hospital), and logged on a reload.
  void apply(const GatewayConfig& config, bool starting);
  void stop();
  void renderMetrics(std::string& out) const;

 private:
  IntakeServices services_;
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<FolderPickup>> pickups_;
};

}  // namespace gw::pickup
