// Every hospital's MLLP listener: bound at start, rebound on a reload only where the address or TLS changed
// (other settings apply to the next connection), stopped with the gateway before the store closes.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "mllp/MllpListener.hpp"

namespace gw::mllp {

class MllpListeners {
 public:
  explicit MllpListeners(IntakeServices services) : services_(services) {}
  ~MllpListeners() { stop(); }

  // Binds what `config` names and is not bound, stops what it no longer names. At start a listener that
  // cannot bind is an error (thrown, naming the hospital and address); on a reload it is logged and reported
  // by /readyz, and the others keep serving.
  void apply(const GatewayConfig& config, bool starting);
  void stop();

  // The bound port (for listen: HOST:0); 0 when the hospital has no listener.
  std::uint16_t port(const std::string& hospital) const;
  void renderMetrics(std::string& out) const;
  // Each configured listener: bound (and where), or why not.
  std::vector<ListenerStatus> status() const;

 private:
  IntakeServices services_;
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<MllpListener>> listeners_;
  std::map<std::string, std::string> failed_;  // hospital → why it is not listening
};

}  // namespace gw::mllp
