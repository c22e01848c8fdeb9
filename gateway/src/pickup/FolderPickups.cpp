#include "pickup/FolderPickups.hpp"

#include <Poco/Logger.h>

#include <stdexcept>

namespace gw::pickup {

namespace {

bool same(const PickupConfig& a, const PickupConfig& b) {
  return a.folder == b.folder && a.pattern == b.pattern && a.contentType == b.contentType &&
         a.intervalMs == b.intervalMs && a.stableSeconds == b.stableSeconds && a.maxFileBytes == b.maxFileBytes;
}

}  // namespace

void FolderPickups::apply(const GatewayConfig& config, bool starting) {
  std::map<std::string, std::unique_ptr<FolderPickup>> retired;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = pickups_.begin(); it != pickups_.end();) {
      const PartnerConfig* hospital = config.hospital(it->first);
      if (hospital && hospital->pickup.enabled && same(hospital->pickup, it->second->config())) {
        ++it;
        continue;
      }
      retired.emplace(it->first, std::move(it->second));
      it = pickups_.erase(it);
    }
  }
  retired.clear();  // each finishes the file in hand

  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& hospital : config.hospitals) {
    if (!hospital.pickup.enabled || pickups_.count(hospital.id)) continue;
    try {
      pickups_[hospital.id] = std::make_unique<FolderPickup>(hospital.id, hospital.pickup, services_);
    } catch (const std::exception& e) {
      const std::string why = "cannot pick up from " + hospital.pickup.folder + ": " + e.what();
      if (starting) throw std::runtime_error("hospitals " + hospital.id + ".pickup (" + config.file + ":" +
                                             std::to_string(hospital.pickup.line) + "): " + why);
      Poco::Logger::get("gateway.pickup").error("%s: %s", hospital.id, why);
    }
  }
}

void FolderPickups::stop() {
  std::map<std::string, std::unique_ptr<FolderPickup>> all;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    all.swap(pickups_);
  }
  all.clear();
}

void FolderPickups::renderMetrics(std::string& out) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (pickups_.empty()) return;
  out += "# HELP gateway_pickup_files_total Files picked up from hospitals' folders, by where they were moved.\n"
         "# TYPE gateway_pickup_files_total counter\n";
  for (const auto& [hospital, pickup] : pickups_) out += pickup->metricSamples();
}

}  // namespace gw::pickup
