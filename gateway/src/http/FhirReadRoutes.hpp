// The FHIR read API for the group's own systems: read, search by identifier or patient, history.
#pragma once

#include "app/GatewayContext.hpp"
#include "http/Router.hpp"

namespace gw {

void addFhirReadRoutes(Router& router, GatewayContext& context);

}  // namespace gw
