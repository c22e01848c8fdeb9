// GET /v1/admin/plugins (loaded plugins, refused files, unrouted partners) and POST /v1/admin/plugins/reload.
#pragma once

#include "app/GatewayContext.hpp"
#include "http/Router.hpp"
#include "plugin/PluginHost.hpp"

namespace gw {

void addAdminPluginRoutes(Router& router, GatewayContext& context, PluginHost& plugins);

}  // namespace gw
