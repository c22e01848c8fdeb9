#include "plugin/WorkerPool.hpp"

#include <Poco/Logger.h>

#include <algorithm>
#include <functional>

namespace gw::worker {

namespace {

constexpr int kFirstBackoffMs = 100;
constexpr int kMaxBackoffMs = 30000;
constexpr std::size_t kPoisonRemembered = 1024;

AdapterCallResult faultResult(const std::string& reason) {
  AdapterCallResult result;
  result.status = GW_ERR_INTERNAL;
  result.error = reason;
  result.workerFault = reason;
  return result;
}

}  // namespace

WorkerPool::WorkerPool(WorkerLaunch launch, const IsolationConfig& settings, std::shared_ptr<PluginHealth> health,
                       std::string pluginName, std::string sha256)
    : launch_(std::move(launch)),
      settings_(settings),
      health_(std::move(health)),
      pluginName_(std::move(pluginName)),
      sha256_(std::move(sha256)) {
  if (auto reason = health_->quarantined(sha256_))
    throw AdapterCreateError(GW_ERR_INTERNAL, "plugin '" + pluginName_ + "' is quarantined: " + *reason);
  try {
    idle_.push_back(WorkerProcess::start(launch_));
    live_ = 1;
  } catch (const WorkerFault& fault) {
    if (auto reason = health_->failed(sha256_, pluginName_, fault))
      throw AdapterCreateError(GW_ERR_INTERNAL, "plugin '" + pluginName_ + "' is quarantined: " + *reason);
    throw AdapterCreateError(GW_ERR_INTERNAL, fault.what());
  }
}

WorkerPool::~WorkerPool() = default;  // every idle worker is killed; none is busy once no caller holds the pool

int WorkerPool::live() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return live_;
}

std::unique_ptr<WorkerProcess> WorkerPool::take(Clock::time_point deadline, std::string& unavailable) {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (!idle_.empty()) {
      auto worker = std::move(idle_.back());
      idle_.pop_back();
      return worker;
    }
    const auto now = Clock::now();
    if (live_ < settings_.workers && now >= nextStart_) {
      ++live_;
      const bool replacing = replacementsDue_ > 0;
      if (replacing) --replacementsDue_;
      lock.unlock();
      try {
        auto worker = WorkerProcess::start(launch_);
        if (replacing) health_->restarted(pluginName_);
        return worker;
      } catch (const std::exception& e) {
        // create succeeded in the first worker: failing now is the worker's fault, whatever was thrown.
        lock.lock();
        if (replacing) ++replacementsDue_;
        --live_;
        backoffMs_ = std::min(kMaxBackoffMs, backoffMs_ ? backoffMs_ * 2 : kFirstBackoffMs);
        nextStart_ = Clock::now() + std::chrono::milliseconds(backoffMs_);
        changed_.notify_all();
        if (auto* fault = dynamic_cast<const WorkerFault*>(&e)) {
          lock.unlock();
          health_->failed(sha256_, pluginName_, *fault);
          lock.lock();
        }
        unavailable = std::string("a worker of adapter plugin '") + pluginName_ + "' could not start: " + e.what();
        return nullptr;
      }
    }
    if (now >= deadline) {
      unavailable = "no worker of plugin '" + pluginName_ + "' became free within " +
                    std::to_string(settings_.callTimeoutMs) + " ms";
      return nullptr;
    }
    // Wait for a worker to come back, or for the backoff to allow a start.
    const auto until = live_ < settings_.workers ? std::min(deadline, nextStart_) : deadline;
    changed_.wait_until(lock, until);
  }
}

void WorkerPool::giveBack(std::unique_ptr<WorkerProcess> worker) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(worker));
  backoffMs_ = 0;
  changed_.notify_one();
}

void WorkerPool::lost() {
  std::lock_guard<std::mutex> lock(mutex_);
  --live_;
  ++replacementsDue_;
  backoffMs_ = std::min(kMaxBackoffMs, backoffMs_ ? backoffMs_ * 2 : kFirstBackoffMs);
  nextStart_ = Clock::now() + std::chrono::milliseconds(backoffMs_);
  changed_.notify_all();
}

std::string WorkerPool::poisoned(std::uint64_t key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = poison_.find(key);
  return it == poison_.end() ? std::string() : it->second;
}

void WorkerPool::poison(std::uint64_t key, const std::string& reason) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!poison_.emplace(key, reason).second) return;
  poisonOrder_.push_back(key);
  if (poisonOrder_.size() > kPoisonRemembered) {
    poison_.erase(poisonOrder_.front());
    poisonOrder_.pop_front();
  }
}

AdapterCallResult WorkerPool::call(const std::vector<std::string_view>& request, std::string_view poisonKey) {
  const std::uint64_t key = poisonKey.empty() ? 0 : std::hash<std::string_view>()(poisonKey);
  if (key != 0)
    if (std::string reason = poisoned(key); !reason.empty()) return faultResult(reason + "; not run again");
  std::string lastFault;
  for (int attempt = 1; attempt <= 2; ++attempt) {
    if (auto reason = health_->quarantined(sha256_))
      return faultResult("plugin '" + pluginName_ + "' is quarantined: " + *reason +
                         (lastFault.empty() ? "" : "; this message: " + lastFault));
    std::string unavailable;
    auto worker = take(Clock::now() + std::chrono::milliseconds(settings_.callTimeoutMs), unavailable);
    if (!worker) {
      AdapterCallResult result = faultResult(unavailable);
      result.workerUnavailable = true;
      return result;
    }
    try {
      AdapterCallResult result = worker->call(request, settings_.callTimeoutMs);
      giveBack(std::move(worker));
      if (!everSucceeded_) {  // once per pool is enough: the version's record only needs the first
        everSucceeded_ = true;
        health_->succeeded(sha256_);
      }
      return result;
    } catch (const WorkerFault& fault) {
      worker.reset();  // already killed and reaped
      lost();
      lastFault = fault.what();
      // The cause only (a signal, an exit status, the deadline): never the message.
      Poco::Logger::get("gateway.plugins")
          .warning("plugin '%s' (%s): a worker was lost during a call, try %d of 2: %s", pluginName_,
                   sha256_.substr(0, 12), attempt, lastFault);
      if (auto reason = health_->failed(sha256_, pluginName_, fault))
        return faultResult("plugin '" + pluginName_ + "' is quarantined: " + *reason + "; this message: " + lastFault);
    }
  }
  const std::string reason = "a poison message: it failed two workers of plugin '" + pluginName_ + "' (" + lastFault + ")";
  if (key != 0) poison(key, reason);
  return faultResult(reason);
}

}  // namespace gw::worker
