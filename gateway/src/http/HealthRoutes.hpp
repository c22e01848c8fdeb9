// /healthz (the process answers), /readyz (store reachable, plugins loaded) and /metrics.
#pragma once

#include "app/GatewayContext.hpp"
#include "http/Router.hpp"

namespace gw {

void addHealthRoutes(Router& router, GatewayContext& context);

}  // namespace gw
