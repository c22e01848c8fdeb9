// The insurer side: pull claims (a leased page rendered by the insurer's adapter), acknowledge them,
// and post remittances. Each insurer sees and touches only its own claims.
#pragma once

#include "app/GatewayContext.hpp"
#include "http/Router.hpp"
#include "plugin/PluginHost.hpp"
#include "store/GroupCommit.hpp"

namespace gw {

void addInsurerClaimRoutes(Router& router, GatewayContext& context, PluginHost& plugins, GroupCommit& commits);

}  // namespace gw
