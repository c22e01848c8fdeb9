// POST /v1/hospitals/{hospital}/hip: HIPMessageServer(action, message) over SOAP 1.2 for Chinese hospital
// information platforms, into the same MessageIntake as the HTTP route; GET …/hip?wsdl: its WSDL.
#pragma once

#include "app/GatewayContext.hpp"
#include "http/Router.hpp"
#include "plugin/PluginHost.hpp"
#include "store/GroupCommit.hpp"

namespace gw {

void addHipSoapRoutes(Router& router, GatewayContext& context, PluginHost& plugins, GroupCommit& commits);

}  // namespace gw
