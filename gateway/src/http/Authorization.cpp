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

namespace gw {

void requirePartner(const Request& request, const std::vector<PartnerConfig>& partners, const std::string& id,
                    const std::string& kind, AuditLog& audit) {
  const std::string key = request.apiKey();
  std::string failure;
  std::string actor = "unknown";
  int status = 401;
  if (key.empty()) {
    failure = "a " + kind + " API key is required (X-API-Key header)";
  } else {
    for (const auto& partner : partners)
      if (partner.id == id && apiKeyMatches(key, partner.keySha256)) return;
    failure = "the API key is not valid for this " + kind;
    for (const auto& partner : partners) {
      if (!apiKeyMatches(key, partner.keySha256)) continue;
      failure = kind + " '" + partner.id + "' may act only as itself, not as '" + id + "'";
      status = 403;
      actor = kind + ":" + partner.id;
      break;
    }
  }
  audit.append({actor, "auth.fail", kind + "s/" + id, "denied", failure});
  throw HttpError(status, status == 403 ? "forbidden" : "unauthenticated", failure);
}

}  // namespace gw
