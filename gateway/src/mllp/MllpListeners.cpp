#include "mllp/MllpListeners.hpp"

#include <Poco/Logger.h>

#include <stdexcept>

namespace gw::mllp {

void MllpListeners::apply(const GatewayConfig& config, bool starting) {
  std::map<std::string, std::unique_ptr<MllpListener>> retired;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = listeners_.begin(); it != listeners_.end();) {
      const PartnerConfig* hospital = config.hospital(it->first);
      if (hospital && hospital->mllp.enabled && hospital->mllp.bindingKey() == it->second->bindingKey()) {
        ++it;
        continue;
      }
      retired.emplace(it->first, std::move(it->second));
      it = listeners_.erase(it);
    }
  }
  // Stopped outside the lock: a connection finishing its message must not wait for /metrics.
  for (auto& [hospital, listener] : retired) listener->stop();
  retired.clear();

  std::lock_guard<std::mutex> lock(mutex_);
  failed_.clear();
  for (const auto& hospital : config.hospitals) {
    if (!hospital.mllp.enabled || listeners_.count(hospital.id)) continue;
    try {
      listeners_[hospital.id] = std::make_unique<MllpListener>(hospital.id, hospital.mllp, services_);
    } catch (const Poco::Exception& e) {
      const std::string why = "cannot listen on " + hospital.mllp.host + ":" + std::to_string(hospital.mllp.port) +
                              ": " + e.displayText();
      if (starting) throw std::runtime_error("hospitals " + hospital.id + ".mllp (" + config.file + ":" +
                                             std::to_string(hospital.mllp.line) + "): " + why);
      Poco::Logger::get("gateway.mllp").error("%s: %s", hospital.id, why);
      failed_[hospital.id] = why;
    }
  }
}

void MllpListeners::stop() {
  std::map<std::string, std::unique_ptr<MllpListener>> all;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    all.swap(listeners_);
  }
  for (auto& [hospital, listener] : all) listener->stop();
}

std::uint16_t MllpListeners::port(const std::string& hospital) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = listeners_.find(hospital);
  return it == listeners_.end() ? 0 : it->second->port();
}

void MllpListeners::renderMetrics(std::string& out) const {
  static const std::map<std::string, std::pair<const char*, const char*>> help = {
      {"gateway_mllp_connections_open", {"gauge", "MLLP connections open now."}},
      {"gateway_mllp_connections_total", {"counter", "MLLP connections accepted."}},
      {"gateway_mllp_frames_total", {"counter", "MLLP frames received whole (each handed to the intake)."}},
      {"gateway_mllp_bytes_outside_frames_total", {"counter", "Bytes received outside any frame, discarded."}},
      {"gateway_mllp_refused_total", {"counter", "MLLP connections refused or closed, by reason."}},
      {"gateway_mllp_ack_seconds", {"histogram", "From a frame's end to its acknowledgement, the commit included."}},
  };
  std::map<std::string, std::string> families;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [hospital, listener] : listeners_) listener->renderMetrics(families);
  }
  for (const auto& [family, samples] : families) {
    const auto& [type, text] = help.at(family);
    out += "# HELP " + family + " " + text + "\n# TYPE " + family + " " + type + "\n" + samples;
  }
}

std::vector<ListenerStatus> MllpListeners::status() const {
  std::vector<ListenerStatus> out;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [hospital, listener] : listeners_) out.push_back({"mllp:" + hospital, listener->address(), true, ""});
  for (const auto& [hospital, reason] : failed_) out.push_back({"mllp:" + hospital, "", false, reason});
  return out;
}

}  // namespace gw::mllp
