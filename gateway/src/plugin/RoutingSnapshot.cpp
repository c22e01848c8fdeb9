#include "plugin/RoutingSnapshot.hpp"

namespace gw {

std::shared_ptr<const AdapterInstance> RoutingSnapshot::partner(const std::string& partnerId) const {
  auto it = contents_.routes.find(partnerId);
  return it == contents_.routes.end() ? nullptr : it->second;
}

std::string RoutingSnapshot::unroutedReason(const std::string& partnerId) const {
  if (contents_.routes.count(partnerId)) return {};
  auto it = contents_.unrouted.find(partnerId);
  if (it != contents_.unrouted.end()) return it->second;
  if (contents_.scans == 0) return "the plugin folder has not been scanned yet";
  return "partner '" + partnerId + "' is not configured";
}

}  // namespace gw
