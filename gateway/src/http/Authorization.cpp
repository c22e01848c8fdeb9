#include "http/Authorization.hpp"

#include "http/ApiKey.hpp"
#include "http/HttpError.hpp"

namespace gw {

namespace {

void checkKey(const Request& request, const std::string& expectedHash, const std::string& who,
              const std::string& configKey) {
  if (expectedHash.empty())
    throw HttpError(403, who + "_disabled", "the " + who + " API is disabled: " + configKey + " is not configured");
  const std::string key = request.apiKey();
  if (key.empty()) throw HttpError(401, "unauthenticated", "a " + who + " API key is required (X-API-Key header)");
  if (!apiKeyMatches(key, expectedHash)) throw HttpError(401, "unauthenticated", "the " + who + " API key is not valid");
}

void checkAdmin(const Request& request, const GatewayConfig& config) {
  checkKey(request, config.server.adminKeySha256, "admin", "server.admin_key_sha256");
}

void checkGroup(const Request& request, const GatewayConfig& config) {
  checkKey(request, config.server.groupKeySha256, "group", "server.group_key_sha256");
}

// Runs `check`; a refusal is audited, then thrown on.
template <typename Check>
void auditedCheck(const Request& request, AuditLog& audit, Check check) {
  try {
    check();
  } catch (const HttpError& e) {
    audit.append(
        fromClient(request, {"unknown", "auth.fail", request.method() + " " + request.path(), "denied", e.what()}));
    throw;
  }
}

}  // namespace

AuditEvent fromClient(const Request& request, AuditEvent event) {
  event.source = request.clientAddress();
  return event;
}

void requireAdmin(const Request& request, const GatewayConfig& config, AuditLog& audit) {
  auditedCheck(request, audit, [&] { checkAdmin(request, config); });
  audit.append(fromClient(request, {"admin", "admin.request", request.method() + " " + request.path(), "ok", ""}));
}

void requireGroup(const Request& request, const GatewayConfig& config, AuditLog& audit) {
  auditedCheck(request, audit, [&] { checkGroup(request, config); });
}

std::string requireGroupOrAdmin(const Request& request, const GatewayConfig& config, AuditLog& audit) {
  try {
    checkGroup(request, config);
    return "group";
  } catch (const HttpError&) {
  }
  requireAdmin(request, config, audit);
  return "admin";
}

void requirePartner(const Request& request, const std::vector<PartnerConfig>& partners, const std::string& id,
                    const std::string& kind, AuditLog& audit) {
  const std::string key = request.apiKey();
  const std::string certificate = request.clientCertificateSha256();
  std::string failure;
  std::string actor = "unknown";
  int status = 401;
  // A certificate bound to a partner authenticates that partner only, whatever key comes with it.
  const PartnerConfig* certificateOwner = nullptr;
  if (!certificate.empty())
    for (const auto& partner : partners)
      if (partner.certificateSha256 == certificate) certificateOwner = &partner;
  if (key.empty()) {
    failure = "a " + kind + " API key is required (X-API-Key header)";
  } else {
    for (const auto& partner : partners) {
      if (partner.id != id || !apiKeyMatches(key, partner.keySha256)) continue;
      const bool certificateFits = partner.certificateSha256.empty() ? !certificateOwner || certificateOwner == &partner
                                                                     : partner.certificateSha256 == certificate;
      if (certificateFits) return;
      failure = certificate.empty() ? kind + " '" + id + "' must present its bound TLS client certificate"
                                    : "the TLS client certificate is not the one bound to " + kind + " '" + id + "'";
      audit.append(fromClient(request, {kind + ":" + id, "auth.fail", kind + "s/" + id, "denied", failure}));
      throw HttpError(403, "forbidden", failure);
    }
    failure = "the API key is not valid for this " + kind;
    for (const auto& partner : partners) {
      if (!apiKeyMatches(key, partner.keySha256)) continue;
      failure = kind + " '" + partner.id + "' may act only as itself, not as '" + id + "'";
      status = 403;
      actor = kind + ":" + partner.id;
      break;
    }
  }
  audit.append(fromClient(request, {actor, "auth.fail", kind + "s/" + id, "denied", failure}));
  throw HttpError(status, status == 403 ? "forbidden" : "unauthenticated", failure);
}

}  // namespace gw
