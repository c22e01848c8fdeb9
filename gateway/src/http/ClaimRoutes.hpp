// The group's view of its claims: lifecycle of one claim, aging lists, settlements per hospital,
// and billing an encounter by hand.
#pragma once

#include "app/GatewayContext.hpp"
#include "http/Router.hpp"
#include "store/GroupCommit.hpp"

namespace gw {

void addClaimRoutes(Router& router, GatewayContext& context, GroupCommit& commits);

}  // namespace gw
