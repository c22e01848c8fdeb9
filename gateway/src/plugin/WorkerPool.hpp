// The worker processes serving one partner's adapter instance (isolation: process): up to `workers` of them,
// started as calls need them, each serving one call at a time. A call whose worker fails is tried once more
// on a fresh worker; failing twice makes its input a poison message, answered at once from then on without
// running it again. Replacements after failures start with exponential backoff, and failures count towards
// the plugin version's quarantine (PluginHealth), under which no call runs.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/GatewayConfig.hpp"
#include "plugin/PluginHealth.hpp"
#include "plugin/WorkerProcess.hpp"

namespace gw::worker {

class WorkerPool {
 public:
  // Starts the first worker, which creates the instance: throws AdapterCreateError when the adapter refuses
  // the partner or the worker cannot start.
  WorkerPool(WorkerLaunch launch, const IsolationConfig& settings, std::shared_ptr<PluginHealth> health,
             std::string pluginName, std::string sha256);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // One call (a request frame). `poisonKey` is the partner's bytes the call reads (empty: none): a message
  // that failed two workers is not run again.
  AdapterCallResult call(const std::vector<std::string_view>& request, std::string_view poisonKey);

  int live() const;  // workers running now

 private:
  using Clock = std::chrono::steady_clock;
  std::unique_ptr<WorkerProcess> take(Clock::time_point deadline, std::string& unavailable);
  void giveBack(std::unique_ptr<WorkerProcess> worker);
  void lost();  // a worker failed: one fewer, and the next start waits (backoff)
  // Why the input under `key` was found poison, or empty.
  std::string poisoned(std::uint64_t key) const;
  void poison(std::uint64_t key, const std::string& reason);

  const WorkerLaunch launch_;
  const IsolationConfig settings_;
  const std::shared_ptr<PluginHealth> health_;
  const std::string pluginName_, sha256_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<WorkerProcess>> idle_;
  int live_ = 0;                   // idle or serving a call, or being started
  int replacementsDue_ = 0;        // failed workers not yet replaced (counted as restarts when they are)
  int backoffMs_ = 0;              // 0 after a call completed; doubles with each failure up to a cap
  Clock::time_point nextStart_{};  // no worker starts before this
  std::atomic<bool> everSucceeded_{false};
  std::deque<std::uint64_t> poisonOrder_;  // oldest first, bounded
  std::unordered_map<std::uint64_t, std::string> poison_;  // key -> what it did to the workers
};

}  // namespace gw::worker
