#include "plugin/PluginHealth.hpp"

#include <Poco/Logger.h>

#include "http/Metrics.hpp"

namespace gw {

void PluginHealth::succeeded(const std::string& sha256) {
  std::lock_guard<std::mutex> lock(mutex_);
  versions_[sha256].everSucceeded = true;
}

std::optional<std::string> PluginHealth::failed(const std::string& sha256, const std::string& plugin,
                                                const worker::WorkerFault& fault) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++faults_[{plugin, fault.label()}];
  Version& version = versions_[sha256];
  if (version.quarantine) return version.quarantine;
  const auto now = Clock::now();
  version.faults.push_back(now);
  while (!version.faults.empty() && now - version.faults.front() > window_) version.faults.pop_front();
  const int inWindow = static_cast<int>(version.faults.size());
  if (!version.everSucceeded) {
    version.quarantine = "its worker failed before any call completed (" + std::string(fault.what()) + ")";
  } else if (inWindow >= crashesToQuarantine_) {
    version.quarantine = "its workers failed " + std::to_string(inWindow) + " times within " +
                         std::to_string(std::chrono::duration_cast<std::chrono::seconds>(window_).count()) +
                         " s (last: " + fault.what() + ")";
  }
  if (version.quarantine) {
    ++quarantines_[plugin];
    Poco::Logger::get("gateway.plugins")
        .error("plugin '%s' (sha256 %s) quarantined: %s", plugin, sha256, *version.quarantine);
  }
  return version.quarantine;
}

void PluginHealth::restarted(const std::string& plugin) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++restarts_[plugin];
}

std::optional<std::string> PluginHealth::quarantined(const std::string& sha256) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = versions_.find(sha256);
  return it == versions_.end() ? std::nullopt : it->second.quarantine;
}

std::string PluginHealth::metrics() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  out += "# HELP gateway_plugin_worker_restarts_total Worker processes started to replace one that failed.\n"
         "# TYPE gateway_plugin_worker_restarts_total counter\n";
  for (const auto& [plugin, count] : restarts_)
    out += "gateway_plugin_worker_restarts_total{plugin=\"" + Metrics::escapeLabel(plugin) + "\"} " +
           std::to_string(count) + "\n";
  out += "# HELP gateway_plugin_worker_failures_total Worker processes lost during a call, by cause (the signal, "
         "exit, deadline, malformed).\n# TYPE gateway_plugin_worker_failures_total counter\n";
  for (const auto& [key, count] : faults_)
    out += "gateway_plugin_worker_failures_total{plugin=\"" + Metrics::escapeLabel(key.first) + "\",cause=\"" +
           Metrics::escapeLabel(key.second) + "\"} " + std::to_string(count) + "\n";
  out += "# HELP gateway_plugin_quarantines_total Plugin versions quarantined for failing workers.\n"
         "# TYPE gateway_plugin_quarantines_total counter\n";
  for (const auto& [plugin, count] : quarantines_)
    out += "gateway_plugin_quarantines_total{plugin=\"" + Metrics::escapeLabel(plugin) + "\"} " + std::to_string(count) +
           "\n";
  return out;
}

}  // namespace gw
