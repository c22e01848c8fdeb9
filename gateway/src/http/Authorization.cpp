#include "http/Authorization.hpp"

#include "http/ApiKey.hpp"
#include "http/HttpError.hpp"

namespace gw {

void requireAdmin(const Request& request, const GatewayConfig& config) {
  if (config.server.adminKeySha256.empty())
    throw HttpError(403, "admin_disabled", "the admin API is disabled: server.admin_key_sha256 is not configured");
  const std::string key = request.apiKey();
  if (key.empty()) throw HttpError(401, "unauthenticated", "an admin API key is required (X-API-Key header)");
  if (!apiKeyMatches(key, config.server.adminKeySha256))
    throw HttpError(401, "unauthenticated", "the admin API key is not valid");
}

}  // namespace gw
