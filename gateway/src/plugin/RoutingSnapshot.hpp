// Immutable: which adapter instance serves each partner, and why the others are not served. A request takes
// one snapshot and holds it for its whole life; the host publishes a new one after each change.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "plugin/AdapterInstance.hpp"
#include "plugin/PluginLibrary.hpp"
#include "plugin/PluginRefused.hpp"

namespace gw {

class RoutingSnapshot {
 public:
  struct Contents {
    std::map<std::string, std::shared_ptr<const AdapterInstance>> routes;  // by partner id
    std::map<std::string, std::string> unrouted;                           // partner id -> reason
    // Partners still served by their running instance because an edit of a file their options name was
    // refused by the adapter: partner id -> the adapter's reason.
    std::map<std::string, std::string> reloadsRefused;
    std::vector<std::shared_ptr<const PluginLibrary>> plugins;             // loaded and in use
    std::vector<PluginRefusal> refusals;                                   // files not loaded
    std::uint64_t scans = 0;                                               // folder scans completed
  };

  RoutingSnapshot() = default;
  explicit RoutingSnapshot(Contents contents) : contents_(std::move(contents)) {}

  std::shared_ptr<const AdapterInstance> partner(const std::string& partnerId) const;  // null when unrouted
  std::string unroutedReason(const std::string& partnerId) const;  // e.g. "adapter 'x' is not loaded"

  const std::map<std::string, std::shared_ptr<const AdapterInstance>>& routes() const { return contents_.routes; }
  const std::map<std::string, std::string>& unrouted() const { return contents_.unrouted; }
  const std::map<std::string, std::string>& reloadsRefused() const { return contents_.reloadsRefused; }
  const std::vector<std::shared_ptr<const PluginLibrary>>& plugins() const { return contents_.plugins; }
  const std::vector<PluginRefusal>& refusals() const { return contents_.refusals; }
  std::uint64_t scans() const { return contents_.scans; }

 private:
  Contents contents_;
};

}  // namespace gw
