// Credential checks that run before a handler reads anything of the request body.
#pragma once

#include "config/GatewayConfig.hpp"
#include "http/Request.hpp"

namespace gw {

// Throws 401 when the admin key is missing or wrong, 403 when no admin key is configured.
void requireAdmin(const Request& request, const GatewayConfig& config);
// The same for the group's own systems (FHIR read API), with server.group_key_sha256.
void requireGroup(const Request& request, const GatewayConfig& config);

}  // namespace gw
