// POST /v1/hospitals/{hospital}/messages, and the admin view of dead letters with replay.
#pragma once

#include "app/GatewayContext.hpp"
#include "http/Router.hpp"
#include "plugin/PluginHost.hpp"
#include "store/GroupCommit.hpp"

namespace gw {

void addHospitalMessageRoutes(Router& router, GatewayContext& context, PluginHost& plugins, GroupCommit& commits);

}  // namespace gw
