// Credential checks that run before a handler reads anything of the request body. Every refusal is
// audited with the client's address; so is every admin request that passes.
#pragma once

#include "audit/AuditLog.hpp"
#include "config/GatewayConfig.hpp"
#include "http/Request.hpp"

namespace gw {

// Throws 401 when the admin key is missing or wrong, 403 when no admin key is configured. Audits the
// refusal, or the admin request ("admin.request", "<METHOD> <path>") when it passes.
void requireAdmin(const Request& request, const GatewayConfig& config, AuditLog& audit);
// The same for the group's own systems (FHIR read API), with server.group_key_sha256; a request that
// passes is audited by what it reads, not here.
void requireGroup(const Request& request, const GatewayConfig& config, AuditLog& audit);
// The group's systems or an operator; returns "group" or "admin".
std::string requireGroupOrAdmin(const Request& request, const GatewayConfig& config, AuditLog& audit);
// A partner (hospital or insurer) may act only as itself: 401 without a valid key, 403 with another
// partner's key. Failures are audited. `kind` is "hospital" or "insurer".
void requirePartner(const Request& request, const std::vector<PartnerConfig>& partners, const std::string& id,
                    const std::string& kind, AuditLog& audit);

// `event` with the request's client address as its source.
AuditEvent fromClient(const Request& request, AuditEvent event);

}  // namespace gw
