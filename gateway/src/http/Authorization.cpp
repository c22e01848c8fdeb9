#include "http/Authorization.hpp"

#include "http/ApiKey.hpp"
#include "http/HttpError.hpp"

namespace gw {

namespace {

void requireKey(const Request& request, const std::string& expectedHash, const std::string& who,
                const std::string& configKey) {
  if (expectedHash.empty())
    throw HttpError(403, who + "_disabled", "the " + who + " API is disabled: " + configKey + " is not configured");
  const std::string key = request.apiKey();
  if (key.empty()) throw HttpError(401, "unauthenticated", "a " + who + " API key is required (X-API-Key header)");
  if (!apiKeyMatches(key, expectedHash)) throw HttpError(401, "unauthenticated", "the " + who + " API key is not valid");
}

}  // namespace

void requireAdmin(const Request& request, const GatewayConfig& config) {
  requireKey(request, config.server.adminKeySha256, "admin", "server.admin_key_sha256");
}

void requireGroup(const Request& request, const GatewayConfig& config) {
  requireKey(request, config.server.groupKeySha256, "group", "server.group_key_sha256");
}

}  // namespace gw
