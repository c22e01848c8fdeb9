// How each plugin version's workers fare, shared by every partner's pool of that version: faults within a
// window quarantine the version (at once when it never completed a call), and the counters /metrics shows.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "plugin/WorkerFault.hpp"

namespace gw {

class PluginHealth {
 public:
  PluginHealth(int crashesToQuarantine, int windowSeconds)
      : crashesToQuarantine_(crashesToQuarantine), window_(std::chrono::seconds(windowSeconds)) {}

  // A call of that version (sha256) completed: crashes from now on count against the window only.
  void succeeded(const std::string& sha256);
  // A worker of that version failed; returns the quarantine reason when the version is (now) quarantined.
  std::optional<std::string> failed(const std::string& sha256, const std::string& plugin,
                                    const worker::WorkerFault& fault);
  // A worker started to replace one that failed.
  void restarted(const std::string& plugin);
  // Why the version is quarantined, or nothing.
  std::optional<std::string> quarantined(const std::string& sha256) const;

  // Prometheus text: worker restarts, faults by kind, deadlines, quarantines.
  std::string metrics() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Version {
    bool everSucceeded = false;
    std::deque<Clock::time_point> faults;  // within the window
    std::optional<std::string> quarantine;
  };
  const int crashesToQuarantine_;
  const Clock::duration window_;
  mutable std::mutex mutex_;
  std::map<std::string, Version> versions_;                              // by sha256
  std::map<std::string, std::uint64_t> restarts_, quarantines_;          // by plugin name
  std::map<std::pair<std::string, std::string>, std::uint64_t> faults_;  // (plugin, label)
};

}  // namespace gw
