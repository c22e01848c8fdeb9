// Pre-authorisation and guarantee of payment: the group requests one for planned care, the group and the
// hospital follow its state, and an operator releases a final claim held over its guarantee.
#pragma once

#include "app/GatewayContext.hpp"
#include "http/Router.hpp"
#include "store/GroupCommit.hpp"

namespace gw {

void addPreauthorizationRoutes(Router& router, GatewayContext& context, GroupCommit& commits);

}  // namespace gw
