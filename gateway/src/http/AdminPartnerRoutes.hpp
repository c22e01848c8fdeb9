// GET /v1/admin/partners: the configured hospitals and insurers (ids, adapters, key fingerprints).
#pragma once

#include "app/GatewayContext.hpp"
#include "http/Router.hpp"

namespace gw {

void addAdminPartnerRoutes(Router& router, GatewayContext& context);

}  // namespace gw
