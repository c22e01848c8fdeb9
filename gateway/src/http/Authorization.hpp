// Credential checks that run before a handler reads anything of the request body.
#pragma once

#include "audit/AuditLog.hpp"
#include "config/GatewayConfig.hpp"
#include "http/Request.hpp"

namespace gw {

// Throws 401 when the admin key is missing or wrong, 403 when no admin key is configured.
void requireAdmin(const Request& request, const GatewayConfig& config);
// The same for the group's own systems (FHIR read API), with server.group_key_sha256.
void requireGroup(const Request& request, const GatewayConfig& config);
// A partner (hospital or insurer) may act only as itself: 401 without a valid key, 403 with another
// partner's key. Failures are audited. `kind` is "hospital" or "insurer".
void requirePartner(const Request& request, const std::vector<PartnerConfig>& partners, const std::string& id,
                    const std::string& kind, AuditLog& audit);

}  // namespace gw
