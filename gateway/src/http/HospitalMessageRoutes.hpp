// POST /v1/hospitals/{hospital}/messages, and the admin view of dead letters with replay.
#pragma once

#include "app/GatewayContext.hpp"
#include "http/Router.hpp"

namespace gw {

void addHospitalMessageRoutes(Router& router, GatewayContext& context);

}  // namespace gw
